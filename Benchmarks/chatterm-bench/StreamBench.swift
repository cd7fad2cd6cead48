import ChatArchive
import ChatClient
import ChatConfig
import ChatModel
import ChatProtocol
import ChatRender
import ChatStore
import ChatUI
import Foundation
import TerminalCanvas

// chatterm-bench stream [--kb N] [--rate R] [--paragraph] [--embedded|--in-process|--direct] [--chunk-ms M] [--runs K]
//
// --embedded streams from the embedded server over a loopback socket (delta SSE), --in-process
// the same wire through InProcessTransport, --direct through InProcessBackend (no wire: the
// TUI's default for the embedded server).
// --chunk-ms sets the embedded server's ChunkGate interval (default the server's own); --runs
// repeats each answer and ends with the medians (one run on this 2-core machine varies ±15 %).
//
// Streams an N KB markdown answer (default 100, then 10; with --paragraph one paragraph that
// never breaks) as token-sized deltas, R a second
// (default 2000), from a scripted backend through a real Store into a render loop like the
// TUI's (about one frame per 16 ms: a FrameRenderer draws into the cell buffer, then Buffer.diff).
// Prints figures; exits 1 only when the answer the store holds differs from the deltas sent.

struct StreamBenchOptions {
    var kilobytes: [Int] = [100, 10]
    var rate = 2000.0
    /// One paragraph without a line break instead of a Markdown answer.
    var paragraph = false
    /// Through the embedded server over loopback instead of a scripted backend.
    var embedded = false
    /// The embedded server's chunk interval in milliseconds (nil: its default).
    var chunkMilliseconds: Double?
    /// Runs of each answer.
    var runs = 1
    /// With `embedded`: how the client reaches the server.
    var reach = EmbeddedReach.socket

    static func parse(_ args: [String]) -> StreamBenchOptions {
        var options = StreamBenchOptions()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--kb" where i + 1 < args.count && Int(args[i + 1]).map { $0 > 0 } == true:
                options.kilobytes = [Int(args[i + 1])!]
                i += 1
            case "--rate" where i + 1 < args.count && Double(args[i + 1]).map { $0 > 0 } == true:
                options.rate = Double(args[i + 1])!
                i += 1
            case "--paragraph":
                options.paragraph = true
            case "--embedded":
                options.embedded = true
            case "--in-process":
                options.embedded = true
                options.reach = .transport
            case "--direct":
                options.embedded = true
                options.reach = .direct
            case "--upstream":
                options.embedded = true
                options.reach = .upstream
            case "--chunk-ms" where i + 1 < args.count && Double(args[i + 1]).map { $0 >= 0 } == true:
                options.chunkMilliseconds = Double(args[i + 1])!
                i += 1
            case "--runs" where i + 1 < args.count && Int(args[i + 1]).map { $0 > 0 } == true:
                options.runs = Int(args[i + 1])!
                i += 1
            default:
                print(
                    "usage: chatterm-bench stream [--kb N] [--rate DELTAS_PER_SECOND] [--paragraph] [--embedded|--in-process|--direct|--upstream] "
                        + "[--chunk-ms M] [--runs K]")
                exit(2)
            }
            i += 1
        }
        return options
    }
}

/// Runs the streaming bench for each answer size; exits 1 when an answer came out wrong.
func runStreamBench(_ args: [String]) async {
    let options = StreamBenchOptions.parse(args)
    var ok = true
    let chunk = options.chunkMilliseconds.map { Duration.microseconds(Int64($0 * 1000)) }
    for kb in options.kilobytes {
        var figures: [StreamFigures] = []
        for _ in 0..<options.runs {
            let run = await benchStream(
                kilobytes: kb, rate: options.rate, paragraph: options.paragraph, embedded: options.embedded,
                chunkInterval: chunk, reach: options.reach)
            ok = run.ok && ok
            figures.append(run)
        }
        guard options.runs > 1 else { continue }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] * 1e6 }
        print(
            String(
                format: "stream %d KB, median of %d runs: %.1f µs a delta, the pacing alone %.1f µs, the rest %.1f µs",
                kb, options.runs, median(figures.map(\.cpuPerDelta)), median(figures.map(\.pacing)),
                median(figures.map { $0.cpuPerDelta - $0.pacing })))
    }
    if !ok { exit(1) }
}

