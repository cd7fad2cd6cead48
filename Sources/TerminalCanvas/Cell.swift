/// One terminal cell: a grapheme and its style. A wide grapheme fills its cell and
/// leaves the next one as a continuation (empty text, width 0).
///
/// A cell is plain data, with no reference inside, so a buffer of them is copied, compared and
/// dropped as bytes (a frame copies and compares thousands): its grapheme is a ``Glyph`` and
/// its link a number each address is given once for the life of the process.
public struct Cell: Sendable, Hashable {
    /// The grapheme drawn here.
    public private(set) var glyph: Glyph
    /// Columns the grapheme takes: 1, 2, or 0 for a continuation.
    public var width: UInt8
    /// How it is drawn.
    public var style: Style
    /// The link's number in `CellTable.links`; 0 for none.
    private(set) var linkNumber: UInt32

    /// Creates a cell.
    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .plain, link: Hyperlink? = nil) {
        self.init(glyph: Glyph(text), width: width, style: style, link: link)
    }

    /// Creates a cell of a glyph.
    public init(glyph: Glyph, width: UInt8 = 1, style: Style = .plain, link: Hyperlink? = nil) {
        self.init(glyph: glyph, width: width, style: style, linkNumber: link.map(CellTable.links.number(for:)) ?? 0)
    }

    /// Creates a cell whose link is already numbered.
    init(glyph: Glyph, width: UInt8, style: Style, linkNumber: UInt32) {
        self.glyph = glyph
        self.width = width
        self.style = style
        self.linkNumber = linkNumber
    }

    /// A blank cell in a style.
    public static func blank(_ style: Style = .plain) -> Cell { Cell(glyph: .space, width: 1, style: style) }

    /// The grapheme drawn here; empty for the right half of a wide grapheme.
    public var text: String {
        get { glyph.text }
        set { glyph = Glyph(newValue) }
    }

    /// The address the cell links to (an OSC 8 hyperlink where the terminal takes them).
    public var link: Hyperlink? {
        get { linkNumber == 0 ? nil : CellTable.links.value(linkNumber) }
        set { linkNumber = newValue.map(CellTable.links.number(for:)) ?? 0 }
    }

    /// Whether this is the right half of a wide grapheme.
    public var isContinuation: Bool { width == 0 }
}

/// A cell that changed between two frames.
public struct CellChange: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var cell: Cell
}
