/// One terminal cell: a grapheme and its style. A wide grapheme fills its cell and
/// leaves the next one as a continuation (empty text, width 0).
public struct Cell: Sendable, Hashable {
    /// The grapheme drawn here; empty for the right half of a wide grapheme.
    public var text: String
    /// Columns the grapheme takes: 1, 2, or 0 for a continuation.
    public var width: UInt8
    /// How it is drawn.
    public var style: Style
    /// The address the cell links to (an OSC 8 hyperlink where the terminal takes them).
    public var link: Hyperlink?

    /// Creates a cell.
    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .plain, link: Hyperlink? = nil) {
        self.text = text
        self.width = width
        self.style = style
        self.link = link
    }

    /// A blank cell in a style.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(" ", width: 1, style: style) }

    /// Whether this is the right half of a wide grapheme.
    public var isContinuation: Bool { width == 0 }
}

/// A cell that changed between two frames.
public struct CellChange: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var cell: Cell
}
