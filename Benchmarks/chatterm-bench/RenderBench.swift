import ChatArchive
import ChatConfig
import ChatModel
import ChatProtocol
import ChatRender
import ChatServer
import ChatStore
import ChatUI
import Foundation
import TerminalCanvas

// chatterm-bench render [--messages N] [--runs R]
//
// Opening a long Markdown conversation: N messages (default 200; half of them answers with
// headings, lists, tables, math, CJK and a long code block) in an in-memory archive, opened
// R times (default 30) at 120×40 and at 80×24. Prints the first open (nothing rendered yet:
// archive read, decode, tree, the answers near the screen rendered, the first frame) and when
// the rest, rendered off the draw path, is in; the opens after it (renders kept); and the
// layout and frame alone.

struct RenderBenchOptions {
    var messages = 200
    var runs = 30

    static func parse(_ args: [String]) -> RenderBenchOptions {
        var options = RenderBenchOptions()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--messages" where i + 1 < args.count && Int(args[i + 1]).map { $0 >= 2 } == true:
                options.messages = Int(args[i + 1])!
                i += 1
            case "--runs" where i + 1 < args.count && Int(args[i + 1]).map { $0 > 0 } == true:
                options.runs = Int(args[i + 1])!
                i += 1
            default:
                print("usage: chatterm-bench render [--messages N] [--runs R]")
                exit(2)
            }
            i += 1
        }
        return options
    }
}

/// A conversation of `messages` messages, alternating a short question and a long answer.
func benchConversation(messages: Int) -> Conversation {
    var mapping: [String: Node] = ["root": Node(id: "root")]
    var parent = "root"
    for i in 0..<messages {
        let id = "m\(i)"
        let isAnswer = i % 2 == 1
        var text = "Question \(i / 2 + 1): how would you lay out a streamed answer in a terminal?"
        if isAnswer {
            let code = (0..<60).map { line in
                "    let value\(line) = render(lines[\(line)], width: width)  // keeps every frame under budget, even for long lines like this one"
            }
            text =
                BenchMarkdown.answer(bytes: 3000, seed: UInt64(i)) + "\n\n```swift\nfunc layOut() {\n"
                + code.joined(separator: "\n") + "\n}\n```\n\nThat is all."
        }
        let message = Message(
            id: id, author: Author(role: isAnswer ? .assistant : .user), createTime: 1_700_000_000 + Double(i),
            content: .text(text), status: "finished_successfully",
            metadata: isAnswer ? ["model_slug": .string("gpt-4o")] : [:], recipient: "all")
        mapping[id] = Node(id: id, message: message, parent: parent)
        mapping[parent]?.children.append(id)
        parent = id
    }
    return Conversation(
        id: "bench-long", title: "A long Markdown conversation", createTime: 1_700_000_000,
        updateTime: 1_700_000_000 + Double(messages), mapping: mapping, currentNode: parent)
}

func runRenderBench(_ args: [String]) async {
    let options = RenderBenchOptions.parse(args)
    let conversation = benchConversation(messages: options.messages)
    let archive: Archive
    do {
        archive = try Archive.inMemory()
        let raw = try JSONEncoder().encode(ConversationEncoding.json(conversation))
        _ = try archive.upsert(conversation, raw: raw, source: "bench")
        let bytes = conversation.mapping.values.reduce(0) { $0 + ($1.message?.content.streamedText.utf8.count ?? 0) }
        print("render: \(options.messages) messages, \(bytes / 1024) KB of Markdown, \(raw.count / 1024) KB of JSON")
    } catch {
        print("render: cannot store the conversation: \(error)")
        exit(1)
    }
    let context = RenderContext(theme: .builtinDark, keymap: .builtin, now: Date().timeIntervalSince1970)
    for (width, height) in [(120, 40), (80, 24)] {
        let store = Store(
            state: AppState(width: width, height: height), environment: StoreEnvironment(archive: archive))
        await store.send(.terminal(.started(width: width, height: height)))
        var opens: [Double] = []
        var layouts: [Double] = []
        var frames: [Double] = []
        var lines = 0
        var rest = 0.0
        for run in 0..<options.runs {
            await store.send(.command(.newChat))
            let t0 = DispatchTime.now().uptimeNanoseconds
            let state = await store.send(.user(.open(id: conversation.id, focusNode: nil)))
            let t1 = DispatchTime.now().uptimeNanoseconds
            _ = Screen.render(state, context: context)
            let t2 = DispatchTime.now().uptimeNanoseconds
            opens.append(Double(t2 - t0) / 1e9)
            frames.append(Double(t2 - t1) / 1e9)
            if run == 0 {
                // The answers left unrendered are rendered off the draw path; wait for them.
                while await store.state.open?.layout.deferredTexts.isEmpty == false {
                    try? await Task.sleep(for: .milliseconds(1))
                }
                rest = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                continue
            }
            guard var open = state.open else {
                print("render: the conversation did not open")
                exit(1)
            }
            let t3 = DispatchTime.now().uptimeNanoseconds
            open.relayout()
            layouts.append(Double(DispatchTime.now().uptimeNanoseconds - t3) / 1e9)
            lines = open.layout.lines.count
        }
        let label = "render \(width)x\(height)"
        print("\(label): \(lines) pane lines")
        print(
            "\(label): first open (archive read, decode, the answers near the screen rendered, first frame) "
                + "\(ms(opens[0])); every answer rendered (off the draw path) after \(ms(rest))")
        report("\(label): open again (renders kept by MessageRenderCache)", Array(opens.dropFirst()))
        report("\(label): layout of every message with its render kept", layouts)
        report("\(label): one frame", Array(frames.dropFirst()))
        report("\(label): scrolling frame (render + diff)", await scrollingFrames(store, context: context))
    }
    benchParagraphAppend()
}

/// Frames while paging through the open conversation, a new screenful each time: render
/// and diff, as the run loop does them.
func scrollingFrames(_ store: Store, context: RenderContext, count: Int = 1500) async -> [Double] {
    var state = await store.state
    guard let total = state.open?.layout.lines.count else { return [] }
    var previous = Screen.render(state, context: context).buffer
    var samples: [Double] = []
    for i in 0..<count {
        let rows = state.geometry.paneRows
        state.open?.scrollTop = (i * 37) % max(1, total - rows)
        let t0 = DispatchTime.now().uptimeNanoseconds
        let frame = Screen.render(state, context: context)
        _ = frame.buffer.diff(from: previous)
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        previous = frame.buffer
    }
    return samples
}

/// One long paragraph as it streams: the cost of a frame's append (a frame's worth of text,
/// 33 deltas at 2,000 a second) at growing lengths, and where it goes.
func benchParagraphAppend() {
    let paragraph = BenchMarkdown.paragraph(bytes: 40 * 1024, seed: 20)
    let width = 118
    for kilobytes in [1, 5, 10, 20, 40] {
        let prefix = String(paragraph.utf8.prefix(kilobytes * 1024))!
        var render = MessageRender(prefix, width: width)
        let frame = " and a frame's worth of streamed text, some one hundred and fifty characters long, arrives here."
        var samples: [Double] = []
        for _ in 0..<40 {
            var copy = render
            let t0 = DispatchTime.now().uptimeNanoseconds
            copy.append(frame)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            render = copy
        }
        report("render: append a frame's text to a \(kilobytes) KB paragraph", samples)
    }
}
