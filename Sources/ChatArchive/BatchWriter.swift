import Foundation

/// Writes batches of prepared conversations to the archive on a thread of its own, so
/// decoding (on the importing thread) and SQLite work (here) use both cores.
///
/// `@unchecked Sendable`: every mutable property is guarded by `condition`.
final class BatchWriter: @unchecked Sendable {
    private let archive: Archive
    private let source: String
    private let condition = NSCondition()
    private var queue: [[PreparedConversation]] = []
    private var closed = false
    private var finished = false
    private var failure: (any Error)?
    private var outcomes: [UpsertOutcome] = []
    /// Batches that may wait in the queue; bounds memory while SQLite is the slower side.
    private let capacity: Int

    init(archive: Archive, source: String, capacity: Int = 2) {
        self.archive = archive
        self.source = source
        self.capacity = capacity
        let thread = Thread { [self] in run() }
        thread.name = "chatterm.import.writer"
        thread.start()
    }

    /// Queues a batch, waiting while the queue is full. Throws the writer's error, if any.
    func submit(_ batch: [PreparedConversation]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity, failure == nil {
            condition.wait()
        }
        if let failure { throw failure }
        queue.append(batch)
        condition.broadcast()
    }

    /// Waits until every queued batch is written; returns the outcomes in order.
    func finish() throws -> [UpsertOutcome] {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !finished {
            condition.wait()
        }
        if let failure { throw failure }
        return outcomes
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty, !closed {
                condition.wait()
            }
            if queue.isEmpty {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue.removeFirst()
            let failed = failure != nil
            condition.unlock()
            if failed {
                condition.lock()
                condition.broadcast()
                condition.unlock()
                continue
            }
            do {
                let written = try archive.write(batch, source: source)
                condition.lock()
                outcomes.append(contentsOf: written)
            } catch {
                condition.lock()
                failure = error
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}
