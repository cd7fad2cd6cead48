import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// Compact dates for the sidebar: `11-25` this year, `2023` before (as mail clients do). UTC, no Foundation formatter.
enum ShortDate {
    /// Formats seconds since 1970 relative to `now`.
    static func format(_ time: Double?, now: Double) -> String {
        guard let time, time.isFinite else { return "" }
        let (y, m, d) = civil(days: Int((time / 86400).rounded(.down)))
        let (nowYear, _, _) = civil(days: Int((now / 86400).rounded(.down)))
        if y == nowYear {
            return pad(m) + "-" + pad(d)
        }
        return String(y)
    }

    /// Formats a full date and time, `2023-04-06 12:05`.
    static func full(_ time: Double?) -> String {
        guard let time, time.isFinite else { return "" }
        let days = Int((time / 86400).rounded(.down))
        let (y, m, d) = civil(days: days)
        let seconds = Int(time) - days * 86400
        return "\(y)-\(pad(m))-\(pad(d)) \(pad(seconds / 3600)):\(pad(seconds / 60 % 60))"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// (year, month, day) of days since 1970-01-01.
    static func civil(days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
