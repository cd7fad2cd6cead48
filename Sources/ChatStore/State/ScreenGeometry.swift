import TerminalCanvas

/// Where each part of the screen goes for a terminal size: sidebar on the left, message
/// pane above the input box on the right, status line and key footer at the bottom.
public struct ScreenGeometry: Sendable, Hashable {
    /// The sidebar, border included.
    public let sidebar: Rect
    /// The message pane, border included.
    public let pane: Rect
    /// The input box, border included.
    public let input: Rect
    /// The status line (one row).
    public let status: Rect
    /// The key footer (one row).
    public let footer: Rect

    /// Most rows the input box grows to before it scrolls.
    public static let maxInputLines = 6

    /// Lays out a `width`×`height` screen with an input box showing `inputLines` lines.
    public init(width: Int, height: Int, inputLines: Int) {
        let full = Rect(x: 0, y: 0, width: width, height: height)
        let (top, bottom) = full.splitBottom(2)
        (status, footer) = bottom.splitTop(1)
        let sidebarWidth = width < 50 ? max(16, width / 3) : min(40, max(24, width / 4))
        let (left, right) = top.splitLeft(sidebarWidth)
        sidebar = left
        let rows = min(max(1, inputLines), Self.maxInputLines, max(1, right.height - 6))
        (pane, input) = right.splitBottom(rows + 2)
    }

    /// Rows of conversations the sidebar shows.
    public var sidebarRows: Int { max(0, sidebar.height - 2) }
    /// Rows of messages the pane shows.
    public var paneRows: Int { max(0, pane.height - 2) }
    /// Columns the pane's text may use.
    public var paneColumns: Int { max(1, pane.width - 2) }
}
