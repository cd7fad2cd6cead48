/// A terminal's answer to a DECRQM question (`CSI ? mode $ p`), which asks whether a DEC
/// private mode is set. Pure.
public enum ModeReport {
    /// The answer `CSI ? mode ; setting $ y`: `parameters` are what came between `CSI` and the
    /// final `y` (`?2026;2$`). Nil for anything else.
    public static func parse(parameters: String, final: Character) -> (mode: Int, setting: Int)? {
        guard final == "y", parameters.hasPrefix("?"), parameters.hasSuffix("$") else { return nil }
        let fields = parameters.dropFirst().dropLast().split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 2, let mode = Int(fields[0]), let setting = Int(fields[1]) else { return nil }
        return (mode, setting)
    }
}
