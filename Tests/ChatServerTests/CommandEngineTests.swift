import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether `pid` is still a live process (a zombie waiting for its parent counts as gone).
func processIsAlive(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return errno != ESRCH }
    #if os(Linux)
        if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        {
            return stat[stat.index(close, offsetBy: 2)] != "Z"
        }
    #endif
    return true
}

/// Waits (up to 20 s) until every pid is gone; false when one is still alive at the deadline.
func waitUntilGone(_ pids: [pid_t]) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(20)
    while pids.contains(where: processIsAlive) {
        if ContinuousClock.now >= deadline { return false }
        try await Task.sleep(for: .milliseconds(10))
    }
    return true
}

@Suite("Command engine", .timeLimit(.minutes(2)))
struct CommandEngineTests {
    static func ask(_ prompt: String, action: EngineRequest.Action = .next, attempt: Int = 0) -> EngineRequest {
        EngineRequest(history: [TextMessage(role: .user, text: prompt)], action: action, attempt: attempt)
    }

    static func collect(_ engine: CommandEngine, _ request: EngineRequest = ask("hi")) async throws -> [String] {
        var chunks: [String] = []
        for try await chunk in engine.answer(request) { chunks.append(chunk) }
        return chunks
    }

    @Test func streamsStandardOutput() async throws {
        let chunks = try await Self.collect(try CommandEngine(command: "printf 'Hello, 世界 🌳'"))
        #expect(chunks.joined() == "Hello, 世界 🌳")
    }

    @Test func aFirstPromptIsSentAsItIsAndHistoryAsATranscript() async throws {
        let cat = try CommandEngine(command: "cat")
        #expect(
            try await Self.collect(cat, Self.ask("What is a tree?\nShort, please.")).joined()
                == "What is a tree?\nShort, please.\n")
        let history = EngineRequest(history: [
            TextMessage(role: .user, text: "What is a tree?"),
            TextMessage(role: .assistant, text: "A graph without cycles."),
            TextMessage(role: .user, text: "And a forest?"),
        ])
        #expect(
            try await Self.collect(cat, history).joined()
                == "User: What is a tree?\nAssistant: A graph without cycles.\nUser: And a forest?\n")
        let env = try CommandEngine(command: #"printf '%s %s' "$CHATTERM_ACTION" "$CHATTERM_ATTEMPT""#)
        #expect(try await Self.collect(env, Self.ask("x", action: .variant, attempt: 2)).joined() == "variant 2")
    }

    @Test func aLargeInputIsWrittenWhileOutputIsRead() async throws {
        // More than a pipe buffer each way, so a writer that blocked before reading would hang.
        let prompt = String(repeating: "树 tree ", count: 40_000)
        let answer = try await Self.collect(try CommandEngine(command: "cat"), Self.ask(prompt)).joined()
        #expect(answer == prompt + "\n")
    }

    @Test func multiByteCharactersSplitAcrossReadsArriveWhole() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let go = dir.appendingPathComponent("go").path
        // "A" and the first two bytes of 你; then, once the test has seen "A" (so the bytes
        // came in an earlier read), the last byte of 你 and a whole 🌳 byte by byte.
        let command = """
            printf 'A\\344\\275'; i=0; while [ ! -e '\(go)' ] && [ $i -lt 2000 ]; do sleep 0.01; i=$((i+1)); done
            printf '\\240'; printf '\\360'; printf '\\237'; printf '\\214'; printf '\\263'
            """
        let engine = try CommandEngine(command: command)
        var chunks: [String] = []
        for try await chunk in engine.answer(Self.ask("x")) {
            chunks.append(chunk)
            if chunks.count == 1 { #expect(FileManager.default.createFile(atPath: go, contents: nil)) }
        }
        #expect(chunks.first == "A")
        #expect(chunks.joined() == "A你🌳")
        #expect(!chunks.joined().contains("\u{FFFD}"))
    }

    @Test(arguments: [
        (
            "echo 'pulling manifest' >&2; echo 'Error: model llama9 not found' >&2; exit 3",
            "the command exited with status 3: Error: model llama9 not found"
        ),
        ("exit 1", "the command exited with status 1 and wrote nothing on standard error"),
        ("chatterm-no-such-program-xyz", "the command exited with status 127: "),
        ("kill -9 $$", "the command was killed by signal 9 and wrote nothing on standard error"),
    ])
    func failingWithoutOutputIsAnError(command: String, message: String) async throws {
        let engine = try CommandEngine(command: command)
        let error = await #expect(throws: EngineError.self) { try await Self.collect(engine) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }

    @Test func outputWinsOverTheExitStatus() async throws {
        #expect(try await Self.collect(try CommandEngine(command: "printf partial; exit 1")).joined() == "partial")
        #expect(try await Self.collect(try CommandEngine(command: "true")).isEmpty)
    }

    @Test func emptyCommandIsRejected() {
        #expect(throws: EngineError("the engine command is empty")) { try CommandEngine(command: "  ") }
    }

    /// Starts `command` (which prints pids on its first line), reads that line, cancels the
    /// consumer, and returns the pids.
    static func startThenCancel(_ engine: CommandEngine) async throws -> [pid_t] {
        let (chunks, sink) = AsyncStream<String>.makeStream()
        let consumer = Task {
            for try await chunk in engine.answer(ask("x")) { sink.yield(chunk) }
            sink.finish()
        }
        var iterator = chunks.makeAsyncIterator()
        var line = ""
        while !line.contains("\n"), let chunk = await iterator.next() { line += chunk }
        let pids = line.split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
        try #require(pids.count >= 1, "no pids in \(line.debugDescription)")
        #expect(pids.allSatisfy(processIsAlive))
        consumer.cancel()
        _ = try? await consumer.value
        return pids
    }

    @Test func cancellingStopsTheCommandAndItsChildren() async throws {
        let engine = try CommandEngine(command: "sleep 30 & echo $$ $!; wait")
        let pids = try await Self.startThenCancel(engine)
        #expect(pids.count == 2)
        #expect(try await waitUntilGone(pids), "still running: \(pids.filter(processIsAlive))")
    }

    @Test func aCommandIgnoringSIGTERMIsKilled() async throws {
        var engine = try CommandEngine(command: "trap '' TERM; sleep 30 & echo $$ $!; wait")
        engine.terminationGrace = .milliseconds(100)
        let pids = try await Self.startThenCancel(engine)
        #expect(try await waitUntilGone(pids), "still running: \(pids.filter(processIsAlive))")
    }

    @Test func throughTheServerTheSecondTurnSeesTheTranscript() async throws {
        try await TestServer(engine: try CommandEngine(command: "cat")).test { client in
            let api = API(client: client)
            let first = try await api.next("Hello")
            #expect(first.text == "Hello\n")
            let second = try await api.next("Again", conversation: first.conversationID, parent: first.assistantID)
            #expect(second.text == "User: Hello\nAssistant: Hello\n\nUser: Again\n")
            #expect(second.status == "finished_successfully")
        }
    }
}
