import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import ChatRender
import Foundation

/// What the store's effects reach: the archive, the chat backend, and the terminal.
public struct StoreEnvironment: Sendable {
    /// The SQLite archive (imports, and the cache of the backend's conversations).
    public var archive: Archive
    /// The chat backend; nil leaves the archive read-only.
    public var backend: (any ChatBackend)?
    /// Connects a profile by name (the executable knows how); nil: profiles cannot be switched.
    public var connectProfile: (@Sendable (String) async throws -> (any ChatBackend, BackendInfo))?
    /// The clipboard, the browser and the editor; the default has none of them.
    public var terminal: TerminalServices

    /// Creates an environment.
    public init(archive: Archive, backend: (any ChatBackend)? = nil, terminal: TerminalServices = .none) {
        self.archive = archive
        self.backend = backend
        self.terminal = terminal
    }
}

/// The single owner of `AppState`: actions go in, effects run, snapshots come out.
public actor Store {
    /// The current state, with every streamed text received so far applied.
    public var state: AppState {
        applyCoalescedText()
        return current
    }
    /// The state as the reducer last left it (streamed text may wait in ``coalescedText``).
    var current: AppState
    /// Streamed text not applied yet: consecutive deltas of one message are joined and applied
    /// as one when the state is next read (at most once a frame) or another action arrives,
    /// so a fast stream lays its answer out once a frame instead of once a delta.
    var coalescedText: [CoalescedText] = []
    var environment: StoreEnvironment
    /// Yields whenever state changed without a key: a stream event, a network result. The
    /// run loop redraws on it (at most once a frame, however fast events arrive).
    public nonisolated let changes: AsyncStream<Void>
    let changed: AsyncStream<Void>.Continuation
    /// Yields when the store has just become settled (see ``isSettled``), for the run loop's
    /// idle report; nothing else needs it.
    public nonisolated let settles: AsyncStream<Void>
    let settled: AsyncStream<Void>.Continuation
    /// How many actions the reducer has applied: a frame drawn from the state at revision n
    /// shows everything up to it (see Store+Activity.swift).
    var revision = 0
    /// Effects at work off the actor: their tasks and the saves behind the keys.
    var effectsInFlight = 0
    private let clock = ContinuousClock()
    private let epoch: ContinuousClock.Instant
    /// Streaming answers, by request id.
    var streamTasks: [String: Task<Void, Never>] = [:]
    /// The last of the terminal's jobs (see Store+Terminal.swift); each waits for the one before.
    var terminalWork: Task<Void, Never>?
    /// Drafts not on disk yet, by key (see Store+Drafts.swift).
    var pendingDrafts: [String: PendingDraft] = [:]
    var draftGeneration = 0
    var isSavingDraft = false
    var draftRetry: Task<Void, Never>?
    var draftRetryDelay = Store.firstDraftRetryDelay

    /// Creates a store.
    public init(state: AppState, environment: StoreEnvironment) {
        self.current = state
        self.environment = environment
        (changes, changed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (settles, settled) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        epoch = clock.now
    }

    /// Seconds since the store was created.
    func now() -> Double {
        let elapsed = clock.now - epoch
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Applies an action and every action its effects feed back, waits until the terminal did
    /// what they asked of it (the editor closed, say), then returns the new state.
    @discardableResult
    public func send(_ action: AppAction) async -> AppState {
        dispatch(action)
        await terminalFinished()
        return current
    }

    /// Applies an action and every action its effects feed back, without waiting for the terminal.
    func dispatch(_ action: AppAction) {
        applyCoalescedText()
        reduce(action, at: now())
    }

    /// Reduces an action and every action its effects feed back.
    private func reduce(_ action: AppAction, at time: Double) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            revision += 1
            current.now = time
            let effects = Reducer.reduce(&current, next)
            for effect in effects {
                if let result = run(effect) { queue.append(result) }
                if let links = forkLinks(after: effect) { queue.append(links) }
            }
        }
    }

    /// Applies an action that did not come from a key, and tells the run loop to redraw.
    /// Streamed text waits to be joined with the deltas that follow it (see ``coalescedText``),
    /// except a stream's first text, whose time the status line reports.
    func feed(_ action: AppAction) {
        if case .stream(let stream, .item(.event(.textAppended(messageID: let message, suffix: let text)))) = action,
            current.streams[stream]?.firstTextAt != nil
        {
            let time = now()
            if let last = coalescedText.indices.last, coalescedText[last].stream == stream,
                coalescedText[last].message == message
            {
                coalescedText[last].text += text
                coalescedText[last].time = time
            } else {
                coalescedText.append(CoalescedText(stream: stream, message: message, text: text, time: time))
            }
        } else {
            dispatch(action)
        }
        changed.yield()
    }

    /// Applies the streamed text waiting in ``coalescedText``, in the order it came.
    private func applyCoalescedText() {
        guard !coalescedText.isEmpty else { return }
        let waiting = coalescedText
        coalescedText = []
        for entry in waiting {
            reduce(
                .stream(id: entry.stream, .item(.event(.textAppended(messageID: entry.message, suffix: entry.text)))),
                at: entry.time)
        }
    }

    /// Saves run in order on a queue of their own, so a key never waits for the disk; a
    /// failed save comes back as `.failed` (drafts: see Store+Drafts.swift).
    let writes = DispatchQueue(label: "chatterm.store.writes")

    private func writeBehind(_ save: @escaping @Sendable () throws -> Void) {
        effectStarted()
        writes.async { [weak self] in
            let failure = Self.failure(save)
            Task {
                if let failure { await self?.feed(.failed("Could not save: \(failure)")) }
                await self?.effectFinished()
            }
        }
    }

    /// Waits until every save queued so far is on disk, then tries once more to save the
    /// drafts still held in memory (before quitting, and before reading the archive).
    public func flush() {
        writes.sync {}
        saveDraftsNow()
    }

    /// After a conversation is read, its fork links, when it has any (``Archive/forkLinks(of:)``).
    private func forkLinks(after effect: Effect) -> AppAction? {
        guard case .loadConversation(let id, _) = effect,
            let links = try? environment.archive.forkLinks(of: id), !links.isEmpty
        else { return nil }
        return .loaded(.forkLinks(conversationID: id, links))
    }

    /// Runs one effect against the environment; returns the action carrying its result.
    func run(_ effect: Effect) -> AppAction? {
        let archive = environment.archive
        do {
            switch effect {
            case .loadSidebar(let archived, let offset, let limit, let selecting):
                let index = try selecting.flatMap { try archive.listingIndex(of: $0, archived: archived) }
                let from = index.map { max(0, $0 - limit / 3) } ?? offset
                return .loaded(
                    .sidebar(try archive.listing(archived: archived, offset: from, limit: limit), selecting: index))
            case .filterSidebar(let archived, let text):
                let filter = ConversationFilter(parsing: text)
                let rows = try archive.summaries(archived: archived, matching: filter, limit: 1000)
                return .loaded(.filteredSidebar(query: text, rows: rows))
            case .loadConversation(let id, let focusNode):
                flush()  // reads see every save queued before them
                guard let conversation = try archive.conversation(id: id) else {
                    return .failed("Conversation \(id) is not in the archive")
                }
                return .loaded(
                    .conversation(
                        conversation, summary: try archive.summary(id: id), memory: try archive.branchMemory(for: id),
                        draft: try unsavedDraft(for: id) ?? archive.draft(for: id), focusNode: focusNode,
                        assets: Self.withPixelSizes(archive.localAssets(for: conversation.attachmentFileIDs)),
                        marks: try archive.marks(in: id)))
            case .saveLabel(let id, let node, let label):
                writeBehind { try archive.setLabel(label, conversationID: id, nodeID: node) }
            case .saveBookmark(let id, let node, let bookmarked, let time):
                writeBehind { try archive.setBookmark(bookmarked, conversationID: id, nodeID: node, at: time) }
            case .loadBookmarks:
                flush()
                return .loaded(.bookmarks(try archive.bookmarks()))
            case .fork(let origin, let node, let scope, let id, let source, let now):
                flush()  // the labels and branch memory saved so far come along
                return .loaded(
                    .forked(try archive.fork(origin, at: node, scope: scope, id: id, source: source, now: now)))
            case .loadDraft(let key):
                flush()
                return .loaded(.draft(key: key, text: try unsavedDraft(for: key) ?? archive.draft(for: key) ?? ""))
            case .saveDraft(let key, let draft):
                queueDraft(draft, for: key)
            case .saveBranchMemory(let id, let memory):
                writeBehind { try archive.saveBranchMemory(memory, for: id) }
            case .saveSetting(let key, let value):
                writeBehind { try archive.setSetting(key, value) }
            case .search(let query):
                return .loaded(.searchHits(query: query, hits: try Self.searchHits(query, in: archive)))
            case .copy, .openLink, .openFile, .editText:
                runTerminal(effect)
            case .prepareRenders(let id, let texts, let width):
                effectStarted()
                Task.detached(priority: .utility) { [weak self] in
                    MessageRenderCache.shared.prepare(texts, width: width)
                    await self?.feed(.loaded(.renders(conversationID: id, width: width)))
                    await self?.effectFinished()
                }
            case .markComparison(let layout):
                effectStarted()
                Task.detached(priority: .userInitiated) { [weak self] in
                    let marked = layout.marked()
                    await self?.feed(.loaded(.comparisonMarked(marked)))
                    await self?.effectFinished()
                }
            case .changeConversation(let id, .pinned(let pinned, let time), _):
                // A pin is the archive's, whatever the backend (the server is never told).
                do {
                    guard try archive.setLocalPin(pinned, id: id, at: time) else {
                        return .failed("This conversation is not in the archive, so it cannot be pinned here")
                    }
                } catch {
                    return .failed("Could not keep the pin: \(error)")
                }
                return .backend(.changed(id: id, .pinned(pinned, at: time)))
            case .changeConversation(let id, let change, false):
                // An imported conversation: the archive is all there is.
                try Self.apply(change, to: id, in: archive)
                return .backend(.changed(id: id, change))
            case .switchProfile(let name):
                switchProfile(name)
            case .startStream, .stopStream, .fetchConversation, .listRemote, .generateTitle, .changeConversation,
                .loadModels, .loadStarters, .loadAccount:
                runBackend(effect)
            }
        } catch {
            return .failed(ErrorSentence.of(error))
        }
        return nil
    }
}

/// Streamed text of one message waiting to be applied, and when its last delta came.
struct CoalescedText: Sendable {
    var stream: String
    var message: String
    var text: String
    var time: Double
}
