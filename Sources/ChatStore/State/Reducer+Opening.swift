import ChatArchive
import ChatModel
import ChatRender

/// Opening a conversation from the archive, and reloading it from the server.
extension Reducer {
    static func conversationLoaded(
        _ state: inout AppState, _ conversation: Conversation, _ summary: ConversationSummary?,
        _ memory: BranchMemory, _ draft: String?, _ focusNode: String?, assets: [String: LocalAsset] = [:],
        marks: [String: MessageMark] = [:]
    ) -> [Effect] {
        let tree = ConversationTree(conversation)
        var leaf = memory.mostRecent(among: tree.leaves) ?? tree.currentLeaf
        if let focusNode, tree.node(focusNode) != nil {
            leaf = tree.leaf(under: focusNode, memory: memory)
        }
        // The draft first: its line count sets the input box height, and so the pane's size.
        state.input = TextEditor(draft ?? "")
        var open = OpenConversation(
            id: conversation.id, title: conversation.displayTitle, source: summary?.source ?? "archive", tree: tree,
            leaf: leaf, memory: memory, width: state.geometry.paneColumns, showReasoning: state.showReasoning,
            assets: assets, marks: marks, continueKey: state.continueKey)
        open.memory.visit(leaf)
        if let focusNode, let index = open.turnIndex(containing: focusNode) {
            open.selected = index
            // Laid out around the last turn: lay out around the one to show instead.
            if !open.layout.deferredTexts.isEmpty {
                open.relayout()
            }
        }
        open.revealSelection(rows: state.geometry.paneRows)
        state.open = open
        if let first = tree.repairs.first {
            let more = tree.repairs.count > 1 ? " (+\(tree.repairs.count - 1) more repairs)" : ""
            state.message = StatusMessage("Repaired: \(first)\(more)", kind: .warning)
        } else {
            state.message = nil
        }
        var effects: [Effect] = [
            .saveBranchMemory(conversationID: open.id, memory: open.memory),
            .saveSetting(key: lastOpenSetting, value: open.id),
        ]
        if let backend = state.backend, backend.sourceName == open.source {
            // The cached copy shows at once; the server's copy replaces it when it arrives.
            effects.append(.fetchConversation(id: open.id))
            if conversation.mapping.count <= 1 {
                state.message = StatusMessage("Loading from \(backend.name)…", kind: .progress)
            }
        }
        open.hasTitle = OpenConversation.isOwnTitle(conversation.title)
        open.isPinned = summary?.facts.pinnedTime != nil
        state.open = open
        return effects
    }

    /// Ctrl-R: the server's copy of the open conversation (the archive's, for an import).
    static func reload(_ state: inout AppState) -> [Effect] {
        guard let open = state.open, !open.isPending else { return [] }
        state.message = StatusMessage("Reloading…", kind: .progress)
        if state.backend?.sourceName == open.source { return [.fetchConversation(id: open.id)] }
        return [.loadConversation(id: open.id, focusNode: nil)]
    }
}
