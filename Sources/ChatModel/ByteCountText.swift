import Foundation

/// Sizes as people read them: `512 bytes`, `1.2 MB`, `34 MB` (decimal units, as file managers
/// and the web page show them).
public enum ByteCountText {
    /// `bytes` in words.
    public static func text(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 999.5, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: value < 9.95 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }
}
