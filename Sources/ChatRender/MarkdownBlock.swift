/// A Markdown document as width-free blocks: what ``MarkdownParser`` reads from cmark-gfm's
/// tree and ``BlockLayout`` lays out for a width. Plain values, so they can be cached and
/// compared.
public indirect enum MarkdownBlock: Sendable, Hashable {
    /// `#` … `######`: a level 1–6 heading.
    case heading(level: Int, [InlineRun])
    /// A paragraph of inline text (soft breaks are spaces, hard breaks newlines).
    case paragraph([InlineRun])
    /// A bullet or numbered list; each item is a list of blocks.
    case list(MarkdownList)
    /// `>` quoted blocks.
    case quote([MarkdownBlock])
    /// Fenced or indented code, with the fence's language (may be empty).
    case code(language: String, text: String)
    /// A GFM table.
    case table(MarkdownTable)
    /// `---`: a thematic break.
    case rule
    /// Raw HTML, shown as the text it is (never interpreted).
    case html(String)
}

/// A run of inline text with one style.
public struct InlineRun: Sendable, Hashable {
    /// The text (no newline except for a hard break).
    public var text: String
    /// How it is emphasised.
    public var style: InlineStyle
    /// The link target, for link text.
    public var url: String?

    /// Creates a run.
    public init(_ text: String, style: InlineStyle = [], url: String? = nil) {
        self.text = text
        self.style = style
        self.url = url
    }
}

/// Inline emphasis, combinable (`***bold italic***`).
public struct InlineStyle: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates a style from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// `**strong**`.
    public static let strong = InlineStyle(rawValue: 1)
    /// `*emphasis*`.
    public static let emphasis = InlineStyle(rawValue: 2)
    /// `~~strikethrough~~`.
    public static let strikethrough = InlineStyle(rawValue: 4)
    /// `` `code` ``.
    public static let code = InlineStyle(rawValue: 8)
    /// Link text.
    public static let link = InlineStyle(rawValue: 16)
    /// `[image: alt]`, drawn in place of an image.
    public static let image = InlineStyle(rawValue: 32)
}

/// A list and its items.
public struct MarkdownList: Sendable, Hashable {
    /// Numbered (`1.`) or bullets.
    public var ordered: Bool
    /// The first number of a numbered list.
    public var start: Int
    /// Whether items are separated by blank lines (a loose list).
    public var loose: Bool
    /// The items, each a list of blocks.
    public var items: [MarkdownListItem]

    /// Creates a list.
    public init(ordered: Bool, start: Int = 1, loose: Bool = false, items: [MarkdownListItem]) {
        self.ordered = ordered
        self.start = start
        self.loose = loose
        self.items = items
    }
}

/// One list item: its blocks, and its box for a task list (`- [x] done`).
public struct MarkdownListItem: Sendable, Hashable {
    /// The item's blocks.
    public var blocks: [MarkdownBlock]
    /// `true`/`false` for a checked/unchecked task, nil for an ordinary item.
    public var task: Bool?

    /// Creates an item.
    public init(blocks: [MarkdownBlock], task: Bool? = nil) {
        self.blocks = blocks
        self.task = task
    }
}

/// A GFM table: a header row, body rows, and each column's alignment.
public struct MarkdownTable: Sendable, Hashable {
    /// How a column's cells are aligned (from the delimiter row `:--`, `:-:`, `--:`).
    public enum Alignment: Sendable, Hashable {
        case none, left, center, right
    }

    /// Column alignments.
    public var alignments: [Alignment]
    /// The header cells.
    public var header: [[InlineRun]]
    /// The body rows' cells.
    public var rows: [[[InlineRun]]]

    /// Creates a table.
    public init(alignments: [Alignment], header: [[InlineRun]], rows: [[[InlineRun]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}
