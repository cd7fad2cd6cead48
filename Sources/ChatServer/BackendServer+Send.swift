import ChatModel
import Hummingbird
import Logging

extension BackendServer {
    /// `POST /backend-api/conversation` (and the 2026 path `/backend-api/f/conversation`)
    /// and `POST /backend-api/stop_conversation`.
    func addSendRoutes(to router: Router<BasicRequestContext>) {
        let server = self
        let send: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await JSONResponse.body(request)
            let sendRequest = try SendRequest.parse(body)
            let turn = try await server.book.start(sendRequest)
            let header = request.headers[.init(StreamMode.headerName)!]
            let mode =
                header.flatMap { StreamMode(rawValue: $0.lowercased()) } ?? server.configuration.defaultStreamMode
            return server.streamResponse(turn, mode: mode)
        }
        router.post("/backend-api/conversation", use: send)
        router.post("/backend-api/f/conversation", use: send)
        router.post("/backend-api/stop_conversation") { request, _ -> Response in
            let body = try await JSONResponse.body(request, allowEmpty: true)
            let id = body["conversation_id"]?.stringValue
            let stopped = server.streams.stop(conversationID: id)
            return JSONResponse.make(
                .object(["status": .string("ok"), "stopped_streams": .number(Double(stopped))]))
        }
    }

    /// The SSE response for a started turn. The engine runs in a task of its own that
    /// feeds the answer loop; `stop_conversation` cancels it and the loop closes the
    /// stream with the text so far. The partial answer is saved as it streams (every
    /// ``ServerConfiguration/saveInterval``) and for good when the stream ends, however
    /// it ends, the client going away included.
    func streamResponse(_ turn: StartedTurn, mode: StreamMode) -> Response {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let answer = engine.answer(turn.engineRequest)
        let pump = Task {
            do {
                for try await chunk in answer {
                    continuation.yield(.chunk(chunk))
                }
                continuation.yield(Task.isCancelled ? .stopped : .end)
            } catch is CancellationError {
                continuation.yield(.stopped)
            } catch {
                continuation.yield(.failed("\(error)"))
            }
        }
        let key = streams.add(
            StreamRegistry.Handle(conversationID: turn.conversationID, continuation: continuation, pump: pump))
        let server = self
        let body = ResponseBody { writer in
            var encoder = mode.makeEncoder()
            var text = ""
            var message = turn.assistant
            var outcome = AnswerOutcome.disconnected
            let clock = ContinuousClock()
            var lastSave = clock.now
            do {
                try await writer.write(ByteBuffer(string: encoder.start(turn)))
                loop: for await input in inputs {
                    switch input {
                    case .chunk(let chunk):
                        text += chunk
                        message.content = .text(text)
                        try await writer.write(ByteBuffer(string: encoder.chunk(chunk, answer: message)))
                        if clock.now - lastSave >= server.configuration.saveInterval {
                            lastSave = clock.now
                            try await server.book.saveProgress(
                                conversationID: turn.conversationID, messageID: message.id, text: text)
                        }
                    case .end:
                        outcome = .finished
                        break loop
                    case .stopped:
                        outcome = .stopped
                        break loop
                    case .failed(let why):
                        outcome = .failed(why)
                        break loop
                    }
                }
                server.streams.remove(key)
                let final = try await server.book.finish(
                    conversationID: turn.conversationID, message: turn.assistant, text: text, outcome: outcome)
                var error: String?
                if case .failed(let why) = outcome { error = "The engine failed: \(why)" }
                try await writer.write(ByteBuffer(string: encoder.finish(final, error: error)))
                try await writer.finish(nil)
            } catch {
                server.streams.remove(key)
                if outcome == .disconnected {
                    server.logger.info("client went away mid-stream; keeping the partial answer")
                    _ = try? await server.book.finish(
                        conversationID: turn.conversationID, message: turn.assistant, text: text, outcome: .disconnected
                    )
                }
                throw error
            }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
            body: body)
    }
}
