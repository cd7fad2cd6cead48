import TerminalCanvas

/// Every user action of the TUI. Keymap files name them by raw value (`sibling_prev = ["["]`), the
/// help overlay and footer show ``summary``, and ``contexts`` says where each may be bound.
///
/// The case order is the order of the help overlay.
public enum Command: String, CaseIterable, Sendable, Hashable {
    // Application
    case quit
    case forceQuit = "force_quit"
    case interrupt
    case help
    case cancel
    case search
    // Focus and movement
    case focusNext = "focus_next"
    case focusPrev = "focus_prev"
    case selectNext = "select_next"
    case selectPrev = "select_prev"
    case halfPageDown = "half_page_down"
    case halfPageUp = "half_page_up"
    case pageDown = "page_down"
    case pageUp = "page_up"
    case top
    case bottom
    // Conversation list
    case open
    case filter
    case toggleArchived = "toggle_archived"
    // Messages and branches
    case siblingPrev = "sibling_prev"
    case siblingNext = "sibling_next"
    case branchPointPrev = "branch_point_prev"
    case branchPointNext = "branch_point_next"
    case treeOverview = "tree_overview"
    case listBranches = "list_branches"
    case treeFold = "tree_fold"
    case treeFoldAll = "tree_fold_all"
    case treeOnlyPrompts = "tree_only_prompts"
    case treeSearch = "tree_search"
    case treeMatchNext = "tree_match_next"
    case treeMatchPrev = "tree_match_prev"
    case compareVersions = "compare_versions"
    case jumpBack = "jump_back"
    case jumpForward = "jump_forward"
    case labelMessage = "label_message"
    case toggleBookmark = "toggle_bookmark"
    case showBookmarks = "show_bookmarks"
    case toggleReasoning = "toggle_reasoning"
    case copyMessage = "copy_message"
    case copyCodeBlock = "copy_code_block"
    case openLink = "open_link"
    case viewImage = "view_image"
    // Chatting
    case newChat = "new_chat"
    case regenerate
    case editPrompt = "edit_prompt"
    case continueAnswer = "continue_answer"
    case fork
    case reload
    case rename
    case archive
    case delete
    case togglePin = "toggle_pin"
    case pickModel = "pick_model"
    case pickProfile = "pick_profile"
    // Input box
    case send
    case inputNewline = "input_newline"
    case openEditor = "open_editor"
    case inputLeft = "input_left"
    case inputRight = "input_right"
    case inputUp = "input_up"
    case inputDown = "input_down"
    case inputWordLeft = "input_word_left"
    case inputWordRight = "input_word_right"
    case inputHome = "input_home"
    case inputEnd = "input_end"
    case inputBackspace = "input_backspace"
    case inputDelete = "input_delete"
    case inputDeleteWord = "input_delete_word"
    case inputKillLine = "input_kill_line"
    case inputKillToEnd = "input_kill_to_end"

    /// Whether it edits the text in the input box (`input_…`): the filter and the search query
    /// borrow these keys.
    public var editsInput: Bool {
        switch self {
        case .inputNewline, .inputLeft, .inputRight, .inputUp, .inputDown, .inputWordLeft, .inputWordRight,
            .inputHome, .inputEnd, .inputBackspace, .inputDelete, .inputDeleteWord, .inputKillLine, .inputKillToEnd:
            true
        case .listBranches, .treeFold, .treeFoldAll, .treeOnlyPrompts, .treeSearch, .treeMatchNext, .treeMatchPrev:
            false
        case .quit, .forceQuit, .interrupt, .help, .cancel, .search, .focusNext, .focusPrev, .selectNext,
            .selectPrev, .halfPageDown, .halfPageUp, .pageDown, .pageUp, .top, .bottom, .open, .filter,
            .toggleArchived, .siblingPrev, .siblingNext, .branchPointPrev, .branchPointNext, .treeOverview,
            .compareVersions, .jumpBack, .jumpForward, .labelMessage, .toggleBookmark, .showBookmarks, .toggleReasoning,
            .copyMessage, .copyCodeBlock, .openLink, .viewImage, .newChat,
            .regenerate,
            .editPrompt, .continueAnswer, .fork, .reload, .rename, .archive, .delete, .togglePin, .pickModel,
            .pickProfile,
            .send,
            .openEditor:
            false
        }
    }

