import AsyncHTTPClient
import ChatModel
import ChatProtocol
import NIOCore
import NIOHTTP1

extension OpenAICompatibleEngine {
    /// Reads one answer on its consumer's task: each ``next()`` hands out a decoded piece and
    /// reads the response body only when none is waiting. A consumer that pauses (the server's
    /// answer pump, while its chunk gate holds text) thus lets the body's parts pile up in the
    /// HTTP client, instead of a task of the engine's own waking for each part to pass it on.
    ///
    /// One consumer at a time (an `AsyncThrowingStream(unfolding:)` never calls its closure
    /// concurrently), so its state lives in a reference without a lock.
    final class AnswerReader: @unchecked Sendable {
        private enum Stage {
            case request
            case body(HTTPClientResponse.Body.AsyncIterator)
            /// The answer's pieces are out; the service then refused the rest (`content_filter`).
            case refused(String)
            case done
        }

        private let engine: OpenAICompatibleEngine
        private let body: OpenAIChatRequest
        private let clock = ContinuousClock()
        private var start: ContinuousClock.Instant
        private var stage = Stage.request
        private var sse = SSEParser()
        private var decoder = OpenAIStreamDecoder()
        private var waiting: [EnginePiece] = []
        private var handedOut = 0

        init(engine: OpenAICompatibleEngine, body: OpenAIChatRequest) {
            self.engine = engine
            self.body = body
            start = clock.now
        }

        /// The next piece: text as it arrives, then the reasoning note and the usage; nil after.
        func next() async throws -> EnginePiece? {
            while true {
                if handedOut < waiting.count {
                    defer { handedOut += 1 }
                    return waiting[handedOut]
                }
                waiting.removeAll(keepingCapacity: true)
                handedOut = 0
                switch stage {
                case .request:
                    start = clock.now
                    let response = try await engine.send(body, timeout: engine.answerTimeout)
                    if response.headers.first(name: "Content-Type")?.lowercased().hasPrefix("application/json") == true
                    {
                        // A server that ignored `stream`: one completion, read whole.
                        decoder = try await engine.read(response) { waiting.append(.text($0)) }
                        finish()
                    } else {
                        stage = .body(response.body.makeAsyncIterator())
                    }
                case .body(var parts):
                    let part = try await parts.next()
                    stage = .body(parts)
                    if let part {
                        try take(sse.feed(part.readableBytesView))
                    } else {
                        try take(sse.finish())
                        guard decoder.isComplete else {
                            throw EngineError("the upstream closed the stream before [DONE]")
                        }
                        finish()
                    }
                case .refused(let why):
                    stage = .done
                    throw EngineError(why)
                case .done:
                    return nil
                }
            }
        }

        /// Why an answer the service's content filter cut ends with an error.
        static let filtered = "the service's content filter stopped the answer"

        /// Decodes SSE events into waiting text; `[DONE]` ends the answer.
        private func take(_ events: [SSEEvent]) throws {
            guard case .body = stage else { return }
            for event in events {
                switch decoder.decode(event) {
                case .chunk(let chunk) where !chunk.content.isEmpty: waiting.append(.text(chunk.content))
                case .failed(let message): throw EngineError("the upstream reported an error: \(message)")
                default: break
                }
                if decoder.isDone {
                    finish()
                    return
                }
            }
        }

        /// Queues what comes after the text: the reasoning, then the usage with the latency.
        private func finish() {
            if !decoder.reasoning.isEmpty {
                waiting.append(.note(AnswerNote(kind: "reasoning", text: decoder.reasoning)))
            }
            var usage = decoder.usage ?? decoder.timings?.usage ?? TokenUsage()
            let elapsed = (clock.now - start).components
            usage.latency = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            waiting.append(.usage(usage))
            if decoder.finishReason == "length" { waiting.append(.cutAtLengthLimit) }
            // The text so far and its usage are kept; the answer then ends with the refusal.
            stage = decoder.finishReason == "content_filter" ? .refused(Self.filtered) : .done
        }
    }
}