// MARK: - The answer

/// SplitMix64: the same answer and the same deltas on every run.
struct BenchRandom: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A long ChatGPT-style markdown answer: headings, paragraphs with inline code and bold,
/// bullet and numbered lists, quotes, fenced code blocks (some lines wider than the pane)
/// and Chinese/Japanese paragraphs.
enum BenchMarkdown {
    static let words = """
        the a stream of text arrives in small deltas and each one must reach the screen without \
        laying out again what is already there terminal cell buffer renders only rows that \
        changed between frames while reducer keeps state in one place layout wraps prose at \
        word boundaries code blocks are hard wrapped never reflowed user reads scrolls back \
        answer grows at end cost should stay constant per delta however long gets server \
        sends tokens quickly so client batches redraws once every sixteen milliseconds
        """.split(separator: " ").map(String.init)

    static let cjk = [
        "流式输出时，每个增量只应该重新排版最后一行，而不是整篇回答。",
        "终端界面以固定的帧率刷新，所以事件再多也不会让画面卡顿。",
        "中文字符在终端里占两列，换行时必须按显示宽度计算。",
        "代码块保持原样，过长的行会被硬换行，不会重新排列。",
        "如果回答很长，滚动条会跟随到底部，除非读者向上翻阅。",
        "ストリーミング中の描画は差分だけを端末に送ります。",
        "長い回答でも一つの増分にかかる時間は一定であるべきです。",
        "状态由一个地方持有，视图只是状态的纯函数。",
    ]

    static let code: [(String, [String])] = [
        (
            "swift",
            [
                "func render(_ state: AppState, into buffer: inout Buffer) {",
                "    for (row, line) in state.lines.enumerated() where row < buffer.height {",
                "        buffer.write(line.text, x: 0, y: row, style: line.style)",
                "    }",
                "}",
                "let changes = frame.buffer.diff(from: previous)  // only the cells that differ since the last frame was flushed",
                "",
                "struct Delta: Sendable { var messageID: String; var suffix: String }",
            ]
        ),
        (
            "python",
            [
                "def stream(deltas, rate=2000):",
                "    for i, delta in enumerate(deltas):",
                "        time.sleep(max(0, start + i / rate - time.monotonic()))",
                "        yield {\"p\": \"/message/content/parts/0\", \"o\": \"append\", \"v\": delta}",
                "",
                "print(sum(len(d.encode()) for d in deltas), \"bytes\")",
            ]
        ),
        (
            "",
            [
                "$ swift build -c release --product chatterm-bench",
                "$ .build/release/chatterm-bench stream --kb 100 --rate 2000",
                "stream 100 KB: 22000 deltas",
            ]
        ),
        (
            "json",
            [
                "{",
                "  \"type\": \"delta\",",
                "  \"v\": [{\"p\": \"/message/content/parts/0\", \"o\": \"append\", \"v\": \" text\"}],",
                "  \"c\": 0",
                "}",
            ]
        ),
    ]

