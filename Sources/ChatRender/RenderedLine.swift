import TerminalCanvas

/// A piece of a laid-out line with one look: a theme slot (`markup.heading.1`,
/// `markup.raw.inline`, … or empty for the message's own text) and attributes on top of it
/// (bold and italic together for `***both***`), and for link text the address it links to.
public struct StyledRun: Sendable, Hashable {
    /// The text: no newline, no control character.
    public var text: String
    /// The theme slot, empty for plain message text.
    public var slot: String
    /// Attributes added to the slot's style.
    public var attributes: Attributes
    /// The `http`, `https` or `mailto` address of link text, made safe (nil for other text and
    /// other schemes).
    public var link: Hyperlink?

    /// Creates a run.
    public init(_ text: String, slot: String = "", attributes: Attributes = [], link: Hyperlink? = nil) {
        self.text = text
        self.slot = slot
        self.attributes = attributes
        self.link = link
    }

    /// Whether `other` looks the same and links to the same address (so the two can be one run).
    func hasSameLook(as other: StyledRun) -> Bool {
        slot == other.slot && attributes == other.attributes && link == other.link
    }
}

/// One screen line of a rendered message.
public struct RenderedLine: Sendable, Hashable {
    /// What the line belongs to.
    public enum Kind: Sendable, Hashable {
        /// Prose, headings, lists, quotes, tables, rules.
        case prose
        /// The line above a code block: `[n] language` (n numbers the message's code blocks).
        case codeHeader(block: Int)
        /// A line of code block `block` (hard-wrapped, never re-flowed).
        case code(block: Int)
    }

    /// Its pieces, left to right.
    public var runs: [StyledRun]
    /// What it belongs to.
    public var kind: Kind

    /// Creates a line.
    public init(_ runs: [StyledRun], kind: Kind = .prose) {
        self.runs = runs
        self.kind = kind
    }

    /// The line's text without styles.
    public var text: String { runs.map(\.text).joined() }

    /// Its width in terminal columns.
    public var width: Int { runs.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}
