import ChatModel

/// The jump list (`Ctrl-O` back, `Alt-i` forward): a sibling switch, a branch-point jump, a tree
/// row or search hit opened and a conversation opened each record the place they leave
/// (``JumpList/record(_:)``); going back or forward shows a recorded place again, opening its
/// conversation first when another one is open.
extension Reducer {
    /// Records where the reader stands in the open conversation, before a jump leaves it.
    static func recordJump(_ state: inout AppState) {
        guard let position = state.open?.jumpPosition else { return }
        state.jumps.record(position)
    }

    /// `jump_back`: the place before this one in the jump list; with none, for a fork, the
    /// message of its origin it was forked from (``forkOrigin(_:)``, Reducer+Forks.swift).
    static func jumpBack(_ state: inout AppState) -> [Effect] {
        guard let current = state.open?.jumpPosition else { return [] }
        if let target = state.jumps.back(from: current) { return go(to: target, &state) }
        guard let origin = forkOrigin(state) else { return [] }
        recordJump(&state)
        return go(to: origin, &state)
    }

    /// `jump_forward`: the place after this one in the jump list.
    static func jumpForward(_ state: inout AppState) -> [Effect] {
        guard let target = state.jumps.forward() else { return [] }
        return go(to: target, &state)
    }

    /// Shows `position`: its branch and message in the open conversation, or its conversation
    /// opened at its message (the branch memory leads back to its leaf).
    private static func go(to position: JumpPosition, _ state: inout AppState) -> [Effect] {
        state.overlay = nil
        state.focus = .messages
        state.message = nil
        guard var open = state.open, open.id == position.conversationID else {
            return [.loadConversation(id: position.conversationID, focusNode: position.nodeID ?? position.leaf)]
        }
        if open.tree.node(position.leaf) != nil, open.leaf != position.leaf {
            open.show(leaf: position.leaf)
        }
        if let node = position.nodeID, let index = open.turnIndex(containing: node) {
            open.selected = index
        }
        open.revealSelection(rows: state.geometry.paneRows)
        state.open = open
        return [.saveBranchMemory(conversationID: open.id, memory: open.memory)]
    }
}

extension OpenConversation {
    /// Where the reader stands: this conversation, its branch and the selected message; nil for
    /// a new chat the server has not named (it cannot be opened again by id).
    public var jumpPosition: JumpPosition? {
        guard !isPending else { return nil }
        let node = turns.indices.contains(selected) ? turns[selected].id : nil
        return JumpPosition(conversationID: id, leaf: leaf, nodeID: node)
    }
}