    /// An answer of at least `bytes` UTF-8 bytes.
    static func answer(bytes: Int, seed: UInt64) -> String {
        var random = BenchRandom(state: seed)
        var blocks: [String] = []
        var size = 0
        var section = 0
        while size < bytes {
            let block: String
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<8:
                section += 1
                block = "## \(section). " + sentence(&random, words: 3...6, end: "")
            case 8..<45:
                block = (0..<Int.random(in: 2...6, using: &random)).map { _ in sentence(&random) }.joined(
                    separator: " ")
            case 45..<58:
                block = (0..<Int.random(in: 3...6, using: &random)).map { _ in "- " + sentence(&random) }.joined(
                    separator: "\n")
            case 58..<65:
                block = (1...Int.random(in: 3...5, using: &random)).map { "\($0). " + sentence(&random) }.joined(
                    separator: "\n")
            case 65..<69:
                block = "> " + sentence(&random) + " " + sentence(&random)
            case 69..<72:
                let rows = (0..<Int.random(in: 2...6, using: &random)).map { _ in
                    "| `\(words[Int.random(in: 0..<words.count, using: &random)])` | "
                        + sentence(&random, words: 2...6, end: "") + " | "
                        + cjk[Int.random(in: 0..<cjk.count, using: &random)].prefix(8) + " | "
                        + "\(Int.random(in: 1...99_999, using: &random)) |"
                }
                block = "| name | what | 说明 | count |\n|:--|---|:-:|--:|\n" + rows.joined(separator: "\n")
            case 72..<74:
                block =
                    "The cost is \\(O(n^2)\\) per frame, and with \\(\\alpha \\le \\beta\\):\n\n"
                    + "\\[\n\\sum_{i=1}^{n} \\frac{x_i}{\\sqrt{n}} \\to \\infty\n\\]"
            case 74..<85:
                let (language, lines) = code[Int.random(in: 0..<code.count, using: &random)]
                let body = (0..<Int.random(in: 4...16, using: &random)).map { _ in
                    lines[Int.random(in: 0..<lines.count, using: &random)]
                }
                block = "```\(language)\n" + body.joined(separator: "\n") + "\n```"
            default:
                block = (0..<Int.random(in: 2...7, using: &random)).map { _ in
                    cjk[Int.random(in: 0..<cjk.count, using: &random)]
                }.joined()
            }
            blocks.append(block)
            size += block.utf8.count + 2
        }
        return blocks.joined(separator: "\n\n")
    }

    /// One paragraph of at least `bytes` UTF-8 bytes with no line break (a model that never
    /// ends a paragraph): every delta lands in the same open block.
    static func paragraph(bytes: Int, seed: UInt64) -> String {
        var random = BenchRandom(state: seed)
        var sentences: [String] = []
        var size = 0
        while size < bytes {
            let next = sentence(&random)
            sentences.append(next)
            size += next.utf8.count + 1
        }
        return sentences.joined(separator: " ")
    }

    private static func sentence(
        _ random: inout BenchRandom, words count: ClosedRange<Int> = 6...18, end: String = "."
    ) -> String {
        var out: [String] = []
        for i in 0..<Int.random(in: count, using: &random) {
            var word = words[Int.random(in: 0..<words.count, using: &random)]
            if i == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            switch Int.random(in: 0..<30, using: &random) {
            case 0: word = "`\(word)()`"
            case 1: word = "**\(word)**"
            case 2: word += ","
            default: break
            }
            out.append(word)
        }
        return out.joined(separator: " ") + end
    }

    /// The answer cut into token-sized deltas of 1–8 characters (4.5 on average).
    static func deltas(of answer: String, seed: UInt64) -> [String] {
        var random = BenchRandom(state: seed)
        var deltas: [String] = []
        var rest = Substring(answer)
        while !rest.isEmpty {
            let n = Int.random(in: 1...8, using: &random)
            deltas.append(String(rest.prefix(n)))
            rest = rest.dropFirst(n)
        }
        return deltas
    }
}

// MARK: - The backend

/// A count shared between threads (deltas yielded, a stop request). `@unchecked Sendable`:
/// guarded by `lock`.
final class SharedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    var count: Int { lock.withLock { value } }

    func add() { lock.withLock { value += 1 } }
}

/// `head`, then `deltas` at `rate` a second, then `tail`, yielded from a thread of its own that
/// sleeps with `usleep` until each delta is due (on an absolute schedule, so a late wake-up sends
/// the overdue deltas at once), as a network thread wakes per packet; each delta is counted in
/// `delivered`, and the deltas stop when the reader drops the stream. (With a `Task.sleep` per
/// delta, the pacing alone cost ~90 µs of CPU a delta in dispatch's timers; this way it costs ~50.)
func pacedStream<Item: Sendable>(
    head: [Item] = [], _ deltas: [Item], tail: [Item] = [], rate: Double, delivered: SharedCount
) -> AsyncThrowingStream<Item, any Error> {
    let stopped = SharedCount()
    return AsyncThrowingStream { continuation in
        continuation.onTermination = { _ in stopped.add() }
        let thread = Thread {
            for item in head { continuation.yield(item) }
            let start = DispatchTime.now().uptimeNanoseconds
            for (i, item) in deltas.enumerated() {
                let due = start + UInt64(Double(i) * 1e9 / rate)
                let now = DispatchTime.now().uptimeNanoseconds
                if due > now + 1000 { usleep(UInt32(min(1_000_000, (due - now) / 1000))) }
                if stopped.count > 0 { break }
                continuation.yield(item)
                delivered.add()
            }
            for item in tail { continuation.yield(item) }
            continuation.finish()
        }
        thread.start()
    }
}

