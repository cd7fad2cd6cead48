import ChatArchive
import ChatConfig
import ChatModel
import ChatRender
import TerminalCanvas

/// Whether a command can do its work in a state, and if not, why (lazygit's
/// `GetDisabledReason`): the reducer refuses a command with a reason (``Reducer/reduce(_:_:)``
/// changes nothing then but the status line, which shows the reason), the footer leaves it out
/// and the help overlay shows the reason beside it.
///
/// The conditions are what the reducer's work needs, so its own guards only unwrap;
/// `CommandAvailabilityTests` runs the reducer on each case to keep the two agreeing. A command
/// is judged where the state would route it: the open overlay, else the focused pane.
public enum Availability {
    /// Why `command` would do nothing in `state`, as a sentence for a person; nil when it works.
    public static func disabledReason(_ command: Command, in state: AppState) -> String? {
        switch command {
        case .send: sendReason(state)
        case .regenerate: regenerateReason(state)
        case .continueAnswer: continueReason(state)
        case .fork: forkReason(state)
        case .editPrompt: editReason(state)
        case .newChat: state.backend == nil ? Reason.noBackend : nil
        case .pickModel: state.backend == nil ? Reason.noBackend : nil
        case .pickProfile: state.profiles.count > 1 ? nil : Reason.noOtherProfile
        case .rename, .archive, .delete, .togglePin: targetReason(state)
        case .reload: reloadReason(state)
        case .treeOverview: state.open == nil ? Reason.noConversation : nil
        case .listBranches: listBranchesReason(state)
        case .treeFold, .treeFoldAll, .treeOnlyPrompts, .treeSearch, .treeMatchNext, .treeMatchPrev:
            treeReason(command, state)
        case .compareVersions: compareReason(state)
        case .siblingPrev: stepReason(state, forward: false)
        case .siblingNext: stepReason(state, forward: true)
        case .branchPointPrev:
            compareSideReason(state, .right, forward: false) ?? branchPointReason(state, forward: false)
        case .branchPointNext:
            compareSideReason(state, .right, forward: true) ?? branchPointReason(state, forward: true)
        case .jumpBack: jumpReason(state, forward: false)
        case .jumpForward: jumpReason(state, forward: true)
        case .labelMessage, .toggleBookmark: markReason(state)
        case .showBookmarks: nil
        case .copyMessage: selectedTurnReason(state)
        case .copyCodeBlock: codeBlockReason(state)
        case .openLink: linkReason(state)
        case .viewImage: imageReason(state)
        case .open: openReason(state)
        case .quit, .forceQuit, .interrupt, .help, .cancel, .search, .focusNext, .focusPrev, .selectNext,
            .selectPrev, .halfPageDown, .halfPageUp, .pageDown, .pageUp, .top, .bottom, .filter, .toggleArchived,
            .toggleReasoning, .inputNewline, .openEditor, .inputLeft, .inputRight, .inputUp, .inputDown,
            .inputWordLeft, .inputWordRight, .inputHome, .inputEnd, .inputBackspace, .inputDelete,
            .inputDeleteWord, .inputKillLine, .inputKillToEnd:
            nil
        }
    }

    /// Sources that are files read into the archive rather than a service's history: their
    /// conversations are never sent to.
    public static let importedSources: Set<String> = ["chatgpt-export", DemoArchive.source]

    /// The sentences shared by several commands.
    enum Reason {
        static let noBackend = "No chat backend is configured: this archive is read-only"
        static let noConversation = "No conversation is open"
        static let noMessage = "No message is selected"
        static let streaming = "An answer is still streaming"
        static let noOtherProfile =
            "No other profile to switch to: add [profiles.NAME] tables to config.toml"
    }

    /// Whether an answer streams into the open conversation.
    static func isStreamingOpen(_ state: AppState) -> Bool {
        guard let key = state.open?.id else { return false }
        return state.streams.values.contains { $0.openKey == key }
    }

    /// Why nothing can be sent to the open conversation (or a new chat) now: no backend, an
    /// answer streaming, or a conversation that lives elsewhere.
    static func sendingReason(_ state: AppState) -> String? {
        guard let backend = state.backend else { return Reason.noBackend }
        if isStreamingOpen(state) { return Reason.streaming }
        if let open = state.open, !open.isPending, open.source != backend.sourceName {
            return readOnly(source: open.source) + forkHint(state)
        }
        return nil
    }

    /// " (fork it to continue it here)" when a fork made now would be kept by the current
    /// profile (``Reducer/forkSource(_:)``), so it could be sent to; else nothing.
    static func forkHint(_ state: AppState) -> String {
        guard let backend = state.backend, Reducer.forkSource(state) == backend.sourceName else { return "" }
        return " (fork it to continue it here)"
    }

