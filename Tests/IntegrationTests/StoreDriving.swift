import ChatStore
import Testing

extension Store {
    /// Types `text` into the input box.
    nonisolated func type(_ text: String) async {
        await send(.user(.focus(.input)))
        await send(.user(.type(text)))
    }

    /// Starts a new chat and sends `prompt` in it; the state after the send.
    @discardableResult
    nonisolated func ask(_ prompt: String) async -> AppState {
        await send(.command(.newChat))
        await type(prompt)
        return await send(.command(.send))
    }

    /// Waits (up to 20 s, to avoid hanging) until `condition` holds; records an issue naming
    /// `what` when it never does, and returns the state either way.
    @discardableResult
    nonisolated func waitUntil(_ what: String, _ condition: @Sendable (AppState) -> Bool) async -> AppState {
        for _ in 0..<2000 {
            let state = await self.state
            if condition(state) { return state }
            try? await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("timed out waiting for \(what)")
        return await self.state
    }
}

/// A test rig around a store: typing and waiting go to its store.
protocol StoreDriving {
    var store: Store { get }
}

extension StoreDriving {
    func type(_ text: String) async { await store.type(text) }

    @discardableResult
    func ask(_ prompt: String) async -> AppState { await store.ask(prompt) }

    @discardableResult
    func waitUntil(_ what: String, _ condition: @Sendable (AppState) -> Bool) async -> AppState {
        await store.waitUntil(what, condition)
    }
}
