import ChatRender

/// The one place state changes: `reduce(&state, action)` returns the effects to run. Each group
/// of ``AppAction`` has its switch, in the file of its area: commands in Reducer+Commands.swift,
/// the rest in Reducer+Events.swift, and the work itself in Reducer+<area>.swift.
public enum Reducer {
    /// Setting key of the conversation open when chatterm last quit.
    public static let lastOpenSetting = "last_open_conversation"

    /// Applies an action to the state.
    public static func reduce(_ state: inout AppState, _ action: AppAction) -> [Effect] {
        var effects = apply(&state, action)
        if let open = state.open, !open.layout.deferredTexts.isEmpty, !open.rendersRequested {
            // Answers far from the screen were left unrendered: render them off the draw path.
            state.open?.rendersRequested = true
            effects.append(
                .prepareRenders(
                    conversationID: open.id, texts: open.layout.deferredTexts,
                    width: max(1, open.layout.width - PaneLayout.indent)))
        }
        if case .compare(var compare) = state.overlay, !compare.layout.isMarked, !compare.marksRequested {
            // A long pair was drawn unmarked: compare its words off the draw path.
            compare.marksRequested = true
            state.overlay = .compare(compare)
            effects.append(.markComparison(compare.layout))
        }
        return effects
    }

    private static func apply(_ state: inout AppState, _ action: AppAction) -> [Effect] {
        switch action {
        case .command(let command, let argument):
            if let why = Availability.disabledReason(command, in: state) {
                // A command that cannot act here changes nothing but the status line, which
                // says why (the sentence the help overlay shows under it).
                state.message = StatusMessage(why, kind: .warning)
                return []
            }
            return perform(command, argument, &state)
        case .user(let intent):
            return apply(intent, &state)
        case .terminal(let event):
            return apply(event, &state)
        case .loaded(let loaded):
            return apply(loaded, &state)
        case .stream(let id, let update):
            return apply(update, stream: id, &state)
        case .backend(let result):
            return apply(result, &state)
        case .drafts(.failed(let why)):
            state.draftSaveFailure = why
            return []
        case .drafts(.allSaved):
            state.draftSaveFailure = nil
            return []
        case .failed(let why):
            state.message = StatusMessage(why, kind: .error)
            return []
        }
    }
}
