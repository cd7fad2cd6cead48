import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import Foundation
import TerminalCanvas

/// Compact dates for the sidebar: `11-25` this year, `2023` before (as mail clients do), in a
/// time zone (the reader's, ``RenderContext/timeZone``), without a Foundation formatter.
enum ShortDate {
    /// Formats seconds since 1970 relative to `now`.
    static func format(_ time: Double?, now: Double, in zone: TimeZone = .current) -> String {
        guard let utc = time, utc.isFinite else { return "" }
        let time = local(utc, zone)
        let now = local(now, zone)
        let (y, m, d) = ISOTime.civil(days: Int((time / 86400).rounded(.down)))
        let (nowYear, _, _) = ISOTime.civil(days: Int((now / 86400).rounded(.down)))
        if y == nowYear {
            return pad(m) + "-" + pad(d)
        }
        return String(y)
    }

    /// Formats a full date and time, `2023-04-06 12:05`.
    static func full(_ time: Double?, in zone: TimeZone = .current) -> String {
        guard let utc = time, utc.isFinite else { return "" }
        let time = local(utc, zone)
        let days = Int((time / 86400).rounded(.down))
        let (y, m, d) = ISOTime.civil(days: days)
        let seconds = Int(time) - days * 86400
        return "\(y)-\(pad(m))-\(pad(d)) \(pad(seconds / 3600)):\(pad(seconds / 60 % 60))"
    }

    /// Seconds since 1970 as wall-clock seconds of a time zone.
    static func local(_ time: Double, _ zone: TimeZone) -> Double {
        guard abs(time) < 1e12 else { return time }
        return time + Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: time)))
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