struct BenchBackendError: Error, CustomStringConvertible {
    var description: String { "the bench backend keeps no conversations" }
}

/// The items of one answer: before the text, the text deltas, after the text.
struct StreamScript: Sendable {
    var head: [ChatStreamItem]
    var deltas: [ChatStreamItem]
    var tail: [ChatStreamItem]
}

/// A backend whose every answer is the same scripted stream: the transport, the conversation
/// id, the user echo, the answer's first snapshot, the deltas paced at `rate` a second (on an
/// absolute schedule, so a late wake-up sends the overdue deltas at once), the answer's end.
struct ScriptedBackend: ChatBackend {
    let deltas: [String]
    let rate: Double
    let delivered = SharedCount()

    static let conversationID = "bench-conversation"
    static let answerID = "bench-answer"

    var sourceName: String { "bench" }

    /// Every item `send` yields for `request`, without pacing.
    func script(for request: ChatRequest) -> StreamScript {
        let conversation = Self.conversationID
        let answerID = Self.answerID
        let prompt = request.messages.first
        let userID = prompt?.id ?? request.parentMessageID
        var head: [ChatStreamItem] = [.transport("bench"), .event(.conversationID(conversation))]
        if let prompt {
            let echo = Message(
                id: prompt.id, author: Author(role: .user), createTime: Date().timeIntervalSince1970,
                content: .text(prompt.text), status: "finished_successfully", recipient: "all")
            head.append(
                .event(
                    .messageStarted(
                        StreamMessage(
                            message: echo, parentID: request.parentMessageID, conversationID: conversation,
                            kind: .echo))))
        }
        let answer = Message(
            id: answerID, author: Author(role: .assistant), createTime: Date().timeIntervalSince1970,
            content: .text(""), status: "in_progress", metadata: ["model_slug": .string("bench")], recipient: "all")
        head.append(
            .event(
                .messageStarted(
                    StreamMessage(message: answer, parentID: userID, conversationID: conversation, kind: .answer))))
        let body = deltas.map { ChatStreamItem.event(.textAppended(messageID: answerID, suffix: $0)) }
        let tail: [ChatStreamItem] = [
            .event(.messageFinished(messageID: answerID, status: "finished_successfully", endTurn: true)),
            .event(.done),
            .finished(.complete),
        ]
        return StreamScript(head: head, deltas: body, tail: tail)
    }

    /// The script, its deltas paced by ``pacedStream(head:_:tail:rate:delivered:)``.
    func send(_ request: ChatRequest) -> AsyncThrowingStream<ChatStreamItem, any Error> {
        let items = script(for: request)
        return pacedStream(head: items.head, items.deltas, tail: items.tail, rate: rate, delivered: delivered)
    }

    func listConversations(offset: Int, limit: Int, archived: Bool) async throws -> ConversationPage {
        ConversationPage(items: [], total: 0, offset: offset, limit: limit)
    }

    func conversation(id: String) async throws -> FetchedConversation { throw BenchBackendError() }
    func stop(conversationID: String, websocketRequestID: String?) async throws {}
    func generateTitle(conversationID: String, messageID: String) async throws -> String { throw BenchBackendError() }
    func rename(conversationID: String, title: String) async throws {}
    func setArchived(conversationID: String, archived: Bool) async throws {}
    func delete(conversationID: String) async throws {}
    func models() async throws -> [ModelInfo] { [ModelInfo(slug: "bench", title: "Bench")] }
}

// MARK: - The run

/// What the render loop measured.
struct FrameStats: Sendable {
    /// Render + diff time of each frame, in seconds.
    var times: [Double] = []
    /// Cells that changed, summed over the frames.
    var changedCells = 0
}

