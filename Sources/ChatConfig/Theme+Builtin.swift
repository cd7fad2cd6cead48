import TerminalCanvas

extension Theme {
    /// The default theme (Catppuccin Mocha colours). `Themes/dark.toml` spells out exactly this theme
    /// (a test keeps them equal).
    public static let builtinDark: Theme = {
        let palette: [String: Color] = [
            "base": "#1e1e2e", "mantle": "#181825", "crust": "#11111b", "surface0": "#313244",
            "surface1": "#45475a", "muted": "#6c7086", "subtext": "#a6adc8", "text": "#cdd6f4",
            "blue": "#89b4fa", "green": "#a6e3a1", "yellow": "#f9e2af", "peach": "#fab387", "red": "#f38ba8",
            "mauve": "#cba6f7",
        ].mapValues { Color(name: $0)! }
        let rows: [(String, String?, String?, Attributes)] = [
            ("ui", "text", "base", []),
            ("ui.border", "surface1", nil, []),
            ("ui.border.focused", "blue", nil, .bold),
            ("ui.title", "blue", nil, .bold),
            ("ui.sidebar", "subtext", "mantle", []),
            ("ui.sidebar.selected", "text", "surface1", .bold),
            ("ui.sidebar.archived", "muted", nil, .italic),
            ("ui.sidebar.date", "muted", nil, []),
            ("ui.message.user", "blue", nil, []),
            ("ui.message.assistant", "text", nil, []),
            ("ui.message.system", "muted", nil, .italic),
            ("ui.message.header", "mauve", nil, .bold),
            ("ui.message.selected", nil, "surface0", []),
            ("ui.message.reasoning", "muted", nil, .italic),
            ("ui.message.error", "red", nil, []),
            ("ui.code", "green", "crust", []),
            ("ui.code.header", "muted", nil, .italic),
            ("ui.branch.marker", "yellow", nil, .bold),
            ("ui.input", "text", "mantle", []),
            ("ui.input.placeholder", "muted", nil, .italic),
            ("ui.statusline", "subtext", "surface0", []),
            ("ui.statusline.accent", "base", "blue", .bold),
            ("ui.footer", "muted", nil, []),
            ("ui.footer.key", "peach", nil, .bold),
            ("ui.help", "text", "surface0", []),
            ("ui.help.key", "peach", nil, .bold),
            ("ui.search.match", "base", "yellow", []),
            ("ui.tree.current", "green", nil, .bold),
            ("ui.error", "red", nil, .bold),
            ("ui.warning", "peach", nil, []),
            ("markup.heading", "peach", nil, .bold),
            ("markup.heading.1", "mauve", nil, .bold),
            ("markup.heading.2", "blue", nil, .bold),
            ("markup.bold", nil, nil, .bold),
            ("markup.italic", nil, nil, .italic),
            ("markup.strikethrough", "muted", nil, .dim),
            ("markup.raw.inline", "peach", "surface0", []),
            ("markup.quote", "subtext", nil, .italic),
            ("markup.link.text", "blue", nil, .underline),
            ("markup.list", "yellow", nil, []),
            ("markup.table", "surface1", nil, []),
            ("markup.rule", "surface1", nil, []),
            ("markup.math", "mauve", nil, .italic),
        ]
        let rules = rows.map { slot, fg, bg, attributes in
            (slot, ThemeRule(fg: fg.map { .palette($0) }, bg: bg.map { .palette($0) }, attributes: attributes))
        }
        return Theme(name: "dark", palette: palette, rules: Dictionary(uniqueKeysWithValues: rules))
    }()

    /// The theme for `NO_COLOR` and colourless terminals: every colour is the terminal's default and
    /// slots differ by bold, dim, underline and reverse only.
    public static let monochrome: Theme = {
        let rows: [(String, Attributes)] = [
            ("ui.border.focused", .bold),
            ("ui.title", .bold),
            ("ui.sidebar.selected", [.reverse, .bold]),
            ("ui.sidebar.archived", .dim),
            ("ui.sidebar.date", .dim),
            ("ui.message.user", .bold),
            ("ui.message.system", .dim),
            ("ui.message.header", .bold),
            ("ui.message.selected", .reverse),
            ("ui.message.reasoning", .dim),
            ("ui.message.error", .bold),
            ("ui.code.header", .underline),
            ("ui.branch.marker", .bold),
            ("ui.input.placeholder", .dim),
            ("ui.statusline", .reverse),
            ("ui.statusline.accent", [.reverse, .bold]),
            ("ui.footer", .dim),
            ("ui.footer.key", .bold),
            ("ui.help.key", .bold),
            ("ui.search.match", [.reverse, .underline]),
            ("ui.tree.current", [.reverse, .bold]),
            ("ui.error", [.bold, .underline]),
            ("ui.warning", .bold),
            ("markup.heading", .bold),
            ("markup.heading.1", [.bold, .underline]),
            ("markup.bold", .bold),
            ("markup.italic", .italic),
            ("markup.strikethrough", .dim),
            ("markup.raw.inline", .underline),
            ("markup.quote", .italic),
            ("markup.link.text", .underline),
            ("markup.table", .dim),
            ("markup.rule", .dim),
            ("markup.math", .italic),
        ]
        let rules = rows.map { ($0.0, ThemeRule(attributes: $0.1)) }
        return Theme(name: "monochrome", rules: Dictionary(uniqueKeysWithValues: rules))
    }()
}
