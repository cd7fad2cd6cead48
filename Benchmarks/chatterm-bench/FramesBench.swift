import ChatArchive
import ChatClient
import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import ChatUI
import CursesTerminal
import Foundation
import TerminalCanvas

// chatterm-bench frames [--kb N] [--rate R] [--size WxH] [--runs K] [--curses]
//
// The frames an answer draws while it streams, alone: an N KB Markdown answer (default 10, the
// stream bench's, cut into the same deltas) is streamed through `Reducer.reduce` (no store, no
// threads, no pacing) with a sidebar of 200 conversations: every 16 ms worth of deltas at R a
// second (default 2000) is joined into one append, as the store joins them, and one frame is
// rendered (by a FrameRenderer) and diffed against the last, as the run loop does. Repeated K times (default
// 20). Prints the frame's time (render + diff) and its two parts, p50 and p99, and the cells a
// frame changes. Deterministic and single-threaded, so it moves with the frame code only.
//
// With --curses every frame is also drawn on the terminal through CursesScreen, as the TUI draws
// it (its own diff, the curses calls, the bytes written), with the theme reduced to the
// terminal's colours; run it in a terminal of the size, e.g. under script(1):
//   script -qc 'stty cols 120 rows 40; chatterm-bench frames --curses' /dev/null | grep frames

struct FramesBenchOptions {
    var kilobytes = 10
    var rate = 2000.0
    var width = 120
    var height = 40
    var runs = 20
    /// Draw the frames on the terminal too.
    var curses = false

    static func parse(_ args: [String]) -> FramesBenchOptions {
        var options = FramesBenchOptions()
        var i = 0
        while i < args.count {
            let value = i + 1 < args.count ? args[i + 1] : ""
            switch args[i] {
            case "--curses":
                options.curses = true
                i += 1
                continue
            case "--kb" where Int(value).map { $0 > 0 } == true:
                options.kilobytes = Int(value)!
            case "--rate" where Double(value).map { $0 > 0 } == true:
                options.rate = Double(value)!
            case "--runs" where Int(value).map { $0 > 0 } == true:
                options.runs = Int(value)!
            case "--size" where value.split(separator: "x").compactMap({ Int($0) }).count == 2:
                let parts = value.split(separator: "x").compactMap { Int($0) }
                (options.width, options.height) = (parts[0], parts[1])
            default:
                print(
                    "usage: chatterm-bench frames [--kb N] [--rate DELTAS_PER_SECOND] [--size WxH] [--runs K] [--curses]"
                )
                exit(2)
            }
            i += 2
        }
        return options
    }
}