/// User + system CPU seconds of the whole process.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// CPU seconds a delta that the bench itself spends: the scripted stream (first 2 000 deltas)
/// paced the same way and drained by an empty loop, with no store and no frames.
func pacingCost(_ deltas: [String], rate: Double, request: ChatRequest?) async -> Double {
    guard let request else { return 0 }
    let backend = ScriptedBackend(deltas: Array(deltas.prefix(2000)), rate: rate)
    let start = cpuSeconds()
    do {
        for try await _ in backend.send(request) {}
    } catch {
        return 0
    }
    return (cpuSeconds() - start) / Double(max(1, backend.delivered.count))
}

/// What one streaming run measured, in seconds of CPU a delta.
struct StreamFigures {
    var ok: Bool
    var cpuPerDelta = 0.0
    var pacing = 0.0
}

/// One answer streamed live through the store and the render loop, then replayed through the
/// reducer alone; prints the figures and returns them with whether the store's answer is the deltas'.
func benchStream(
    kilobytes: Int, rate: Double, paragraph: Bool = false, embedded: Bool = false, chunkInterval: Duration? = nil,
    reach: EmbeddedReach = .socket
) async -> StreamFigures {
    let (width, height) = (120, 40)
    let label =
        (paragraph ? "stream a \(kilobytes) KB paragraph" : "stream \(kilobytes) KB")
        + (embedded ? " via the embedded server " + reach.label : "")
    let answer =
        paragraph
        ? BenchMarkdown.paragraph(bytes: kilobytes * 1024, seed: UInt64(kilobytes))
        : BenchMarkdown.answer(bytes: kilobytes * 1024, seed: UInt64(kilobytes))
    let deltas = BenchMarkdown.deltas(of: answer, seed: 7)
    let scripted = ScriptedBackend(deltas: deltas, rate: rate)
    var server: EmbeddedBenchServer?
    let store: Store
    do {
        if embedded {
            server = try await EmbeddedBenchServer.start(
                deltas: deltas, rate: rate, chunkInterval: chunkInterval, reach: reach,
                upstream: PacedUpstreamOptions(kilobytes: kilobytes, paragraph: paragraph, rate: rate))
        }
        let backend: any ChatBackend = server?.backend ?? scripted
        var initial = AppState(width: width, height: height)
        initial.backend = BackendInfo(name: "bench", sourceName: backend.sourceName, model: "bench")
        // In process the store reads the server's archive, as the browser does.
        let archive = try server?.archive ?? Archive.inMemory()
        store = Store(state: initial, environment: StoreEnvironment(archive: archive, backend: backend))
    } catch {
        print("\(label): cannot start: \(error)")
        return StreamFigures(ok: false)
    }
    defer { server?.stop() }
    await store.send(.terminal(.started(width: width, height: height)))
    await store.send(.command(.newChat))
    await store.send(.user(.type("Write a long guide to rendering streamed answers in a terminal, with code.")))

    // The run loop, as the TUI's: wake on a store change and draw at once when the last frame is
    // 12 ms old or more (a frame less its slack), else when it is 16 ms old; render and diff.
    let context = RenderContext(theme: .builtinDark, keymap: .builtin, now: Date().timeIntervalSince1970)
    var frames = FrameRenderer(context: context)
    let first = frames.render(await store.state).buffer
    let changes = store.changes
    let renderer = Task { @MainActor [frames] in
        var frames = frames
        var stats = FrameStats()
        var previous = first
        var lastDraw = ContinuousClock.now - .seconds(1)
        for await _ in changes {
            if ContinuousClock.now - lastDraw < .milliseconds(12) {
                try? await Task.sleep(until: lastDraw + .milliseconds(16), clock: .continuous)
            }
            if Task.isCancelled { break }
            let state = await store.state
            let start = ContinuousClock.now
            let frame = frames.render(state)
            stats.changedCells += frame.buffer.diff(from: previous).count
            stats.times.append(seconds(ContinuousClock.now - start))
            previous = frame.buffer
            lastDraw = .now
        }
        return stats
    }

    let cpuStart = cpuSeconds()
    let wallStart = ContinuousClock.now
    let sent = await store.send(.command(.send))
    await store.waitForStreams()
    let wall = seconds(ContinuousClock.now - wallStart)
    let cpu = cpuSeconds() - cpuStart
    renderer.cancel()
    let stats = await renderer.value

    // The embedded server's copy replaces the streamed one when the stream ends.
    if server != nil { await store.waitUntilSettled(timeout: 30) }
    let final = await store.state
    let n = server?.delivered.count ?? scripted.delivered.count
    // With the model in another process, none of its pacing is this process's.
    let pacing =
        reach == .upstream && embedded
        ? 0 : await pacingCost(deltas, rate: rate, request: sent.streams.values.first?.request)
    print(
        String(
            format: "%@: %d deltas delivered at %.0f/s (ideal %.2f s), wall %.2f s, CPU %.2f s = %.1f µs a delta "
                + "(the scripted backend's pacing alone: %.1f µs)",
            label, n, rate, Double(deltas.count) / rate, wall, cpu, cpu / Double(max(1, n)) * 1e6, pacing * 1e6))
    let sorted = stats.times.sorted()
    print(
        String(
            format: "%@: %d frames, render+diff p50 %.2f ms, p99 %.2f ms, worst %.2f ms; %.0f cells changed a frame",
            label, sorted.count, percentile(sorted, 0.5) * 1000, percentile(sorted, 0.99) * 1000,
            (sorted.last ?? 0) * 1000, Double(stats.changedCells) / Double(max(1, sorted.count))))

    var ok = true
    let shown = final.open?.turns.last?.text ?? ""
    let answerID = final.open?.turns.last?.nodeIDs.last ?? ScriptedBackend.answerID
    let stored = final.open?.tree.node(answerID)?.message?.content.streamedText ?? ""
    print(
        "\(label): answer \(shown.utf8.count) bytes, \(shown.count) characters, "
            + "\(final.open?.layout.lines.count ?? 0) pane lines")
    if shown != answer || stored != answer {
        printError(
            "\(label): the store's answer (\(shown.utf8.count) bytes shown, \(stored.utf8.count) in the tree) "
                + "is not the \(answer.utf8.count) bytes of deltas sent")
        ok = false
    }
    if server == nil, let request = sent.streams.values.first?.request {
        let script = scripted.script(for: request)
        ok = replay(sent, id: request.websocketRequestID, script: script, rate: rate, label) && ok
    }
    return StreamFigures(ok: ok, cpuPerDelta: cpu / Double(max(1, n)), pacing: pacing)
}

