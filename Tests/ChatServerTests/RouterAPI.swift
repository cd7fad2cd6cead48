import ChatArchive
import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import Foundation
import Hummingbird
import HummingbirdTesting

/// A client's view of a ``TestServer``'s API through its router (HummingbirdTesting), for tests.
struct API {
    let client: any TestClientProtocol

    func get(_ uri: String, headers: HTTPFields = TestServer.auth) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, _ body: JSONValue?, headers: HTTPFields = TestServer.auth)
        async throws -> TestResponse
    {
        try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: WireJSON.string($0)) })
    }

    func json(_ uri: String) async throws -> JSONValue {
        try parse(await get(uri))
    }

    /// Sends a prompt (`next`) and returns the parsed stream.
    func next(
        _ prompt: String, conversation: String? = nil, parent: String? = nil, mode: StreamMode? = nil
    ) async throws -> ParsedStream {
        let body = nextMessageBody(prompt, parent: parent ?? "client-created-root", conversation: conversation)
        return try await post(.object(body), mode: mode)
    }

    /// `variant` or `continue` under `parent`.
    func action(_ action: String, conversation: String, parent: String, mode: StreamMode? = nil)
        async throws -> ParsedStream
    {
        try await post(
            .object([
                "action": .string(action), "conversation_id": .string(conversation),
                "parent_message_id": .string(parent), "messages": .array([]),
            ]), mode: mode)
    }

    func post(_ body: JSONValue, mode: StreamMode?) async throws -> ParsedStream {
        var headers = TestServer.auth
        if let mode { headers[.init(StreamMode.headerName)!] = mode.rawValue }
        let response = try await send(.post, "/backend-api/conversation", body, headers: headers)
        guard response.status == .ok else {
            throw TestFailure("POST conversation: \(response.status) \(String(buffer: response.body))")
        }
        return try ParsedStream(String(buffer: response.body))
    }
}

func parse(_ response: TestResponse) throws -> JSONValue {
    try FastJSON.parse(Data(String(buffer: response.body).utf8))
}

/// The SSE events of a whole response body, read with the client's own parser.
func splitSSE(_ text: String) -> [SSEEvent] {
    var parser = SSEParser()
    return parser.feed(Array(text.utf8)) + parser.finish()
}

/// A stream read the way a client reads it: the answer text, the ids, how it ended.
struct ParsedStream {
    var events: [SSEEvent]
    var conversationID = ""
    var assistantID = ""
    var userID: String?
    var text = ""
    var status: String?
    var endTurn: Bool?
    var finishType: String?
    var form: StreamMode

    init(_ raw: String) throws {
        events = splitSSE(raw)
        guard events.last?.data == "[DONE]" else { throw TestFailure("stream does not end with [DONE]") }
        form = events.first?.event == "delta_encoding" ? .delta : .cumulative
        let payloads = try events.dropLast().map { try FastJSON.parse(Data($0.data.utf8)) }
        switch form {
        case .cumulative:
            for p in payloads {
                guard let m = p["message"], let role = m["author"]?["role"]?.stringValue else { continue }
                conversationID = p["conversation_id"]?.stringValue ?? conversationID
                if role == "user" { userID = m["id"]?.stringValue }
                guard role == "assistant" else { continue }
                assistantID = m["id"]?.stringValue ?? ""
                let parts = m["content"]?["parts"]?.arrayValue ?? []
                text = parts.first?.stringValue ?? ""
                status = m["status"]?.stringValue
                endTurn = m["end_turn"]?.boolValue
                finishType = m["metadata"]?["finish_details"]?["type"]?.stringValue
            }
        case .delta, .websocket:
            guard payloads.first?.stringValue == "v1" else { throw TestFailure("no v1 preamble") }
            var path = ""
            var op = ""
            for (event, p) in zip(events.dropLast(), payloads).dropFirst() {
                if event.event != "delta" {
                    if p["type"]?.stringValue == "input_message" {
                        userID = p["input_message"]?["id"]?.stringValue
                    }
                    continue
                }
                if let newPath = p["p"]?.stringValue { path = newPath }
                if let newOp = p["o"]?.stringValue { op = newOp }
                let v = p["v"] ?? .null
                switch (path, op) {
                case ("", "add"):
                    conversationID = v["conversation_id"]?.stringValue ?? ""
                    assistantID = v["message"]?["id"]?.stringValue ?? ""
                    text = v["message"]?["content"]?["parts"]?.arrayValue?.first?.stringValue ?? ""
                    status = v["message"]?["status"]?.stringValue
                case ("/message/content/parts/0", "append"):
                    text += v.stringValue ?? ""
                case ("", "patch"):
                    for sub in v.arrayValue ?? [] {
                        switch sub["p"]?.stringValue {
                        case "/message/content/parts/0": text += sub["v"]?.stringValue ?? ""
                        case "/message/status": status = sub["v"]?.stringValue
                        case "/message/end_turn": endTurn = sub["v"]?.boolValue
                        case "/message/metadata": finishType = sub["v"]?["finish_details"]?["type"]?.stringValue
                        default: break
                        }
                    }
                default:
                    throw TestFailure("unexpected delta \(path) \(op)")
                }
            }
        }
    }
}
