import Foundation
import TOMLKit
import TerminalCanvas

/// Theme files, helix style:
///
/// ```toml
/// name = "dark"                 # optional; else the file name
/// inherits = "dark"             # optional: start from another theme
/// "ui" = { fg = "text", bg = "base" }
/// "ui.sidebar.date" = "muted"   # a string sets fg only
/// "ui.sidebar.selected" = { fg = "base", bg = "blue", modifiers = ["bold"] }
/// [palette]                     # names → ANSI names, 0–255 or #RRGGBB
/// base = "#1e1e2e"
/// [colors.normal]               # an alacritty colour scheme is accepted as a base palette:
/// red = "#f38ba8"               # [colors.primary] background/foreground, [colors.normal] and
///                               # [colors.bright] (as bright-red …); [palette] wins over it
/// ```
///
/// A colour name is looked up in the palette first, then read as a colour (`Color(name:)`).
extension Theme {
    /// Parses a theme file. `inherits` may name a built-in theme (`dark`, `monochrome`).
    /// - Parameters:
    ///   - toml: The file's text.
    ///   - name: The file name used in error messages, and the theme's name unless the file sets `name`.
    ///   - warn: Told about slots no view uses (the theme loads without them).
    /// - Throws: ``ThemeError`` naming the file and the entry.
    public static func parse(toml: String, name: String, warn: (ThemeWarning) -> Void = { _ in }) throws -> Theme {
        try parse(toml: toml, name: name, warn: warn) { parent in
            guard let theme = builtin(named: parent) else {
                throw ThemeError(
                    file: name, entry: "inherits",
                    reason: .notFound(searched: ["the built-in themes (dark, monochrome)"]))
            }
            return theme
        }
    }