/// Runs the frame bench and prints its figures.
@MainActor
func runFramesBench(_ args: [String]) {
    let options = FramesBenchOptions.parse(args)
    let answer = BenchMarkdown.answer(bytes: options.kilobytes * 1024, seed: UInt64(options.kilobytes))
    let deltas = BenchMarkdown.deltas(of: answer, seed: 7)
    let perFrame = max(1, Int(options.rate * 0.016))
    let screen = options.curses ? CursesScreen() : nil
    let theme = screen.map { Theme.builtinDark.reduced(to: colorSupport($0.colorDepth)) } ?? .builtinDark
    let context = RenderContext(theme: theme, keymap: .builtin, now: 1_765_000_000, timeZone: .gmt)
    var draws: [Double] = []
    var renders: [Double] = []
    var diffs: [Double] = []
    var totals: [Double] = []
    var changed = 0
    for _ in 0..<options.runs {
        guard let (start, id) = streamingState(options, deltas: deltas) else {
            print("frames: the answer did not start streaming")
            exit(1)
        }
        var state = start
        var renderer = FrameRenderer(context: context)
        var previous = renderer.render(state).buffer
        // A frame's deltas reach the reducer as one append, as the store joins them.
        for first in stride(from: 0, to: deltas.count, by: perFrame) {
            let text = deltas[first..<min(deltas.count, first + perFrame)].joined()
            state.now += Double(perFrame) / options.rate
            let item = ChatStreamItem.event(.textAppended(messageID: ScriptedBackend.answerID, suffix: text))
            _ = Reducer.reduce(&state, .stream(id: id, .item(item)))
            let t0 = DispatchTime.now().uptimeNanoseconds
            let frame = renderer.render(state)
            let t1 = DispatchTime.now().uptimeNanoseconds
            changed += frame.buffer.diff(from: previous).count
            let t2 = DispatchTime.now().uptimeNanoseconds
            renders.append(Double(t1 - t0) / 1e9)
            diffs.append(Double(t2 - t1) / 1e9)
            totals.append(Double(t2 - t0) / 1e9)
            previous = frame.buffer
            if let screen {
                screen.draw(frame.buffer, cursor: frame.cursor.map { (x: $0.x, y: $0.y) })
                draws.append(Double(DispatchTime.now().uptimeNanoseconds - t2) / 1e9)
            }
        }
    }
    let size = screen?.size
    screen?.shutdown()
    let label = "frames \(options.width)x\(options.height), \(options.kilobytes) KB at \(Int(options.rate))/s"
    let figures = { (samples: [Double]) -> String in
        let sorted = samples.sorted()
        return String(
            format: "p50 %.1f µs, p99 %.1f µs", percentile(sorted, 0.5) * 1e6, percentile(sorted, 0.99) * 1e6)
    }
    print(
        "\(label): \(totals.count) frames (\(perFrame) deltas each), \(changed / max(1, totals.count)) cells changed a frame"
    )
    print("\(label): frame (render + diff) \(figures(totals))")
    print("\(label): render \(figures(renders)); diff \(figures(diffs))")
    if let size {
        print(
            "\(label): curses draw (its diff, the curses calls, the write) \(figures(draws)) on a \(size.width)x\(size.height) terminal"
        )
    }
    let mean = (totals.reduce(0, +) + draws.reduce(0, +)) / Double(max(1, totals.count))
    print(String(format: "%@: %.1f µs of frames a delta", label, mean / Double(perFrame) * 1e6))
}

/// The theme reduction the TUI makes for a terminal's colour depth.
private func colorSupport(_ depth: ColorDepth) -> ColorSupport {
    switch depth {
    case .monochrome: .monochrome
    case .ansi16: .ansi16
    case .palette256: .palette256
    case .truecolor: .truecolor
    }
}

/// A state whose answer has just begun streaming (the script's head applied), with a loaded
/// sidebar, and the stream's id.
private func streamingState(_ options: FramesBenchOptions, deltas: [String]) -> (AppState, String)? {
    let backend = ScriptedBackend(deltas: deltas, rate: options.rate)
    var state = AppState(width: options.width, height: options.height)
    state.now = 1_765_000_000
    state.backend = BackendInfo(name: "bench", sourceName: backend.sourceName, model: "bench")
    let rows = (0..<200).map { i in
        ConversationSummary(
            id: "c\(i)", title: i % 5 == 0 ? "流式输出与终端界面 \(i)" : "Rendering streamed answers, part \(i)",
            createTime: 1_764_000_000 - Double(i) * 86_400, updateTime: nil, isArchived: false, source: "bench",
            nodeCount: 4)
    }
    _ = Reducer.reduce(&state, .terminal(.started(width: options.width, height: options.height)))
    _ = Reducer.reduce(
        &state, .loaded(.sidebar(ConversationListing(count: rows.count, pinnedCount: 0, offset: 0, rows: rows))))
    _ = Reducer.reduce(&state, .command(.newChat))
    _ = Reducer.reduce(&state, .user(.type("Write a long guide to rendering streamed answers in a terminal.")))
    _ = Reducer.reduce(&state, .command(.send))
    guard let request = state.streams.values.first?.request else { return nil }
    let id = request.websocketRequestID
    let script = backend.script(for: request)
    for item in script.head { _ = Reducer.reduce(&state, .stream(id: id, .item(item))) }
    return (state, id)
}
