/// Slots a theme file sets that no view uses: the theme loads, and they are ignored. The
/// description names the known slots, so a misspelt one is easy to fix:
/// `mine.toml: unknown slot "ui.sidbar" is ignored; known slots: ui, ui.border, …`.
public struct ThemeWarning: Sendable, Equatable, CustomStringConvertible {
    /// The file name or path.
    public var file: String
    /// The unknown slots, sorted.
    public var unknownSlots: [String]

    /// Creates a warning.
    public init(file: String, unknownSlots: [String]) {
        self.file = file
        self.unknownSlots = unknownSlots
    }

    /// One line.
    public var description: String {
        let names = unknownSlots.map { "\"\($0)\"" }.joined(separator: ", ")
        let what = unknownSlots.count == 1 ? "unknown slot \(names) is" : "unknown slots \(names) are"
        return "\(file): \(what) ignored; known slots: \(Theme.slots.joined(separator: ", "))"
    }
}