    /// "This conversation is read-only…", saying where it came from.
    static func readOnly(source: String) -> String {
        if source == DemoArchive.source { return "This conversation is read-only: it is from the demo archive" }
        if importedSources.contains(source) { return "This conversation is read-only: it came from an import" }
        return "This conversation is read-only here: it came from \(TextSanitizer.cleanLine(source))"
    }

    private static func selectedTurnReason(_ state: AppState) -> String? {
        guard let open = state.open else { return Reason.noConversation }
        return open.turns.indices.contains(open.selected) ? nil : Reason.noMessage
    }

    private static func sendReason(_ state: AppState) -> String? {
        if isBlank(state.input) { return "The message is empty" }
        return sendingReason(state)
    }

    /// Whether a text holds nothing but white space, read from its start only as far as the
    /// first other character (a 10 MB draft costs what its first characters cost).
    static func isBlank(_ editor: TextEditor) -> Bool {
        var start = 0
        while start < editor.count {
            let end = min(editor.count, start + 256)
            if editor.characters(in: start..<end).contains(where: { !$0.isWhitespace }) { return false }
            start = end
        }
        return true
    }

    private static func regenerateReason(_ state: AppState) -> String? {
        guard state.backend != nil else { return Reason.noBackend }
        if let why = selectedTurnReason(state) { return why }
        if let why = sendingReason(state) { return why }
        guard let open = state.open, open.turns[open.selected].author.role == .assistant,
            let first = open.turns[open.selected].nodeIDs.first, open.tree.parent(of: first) != nil
        else { return "No answer is selected" }
        return nil
    }

    /// A fork copies the selected message and what leads to it, as stored: not while an answer
    /// streams into it, nor from a chat the server has not saved yet.
    private static func forkReason(_ state: AppState) -> String? {
        if let why = selectedTurnReason(state) { return why }
        if isStreamingOpen(state) { return Reason.streaming }
        if state.open?.isPending == true { return "This chat is not saved yet: wait for its first answer" }
        return nil
    }

    private static func continueReason(_ state: AppState) -> String? {
        guard state.backend != nil else { return Reason.noBackend }
        guard let open = state.open else { return Reason.noConversation }
        if let why = sendingReason(state) { return why }
        guard let last = open.turns.last, last.author.role == .assistant, !last.nodeIDs.isEmpty else {
            return "Nothing to continue: the last message is not an answer"
        }
        return nil
    }

    /// Editing fills the input box with the prompt; sending it makes a branch, which only a
    /// conversation of the current backend takes (an answer streaming does not stop the edit).
    private static func editReason(_ state: AppState) -> String? {
        if let why = selectedTurnReason(state) { return why }
        guard let open = state.open, open.turns[open.selected].author.role == .user else {
            return "None of your messages is selected"
        }
        guard let backend = state.backend else { return Reason.noBackend }
        if !open.isPending, open.source != backend.sourceName { return readOnly(source: open.source) }
        return nil
    }

    /// Renaming, archiving and deleting act on the sidebar's selection when the sidebar has
    /// the keys, else on the open conversation.
    private static func targetReason(_ state: AppState) -> String? {
        if state.focus == .sidebar {
            return state.sidebar.row(state.sidebar.selected) == nil ? "No conversation is selected" : nil
        }
        guard let open = state.open else { return Reason.noConversation }
        return open.isPending ? "This new chat is not saved yet" : nil
    }

    private static func reloadReason(_ state: AppState) -> String? {
        guard let open = state.open else { return Reason.noConversation }
        return open.isPending ? "This new chat is not saved yet" : nil
    }

    /// `[` and `]` step through the image window's images (the fork window's profiles), else through the selected message's
    /// versions.
    private static func stepReason(_ state: AppState, forward: Bool) -> String? {
        if case .compare = state.overlay { return compareSideReason(state, .left, forward: forward) }
        if case .fork(let picker) = state.overlay {
            return picker.profiles.count > 1 ? nil : "No other profile can continue a fork"
        }
        guard case .image(let viewer) = state.overlay else { return siblingReason(state, forward: forward) }
        guard viewer.images.count > 1 else { return "This message has only one image" }
        if forward, viewer.selected >= viewer.images.count - 1 { return "This is the message's last image" }
        if !forward, viewer.selected <= 0 { return "This is the message's first image" }
        return nil
    }

    /// Versions do not wrap around: the last one has no next, the first no previous.
    private static func siblingReason(_ state: AppState, forward: Bool) -> String? {
        if let why = selectedTurnReason(state) { return why }
        guard let open = state.open else { return Reason.noConversation }
        let turn = open.turns[open.selected]
        guard turn.siblingCount > 1 else { return "This message has no other versions" }
        if forward, turn.siblingIndex >= turn.siblingCount { return "This is the last version of this message" }
        if !forward, turn.siblingIndex <= 1 { return "This is the first version of this message" }
        return nil
    }

