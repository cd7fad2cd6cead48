/// Text attributes.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates attributes from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let italic = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
    public static let reverse = Attributes(rawValue: 16)
}

/// How a cell is drawn: foreground, background and attributes.
public struct Style: Sendable, Hashable {
    /// Foreground colour.
    public var fg: Color
    /// Background colour.
    public var bg: Color
    /// Attributes.
    public var attributes: Attributes

    /// Creates a style.
    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// The terminal's plain style.
    public static let plain = Style()

    /// This style with attributes added.
    public func adding(_ extra: Attributes) -> Style {
        var s = self
        s.attributes.formUnion(extra)
        return s
    }

    /// This style with `other` on top: its colours where it sets them (not the terminal's
    /// default), and its attributes added.
    public func overlaid(by other: Style) -> Style {
        Style(
            fg: other.fg == .default ? fg : other.fg, bg: other.bg == .default ? bg : other.bg,
            attributes: attributes.union(other.attributes))
    }

    /// This style with another background.
    public func on(_ background: Color) -> Style {
        var s = self
        s.bg = background
        return s
    }
}
