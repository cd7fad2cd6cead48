import ChatModel
import ChatRender

/// The comparison window (`=` on a message with versions `‹i/n›`): two of its versions side by
/// side (stacked below ``sideBySideWidth`` columns), scrolled together, the words that differ
/// marked. The pair is laid out and compared when the window opens, a side changes or the
/// width does, never while drawing.
public struct CompareState: Sendable, Equatable {
    /// Which side a key changes.
    public enum Side: Sendable, Hashable {
        case left, right
    }

    /// The versions of the message (``ChatModel/ConversationTree/siblings(of:)``), at least two.
    public var versions: [String]
    /// The version on the left (the old side of the diff), an index into ``versions``.
    public private(set) var left: Int
    /// The version on the right (the new side), an index into ``versions``.
    public private(set) var right: Int
    /// Rows scrolled past, the same on both sides.
    public var scroll = 0
    /// The pair laid out for the window's width, its differences marked — or, for a long pair,
    /// not yet: the window draws both sides at once and the marks follow (``marksRequested``).
    public private(set) var layout: CompareLayout {
        didSet { marksRequested = false }
    }
    /// Whether the store was asked to compare an unmarked ``layout`` off the draw path
    /// (``Effect/markComparison(_:)``), so it is asked once.
    public var marksRequested = false

    /// Pairs whose compared text is at most this many UTF-8 bytes in all are compared as the
    /// window opens (about 2 ms at most in `chatterm-bench compare`); longer ones after the
    /// first frame, off the draw path.
    public static let markAtOnceBytes = 12 * 1024

    /// Terminals at least this wide show the versions side by side; narrower ones stack them.
    public static let sideBySideWidth = 100

    /// The window for the message whose versions are `versions`, showing `left` and `right`,
    /// laid out for a screen `screenWidth` wide; nil when either is not a visible message.
    public init?(
        versions: [String], left: Int, right: Int, tree: ConversationTree, memory: BranchMemory, screenWidth: Int
    ) {
        guard versions.indices.contains(left), versions.indices.contains(right),
            let layout = Self.layout(versions[left], versions[right], tree, memory, screenWidth)
        else { return nil }
        self.versions = versions
        self.left = left
        self.right = right
        self.layout = layout
    }

    /// The pair shown, compared again: after a side moved or the screen's width changed.
    static func layout(
        _ old: String, _ new: String, _ tree: ConversationTree, _ memory: BranchMemory, _ screenWidth: Int
    ) -> CompareLayout? {
        guard let oldTurn = tree.versionTurn(old, memory: memory), let newTurn = tree.versionTurn(new, memory: memory)
        else { return nil }
        let layout = CompareLayout.unmarked(old: oldTurn, new: newTurn, width: sideWidth(screenWidth: screenWidth))
        return layout.comparedBytes <= markAtOnceBytes ? layout.marked() : layout
    }

    /// Takes the marks compared off the draw path when they are for the pair shown.
    mutating func takeMarks(_ marked: CompareLayout) {
        guard !layout.isMarked, marked.isMarked, layout.hasSameSides(as: marked) else { return }
        layout = marked
    }

    /// Whether the versions are stacked, one above the other, on a screen this wide.
    public static func isStacked(screenWidth: Int) -> Bool { screenWidth < sideBySideWidth }

    /// The columns each side is laid out in: inside the window's border, and beside the other
    /// side with a rule between them unless stacked.
    public static func sideWidth(screenWidth: Int) -> Int {
        let inside = max(1, screenWidth - 2)
        return isStacked(screenWidth: screenWidth) ? inside : max(1, (inside - 1) / 2)
    }

    /// The rows of each side on a screen this tall: the window is the screen above the status
    /// line and the footer, inside its border; stacked, each side has half (less the rule).
    public static func sideRows(screenWidth: Int, screenHeight: Int) -> Int {
        let inside = max(1, screenHeight - 4)
        return isStacked(screenWidth: screenWidth) ? max(1, (inside - 1) / 2) : inside
    }

    /// The furthest the sides scroll: until the taller one's last row shows.
    public func maxScroll(screenWidth: Int, screenHeight: Int) -> Int {
        max(0, layout.rowCount - Self.sideRows(screenWidth: screenWidth, screenHeight: screenHeight))
    }

    /// The index of the version a side would show after moving `delta` versions, stepping over
    /// the one the other side shows; nil when there is none that way.
    public func target(moving side: Side, by delta: Int) -> Int? {
        let other = side == .left ? right : left
        var index = side == .left ? left : right
        repeat {
            index += delta > 0 ? 1 : -1
        } while index == other
        return versions.indices.contains(index) ? index : nil
    }

    /// Shows version `index` on `side` and compares the pair again (back at the top).
    mutating func show(
        _ index: Int, on side: Side, tree: ConversationTree, memory: BranchMemory, screenWidth: Int
    ) {
        let newLeft = side == .left ? index : left
        let newRight = side == .right ? index : right
        guard let layout = Self.layout(versions[newLeft], versions[newRight], tree, memory, screenWidth) else { return }
        left = newLeft
        right = newRight
        self.layout = layout
        scroll = 0
    }

    /// The pair laid out again for a new screen width (nothing when its side width is the same).
    mutating func relayout(tree: ConversationTree, memory: BranchMemory, screenWidth: Int) {
        guard layout.width != Self.sideWidth(screenWidth: screenWidth),
            let layout = Self.layout(versions[left], versions[right], tree, memory, screenWidth)
        else { return }
        self.layout = layout
    }
}
