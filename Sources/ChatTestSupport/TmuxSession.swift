import Foundation

/// A program running in a private tmux server, driven like a person would: keys in, screen out.
public final class TmuxSession: Sendable {
    /// The private server's socket name.
    public let socket = "chatterm-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    private let session = "t"

    /// Whether tmux is installed (end-to-end tests skip visibly without it).
    public static var isAvailable: Bool { Spawn.isAvailable("tmux") }

    /// Starts `command` (a shell command line) in a `cols`×`rows` window with a UTF-8 locale.
    public init(command: String, cols: Int = 100, rows: Int = 30, environment: [String: String] = [:]) throws {
        let env = (["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"].merging(environment) { $1 })
            .map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        try tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(cols)", "-y", "\(rows)",
            "env \(env) \(command)")
        try tmux("set-option", "-t", session, "remain-on-exit", "on")
    }

    deinit { close() }

    /// Runs a tmux command against this server and returns its output.
    @discardableResult
    public func tmux(_ args: String...) throws -> String { try tmux(args) }

    /// Runs a tmux command against this server and returns its output.
    @discardableResult
    public func tmux(_ args: [String]) throws -> String {
        let result = try Spawn.run(["tmux", "-L", socket] + args, timeout: 10)
        return result.stdout + result.stderr
    }

    /// The screen as text, one line per row (trailing spaces trimmed by tmux).
    public func capture() throws -> String { try tmux("capture-pane", "-p", "-t", session) }

    /// The screen's rows.
    public func lines() throws -> [String] {
        try capture().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Sends tmux key names (`Enter`, `Tab`, `BTab`, `C-k`, `]`, …).
    public func send(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

    /// Types text literally.
    public func type(_ text: String) throws { try tmux("send-keys", "-t", session, "-l", text) }

    /// Pastes text as a bracketed paste.
    public func paste(_ text: String) throws {
        try tmux("set-buffer", "-b", "p", text)
        try tmux("paste-buffer", "-p", "-b", "p", "-t", session)
    }

    /// Pastes a file's bytes as a bracketed paste (a file, as a command line cannot hold
    /// megabytes). tmux sends each LF as CR, as terminals do, unless `exact`.
    public func paste(contentsOf file: URL, exact: Bool = false) throws {
        try tmux("load-buffer", "-b", "p", file.path)
        try tmux(["paste-buffer", "-p"] + (exact ? ["-r"] : []) + ["-b", "p", "-t", session])
    }

    /// A value of the pane from tmux's formats (`pane_pid`, `pane_dead_status`, `alternate_on`).
    public func pane(_ format: String) throws -> String {
        try tmux("display-message", "-p", "-t", session, "#{\(format)}").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Resizes the window.
    public func resize(cols: Int, rows: Int) throws {
        try tmux("resize-window", "-t", session, "-x", "\(cols)", "-y", "\(rows)")
    }

    /// Whether the program has exited.
    public func isDead() throws -> Bool {
        try tmux("display-message", "-p", "-t", session, "#{pane_dead}").trimmingCharacters(in: .whitespacesAndNewlines)
            == "1"
    }

    /// Polls the screen until `predicate` holds; returns the screen, or throws with the last screen.
    @discardableResult
    public func waitFor(
        _ what: String, timeout: Double = 30, _ predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            usleep(50_000)
        }
        throw TmuxTimeout(what: what, screen: screen)
    }

    /// Polls until the screen contains `needle`.
    @discardableResult
    public func waitFor(_ needle: String, timeout: Double = 30) throws -> String {
        try waitFor("'\(needle)'", timeout: timeout) { $0.contains(needle) }
    }

    /// Stops the private server, and any process of the pane that outlives its terminal
    /// (`script(1)` does, keeping the program under it alive).
    public func close() {
        let tree = (try? pane("pane_pid")).flatMap { Int32($0) }.map(Self.processTree) ?? []
        _ = try? Spawn.run(["tmux", "-L", socket, "kill-server"], timeout: 5)
        for pid in tree where kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    /// A process and its descendants, parents first.
    static func processTree(_ root: Int32) -> [Int32] {
        [root] + Spawn.children(of: root).flatMap(processTree)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

/// The screen never showed what a test waited for; carries the last screen for the failure message.
public struct TmuxTimeout: Error, CustomStringConvertible {
    /// What was awaited.
    public var what: String
    /// The last screen seen.
    public var screen: String
    /// A message with the screen dump.
    public var description: String { "timed out waiting for \(what); screen was:\n\(screen)" }
}
