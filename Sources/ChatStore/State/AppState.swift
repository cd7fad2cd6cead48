import ChatClient
import ChatModel

/// Which pane takes the keys.
public enum Focus: Sendable, Hashable, CaseIterable {
    case sidebar, messages, input
}

/// Everything the screen shows: the store owns it, views draw it.
public struct AppState: Sendable, Equatable {
    /// Terminal columns.
    public var width: Int
    /// Terminal rows.
    public var height: Int
    /// The focused pane.
    public var focus: Focus = .sidebar
    /// The conversation list.
    public var sidebar = SidebarState()
    /// The conversation in the pane.
    public var open: OpenConversation? = nil
    /// The input box (its text is the draft of the open conversation).
    public var input = TextEditor()
    /// Why the last draft save failed ("disk full"), while a draft is held in memory until a
    /// retry saves it; nil when every draft is on disk.
    public var draftSaveFailure: String? = nil
    /// The window over the panes, if any.
    public var overlay: Overlay? = nil
    /// The window the help was opened over (the comparison, the tree), shown again when the help
    /// closes; nil when it was opened over the panes.
    public var overlayUnderHelp: Overlay? = nil
    /// The status bar message.
    public var message: StatusMessage? = nil
    /// Whether reasoning (`thoughts`) is shown.
    public var showReasoning = false
    /// The chat backend, when one is configured (else the archive is read-only).
    public var backend: BackendInfo? = nil
    /// Answers streaming in, by request id.
    public var streams: [String: ActiveStream] = [:]
    /// Starter prompts for an empty new chat (`1`–`4` pick one).
    public var starters: [StarterPrompt] = []
    /// The profiles the user can switch to (`P`), the current one included.
    public var profiles: [BackendInfo] = []
    /// The profile being connected to, while it connects.
    public var switchingTo: String?
    /// A fork waiting for the profile that continues it to connect (then it is made and opens).
    public var pendingFork: PendingFork? = nil
    /// The prompt being edited (its node id): sending makes a sibling of it.
    public var editingPrompt: String? = nil
    /// Seconds on the store's monotonic clock when the current action arrived.
    public var now: Double = 0
    /// The places jumped from, for `jump_back` and `jump_forward` (kept while the program runs).
    public var jumps = JumpList()
    /// False once the user quit.
    public var isRunning = true
    /// The name of the first key bound to `continue_answer` in the active keymap ("c" in the
    /// built-in ones), which the pane and the status line offer under an answer cut at its
    /// length limit; nil when none is bound (then nothing is offered).
    public var continueKey: String? = "c"

    /// A state for a terminal of the given size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The screen layout for the current size and input.
    public var geometry: ScreenGeometry {
        ScreenGeometry(width: width, height: height, inputLines: inputLineCount)
    }

    /// Lines in the input box's text.
    public var inputLineCount: Int {
        input.lineCount
    }

    /// The id prefix of a new chat the server has not named yet.
    public static let pendingConversationPrefix = "pending:"

    /// The key drafts are saved under: the open conversation, or `""` for a new chat.
    public var draftKey: String { open?.id ?? "" }
}
