import Foundation

/// Waiting for the browser to be idle instead of polling the screen for text.
///
/// With `CHATTERM_IDLE_REPORT=1` (which ``TmuxSession`` sets) the browser writes
/// `chatterm-idle inputs=<n> idle=<0|1> size=<columns>x<rows>` into its terminal's title (OSC 2)
/// whenever that changes (Sources/chatterm/IdleReporter.swift). `inputs` counts the key, paste
/// and mouse events it has read; `idle=1` says nothing streams, no effect is at work and the
/// frame of the latest state is drawn. The title travels with the frame's bytes, so once tmux shows
/// it, tmux has the frame too and one capture shows it whole.
///
/// How the count matches what a test sends: a key is one input however many bytes tmux writes
/// for it (`Up`, `M-x`, `F1`), a typed Unicode scalar is one, a bracketed paste is one however
/// long, a click two (press and release) and a wheel notch one (TmuxSession+Mouse.swift), a
/// resize none (the report's size shows it arrived), and a terminal's answer none. Two
/// exceptions make the browser count fewer, so a wait would time out rather than pass early:
/// Esc followed by another key within about 30 ms reads as Alt and that key (settle after Esc),
/// and a combining mark typed alone joins the character before it.
extension TmuxSession {
    static let idleVariable = "CHATTERM_IDLE_REPORT"

    /// The browser's last report and the pane's size, or nil before its first report (or when
    /// the program is not the browser).
    public func idleReport() throws -> IdleReport? {
        let line = try tmux("display-message", "-p", "-t", session, "#{pane_width} #{pane_height} #{pane_title}")
        return IdleReport(paneLine: line.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits until the browser says it is idle having read at least `inputs` inputs, at the
    /// pane's size, then captures the screen once. The title is read 10 ms after asking, then
    /// less often, down to every 50 ms (each read runs tmux once).
    @discardableResult
    public func waitForIdle(after inputs: Int, timeout: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last: IdleReport?
        var pause: useconds_t = 10_000
        while Date() < deadline {
            if let report = try idleReport() {
                last = report
                if report.idle, report.inputs >= inputs, report.fitsPane { return try capture() }
            }
            usleep(pause)
            pause = min(pause + 10_000, 50_000)
        }
        let seen = last.map { "\($0)" } ?? "no report"
        throw TmuxTimeout(what: "idle after \(inputs) inputs (last: \(seen))", screen: try capture())
    }

    /// Waits until the browser has handled every input sent so far and is idle (see
    /// ``waitForIdle(after:timeout:)``), and returns the screen. Throws ``IdleMiscount`` when the
    /// browser counted more inputs than were sent: the test's count is wrong, and a wait on it
    /// could pass too early.
    @discardableResult
    public func settle(timeout: Double = 30) throws -> String {
        let expected = inputsSent
        let screen = try waitForIdle(after: expected, timeout: timeout)
        if let report = try idleReport(), report.inputs > expected {
            throw IdleMiscount(sent: expected, counted: report.inputs, screen: screen)
        }
        return screen
    }
}

/// The browser's idle report as tmux shows it (see ``TmuxSession/idleReport()``).
public struct IdleReport: Sendable, Equatable, CustomStringConvertible {
    /// The key and paste events the browser has read.
    public var inputs: Int
    /// Whether nothing is under way and the latest state is drawn.
    public var idle: Bool
    /// The size the browser laid its state out for.
    public var width: Int
    /// The size the browser laid its state out for.
    public var height: Int
    /// The pane's size.
    public var paneWidth: Int
    /// The pane's size.
    public var paneHeight: Int

    /// Whether the browser has laid out for the pane's size (a resize has arrived).
    public var fitsPane: Bool { width == paneWidth && height == paneHeight }

    /// Reads `<pane width> <pane height> chatterm-idle inputs=<n> idle=<0|1> size=<w>x<h>`.
    public init?(paneLine: String) {
        let words = paneLine.split(separator: " ")
        guard words.count == 6, words[2] == "chatterm-idle", let paneWidth = Int(words[0]),
            let paneHeight = Int(words[1])
        else { return nil }
        var fields: [Substring: Substring] = [:]
        for word in words[3...] {
            guard let equals = word.firstIndex(of: "=") else { return nil }
            fields[word[..<equals]] = word[word.index(after: equals)...]
        }
        let size = fields["size"]?.split(separator: "x").compactMap { Int($0) } ?? []
        guard let inputs = fields["inputs"].flatMap({ Int($0) }), let idle = fields["idle"], size.count == 2 else {
            return nil
        }
        self.inputs = inputs
        self.idle = idle == "1"
        (width, height) = (size[0], size[1])
        (self.paneWidth, self.paneHeight) = (paneWidth, paneHeight)
    }

    /// The report as the browser wrote it, and the pane's size.
    public var description: String {
        "inputs=\(inputs) idle=\(idle ? 1 : 0) size=\(width)x\(height) pane=\(paneWidth)x\(paneHeight)"
    }
}

/// The browser counted more inputs than the test sent (see ``TmuxSession/settle(timeout:)``).
public struct IdleMiscount: Error, CustomStringConvertible {
    /// What the test sent.
    public var sent: Int
    /// What the browser counted.
    public var counted: Int
    /// The screen when it was noticed.
    public var screen: String
    /// A message with the screen dump.
    public var description: String {
        "the browser counted \(counted) inputs but the test sent \(sent); screen was:\n\(screen)"
    }
}
