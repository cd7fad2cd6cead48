import ChatArchive
import ChatClient
import ChatModel
import TerminalCanvas

/// A window drawn over the panes, which takes the keys while it is open.
public enum Overlay: Sendable, Equatable {
    /// The key help, scrolled by `scroll` rows.
    case help(scroll: Int)
    /// Every branch of the open conversation.
    case tree(TreeOverviewState)
    /// Full-text search across every conversation and branch.
    case search(SearchState)
    /// "Quit chatterm?" after Ctrl-C.
    case confirmQuit
    /// A new title for a conversation, being typed.
    case rename(RenameState)
    /// "Delete …?" before deleting a conversation.
    case confirmDelete(conversationID: String, title: String)
    /// The backend's models, to pick the one to send.
    case models(ModelPickerState)
    /// The profiles, to switch backend; `selected` is the highlighted row.
    case profiles(selected: Int)
    /// The selected message's links, to open one.
    case links(LinkPickerState)
    /// The selected message's images, one at a time over the whole window.
    case image(ImageViewerState)
    /// Two versions of the selected message side by side, their differences marked.
    case compare(CompareState)
    /// A label for a message, being typed (saving it empty removes it).
    case label(LabelEditState)
    /// The bookmarks of every conversation, to open one.
    case bookmarks(BookmarkListState)
    /// How much of the conversation a fork from the selected message copies, to pick one.
    case fork(ForkPickerState)
}

/// The label window: which message, and the label being typed.
public struct LabelEditState: Sendable, Equatable {
    /// The conversation holding the message.
    public var conversationID: String
    /// The message's node id.
    public var nodeID: String
    /// The label.
    public var text: TextEditor

    /// Starts labelling a message, with its current label to edit.
    public init(conversationID: String, nodeID: String, label: String) {
        self.conversationID = conversationID
        self.nodeID = nodeID
        text = TextEditor(label)
    }
}

/// The bookmark list: every bookmark, newest first, once read from the archive.
public struct BookmarkListState: Sendable, Equatable {
    /// The bookmarks.
    public var bookmarks: [Bookmark] = []
    /// Whether the archive answered.
    public var loaded = false
    /// The highlighted row.
    public var selected = 0

    /// An empty list, loading.
    public init(bookmarks: [Bookmark] = [], loaded: Bool = false, selected: Int = 0) {
        self.bookmarks = bookmarks
        self.loaded = loaded
        self.selected = selected
    }
}

/// The image window: the images of a message that the archive holds, and which one shows.
public struct ImageViewerState: Sendable, Hashable {
    /// The images, in the message's order; never empty.
    public var images: [Attachment]
    /// The one shown.
    public var selected: Int

    /// The window for `images`, showing the first.
    public init(images: [Attachment], selected: Int = 0) {
        self.images = images
        self.selected = selected
    }

    /// The image shown.
    public var current: Attachment? { images.indices.contains(selected) ? images[selected] : nil }

    /// The attachments among `files` that are images the archive holds: what the window shows
    /// (a file that turns out not to be one says so there).
    public static func viewable(_ files: [Attachment]) -> [Attachment] {
        files.filter { $0.kind == .image && $0.local != nil }
    }
}

/// The links window: a message's sources and links, numbered as in its Sources list, then the
/// files it carries.
public struct LinkPickerState: Sendable, Hashable {
    /// The entries; entry `i` is `[i + 1]` in the Sources list.
    public var links: [SourceLink]
    /// The message's attachments, listed after the links.
    public var files: [Attachment]
    /// The selected row (links first, then files).
    public var selected: Int

    /// The window for `links` and `files`, with the first entry that can be opened selected.
    public init(links: [SourceLink], files: [Attachment] = []) {
        self.links = links
        self.files = files
        selected = 0
        selected = (0..<count).first { canOpen(row: $0) } ?? 0
    }

    /// Rows in all.
    public var count: Int { links.count + files.count }

    /// The file shown on `row`, when the row is a file's.
    public func file(atRow row: Int) -> Attachment? {
        files.indices.contains(row - links.count) ? files[row - links.count] : nil
    }

    /// Whether Enter can open `row`: a link with a web or mail address, or a file the archive holds.
    public func canOpen(row: Int) -> Bool {
        if links.indices.contains(row) { return Self.address(of: links[row]) != nil }
        return file(atRow: row)?.local != nil
    }

    /// The address an entry opens: its `http`, `https` or `mailto` URL made safe, else nil.
    public static func address(of link: SourceLink) -> Hyperlink? {
        link.url.flatMap(Hyperlink.init)
    }
}

/// The rename window: which conversation, and the title being typed.
public struct RenameState: Sendable, Equatable {
    /// The conversation.
    public var conversationID: String
    /// The new title.
    public var title: TextEditor

    /// Starts renaming, with the current title to edit.
    public init(conversationID: String, title: String) {
        self.conversationID = conversationID
        self.title = TextEditor(title)
    }
}

/// The model picker.
public struct ModelPickerState: Sendable, Equatable {
    /// The models, once loaded.
    public var models: [ModelInfo] = []
    /// Whether the list arrived.
    public var loaded = false
    /// The selected row.
    public var selected = 0

    /// An empty picker, waiting for the list.
    public init() {}
}

/// The search window: the query being typed and the hits of the last search.
public struct SearchState: Sendable, Equatable {
    /// The most hits one search returns.
    public static let maxHits = 200
    /// The query.
    public var query = TextEditor()
    /// Hits for `searched`.
    public var hits: [SearchHit] = []
    /// The query the hits belong to.
    public var searched = ""
    /// The selected hit.
    public var selected = 0

    /// Creates an empty search.
    public init() {}
}

/// A one-line message in the status bar.
public struct StatusMessage: Sendable, Hashable {
    /// How it is shown.
    public enum Kind: Sendable, Hashable {
        case info, warning, error
        /// Work under way on the open conversation ("Loading from local…"): shown like
        /// `info`, and cleared when the conversation arrives.
        case progress
    }
    /// The text.
    public var text: String
    /// How it is shown.
    public var kind: Kind

    /// Creates a message.
    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}
