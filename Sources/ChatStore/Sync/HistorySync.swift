import ChatArchive
import ChatClient
import ChatModel
import Foundation

/// Mirrors a backend's whole conversation history into the archive (`chatterm sync`,
/// PROTOCOL.md §1.3–§1.4, §8 items 9–10). Written against ``ChatBackend``, so it works for
/// every backend that can list its conversations.
///
/// Each list (the normal one, then the archived one) is read page by page, newest updated
/// first, in pages of at most 100, each page starting past what the server sent on the one
/// before (a server may serve fewer than asked, and say so in its `limit`). The list ends
/// where the server says (``ConversationPage/isLast``: an empty page, `total` reached, or
/// without a `total` a page short of the server's own `limit`), or at a page of nothing
/// new; ids repeated across pages are dropped. A conversation is fetched when the archive lacks it, holds
/// only its list entry, or holds an older `update_time`; its whole tree is stored with the
/// backend's source name, each conversation in one transaction, a few at a time.
///
/// Incremental: a walk that completes records the newest `update_time` it listed (the
/// mark, in `sync_state`). The next walk stops after the first page that reaches the mark,
/// so a run with nothing new reads one page per list. A walk that does not complete
/// (cancelled, stopped, or with failures) keeps the old mark, lowered below any
/// conversation that failed, so the next run walks on until it has covered what was missed.
///
/// ```swift
/// let report = await HistorySync(backend: client, archive: archive).run { progress in … }
/// ```
public struct HistorySync: Sendable {
    /// The largest page the ChatGPT list endpoint serves.
    public static let maxPageSize = 100
    /// A list time this much newer than the stored one counts as newer (the list's ISO
    /// strings and the detail's floats round differently).
    static let timeTolerance = 0.001

    /// The backend to read.
    public let backend: any ChatBackend
    /// The archive to write.
    public let archive: Archive
    /// What to do.
    public let options: SyncOptions

    /// Creates a sync of `backend` into `archive`.
    public init(backend: any ChatBackend, archive: Archive, options: SyncOptions = SyncOptions()) {
        self.backend = backend
        self.archive = archive
        self.options = options
    }

    /// Runs the sync and reports what it did. It never throws: a cancellation (the task is
    /// cancelled) or an error that stops it is in ``SyncReport/stop``, and what was stored
    /// before stays stored.
    public func run(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async -> SyncReport {
        let tally = SyncTally(onProgress: progress)
        let caller = PoliteCaller(tally: tally, policy: options.retry)
        var report = SyncReport(source: backend.sourceName)
        for list in options.lists {
            let (walk, stop) = await self.walk(list, tally: tally, caller: caller)
            report.walks.append(walk)
            if let stop {
                report.stop = stop
                break
            }
        }
        report.inserted = await tally.inserted
        report.updated = await tally.updated
        report.skipped = await tally.skipped
        report.failures = await tally.failures
        report.retries = await tally.retries
        report.seconds = await tally.seconds
        return report
    }

    /// Walks one list, then records in `sync_state` how far it got.
    private func walk(_ list: SyncList, tally: SyncTally, caller: PoliteCaller) async -> (
        SyncReport.Walk, SyncReport.Stop?
    ) {
        let source = backend.sourceName
        var walk = SyncReport.Walk(list: list, pages: 0, listed: 0, end: .stopped, completed: false, resumed: false)
        let previous: SyncListState?
        do {
            previous = try archive.syncState(source: source, list: list)
            try archive.beginSyncWalk(source: source, list: list)
        } catch {
            return (walk, .error("cannot record the sync state: \(error)"))
        }
        walk.resumed = previous.map { !$0.completed } ?? false
        await tally.beginList(list)
        let failuresBefore = await tally.failures.count
        var cursor = ListCursor(stopMark: options.full ? nil : previous?.mark, since: options.since)
        var stop: SyncReport.Stop?
        do {
            while true {
                try Task.checkCancellation()
                let offset = cursor.offset
                let size = options.pageSize
                let page: ConversationPage
                do {
                    page = try await caller.run {
                        try await backend.listConversations(offset: offset, limit: size, archived: list == .archived)
                    }
                } catch let error as SyncStopped {
                    throw error
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    try Task.checkCancellation()
                    throw SyncStopped(
                        description:
                            "cannot read the \(list.rawValue) list at offset \(offset): \(ErrorSentence.of(error))")
                }
                walk.pages += 1
                let fresh = cursor.take(page)
                walk.listed += fresh.count
                await tally.page(fresh: fresh.count, total: page.total)
                try await store(fresh, list: list, tally: tally, caller: caller)
                if let end = cursor.end(after: page, fresh: fresh) {
                    walk.end = end
                    break
                }
            }
        } catch let error as SyncStopped {
            stop = .error(error.description)
        } catch {
            stop = Task.isCancelled || error is CancellationError ? .cancelled : .error(ErrorSentence.of(error))
        }
        let failed = await Array(tally.failures.dropFirst(failuresBefore))
        walk.completed = stop == nil && failed.isEmpty && walk.end != .since
        let mark: Double?
        if walk.completed {
            mark = [previous?.mark, cursor.newest].compactMap { $0 }.max()
        } else {
            mark = Self.lowered(previous?.mark, below: failed)
        }
        do {
            try archive.finishSyncWalk(source: source, list: list, completed: walk.completed, mark: mark)
        } catch {
            stop = stop ?? .error("cannot record the sync state: \(error)")
        }
        return (walk, stop)
    }

    /// The mark to keep after a walk that did not complete: the old one, below every
    /// conversation that failed (nil when one of them has no time).
    static func lowered(_ mark: Double?, below failures: [SyncFailure]) -> Double? {
        guard var mark else { return nil }
        for failure in failures {
            guard let time = failure.updateTime else { return nil }
            mark = min(mark, time - timeTolerance)
        }
        return mark
    }

    /// Fetches and stores the conversations of a page that need it, `concurrency` at a time,
    /// and mends the archived flag of the ones that are current.
    private func store(_ fresh: [RemoteSummary], list: SyncList, tally: SyncTally, caller: PoliteCaller) async throws {
        var candidates = fresh
        if let since = options.since {
            candidates = fresh.filter { ($0.updateTime ?? .infinity) >= since }
        }
        let stored = try archive.storedVersions(candidates.map(\.id))
        var wanted: [RemoteSummary] = []
        for summary in candidates {
            if Self.needsFetch(summary, stored: stored[summary.id]) {
                wanted.append(summary)
            } else if let version = stored[summary.id], version.isArchived != summary.isArchived {
                try archive.setArchived(summary.isArchived, id: summary.id)
            }
        }
        await tally.skip(fresh.count - wanted.count)
        let backend = self.backend
        let archive = self.archive
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = wanted.makeIterator()
            for _ in 0..<options.concurrency {
                guard let next = pending.next() else { break }
                group.addTask {
                    try await Self.fetch(
                        next, list: list, backend: backend, archive: archive, tally: tally, caller: caller)
                }
            }
            while try await group.next() != nil {
                guard let next = pending.next() else { continue }
                group.addTask {
                    try await Self.fetch(
                        next, list: list, backend: backend, archive: archive, tally: tally, caller: caller)
                }
            }
        }
    }