    /// One line of help text (at most 40 characters).
    public var summary: String {
        switch self {
        case .quit: "Quit"
        case .forceQuit: "Quit at once"
        case .interrupt: "Interrupt; asks before quitting"
        case .help: "Show or hide this help"
        case .cancel: "Close, clear or go back"
        case .search: "Search all conversations"
        case .focusNext: "Focus the next pane"
        case .focusPrev: "Focus the previous pane"
        case .selectNext: "Next item"
        case .selectPrev: "Previous item"
        case .halfPageDown: "Half a page down"
        case .halfPageUp: "Half a page up"
        case .pageDown: "Page down"
        case .pageUp: "Page up"
        case .top: "Go to the top"
        case .bottom: "Go to the bottom"
        case .open: "Open the selection"
        case .filter: "Filter by title, is:pinned, is:starred…"
        case .toggleArchived: "Show or hide archived conversations"
        case .siblingPrev: "Previous branch of this message"
        case .siblingNext: "Next branch of this message"
        case .branchPointPrev: "Previous message with branches"
        case .branchPointNext: "Next message with branches"
        case .treeOverview: "Show the conversation tree"
        case .listBranches: "List the branches off this path"
        case .treeFold: "Fold or unfold the branch here"
        case .treeFoldAll: "Fold every branch, or unfold all"
        case .treeOnlyPrompts: "Show only your prompts, or all"
        case .treeSearch: "Search this conversation's tree"
        case .treeMatchNext: "Next match in the tree"
        case .treeMatchPrev: "Previous match in the tree"
        case .compareVersions: "Compare this version with another"
        case .jumpBack: "Back to where the last jump left"
        case .jumpForward: "Forward again after going back"
        case .labelMessage: "Label the message (empty removes it)"
        case .toggleBookmark: "Bookmark the message, or unbookmark it"
        case .showBookmarks: "List bookmarks to open one"
        case .toggleReasoning: "Show or hide reasoning"
        case .copyMessage: "Copy the message"
        case .copyCodeBlock: "Copy code block 1–9 of the message"
        case .openLink: "List the message's links to open one"
        case .viewImage: "Show the message's images large"
        case .newChat: "Start a new chat"
        case .regenerate: "Regenerate the selected answer"
        case .editPrompt: "Edit the selected prompt (new branch)"
        case .continueAnswer: "Continue the last answer"
        case .fork: "Fork from this message (any profile)"
        case .reload: "Reload the conversation from the server"
        case .rename: "Rename the conversation"
        case .archive: "Archive or unarchive the conversation"
        case .delete: "Delete the conversation (asks first)"
        case .togglePin: "Pin or unpin the conversation"
        case .pickModel: "Pick the model"
        case .pickProfile: "Switch profile (backend)"
        case .send: "Send; Esc/Ctrl-C stop an answer"
        case .inputNewline: "Insert a line break"
        case .openEditor: "Edit the draft in $EDITOR"
        case .inputLeft: "Cursor left"
        case .inputRight: "Cursor right"
        case .inputUp: "Cursor up a line"
        case .inputDown: "Cursor down a line"
        case .inputWordLeft: "Cursor one word left"
        case .inputWordRight: "Cursor one word right"
        case .inputHome: "Cursor to start of line"
        case .inputEnd: "Cursor to end of line"
        case .inputBackspace: "Delete the character before"
        case .inputDelete: "Delete the character under"
        case .inputDeleteWord: "Delete the word before"
        case .inputKillLine: "Delete the whole line"
        case .inputKillToEnd: "Delete to the end of the line"
        }
    }

    /// The help line in `context`: ``summary``, but for the keys the comparison window gives
    /// its own meaning (`[ ]` and `{ }` pick the versions shown).
    public func summary(in context: KeyContext) -> String {
        guard context == .compare else { return summary }
        switch self {
        case .siblingPrev: return "Left side: the previous version"
        case .siblingNext: return "Left side: the next version"
        case .branchPointPrev: return "Right side: the previous version"
        case .branchPointNext: return "Right side: the next version"
        case .compareVersions: return "Close the comparison"
        case .selectNext: return "Scroll both sides down"
        case .selectPrev: return "Scroll both sides up"
        default: return summary
        }
    }

    /// The contexts in which the command may be bound; a keymap file that binds it elsewhere fails
    /// to load.
    public var contexts: [KeyContext] {
        switch self {
        case .forceQuit, .interrupt, .search, .focusNext, .focusPrev, .reload: [.global]
        case .newChat, .rename, .archive, .delete, .togglePin, .pickModel, .pickProfile: [.sidebar, .messages]
        case .regenerate, .editPrompt, .continueAnswer, .fork: [.messages]
        case .quit, .jumpBack, .jumpForward, .showBookmarks: [.sidebar, .messages]
        case .labelMessage, .toggleBookmark: [.messages]
        case .help: [.global, .sidebar, .messages, .tree, .compare, .help]
        case .cancel: [.global, .sidebar, .messages, .input, .search, .tree, .compare, .help]
        case .selectNext, .selectPrev, .pageDown, .pageUp: [.sidebar, .messages, .search, .tree, .compare, .help]
        case .halfPageDown, .halfPageUp, .top, .bottom: [.sidebar, .messages, .tree, .compare, .help]
        case .open: [.sidebar, .search, .tree]
        case .filter, .toggleArchived: [.sidebar]
        case .siblingPrev, .siblingNext: [.messages, .tree, .compare]
        case .treeOverview: [.messages, .tree]
        case .listBranches: [.messages, .tree]
        case .treeFold, .treeFoldAll, .treeOnlyPrompts, .treeSearch, .treeMatchNext, .treeMatchPrev: [.tree]
        case .branchPointPrev, .branchPointNext, .compareVersions: [.messages, .compare]
        case .toggleReasoning, .copyMessage, .copyCodeBlock, .openLink, .viewImage:
            [.messages]
        case .send, .inputNewline, .openEditor, .inputUp, .inputDown: [.input]
        case .inputLeft, .inputRight, .inputWordLeft, .inputWordRight, .inputHome, .inputEnd, .inputBackspace,
            .inputDelete, .inputDeleteWord, .inputKillLine, .inputKillToEnd:
            [.input, .search]
        }
    }

    /// The block number (1–9) a ``copyCodeBlock`` key stands for: the key's digit, whatever the
    /// modifiers (`alt+3` copies block 3 too); nil for a key without a digit.
    public static func codeBlockNumber(for key: Key) -> Int? {
        guard case .char(let c) = key.code, let n = c.wholeNumberValue, (1...9).contains(n) else { return nil }
        return n
    }
}
