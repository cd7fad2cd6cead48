import ChatModel
import Foundation

/// What the store's effects reach: the archive, and the terminal's clipboard.
public struct StoreEnvironment: Sendable {
    /// The SQLite archive.
    public var archive: Archive
    /// Puts text on the clipboard (OSC 52 in the terminal).
    public var copy: @Sendable (String) -> Void

    /// Creates an environment.
    public init(archive: Archive, copy: @escaping @Sendable (String) -> Void = { _ in }) {
        self.archive = archive
        self.copy = copy
    }
}

/// The single owner of `AppState`: actions go in, effects run, snapshots come out.
public actor Store {
    /// The current state.
    public private(set) var state: AppState
    private let environment: StoreEnvironment

    /// Creates a store.
    public init(state: AppState, environment: StoreEnvironment) {
        self.state = state
        self.environment = environment
    }

    /// Applies an action and every action its effects feed back, then returns the new state.
    @discardableResult
    public func send(_ action: AppAction) -> AppState {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            let effects = Reducer.reduce(&state, next)
            for effect in effects {
                if let result = run(effect) { queue.append(result) }
            }
        }
        return state
    }

    /// Saves run in order on a queue of their own, so a key never waits for the disk; a
    /// failed save comes back as `.failed`.
    private let writes = DispatchQueue(label: "chatterm.store.writes")

    private func writeBehind(_ save: @escaping @Sendable () throws -> Void) {
        writes.async { [weak self] in
            do {
                try save()
            } catch {
                let message = "Could not save: \(error)"
                Task { await self?.send(.failed(message)) }
            }
        }
    }

    /// Waits until every save queued so far is on disk (before quitting).
    public func flush() {
        writes.sync {}
    }

    /// Runs one effect against the environment; returns the action carrying its result.
    func run(_ effect: Effect) -> AppAction? {
        let archive = environment.archive
        do {
            switch effect {
            case .loadSidebar(let archived, let offset, let limit):
                let count = try archive.count(archived: archived)
                let rows = try archive.summaries(archived: archived, offset: offset, limit: limit)
                return .sidebarLoaded(count: count, offset: offset, rows: rows)
            case .filterSidebar(let archived, let text):
                let rows = try archive.summaries(archived: archived, titleContaining: text, limit: 1000)
                return .sidebarFiltered(query: text, rows: rows)
            case .loadConversation(let id, let focusNode):
                flush()  // reads see every save queued before them
                guard let conversation = try archive.conversation(id: id) else {
                    return .failed("Conversation \(id) is not in the archive")
                }
                return .conversationLoaded(
                    conversation, summary: try archive.summary(id: id), memory: try archive.branchMemory(for: id),
                    draft: try archive.draft(for: id), focusNode: focusNode)
            case .loadDraft(let key):
                flush()
                return .draftLoaded(key: key, text: try archive.draft(for: key) ?? "")
            case .saveDraft(let key, let text):
                writeBehind { try archive.saveDraft(text, for: key) }
            case .saveBranchMemory(let id, let memory):
                writeBehind { try archive.saveBranchMemory(memory, for: id) }
            case .saveSetting(let key, let value):
                writeBehind { try archive.setSetting(key, value) }
            case .search(let query):
                return .searchFinished(query: query, hits: try archive.search(query, limit: SearchState.maxHits))
            case .copy(let text):
                environment.copy(text)
            }
        } catch {
            return .failed("\(error)")
        }
        return nil
    }
}
