import Foundation

// chatterm-bench tui --chatterm PATH: the whole TUI as a person runs it. A real `chatterm`
// (pass the release build) runs in tmux at 120×40 with a profile of kind `openai` pointed at the
// paced upstream (`chatterm-bench upstream`, another process); the bench types a prompt, sends
// it and waits for "Answer complete" on the screen. The figure is the CPU the chatterm process
// used (every thread, from /proc/PID/task/*/schedstat) from the Enter to the end of the answer,
// divided by the deltas: the HTTP client, the engine, the embedded server, the store, the
// frames and curses writing them to the terminal. tmux's own drawing is the terminal's, not
// chatterm's, and is not counted.

struct TUIStreamOptions {
    var chatterm = ""
    var upstream = PacedUpstreamOptions()
    var runs = 5

    static func parse(_ args: [String]) -> TUIStreamOptions {
        var options = TUIStreamOptions()
        var rest = args[...]
        var upstreamArgs: [String] = []
        while let arg = rest.popFirst() {
            switch arg {
            case "--chatterm": options.chatterm = rest.popFirst() ?? ""
            case "--runs": options.runs = rest.popFirst().flatMap { Int($0) }.map { max(1, $0) } ?? options.runs
            case "--kb", "--rate": upstreamArgs += [arg, rest.popFirst() ?? ""]
            case "--paragraph": upstreamArgs.append(arg)
            default:
                print("usage: chatterm-bench tui --chatterm PATH [--kb N] [--rate R] [--paragraph] [--runs K]")
                exit(2)
            }
        }
        options.upstream = PacedUpstreamOptions.parse(upstreamArgs)
        guard FileManager.default.isExecutableFile(atPath: options.chatterm) else {
            print("chatterm-bench tui: --chatterm must name a chatterm executable (the release build)")
            exit(2)
        }
        return options
    }
}

func runTUIStreamBench(_ args: [String]) {
    let options = TUIStreamOptions.parse(args)
    let deltas = options.upstream.deltas.count
    let label =
        "tui: \(options.upstream.kilobytes) KB \(options.upstream.paragraph ? "paragraph" : "answer") "
        + "at \(Int(options.upstream.rate))/s"
    var figures: [Double] = []
    for run in 0..<options.runs {
        do {
            let (cpu, wall) = try tuiStreamRun(options, name: "chatterm-bench-tui-\(getpid())-\(run)")
            let perDelta = cpu / Double(deltas)
            figures.append(perDelta)
            print(
                String(
                    format: "%@: %d deltas, wall %.2f s (ideal %.2f s), CPU of chatterm %.3f s = %.1f µs a delta",
                    label, deltas, wall, Double(deltas) / options.upstream.rate, cpu, perDelta * 1e6))
        } catch {
            print("\(label): run \(run + 1) failed: \(error)")
            exit(1)
        }
    }
    let sorted = figures.sorted()
    print(String(format: "%@, median of %d runs: %.1f µs a delta", label, sorted.count, sorted[sorted.count / 2] * 1e6))
}

struct TUIBenchError: Error, CustomStringConvertible {
    let description: String
}

/// One run: a fresh data folder, the upstream, chatterm in tmux; returns chatterm's CPU
/// seconds from the Enter to the answer's end, and the wall time.
private func tuiStreamRun(_ options: TUIStreamOptions, name: String) throws -> (Double, Double) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
    let config = folder.appendingPathComponent("config/chatterm")
    try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let upstream = try PacedUpstream.start(options.upstream)
    defer { upstream.stop() }
    try """
    [profiles.fast]
    kind = "openai"
    base_url = "http://127.0.0.1:\(upstream.port)/v1"
    model = "bench"
    """.write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    let command =
        "exec env XDG_CONFIG_HOME='\(folder.path)/config' XDG_DATA_HOME='\(folder.path)/data' "
        + "TERM=xterm-256color '\(options.chatterm)' --profile fast"
    try tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    defer { _ = try? tmux("kill-session", "-t", name) }
    try waitForScreen(name, toShow: "write a message", seconds: 20)
    guard let pid = Int32(try tmux("display-message", "-p", "-t", name, "#{pane_pid}").trimmed) else {
        throw TUIBenchError(description: "tmux did not say chatterm's process id")
    }
    // Tab moves the focus round the panes; keys pressed while the TUI starts may be dropped,
    // so press it again until the input box has the focus.
    for _ in 0..<20 {
        try tmux("send-keys", "-t", name, "Tab")
        if (try? waitForScreen(name, toShow: "Type a message", seconds: 0.5)) != nil { break }
    }
    try waitForScreen(name, toShow: "Type a message", seconds: 1)
    try tmux("send-keys", "-t", name, "-l", "Write a long guide to rendering streamed answers.")
    let before = processCPU(pid)
    let start = DispatchTime.now().uptimeNanoseconds
    try tmux("send-keys", "-t", name, "Enter")
    try waitForScreen(name, toShow: "Answer complete", seconds: 120)
    let cpu = processCPU(pid) - before
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (cpu, wall)
}

/// CPU seconds every thread of `pid` has used (schedstat's first field, in nanoseconds).
private func processCPU(_ pid: Int32) -> Double {
    let tasks = "/proc/\(pid)/task"
    let threads = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
    var nanoseconds = 0.0
    for thread in threads {
        guard let stat = try? String(contentsOfFile: "\(tasks)/\(thread)/schedstat", encoding: .utf8),
            let first = stat.split(separator: " ").first, let value = Double(first)
        else { continue }
        nanoseconds += value
    }
    return nanoseconds / 1e9
}

private func waitForScreen(_ session: String, toShow text: String, seconds: Double) throws {
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    while DispatchTime.now().uptimeNanoseconds < deadline {
        if try tmux("capture-pane", "-p", "-t", session).contains(text) { return }
        usleep(20_000)
    }
    let screen = (try? tmux("capture-pane", "-p", "-t", session)) ?? ""
    throw TUIBenchError(description: "the screen never showed \"\(text)\"; it shows:\n\(screen)")
}

/// Runs tmux through the shell (`popen`): Foundation's `Process` waits here for ever on a
/// `new-session`, whose server keeps running. Its output goes to /dev/null for that one.
@discardableResult
private func tmux(_ arguments: String...) throws -> String {
    let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let starts = arguments.first == "new-session"
    let command = "tmux " + quoted.joined(separator: " ") + (starts ? " >/dev/null 2>&1" : " 2>/dev/null")
    guard let pipe = popen(command, "r") else { throw TUIBenchError(description: "cannot run tmux") }
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, pipe)
        if n <= 0 { break }
        output.append(contentsOf: buffer[0..<n])
    }
    guard pclose(pipe) == 0 else { throw TUIBenchError(description: "tmux \(arguments.first ?? "") failed") }
    return String(decoding: output, as: UTF8.self)
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
