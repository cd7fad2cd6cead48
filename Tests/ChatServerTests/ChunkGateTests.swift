import ChatArchive
import ChatModel
import Foundation
import Testing

@testable import ChatServer

/// Fast chunks are joined, slow ones pass at once, and nothing is lost or reordered.
struct ChunkGateTests {
    /// What the gate handed on, as text: chunks as they are, the rest by name; up to the
    /// stream's end, or with `toTheLast` up to and including its last input (the end, a stop or
    /// a failure: the gate never finishes the stream itself, the answer loop stops reading there).
    static func drain(_ inputs: AsyncStream<StreamInput>, toTheLast: Bool = false) async -> [String] {
        var out: [String] = []
        for await input in inputs {
            let (text, isLast): (String, Bool) =
                switch input {
                case .chunk(let text): (text, false)
                case .piece: ("<piece>", false)
                case .end: ("<end>", true)
                case .stopped: ("<stopped>", true)
                case .failed(let why): ("<failed \(why)>", true)
                }
            out.append(text)
            if toTheLast, isLast { break }
        }
        return out
    }

    @Test func chunksWithinTheIntervalAreJoinedAndHandedOnBeforeTheEnd() async {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let gate = ChunkGate(interval: .seconds(30), continuation: continuation)
        gate.add("The ")  // the first goes at once
        gate.add("quick ")
        gate.add("fox")
        gate.close(with: .end)
        gate.add(" too late")  // after the end: dropped
        continuation.finish()
        #expect(await Self.drain(inputs) == ["The ", "quick fox", "<end>"])
    }

    @Test func otherPiecesAndStopsComeAfterTheTextHeldBeforeThem() async {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let gate = ChunkGate(interval: .seconds(30), continuation: continuation)
        gate.add("a")
        gate.add("b")
        gate.send(.piece(.replaceText("ab")))
        gate.add("c")
        gate.close(with: .stopped)
        gate.close(with: .end)  // a second close changes nothing
        continuation.finish()
        #expect(await Self.drain(inputs) == ["a", "b", "<piece>", "c", "<stopped>"])
    }

    @Test func heldTextIsHandedOnWhenTheIntervalIsUpWithoutMoreChunks() async {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let gate = ChunkGate(interval: .milliseconds(20), continuation: continuation)
        gate.add("first")
        gate.add(" second")
        var iterator = inputs.makeAsyncIterator()
        guard case .chunk(let first) = await iterator.next(), case .chunk(let second) = await iterator.next() else {
            Issue.record("expected two chunks")
            return
        }
        #expect([first, second] == ["first", " second"])
    }

    @Test func aZeroIntervalHandsOnEveryChunkAlone() async {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let gate = ChunkGate(interval: .zero, continuation: continuation)
        for word in ["one", " two", " three"] { gate.add(word) }
        gate.close(with: .end)
        continuation.finish()
        #expect(await Self.drain(inputs) == ["one", " two", " three", "<end>"])
    }

    @Test func aChunkAfterAPauseLongerThanTheIntervalGoesAtOnce() async throws {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let gate = ChunkGate(interval: .milliseconds(5), continuation: continuation)
        gate.add("slow")
        try await Task.sleep(for: .milliseconds(40))
        gate.add(" model")
        gate.close(with: .end)
        continuation.finish()
        #expect(await Self.drain(inputs) == ["slow", " model", "<end>"])
    }
}

/// The gate's due time and a reader's own flush, and the server's answer pump, which sleeps
/// while text is held so a fast engine's chunks wait in its stream instead of waking it one by one.
struct ChunkGateReaderTests {
    @Test func heldTextIsDueAnIntervalAfterTheLastHandOnAndAReaderFlushesIt() async throws {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let gate = ChunkGate(interval: .milliseconds(30), continuation: continuation)
        #expect(gate.due == nil)
        gate.add("first")  // handed on at once: nothing held
        #expect(gate.due == nil)
        gate.add(" second", willFlush: true)  // held, and no timer: the caller flushes
        let due = try #require(gate.due)
        #expect(due > .now && due <= .now + .milliseconds(30))
        gate.flushIfDue()  // not due yet: still held
        #expect(gate.due == due)
        try await Task.sleep(until: due, clock: .continuous)
        gate.flushIfDue()
        #expect(gate.due == nil)
        gate.close(with: .end)
        continuation.finish()
        #expect(await ChunkGateTests.drain(inputs) == ["first", " second", "<end>"])
    }

    @Test func heldTextWithoutATimerWaitsForTheReader() async throws {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let gate = ChunkGate(interval: .milliseconds(5), continuation: continuation)
        gate.add("a")
        gate.add("b", willFlush: true)
        try await Task.sleep(for: .milliseconds(40))
        // No timer was set: the text is still held, and goes before the end.
        #expect(gate.due != nil)
        gate.close(with: .end)
        continuation.finish()
        #expect(await ChunkGateTests.drain(inputs) == ["a", "b", "<end>"])
    }

