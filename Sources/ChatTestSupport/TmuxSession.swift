import ChatConfig
import Foundation

/// A program running in a private tmux server, driven like a person would: keys in, screen out.
///
/// The browser run here reports when it is idle (`CHATTERM_IDLE_REPORT=1` is set; see
/// TmuxSession+Idle.swift): a test sends keys (``press(_:in:)``, ``send(_:)``, ``type(_:)``,
/// ``paste(_:)``, each counted) and then ``settle(timeout:)`` waits until the browser has handled
/// that many and drawn the result, and captures the screen once. ``waitFor(_:timeout:)`` polls
/// the screen instead: for a state that passes (an answer still streaming), and for programs
/// that are not the browser.
public final class TmuxSession: Sendable {
    /// The private server's socket name.
    public let socket = "chatterm-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let session = "t"
    /// The keymap the program runs with, which ``press(_:in:)`` reads.
    public let keymap: Keymap
    /// The inputs sent so far (see ``inputsSent``).
    let sent = InputTally()

    /// Whether tmux is installed (end-to-end tests skip visibly without it).
    public static var isAvailable: Bool { Spawn.isAvailable("tmux") }

    /// Starts `command` (a shell command line) in a `cols`×`rows` window with a UTF-8 locale and
    /// the idle report asked for. `keymap` is the one the program runs with (the default unless
    /// it is given `--keymap` or finds a `keymap.toml`).
    public init(
        command: String, cols: Int = 100, rows: Int = 30, environment: [String: String] = [:],
        keymap: Keymap = .builtin
    ) throws {
        self.keymap = keymap
        let base = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color", Self.idleVariable: "1"]
        let env = (base.merging(environment) { $1 })
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

    /// Sends tmux key names (`Enter`, `Tab`, `BTab`, `C-k`, `]`, …), each counted as one input:
    /// pass one key per argument. Tests press commands (``press(_:in:)``) unless the key itself
    /// is what they test.
    public func send(_ keys: String...) throws {
        sent.add(keys.count)
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// Types text literally: one input per Unicode scalar (a combining mark typed alone may
    /// join the character before it into one key; tests of that wait with ``waitFor(_:timeout:)``).
    public func type(_ text: String) throws {
        sent.add(text.unicodeScalars.count)
        try tmux("send-keys", "-t", session, "-l", text)
    }

    /// Pastes text as a bracketed paste: one input, however long.
    public func paste(_ text: String) throws {
        try tmux("set-buffer", "-b", "p", text)
        sent.add(1)
        try tmux("paste-buffer", "-p", "-b", "p", "-t", session)
    }

    /// Pastes a file's bytes as a bracketed paste (a file, as a command line cannot hold
    /// megabytes): one input. tmux sends each LF as CR, as terminals do, unless `exact`.
    public func paste(contentsOf file: URL, exact: Bool = false) throws {
        try tmux("load-buffer", "-b", "p", file.path)
        sent.add(1)
        try tmux(["paste-buffer", "-p"] + (exact ? ["-r"] : []) + ["-b", "p", "-t", session])
    }

    /// The inputs sent so far: keys (``send(_:)``, ``press(_:in:)``), typed Unicode scalars and
    /// pastes. The browser's idle report counts the same.
    public var inputsSent: Int { sent.count }

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
    /// For a state that passes (an answer streaming) or a program that is not the browser; wait
    /// for the settled result of keys with ``settle(timeout:)``.
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

    /// Polls until the program has exited (tmux keeps the dead pane).
    public func waitForExit(timeout: Double = 30) throws {
        try waitFor("the program to exit", timeout: timeout) { _ in (try? self.isDead()) == true }
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

/// How many inputs a session has sent, shared by its threads.
final class InputTally: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    var count: Int { lock.withLock { total } }
    func add(_ n: Int) { lock.withLock { total += n } }
}
