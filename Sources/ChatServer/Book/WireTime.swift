import ChatProtocol

/// Times as the list endpoint writes them: `2023-12-15T12:03:30.596706+00:00`.
enum WireTime {
    /// The ISO-8601 form with microseconds and a `+00:00` zone.
    static func iso(_ t: Double) -> String {
        var seconds = t.rounded(.down)
        var micros = Int(((t - seconds) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        let days = Int((seconds / 86_400).rounded(.down))
        let secondOfDay = Int(seconds) - days * 86_400
        let (y, m, d) = ISOTime.civil(days: days)
        let base =
            pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        return base + "." + pad(micros, 6) + "+00:00"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
