import ChatArchive
import ChatStore
import Dispatch
import Foundation

/// The one redrawn progress line of `chatterm sync` on a terminal (stderr): list, pages,
/// fetched/skipped/failed, rate, and the countdown while a 429's `Retry-After` runs.
final class SyncProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = -1.0
    private var lastWaiting: Int?
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: SyncProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let waiting = p.waiting.map { Int($0.rounded(.up)) }
        // At most ten redraws a second, but every change of the countdown at once.
        guard p.elapsed - lastDraw >= 0.1 || waiting != lastWaiting else { return }
        lastDraw = p.elapsed
        lastWaiting = waiting
        drawn = true
        FileHandle.standardError.write(Data(("\r\u{1b}[2K" + Self.text(p)).utf8))
    }

    static func text(_ p: SyncProgress) -> String {
        var parts: [String] = []
        if let list = p.list { parts.append(list.rawValue) }
        var listed = "page \(p.pages), \(p.listed) listed"
        if let total = p.total { listed += " (server says \(total) in this list)" }
        parts.append(listed)
        parts.append("\(p.fetched) fetched")
        parts.append("\(p.skipped) up to date")
        if p.failed > 0 { parts.append("\(p.failed) failed") }
        parts.append(String(format: "%.1f/s", p.rate))
        if let waiting = p.waiting {
            parts.append("rate limited: resuming in \(Int(waiting.rounded(.up))) s")
        }
        return parts.joined(separator: " · ")
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1b}[2K".utf8)) }
        drawn = false
    }
}

/// What `chatterm sync` prints when it ends.
enum SyncSummary {
    /// The summary line (stdout), failures and the stop reason (stderr).
    static func print(_ r: SyncReport) {
        for failure in r.failures {
            warn("failed \(failure.id)\(failure.title.map { " (\(oneLine($0)))" } ?? ""): \(failure.reason)")
        }
        var line = "synced \(r.source): \(r.fetched) fetched (\(r.inserted) new, \(r.updated) updated), "
        line += "\(r.skipped) up to date, \(r.failures.count) failed; \(r.pages) pages, \(r.listed) listed"
        if r.retries > 0 { line += ", \(r.retries) retries" }
        line += String(format: ", %.1f s", r.seconds)
        say(line)
        switch r.stop {
        case .cancelled?:
            warn("chatterm: sync interrupted; the archive is consistent; run it again to go on")
        case .error(let why)?:
            warn("chatterm: sync stopped: \(why)")
        case nil:
            if !r.failures.isEmpty {
                let n = r.failures.count
                warn("chatterm: \(n) conversation\(n == 1 ? "" : "s") could not be fetched; run sync again to retry")
            }
        }
    }

    /// The machine-readable summary.
    static func json(_ r: SyncReport) -> String {
        var object: [String: Any] = [
            "source": r.source, "fetched": r.fetched, "inserted": r.inserted, "updated": r.updated,
            "skipped": r.skipped, "pages": r.pages, "listed": r.listed, "retries": r.retries,
            "seconds": (r.seconds * 1000).rounded() / 1000, "complete": r.succeeded,
            "failed": r.failures.map { f -> [String: Any] in
                ["id": f.id, "title": f.title ?? NSNull(), "reason": f.reason, "list": f.list.rawValue]
            },
            "lists": r.walks.map { w -> [String: Any] in
                [
                    "list": w.list.rawValue, "pages": w.pages, "listed": w.listed, "end": w.end.rawValue,
                    "completed": w.completed, "resumed": w.resumed,
                ]
            },
        ]
        switch r.stop {
        case .cancelled?: object["stopped"] = "cancelled"
        case .error(let why)?: object["stopped"] = why
        case nil: object["stopped"] = NSNull()
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The exit status: nil (0) when everything synced.
    static func exitCode(_ r: SyncReport) -> Int32? {
        switch r.stop {
        case .cancelled?: return 130
        case .error?: return 1
        case nil: return r.failures.isEmpty ? nil : 2
        }
    }

    private static func oneLine(_ s: String) -> String {
        String(s.map { $0.isNewline ? " " : $0 })
    }
}

/// Turns the first SIGINT or SIGTERM into `onInterrupt` (a clean stop); a second one exits at
/// once (the archive stays consistent: every write is one transaction).
final class InterruptWatch: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let lock = NSLock()
    private var count = 0

    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        var sources: [any DispatchSourceSignal] = []
        for signo in [SIGINT, SIGTERM] {
            signal(signo, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: signo, queue: .global()))
        }
        self.sources = sources
        for source in sources {
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                self.count += 1
                let n = self.count
                self.lock.unlock()
                if n == 1 {
                    onInterrupt()
                } else {
                    _exit(130)
                }
            }
            source.resume()
        }
    }

    /// Stops watching and restores the default handlers.
    func stop() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
