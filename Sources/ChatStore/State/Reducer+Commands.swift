import ChatConfig

/// Every key command, by area, in the order of the help overlay. The switch has no `default`:
/// a new ``Command`` that nothing here handles does not compile. A command comes here only when
/// ``Availability/disabledReason(_:in:)`` finds no reason against it (``Reducer/reduce(_:_:)``
/// shows the reason instead), so the work below need not say why it cannot act.
extension Reducer {
    static func perform(_ command: Command, _ argument: CommandArgument?, _ state: inout AppState) -> [Effect] {
        switch command {
        // Application (Reducer+Overlays.swift)
        case .quit: return quit(&state)
        case .forceQuit: return forceQuit(&state)
        case .interrupt: return interrupt(&state)
        case .help: return toggleHelp(&state)
        case .cancel: return cancel(&state)
        case .search: return showSearch(&state)
        // Focus and movement (Reducer+Navigation.swift)
        case .focusNext: return cycleFocus(&state, by: 1)
        case .focusPrev: return cycleFocus(&state, by: -1)
        case .selectNext: return move(&state, by: 1)
        case .selectPrev: return move(&state, by: -1)
        case .halfPageDown: return move(&state, by: max(1, pageSize(state) / 2), scrollPane: true)
        case .halfPageUp: return move(&state, by: -max(1, pageSize(state) / 2), scrollPane: true)
        case .pageDown: return move(&state, by: pageSize(state), scrollPane: true)
        case .pageUp: return move(&state, by: -pageSize(state), scrollPane: true)
        case .top: return move(&state, by: Int.min / 2)
        case .bottom: return move(&state, by: Int.max / 2)
        // Conversation list (Reducer+Navigation.swift)
        case .open: return openSelected(&state)
        case .filter: return beginFilter(&state)
        case .toggleArchived: return toggleArchived(&state)
        // Messages and branches (Reducer+Navigation.swift, Reducer+Overlays.swift, Reducer+Links.swift,
        // Reducer+Compare.swift)
        case .siblingPrev: return switchSibling(&state, by: -1)
        case .siblingNext: return switchSibling(&state, by: 1)
        case .branchPointPrev: return jumpBranchPoint(&state, direction: -1)
        case .branchPointNext: return jumpBranchPoint(&state, direction: 1)
        case .treeOverview: return showTree(&state)
        case .compareVersions: return toggleCompare(&state)
        case .toggleReasoning: return toggleReasoning(&state)
        case .copyMessage: return copyMessage(&state)
        case .copyCodeBlock:
            guard case .digit(let n)? = argument else { return [] }
            return copyCodeBlock(&state, n)
        case .openLink: return showLinks(&state)
        case .viewImage: return showImages(&state)
        // Chatting (Reducer+Sending.swift, Reducer+Manage.swift)
        case .newChat: return newChat(&state)
        case .regenerate: return regenerate(&state)
        case .editPrompt: return editPrompt(&state)
        case .continueAnswer: return continueAnswer(&state)
        case .reload: return reload(&state)
        case .rename: return beginRename(&state)
        case .archive: return toggleArchive(&state)
        case .delete: return askDelete(&state)
        case .togglePin: return togglePin(&state)
        case .pickModel: return pickModel(&state)
        case .pickProfile: return pickProfile(&state)
        // Input box (Reducer+Input.swift)
        case .send: return submit(&state)
        case .openEditor: return openEditor(&state)
        case .inputUp where upEditsLastPrompt(state): return editLastPrompt(&state)
        case .inputNewline: return applyEdit(&state, .newline)
        case .inputLeft: return applyEdit(&state, .left)
        case .inputRight: return applyEdit(&state, .right)
        case .inputUp: return applyEdit(&state, .up)
        case .inputDown: return applyEdit(&state, .down)
        case .inputWordLeft: return applyEdit(&state, .wordLeft)
        case .inputWordRight: return applyEdit(&state, .wordRight)
        case .inputHome: return applyEdit(&state, .lineStart)
        case .inputEnd: return applyEdit(&state, .lineEnd)
        case .inputBackspace: return applyEdit(&state, .backspace)
        case .inputDelete: return applyEdit(&state, .deleteForward)
        case .inputDeleteWord: return applyEdit(&state, .deleteWordBackward)
        case .inputKillLine: return applyEdit(&state, .killLine)
        case .inputKillToEnd: return applyEdit(&state, .killToLineEnd)
        }
    }
}