    /// `=` compares the selected message's versions (and closes the comparison).
    private static func compareReason(_ state: AppState) -> String? {
        if case .compare = state.overlay { return nil }
        if let why = selectedTurnReason(state) { return why }
        guard let open = state.open, open.turns[open.selected].siblingCount > 1 else {
            return "This message has no other versions to compare"
        }
        return nil
    }

    /// In the comparison, `[ ]` and `{ }` move a side through the versions, never onto the
    /// one the other side shows; nil outside the comparison (and when the side can move).
    private static func compareSideReason(_ state: AppState, _ side: CompareState.Side, forward: Bool) -> String? {
        guard case .compare(let compare) = state.overlay else { return nil }
        guard compare.target(moving: side, by: forward ? 1 : -1) == nil else { return nil }
        let name = side == .left ? "left" : "right"
        return forward ? "No later version to show on the \(name)" : "No earlier version to show on the \(name)"
    }

    private static func markReason(_ state: AppState) -> String? {
        if let why = selectedTurnReason(state) { return why }
        if state.open?.isPending == true { return "This chat is not saved yet: send a message first" }
        return nil
    }

    private static func jumpReason(_ state: AppState, forward: Bool) -> String? {
        if forward { return state.jumps.canGoForward ? nil : "There is no later place to go forward to" }
        guard let current = state.open?.jumpPosition else { return Reason.noConversation }
        var jumps = state.jumps
        if jumps.back(from: current) == nil, Reducer.forkOrigin(state) == nil {
            return "There is no earlier place to go back to"
        }
        return nil
    }

    private static func branchPointReason(_ state: AppState, forward: Bool) -> String? {
        if case .compare = state.overlay { return nil }
        guard let open = state.open else { return Reason.noConversation }
        let points = open.turns.indices.filter { open.turns[$0].siblingCount > 1 }
        if points.isEmpty { return "No message on this branch has other versions" }
        let ahead = forward ? points.contains { $0 > open.selected } : points.contains { $0 < open.selected }
        if ahead { return nil }
        return forward ? "No later message has other versions" : "No earlier message has other versions"
    }

    private static func codeBlockReason(_ state: AppState) -> String? {
        if let why = selectedTurnReason(state) { return why }
        guard let open = state.open, open.layout.codeBlocks.indices.contains(open.selected),
            !open.layout.codeBlocks[open.selected].isEmpty
        else { return "This message has no code block" }
        return nil
    }

    private static func linkReason(_ state: AppState) -> String? {
        if let why = selectedTurnReason(state) { return why }
        guard let open = state.open, open.layout.sources.indices.contains(open.selected) else {
            return "This message has no links to open"
        }
        let files = open.turns.indices.contains(open.selected) ? open.turns[open.selected].attachments : []
        guard
            open.layout.sources[open.selected].contains(where: { LinkPickerState.address(of: $0) != nil })
                || !files.isEmpty
        else { return "This message has no links to open" }
        return nil
    }

    /// `v` shows the images of the selected message that the archive holds.
    private static func imageReason(_ state: AppState) -> String? {
        if let why = selectedTurnReason(state) { return why }
        guard let open = state.open else { return Reason.noConversation }
        let images = open.turns[open.selected].attachments.filter { $0.kind == .image }
        if images.isEmpty { return "This message has no image to view" }
        if ImageViewerState.viewable(images).isEmpty {
            return images.count == 1 ? "This image is not in the archive" : "None of these images is in the archive"
        }
        return nil
    }

    /// Enter opens what is selected: an overlay's row, a conversation in the sidebar; in the
    /// pane it moves to the input box, and there it sends.
    private static func openReason(_ state: AppState) -> String? {
        switch state.overlay {
        case .search(let search):
            return search.hits.indices.contains(search.selected) ? nil : "There is no hit to open"
        case .rename(let rename):
            return isBlank(rename.title) ? "A title cannot be empty" : nil
        case .models(let picker):
            if !picker.loaded { return "The models are still loading" }
            return picker.models.indices.contains(picker.selected) ? nil : "The server lists no models"
        case .links(let picker):
            if picker.file(atRow: picker.selected) != nil {
                return picker.canOpen(row: picker.selected) ? nil : "This file is not in the archive"
            }
            return picker.canOpen(row: picker.selected) ? nil : "This entry has no web or mail address to open"
        case .image(let viewer):
            return viewer.current == nil ? "There is no image to open" : nil
        case .bookmarks(let list):
            if !list.loaded { return "The bookmarks are still loading" }
            return list.bookmarks.indices.contains(list.selected) ? nil : "There is no bookmark to open"
        case .tree, .profiles, .confirmDelete, .help, .confirmQuit, .compare, .label, .fork:
            return nil
        case nil:
            break
        }
        switch state.focus {
        case .sidebar:
            if state.sidebar.row(state.sidebar.selected) != nil { return nil }
            return state.sidebar.loaded ? "No conversation is selected" : "The list is still loading"
        case .messages:
            return nil
        case .input:
            return sendReason(state)
        }
    }
}
