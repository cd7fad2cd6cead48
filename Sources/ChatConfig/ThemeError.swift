/// Why a theme file failed to load, and where: `dark.toml: "ui.sidebar": unknown colour "blu"`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// The file is not valid TOML.
        case syntax(String)
        /// The file could not be read.
        case unreadable(String)
        /// The file holds nothing.
        case empty
        /// Not a palette entry, ANSI name, palette index or `#RRGGBB`.
        case unknownColor(String)
        /// Not one of bold, dim, italic, underline, reverse.
        case unknownModifier(String)
        /// A style table key other than fg, bg, modifiers.
        case unknownField(String)
        /// A value of the wrong type; what was found.
        case invalidValue(String)
        /// No theme of this name was found; the paths that were tried.
        case notFound(searched: [String])
        /// `inherits` leads back to a theme already being loaded.
        case inheritanceCycle([String])
    }

    /// The file name or path (or the theme name) the problem was found in.
    public var file: String
    /// The entry (a slot, `palette.bg`, `inherits`), when the problem is one entry.
    public var entry: String?
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(file: String, entry: String? = nil, reason: Reason) {
        self.file = file
        self.entry = entry
        self.reason = reason
    }

    /// `file: "entry": problem`.
    public var description: String {
        var location = file + ":"
        if let entry { location += " \"\(entry)\":" }
        return location + " " + problem
    }

    private var problem: String {
        switch reason {
        case .syntax(let message): "invalid TOML: \(message)"
        case .unreadable(let message): "cannot read the file: \(message)"
        case .empty: "the file is empty; a theme file sets slots or inherits a theme"
        case .unknownColor(let name):
            "unknown colour \"\(name)\"; expected a palette entry, an ANSI name, 0–255 or #RRGGBB"
        case .unknownModifier(let name):
            "unknown modifier \"\(name)\"; expected bold, dim, italic, underline or reverse"
        case .unknownField(let name): "unknown field \"\(name)\"; expected fg, bg or modifiers"
        case .invalidValue(let type): "unexpected \(type)"
        case .notFound(let searched): "no such theme; looked in \(searched.joined(separator: ", "))"
        case .inheritanceCycle(let chain): "inherits forms a cycle: \(chain.joined(separator: " → "))"
        }
    }
}
