import TerminalCanvas

/// Named styles for the UI, looked up by helix-style dotted slot names.
///
/// A slot that the theme does not define falls back along the dots: `ui.sidebar.selected`, then
/// `ui.sidebar`, then `ui`. The nearest defined slot gives the attributes; a defined slot that sets no
/// `fg` or `bg` takes that colour from the nearest ancestor that sets it, so a background on `ui`
/// reaches every slot. Colours may name ``palette`` entries, resolved when a style is looked up, so a
/// theme that `inherits` another can recolour it by changing the palette alone.
public struct Theme: Sendable, Equatable {
    /// The theme's name.
    public var name: String
    /// Colour names → colours (`bg = "#1e1e2e"`).
    public var palette: [String: Color] { didSet { resolveSlots() } }
    /// Slot → rule, as the file defines them.
    public var rules: [String: ThemeRule] { didSet { resolveSlots() } }
    /// The style of every slot in ``knownSlots``, worked out once (a frame looks up thousands).
    private var resolved: [String: Style] = [:]

    /// Creates a theme.
    public init(name: String, palette: [String: Color] = [:], rules: [String: ThemeRule] = [:]) {
        self.name = name
        self.palette = palette
        self.rules = rules
        resolveSlots()
    }

    private mutating func resolveSlots() {
        var styles: [String: Style] = [:]
        for slot in Self.knownSlots { styles[slot] = lookUp(slot) }
        resolved = styles
    }

    /// The slots the views use, each documented at the top of the bundled theme files.
    public static let slots: [String] = [
        "ui", "ui.border", "ui.border.focused", "ui.title",
        "ui.sidebar", "ui.sidebar.selected", "ui.sidebar.archived", "ui.sidebar.date",
        "ui.sidebar.heading", "ui.sidebar.mark",
        "ui.message.user", "ui.message.assistant", "ui.message.system", "ui.message.header",
        "ui.message.selected", "ui.message.reasoning", "ui.message.error",
        "ui.code", "ui.code.header", "ui.branch.marker", "ui.attachment", "ui.attachment.prompt", "ui.input",
        "ui.input.placeholder",
        "ui.statusline", "ui.statusline.accent", "ui.footer", "ui.footer.key", "ui.help", "ui.help.key",
        "ui.search.match", "ui.tree.current", "ui.compare.added", "ui.compare.removed", "ui.error", "ui.warning",
        "markup.heading", "markup.heading.1", "markup.heading.2", "markup.bold", "markup.italic",
        "markup.strikethrough", "markup.raw.inline", "markup.quote", "markup.link.text", "markup.list",
        "markup.table", "markup.rule", "markup.math",
        // Code, as GNU source-highlight's elements map to them (ChatRender's CodeSlots).
        "keyword", "keyword.directive", "type", "string", "string.regexp", "comment", "constant",
        "constant.numeric", "constant.character.escape", "function", "operator", "punctuation.bracket",
        "variable", "variable.other.member", "label", "attribute", "diff.plus", "diff.minus", "diff.delta",
    ]

    /// Every slot a theme file may set: the ``slots`` and the scopes they fall back to
    /// (`ui.message` for `ui.message.user`).
    public static let knownSlots: Set<String> = Set(slots.flatMap(scopes(of:)))

    /// Slots that mark a selection or a match mostly by background; without colours they are drawn
    /// reversed (see ``reduced(to:)``).
    public static let highlightSlots: Set<String> = [
        "ui.sidebar.selected", "ui.message.selected", "ui.search.match", "ui.tree.current", "ui.statusline",
        "ui.statusline.accent",
    ]

    /// Slots told apart by colour alone in a colour theme, and the attributes that tell them
    /// apart without colours (see ``reduced(to:)``): the comparison's added words underlined,
    /// its removed words reversed.
    public static let colourlessAttributes: [String: Attributes] = [
        "ui.compare.added": [.bold, .underline], "ui.compare.removed": .reverse,
    ]

    /// The style of a slot, falling back along the dots; ``Style/plain`` when nothing matches.
    public func style(_ slot: String) -> Style {
        resolved[slot] ?? lookUp(slot)
    }

    private func lookUp(_ slot: String) -> Style {
        var fg: Color?
        var bg: Color?
        var attributes: Attributes?
        for scope in Self.scopes(of: slot) {
            guard let rule = rules[scope] else { continue }
            if attributes == nil { attributes = rule.attributes }
            if fg == nil, let ref = rule.fg { fg = resolve(ref) }
            if bg == nil, let ref = rule.bg { bg = resolve(ref) }
            if fg != nil, bg != nil { break }
        }
        return Style(fg: fg ?? .default, bg: bg ?? .default, attributes: attributes ?? [])
    }

    /// The style of a slot (`theme["ui.branch.marker"]`).
    public subscript(slot: String) -> Style { style(slot) }

    /// `a.b.c`, `a.b`, `a`.
    static func scopes(of slot: String) -> [String] {
        var result = [slot]
        var rest = Substring(slot)
        while let dot = rest.lastIndex(of: ".") {
            rest = rest[..<dot]
            result.append(String(rest))
        }
        return result
    }

    private func resolve(_ ref: ThemeRule.ColorRef) -> Color {
        switch ref {
        case .color(let color): color
        case .palette(let name): palette[name] ?? .default
        }
    }

    /// The theme with every colour brought within what the terminal shows: RGB to the nearest of the
    /// 256 palette (``ColorSupport/palette256``), or everything to the 16 ANSI colours
    /// (``ColorSupport/ansi16``). ``ColorSupport/monochrome`` drops every colour, keeps the
    /// attributes, reverses the ``highlightSlots`` so a selection stays visible and gives the
    /// ``colourlessAttributes`` their own.
    public func reduced(to depth: ColorSupport) -> Theme {
        var copy = self
        copy.palette = palette.mapValues { depth.reduce($0) }
        copy.rules = rules.mapValues { rule in
            var rule = rule
            rule.fg = rule.fg.map { $0.reduced(to: depth) }
            rule.bg = rule.bg.map { $0.reduced(to: depth) }
            return rule
        }
        if depth == .monochrome {
            for slot in Self.highlightSlots {
                let attributes = style(slot).attributes.union(.reverse)
                copy.rules[slot, default: ThemeRule()].attributes = attributes
            }
            for (slot, attributes) in Self.colourlessAttributes {
                copy.rules[slot, default: ThemeRule()].attributes = attributes
            }
        }
        return copy
    }
}

/// One slot of a theme file: `{ fg = "blue", bg = "bg", modifiers = ["bold"] }`. An unset colour
/// comes from the nearest ancestor slot that sets it.
public struct ThemeRule: Sendable, Hashable {
    /// A colour as written: a palette entry (resolved at lookup) or a colour.
    public enum ColorRef: Sendable, Hashable {
        /// A ``Theme/palette`` entry by name.
        case palette(String)
        /// A colour as such.
        case color(Color)

        func reduced(to depth: ColorSupport) -> ColorRef {
            switch self {
            case .palette: self
            case .color(let color): .color(depth.reduce(color))
            }
        }
    }

    /// Foreground, or nil to inherit.
    public var fg: ColorRef?
    /// Background, or nil to inherit.
    public var bg: ColorRef?
    /// Attributes (not inherited).
    public var attributes: Attributes

    /// Creates a rule.
    public init(fg: ColorRef? = nil, bg: ColorRef? = nil, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }
}