    /// Loads the theme to use.
    /// - Parameters:
    ///   - nameOrPath: A theme name looked up as `<name>.toml` in `searchPaths`, or a path (holding
    ///     `/` or ending in `.toml`); nil means `dark`. `dark` and `monochrome` are built in, so they
    ///     load even when no folder holds them.
    ///   - searchPaths: Folders holding `<name>.toml`, first match wins (see ``Paths``); also used
    ///     for `inherits`.
    ///   - environment: `NO_COLOR` set and non-empty gives ``monochrome`` whatever the name.
    ///   - warn: Told about slots no view uses, in each file loaded (the theme loads without them).
    /// - Throws: ``ThemeError``.
    public static func load(
        nameOrPath: String?, searchPaths: [URL], environment: [String: String], warn: (ThemeWarning) -> Void = { _ in }
    ) throws -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        var loading: [String] = []
        return try loadNamed(
            nameOrPath ?? Theme.builtinDark.name, searchPaths: searchPaths, loading: &loading, warn: warn)
    }

    /// A built-in theme by name.
    static func builtin(named name: String) -> Theme? {
        [Theme.builtinDark, Theme.monochrome].first { $0.name == name }
    }

    private static func loadNamed(
        _ nameOrPath: String, searchPaths: [URL], loading: inout [String], warn: (ThemeWarning) -> Void
    ) throws -> Theme {
        guard !loading.contains(nameOrPath) else {
            throw ThemeError(
                file: loading.last ?? nameOrPath, entry: "inherits", reason: .inheritanceCycle(loading + [nameOrPath]))
        }
        guard let file = ConfigFile.locate(nameOrPath, searchPaths: searchPaths) else {
            if let theme = builtin(named: nameOrPath) { return theme }
            let searched = ConfigFile.candidates(for: nameOrPath, searchPaths: searchPaths).map(\.path)
            throw ThemeError(file: nameOrPath, reason: .notFound(searched: searched))
        }
        let text = try file.read { ThemeError(file: file.label, reason: .unreadable($0)) }
        guard !ConfigFile.isEmpty(text) else { throw ThemeError(file: file.label, reason: .empty) }
        loading.append(nameOrPath)
        defer { loading.removeLast() }
        var theme = try parse(toml: text, name: file.label, warn: warn) { parent in
            try loadNamed(parent, searchPaths: searchPaths, loading: &loading, warn: warn)
        }
        if theme.name == file.label { theme.name = file.defaultName }
        return theme
    }

    static func parse(
        toml: String, name: String, warn: (ThemeWarning) -> Void, inherit: (String) throws -> Theme
    ) throws -> Theme {
        let document: TOMLTable
        do {
            document = try TOMLDocument.parse(toml)
        } catch let error as TOMLDocument.SyntaxError {
            throw ThemeError(file: name, reason: .syntax(error.message))
        }
        let fail = { (entry: String?, reason: ThemeError.Reason) in ThemeError(file: name, entry: entry, reason: reason)
        }
        var theme = Theme(name: name)
        if let parent = document["inherits"] {
            guard let parentName = parent.string else { throw fail("inherits", .invalidValue("\(parent.type)")) }
            theme = try inherit(parentName)
        }
        theme.name = name
        if let value = document["name"] {
            guard let string = value.string else { throw fail("name", .invalidValue("\(value.type)")) }
            theme.name = string
        }
        if let colors = document["colors"] {
            try theme.addAlacrittyColors(colors, fail: fail)
        }
        if let palette = document["palette"] {
            guard let table = palette.table else { throw fail("palette", .invalidValue("\(palette.type)")) }
            try theme.addPalette(table, fail: fail)
        }
        var unknown: [String] = []
        for (slot, value) in document where !["name", "inherits", "colors", "palette"].contains(slot) {
            theme.rules[slot] = try theme.rule(from: value) { fail(slot, $0) }
            if !knownSlots.contains(slot) { unknown.append(slot) }
        }
        if !unknown.isEmpty { warn(ThemeWarning(file: name, unknownSlots: unknown.sorted())) }
        return theme
    }

    /// `[colors.primary]`, `[colors.normal]`, `[colors.bright]` of an alacritty theme, as palette entries.
    private mutating func addAlacrittyColors(
        _ value: any TOMLValueConvertible, fail: (String?, ThemeError.Reason) -> ThemeError
    ) throws {
        guard let colors = value.table else { throw fail("colors", .invalidValue("\(value.type)")) }
        for (group, prefix) in [("primary", ""), ("normal", ""), ("bright", "bright-")] {
            guard let table = colors[group]?.table else { continue }
            for (key, value) in table {
                let entry = "colors.\(group).\(key)"
                guard let string = value.string else { throw fail(entry, .invalidValue("\(value.type)")) }
                guard let color = Self.color(string) else { throw fail(entry, .unknownColor(string)) }
                palette[prefix + key.replacingOccurrences(of: "_", with: "-")] = color
            }
        }
    }

    /// `[palette]`: a value is a colour, or the name of another entry (one level: an entry of this
    /// table, an alacritty colour or an inherited entry).
    private mutating func addPalette(_ table: TOMLTable, fail: (String?, ThemeError.Reason) -> ThemeError) throws {
        var references: [(key: String, target: String)] = []
        for (key, value) in table {
            guard let string = value.string else { throw fail("palette.\(key)", .invalidValue("\(value.type)")) }
            if table[string] == nil, palette[string] == nil, let color = Self.color(string) {
                palette[key] = color
            } else {
                references.append((key, string))
            }
        }
        let resolved = palette
        for (key, target) in references {
            guard let color = resolved[target] else { throw fail("palette.\(key)", .unknownColor(target)) }
            palette[key] = color
        }
    }

    /// `Color(name:)`, also accepting alacritty's `0xRRGGBB`.
    static func color(_ string: String) -> Color? {
        let lower = string.lowercased()
        if lower.hasPrefix("0x"), lower.count == 8 { return Color(name: "#" + lower.dropFirst(2)) }
        return Color(name: string)
    }

    private func colorRef(_ string: String, fail: (ThemeError.Reason) -> ThemeError) throws -> ThemeRule.ColorRef {
        if palette[string] != nil { return .palette(string) }
        guard let color = Self.color(string) else { throw fail(.unknownColor(string)) }
        return .color(color)
    }

    private func rule(from value: any TOMLValueConvertible, fail: (ThemeError.Reason) -> ThemeError) throws
        -> ThemeRule
    {
        if let string = value.string { return ThemeRule(fg: try colorRef(string, fail: fail)) }
        guard let table = value.table else { throw fail(.invalidValue("\(value.type)")) }
        var rule = ThemeRule()
        for (key, field) in table {
            switch key {
            case "fg", "bg":
                guard let string = field.string else { throw fail(.invalidValue("\(field.type) for \(key)")) }
                let ref = try colorRef(string, fail: fail)
                if key == "fg" { rule.fg = ref } else { rule.bg = ref }
            case "modifiers":
                guard let list = field.array else { throw fail(.invalidValue("\(field.type) for modifiers")) }
                for element in list {
                    guard let name = element.string else { throw fail(.invalidValue("\(element.type) in modifiers")) }
                    guard let attribute = Self.attribute(named: name) else { throw fail(.unknownModifier(name)) }
                    rule.attributes.insert(attribute)
                }
            default:
                throw fail(.unknownField(key))
            }
        }
        return rule
    }

    /// A modifier name; helix's `underlined` and `reversed` are accepted too.
    static func attribute(named name: String) -> Attributes? {
        switch name.lowercased() {
        case "bold": .bold
        case "dim": .dim
        case "italic": .italic
        case "underline", "underlined": .underline
        case "reverse", "reversed": .reverse
        default: nil
        }
    }
}