    /// Yields `count` chunks from a thread, `gap` apart.
    struct FastEngine: AnswerEngine {
        var count: Int
        var gap: Duration
        var model: ModelInfo { OfflineEngine.offlineModel }

        func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
            let (count, gap) = (count, gap)
            return AsyncThrowingStream { continuation in
                let thread = Thread {
                    for i in 0..<count {
                        continuation.yield("\(i) ")
                        Thread.sleep(forTimeInterval: Double(gap.components.attoseconds) / 1e18)
                    }
                    continuation.finish()
                }
                thread.start()
            }
        }

        func title(for prompt: String) async throws -> String { "fast" }
    }

    static func turn() -> StartedTurn {
        StartedTurn(
            conversationID: "c1", system: nil, user: nil,
            assistant: Message(id: "a1", author: Author(role: .assistant), content: .text("")),
            engineRequest: EngineRequest(history: []))
    }

    static func server(_ engine: any AnswerEngine) throws -> BackendServer {
        BackendServer(
            configuration: ServerConfiguration(token: "t", chunkInterval: .milliseconds(8)),
            archive: try Archive.inMemory(), engine: engine)
    }

    @Test func aFastEnginesChunksArriveWholeInOrderAFewHandOnsAnInterval() async throws {
        let engine = FastEngine(count: 600, gap: .microseconds(250))
        let server = try Self.server(engine)
        let (inputs, key) = server.startAnswer(Self.turn(), websocketRequestID: nil)
        let gate = try #require(server.streams.gate(key))
        let start = ContinuousClock.now
        let out = await ChunkGateTests.drain(inputs, toTheLast: true)
        let elapsed = ContinuousClock.now - start
        server.streams.remove(key)
        // The pump woke about once an interval too: the chunks that came meanwhile waited.
        #expect(gate.readerWakes <= Int(elapsed / .milliseconds(8)) + 20, "\(gate.readerWakes) wakes in \(elapsed)")
        #expect(out.last == "<end>")
        #expect(out.dropLast().joined() == (0..<600).map { "\($0) " }.joined())
        // At most one hand-on an interval (the gate's 8 ms) besides the first and the closing one.
        let intervals = Int(elapsed / .milliseconds(8)) + 1
        #expect(out.count - 1 <= intervals + 2, "\(out.count - 1) hand-ons in \(elapsed)")
        #expect(out.count - 1 < 300)
    }

    /// Has every chunk ready at once, but each read of one takes `readTime` (a busy machine
    /// where reading a piled-up chunk takes longer than `BackendServer.readInARow`).
    struct SlowReadEngine: AnswerEngine {
        var count: Int
        var readTime: Duration
        var model: ModelInfo { OfflineEngine.offlineModel }

        func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
            let (count, readTime) = (count, readTime)
            let next = Counter()
            return AsyncThrowingStream {
                let i = next.take()
                guard i < count else { return nil }
                let until = ContinuousClock.now + readTime
                while ContinuousClock.now < until {}  // the read's own work, not a wait
                return "\(i) "
            }
        }

        func title(for prompt: String) async throws -> String { "slow" }
    }

    /// A counter for one reader.
    final class Counter: @unchecked Sendable {
        private var value = 0
        func take() -> Int {
            defer { value += 1 }
            return value
        }
    }

    @Test func slowReadsOfPiledUpChunksDoNotPutThePumpToSleepOnEachOne() async throws {
        // Before: each read counted as a wake, so the pump slept an interval per chunk and handed
        // on one chunk an interval (300 chunks: 300 hand-ons over 2.4 s).
        let engine = SlowReadEngine(count: 300, readTime: .microseconds(120))
        let server = try Self.server(engine)
        let (inputs, key) = server.startAnswer(Self.turn(), websocketRequestID: nil)
        let out = await ChunkGateTests.drain(inputs, toTheLast: true)
        server.streams.remove(key)
        #expect(out.last == "<end>")
        #expect(out.dropLast().joined() == (0..<300).map { "\($0) " }.joined())
        #expect(out.count - 1 < 40, "\(out.count - 1) hand-ons for 300 chunks")
    }

    @Test func aStopWhileThePumpWaitsEndsTheStreamWithTheTextSoFar() async throws {
        let engine = FastEngine(count: 5_000, gap: .microseconds(200))
        let server = try Self.server(engine)
        let (inputs, _) = server.startAnswer(Self.turn(), websocketRequestID: nil)
        var iterator = inputs.makeAsyncIterator()
        var text = ""
        while text.split(separator: " ").count < 3, let input = await iterator.next() {
            if case .chunk(let chunk) = input { text += chunk }
        }
        #expect(server.streams.stop(conversationID: "c1") == 1)
        var rest: [String] = []
        while let input = await iterator.next() {
            if case .chunk(let chunk) = input { rest.append(chunk) }
            if case .stopped = input {
                rest.append("<stopped>")
                break
            }
        }
        #expect(rest.last == "<stopped>")
        text += rest.dropLast().joined()
        #expect(text.hasPrefix("0 1 2 "))
        #expect(text == (0..<text.split(separator: " ").count).map { "\($0) " }.joined())
    }
}
