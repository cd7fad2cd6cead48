import ChatArchive
import ChatModel
import TerminalCanvas

/// Forking (`F`): a new local conversation made of part of the open one's tree from the selected
/// message (``ForkScope``), kept under the source whose server can continue it, opened at once.
extension Reducer {
    /// The kinds of profile whose conversations chatterm's own server keeps in this archive (an
    /// engine behind the embedded `backend-api` server), so a fork kept under their source can
    /// be continued with them.
    static let archiveKeepingKinds: Set<String> = ["local", "openai", "coze"]

    /// The source a fork made now is kept under: the current profile's when its server keeps
    /// its history in this archive, else the embedded server's (`local`): a service that keeps
    /// the history itself (chatgpt.com, Dify) has never seen the fork and cannot continue it.
    static func forkSource(_ state: AppState) -> String {
        guard let backend = state.backend, let kind = backend.kind, archiveKeepingKinds.contains(kind) else {
            return Archive.localServerSource
        }
        return backend.sourceName
    }

    /// `fork`: the window to pick how much to copy from the selected message.
    static func beginFork(_ state: inout AppState) -> [Effect] {
        guard let open = state.open, open.turns.indices.contains(open.selected) else { return [] }
        let turn = open.turns[open.selected]
        let node = turn.nodeIDs.last ?? turn.id
        state.overlay = .fork(ForkPickerState(conversationID: open.id, nodeID: node, tree: open.tree))
        return []
    }

    /// Enter in the fork window: the archive makes the fork.
    static func commitFork(_ state: inout AppState, _ picker: ForkPickerState) -> [Effect] {
        state.overlay = nil
        state.message = StatusMessage("Forking…", kind: .progress)
        let dependencies = ReducerDependencies.current
        return [
            .fork(
                originID: picker.conversationID, nodeID: picker.nodeID, scope: picker.scope,
                id: dependencies.newID().lowercased(), source: forkSource(state), now: dependencies.date())
        ]
    }

    /// The fork is stored: it opens at the message it was made from (a jump: `jump_back` returns
    /// to the origin), and the list shows it.
    static func forked(_ state: inout AppState, _ made: MadeFork) -> [Effect] {
        recordJump(&state)
        var effects = conversationLoaded(
            &state, made.conversation, nil, made.memory, nil, made.link.originNodeID, marks: made.marks)
        state.open?.source = made.source
        state.open?.forkLinks = ForkLinks(origin: made.link)
        state.focus = .messages
        state.message = StatusMessage(forkedSentence(made, backend: state.backend?.sourceName))
        let sidebar = state.sidebar
        effects.append(
            .loadSidebar(
                archived: sidebar.showArchived, offset: sidebar.windowOffset, limit: sidebarLoadLimit(state),
                selecting: sidebar.showArchived ? nil : made.conversation.id))
        return effects
    }

    /// "Forked “Title” (3 messages): type below to continue it".
    static func forkedSentence(_ made: MadeFork, backend: String?) -> String {
        let title = TextSanitizer.cleanLine(made.link.originTitle ?? "Untitled")
        let count = made.visibleMessages == 1 ? "1 message" : "\(made.visibleMessages) messages"
        let next =
            backend == made.source
            ? "type below to continue it"
            : "switch to the profile \(TextSanitizer.cleanLine(made.source)) (P) to continue it"
        return "Forked “\(title)” (\(count)): \(next)"
    }

    /// Where a fork was made (its origin, at the message), when the open conversation is a fork
    /// whose origin is still stored.
    static func forkOrigin(_ state: AppState) -> JumpPosition? {
        guard let link = state.open?.forkLinks.origin, link.originTitle != nil else { return nil }
        return JumpPosition(conversationID: link.originID, leaf: link.originNodeID, nodeID: link.originNodeID)
    }

    /// A conversation's fork links arrived: the status line and the pane's title show them.
    static func forkLinksLoaded(_ state: inout AppState, _ id: String, _ links: ForkLinks) -> [Effect] {
        guard state.open?.id == id else { return [] }
        state.open?.forkLinks = links
        return []
    }
}
