import ChatModel
import Foundation
import Hummingbird

extension BackendServer {
    /// `POST /backend-api/conversation` (and the 2026 path `/backend-api/f/conversation`)
    /// and `POST /backend-api/stop_conversation`.
    func addSendRoutes(to router: Router<BasicRequestContext>) {
        let server = self
        let send: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await JSONResponse.body(request)
            let sendRequest = try SendRequest.parse(body)
            let turn = try await server.book.start(sendRequest)
            let mode = server.streamMode(of: request)
            let requestID = body["websocket_request_id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if mode == .websocket, body["force_use_sse"]?.boolValue != true {
                return server.webSocketHandshake(
                    turn, request: request, websocketRequestID: requestID ?? UUID().uuidString.lowercased())
            }
            let form = mode == .websocket ? server.webSocketForm(of: request) : mode
            return server.streamResponse(turn, mode: form, websocketRequestID: requestID)
        }
        router.post("/backend-api/conversation", use: send)
        router.post("/backend-api/f/conversation", use: send)
        router.post("/backend-api/stop_conversation") { request, _ -> Response in
            let body = try await JSONResponse.body(request, allowEmpty: true)
            let id = body["conversation_id"]?.stringValue
            let requestID = body["websocket_request_id"]?.stringValue
            let stopped = server.streams.stop(conversationID: id, websocketRequestID: requestID)
            return JSONResponse.make(
                .object(["status": .string("ok"), "stopped_streams": .number(Double(stopped))]))
        }
    }

    /// The answer mode a request asks for in ``StreamMode/headerName``, else the default.
    func streamMode(of request: Request) -> StreamMode {
        let header = request.headers[.init(StreamMode.headerName)!]
        return header.flatMap { StreamMode(rawValue: $0.lowercased()) } ?? configuration.defaultStreamMode
    }

    /// The SSE response for a started turn (see ``runAnswer(_:inputs:key:encoder:emit:)``);
    /// `stop_conversation` cancels the engine and the stream closes with the text so far.
    func streamResponse(_ turn: StartedTurn, mode: StreamMode, websocketRequestID: String?) -> Response {
        let (inputs, key) = startAnswer(turn, websocketRequestID: websocketRequestID)
        let server = self
        let body = ResponseBody { writer in
            try await server.runAnswer(turn, inputs: inputs, key: key, encoder: mode.makeEncoder()) { text, _ in
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
            body: body)
    }
}
