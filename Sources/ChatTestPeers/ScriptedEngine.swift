import ChatModel
import ChatServer

/// An engine that reports a fixed list of pieces (text, notes, follow-ups, usage), then fails
/// with ``failure`` if it is set, and records every request it was asked.
public struct ScriptedEngine: AnswerEngine {
    /// The pieces of every answer.
    public let script: [EnginePiece]
    /// The error the answer ends with, after the script; nil to end well.
    public var failure: String?
    /// The model it names.
    public var model: ModelInfo
    /// The requests asked, in order.
    public let requests = Recorder<EngineRequest>()

    /// An engine answering `script` (then failing with `failure`) as `model`.
    public init(
        script: [EnginePiece], failure: String? = nil,
        model: ModelInfo = ModelInfo(
            slug: "scripted-model", title: "Scripted", description: "", tags: [], maxTokens: 100)
    ) {
        self.script = script
        self.failure = failure
        self.model = model
    }

    /// Nothing: the server reads ``pieces(_:)``.
    public func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { $0.finish() }
    }

    /// The script, then ``failure`` if it is set.
    public func pieces(_ request: EngineRequest) -> AsyncThrowingStream<EnginePiece, any Error> {
        requests.record(request)
        let (script, failure) = (script, failure)
        return AsyncThrowingStream { continuation in
            for piece in script { continuation.yield(piece) }
            let error: (any Error)? = failure.map { EngineError($0) }
            continuation.finish(throwing: error)
        }
    }

    /// Always "scripted".
    public func title(for prompt: String) async throws -> String { "scripted" }
}
