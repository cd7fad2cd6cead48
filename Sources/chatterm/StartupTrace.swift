import Foundation

/// Time since this process started, from `/proc/self/stat` (Linux), so a measurement of the
/// first frame includes loading the binary and opening the archive.
enum StartupTrace {
    /// Seconds since the process was created, or nil where /proc is absent.
    static func secondsSinceProcessStart() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let uptimeText = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
            let uptime = Double(uptimeText.split(separator: " ").first ?? ""),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name; starttime is field 22 overall, index 19 here.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return uptime - ticks / hertz
    }

    /// Writes "first frame after N ms" to the file named by `CHATTERM_TRACE_STARTUP`, if set.
    static func reportFirstFrame() {
        guard let path = ProcessInfo.processInfo.environment["CHATTERM_TRACE_STARTUP"],
            let seconds = secondsSinceProcessStart()
        else { return }
        let line = String(format: "first frame after %.0f ms\n", seconds * 1000)
        try? Data(line.utf8).write(to: URL(fileURLWithPath: path))
    }
}
