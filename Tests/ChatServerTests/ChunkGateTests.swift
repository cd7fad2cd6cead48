import Testing

@testable import ChatServer

/// Fast chunks are joined, slow ones pass at once, and nothing is lost or reordered.
struct ChunkGateTests {
    /// What the gate handed on, as text: chunks as they are, the rest by name.
    static func drain(_ inputs: AsyncStream<StreamInput>) async -> [String] {
        var out: [String] = []
        for await input in inputs {
            switch input {
            case .chunk(let text): out.append(text)
            case .piece: out.append("<piece>")
            case .end: out.append("<end>")
            case .stopped: out.append("<stopped>")
            case .failed(let why): out.append("<failed \(why)>")
            }
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
