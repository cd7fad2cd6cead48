import TerminalCanvas

/// Turns `Color`s into the colour numbers ncurses takes (`-1` is the terminal's default),
/// reducing them to what the depth and the terminal's `COLORS` allow.
public struct ColorPalette: Sendable, Hashable {
    /// The requested depth.
    public let depth: ColorDepth
    /// The terminal's `COLORS`.
    public let colors: Int

    /// Creates a palette.
    public init(depth: ColorDepth, colors: Int) {
        self.depth = depth
        self.colors = colors
    }

    /// Whether RGB values are passed straight through (a direct-colour terminfo entry).
    public var isDirect: Bool { depth == .truecolor && colors >= 0x100_0000 }

    /// The ncurses colour number for a colour.
    public func number(for color: Color) -> Int32 {
        if color == .default || depth == .monochrome || colors < 8 { return -1 }
        if isDirect {
            switch color {
            case .ansi(let i) where i < 8: return Int32(i)
            case .rgb(let r, let g, let b): return Self.packed(Int(r), Int(g), Int(b))
            case .ansi(let i), .indexed(let i):
                let (r, g, b) = Color.rgbOf(index: Int(i))
                return Self.packed(r, g, b)
            case .default: return -1
            }
        }
        if depth != .ansi16, colors >= 256, let index = color.paletteIndex { return Int32(index) }
        guard let index = color.ansi16Index else { return -1 }
        return Int32(colors >= 16 ? index : index % 8)
    }

    /// `0xRRGGBB`; values below 8 mean ANSI colours to a direct-colour terminal, so near-black
    /// blues are nudged to 8.
    private static func packed(_ r: Int, _ g: Int, _ b: Int) -> Int32 {
        max(8, Int32(r << 16 | g << 8 | b))
    }
}

/// Colour pairs handed out on first use. Pair 0 is the terminal's default pair, and it is
/// also what every combination gets once the terminal's `COLOR_PAIRS` are used up.
public struct ColorPairCache: Sendable {
    private struct Colors: Hashable {
        var fg: Int32
        var bg: Int32
    }

    private var pairs: [Colors: Int32] = [:]
    private var next: Int32 = 1
    /// The terminal's `COLOR_PAIRS`.
    public let capacity: Int

    /// An empty cache for a terminal with `capacity` pairs.
    public init(capacity: Int) { self.capacity = capacity }

    /// Pairs handed out so far.
    public var count: Int { pairs.count }

    /// The pair for two colour numbers, and whether it is new (so `init_pair` must run).
    public mutating func pair(foreground: Int32, background: Int32) -> (pair: Int32, isNew: Bool) {
        if foreground == -1 && background == -1 { return (0, false) }
        let key = Colors(fg: foreground, bg: background)
        if let pair = pairs[key] { return (pair, false) }
        guard Int(next) < capacity else { return (0, false) }
        let pair = next
        next += 1
        pairs[key] = pair
        return (pair, true)
    }

    /// Forgets every pair (after the terminal was reset).
    public mutating func removeAll() {
        pairs.removeAll()
        next = 1
    }
}