/// The same items through `Reducer.reduce` alone, with a snapshot of the state held every
/// 16 ms worth of deltas (as the render loop holds one), so copy-on-write costs count; then
/// checks the incremental layout against a layout of the whole answer.
func replay(
    _ sent: AppState, id: String, script: StreamScript, rate: Double, _ label: String
) -> Bool {
    var state = sent
    for item in script.head { _ = Reducer.reduce(&state, .stream(id: id, .item(item))) }
    let perFrame = max(1, Int(rate * 0.016))
    var held = state
    var times: [Double] = []
    times.reserveCapacity(script.deltas.count)
    for (i, item) in script.deltas.enumerated() {
        if i % perFrame == 0 { held = state }
        let start = DispatchTime.now().uptimeNanoseconds
        _ = Reducer.reduce(&state, .stream(id: id, .item(item)))
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    _ = held
    let total = times.reduce(0, +)
    let sorted = times.sorted()
    print(
        String(
            format: "%@: reduce alone %.1f µs a delta (p99 %.1f µs, worst %.2f ms), %.2f s for all %d",
            label, total / Double(max(1, times.count)) * 1e6, percentile(sorted, 0.99) * 1e6,
            (sorted.last ?? 0) * 1000, total, times.count))
    guard let open = state.open else {
        printError("\(label): the replayed state has no open conversation")
        return false
    }
    let fresh = PaneLayout(turns: open.turns, width: open.layout.width, showReasoning: state.showReasoning)
    if fresh.lines != open.layout.lines || fresh.codeBlocks != open.layout.codeBlocks {
        let shorter = min(fresh.lines.count, open.layout.lines.count)
        let firstDiff = (0..<shorter).first { fresh.lines[$0] != open.layout.lines[$0] } ?? shorter
        printError(
            "\(label): the incremental layout (\(open.layout.lines.count) lines) differs from a fresh one "
                + "(\(fresh.lines.count) lines) from line \(firstDiff)")
        return false
    }
    return true
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
}