    /// Whether a listed conversation must be fetched: not stored, stored as a list entry
    /// only, or stored older than the list says.
    static func needsFetch(_ summary: RemoteSummary, stored: StoredVersion?) -> Bool {
        guard let stored, stored.nodeCount > 0 else { return true }
        guard let listed = summary.updateTime else { return false }
        guard let local = stored.updateTime else { return true }
        return listed > local + timeTolerance
    }

    /// Fetches one conversation and stores it in one transaction; a failure is recorded and
    /// the sync goes on, unless it must stop (``SyncStopped``) or was cancelled.
    private static func fetch(
        _ summary: RemoteSummary, list: SyncList, backend: any ChatBackend, archive: Archive, tally: SyncTally,
        caller: PoliteCaller
    ) async throws {
        do {
            let id = summary.id
            let fetched = try await caller.run { try await backend.conversation(id: id) }
            try Task.checkCancellation()
            let outcome = try archive.upsert(
                fetched.conversation, raw: fetched.raw, source: backend.sourceName, replacing: true)
            await tally.stored(outcome)
        } catch let error as SyncStopped {
            throw error
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            await tally.fail(
                SyncFailure(
                    id: summary.id, title: summary.title, reason: ErrorSentence.of(error), list: list,
                    updateTime: summary.updateTime))
        }
    }
}

/// Where a list walk is: the next offset, the ids seen, the newest time listed, and the
/// rules that end the walk.
struct ListCursor {
    /// Stop after a page that reaches this time (the last complete walk's mark).
    let stopMark: Double?
    /// Stop after a page that reaches below this time.
    let since: Double?
    private(set) var offset = 0
    private(set) var newest: Double?
    private var seen = Set<String>()

    init(stopMark: Double?, since: Double?) {
        self.stopMark = stopMark
        self.since = since
    }

    /// The conversations of `page` not seen on an earlier page; moves the offset past what
    /// the server sent.
    mutating func take(_ page: ConversationPage) -> [RemoteSummary] {
        offset = page.nextOffset
        let fresh = page.items.filter { seen.insert($0.id).inserted }
        for time in fresh.compactMap(\.updateTime) where time > (newest ?? -.infinity) {
            newest = time
        }
        return fresh
    }

    /// Why the walk ends after `page`, or nil to read the next one.
    func end(after page: ConversationPage, fresh: [RemoteSummary]) -> SyncWalkEnd? {
        if page.isLast || fresh.isEmpty { return .end }
        // The list is newest first: once a page reaches a time, the rest are older.
        let times = fresh.compactMap(\.updateTime)
        guard times.count == fresh.count, let oldest = times.min() else { return nil }
        if let stopMark, oldest <= stopMark { return .caughtUp }
        if let since, oldest < since { return .since }
        return nil
    }
}
