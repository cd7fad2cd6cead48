import ChatModel
import ChatProtocol
import ChatServer
import ChatTestSupport
import Foundation
import Hummingbird

/// One request the Coze peer received.
public struct CozeCall: Sendable, Hashable {
    /// The request path.
    public var path: String
    /// The `Authorization` header.
    public var authorization: String?
    /// The request body.
    public var body: JSONValue

    /// The bot asked.
    public var botID: String { body["bot_id"]?.stringValue ?? "" }

    /// The history sent: v3 `additional_messages`, or v2 `chat_history` plus `query` (as a
    /// `question`), each as its string fields.
    public var messages: [[String: String]] {
        var list = (body["additional_messages"] ?? body["chat_history"])?.arrayValue ?? []
        if let query = body["query"]?.stringValue {
            list.append(.object(["role": .string("user"), "content": .string(query), "type": .string("question")]))
        }
        return list.map { ($0.objectValue ?? [:]).compactMapValues(\.stringValue) }
    }
}

/// What the Coze peer received, in order.
public typealias CozeCalls = Recorder<CozeCall>

/// A Coze Open API stand-in on a real socket: `POST /v3/chat` and `POST /open_api/v2/chat`,
/// answering by `bot_id` with the captures in ../shared/fixtures or streams built from them,
/// written in awkward pieces (1 to 11 bytes, splitting lines and UTF-8 characters):
///
/// - `text`: the v3 text-stream capture (its completed message differs from its deltas).
/// - `workflow`: the workflows capture. `rich`: reasoning, two deltas naming how many
///   messages came, the completed answer, a verbose message, two follow-ups, usage, done.
/// - `failed`: two deltas, then the `conversation.chat.failed` capture. `error`: two deltas,
///   then the `event:error` capture. `cutoff`: two deltas, then the end of the body.
/// - `broken`: 500 with a Coze error body. `json`: 200 with a Coze error body.
/// - a wrong `Authorization`: 401 with a Coze error body.
/// - anything on `/open_api/v2/chat`: the legacy capture.
public enum CozePeer {
    /// The personal access token the peer accepts.
    public static let token = "pat_coze_test_secret_42"
    /// The text of the two deltas before a failure.
    public static let partial = "Partial answer"

    /// The answer of the `rich` bot to `count` messages.
    public static func richAnswer(_ count: Int) -> String { "You sent \(count) messages. 森林 🌳" }

    static func fixture(_ name: String) -> [UInt8] {
        Array(Fixtures.data(name) ?? Data())
    }

    static func event(_ name: String, _ json: String) -> String {
        "event:\(name)\ndata:\(json)\n\n"
    }

    static func message(_ name: String, type: String, _ content: String, extra: String = "") -> String {
        let text = String(decoding: (try? JSONEncoder().encode(content)) ?? Data(), as: UTF8.self)
        return event(
            "conversation.message.\(name)",
            #"{"id":"m-\#(type)","conversation_id":"cv","role":"assistant","type":"\#(type)","content":\#(text),"content_type":"text","chat_id":"ch"\#(extra)}"#
        )
    }

    static let created = event(
        "conversation.chat.created", #"{"id":"ch","conversation_id":"cv","status":"created"}"#)

    /// Two deltas making ``partial``.
    static let partialDeltas =
        created + message("delta", type: "answer", "Partial ")
        + message(
            "delta", type: "answer", "answer")

    static func rich(messageCount: Int) -> String {
        let answer = richAnswer(messageCount)
        let cut = answer.index(answer.startIndex, offsetBy: 9)
        return created
            + message("delta", type: "answer", "", extra: #","reasoning_content":"Counting messages.""#)
            + message("delta", type: "answer", String(answer[..<cut]))
            + message("delta", type: "answer", String(answer[cut...])) + message("completed", type: "answer", answer)
            + message("completed", type: "verbose", #"{"msg_type":"generate_answer_finish","data":""}"#)
            + message("completed", type: "follow_up", "Why are forests green?")
            + message("completed", type: "follow_up", "How old is the oldest tree?")
            + event(
                "conversation.chat.completed",
                #"{"id":"ch","conversation_id":"cv","status":"completed","usage":{"token_count":30,"output_count":10,"input_count":20}}"#
            ) + "event:done\ndata:\"[DONE]\"\n\n"
    }

    /// The routes, recording into `calls`.
    public static func router(calls: CozeCalls) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let body = try FastJSON.parse(Data(bytes.readableBytesView))
            let call = CozeCall(
                path: request.uri.path, authorization: request.headers[.authorization], body: body)
            calls.record(call)
            return respond(to: call)
        }
        router.post("/v3/chat", use: handler)
        router.post("/open_api/v2/chat", use: handler)
        // Coze's "get bot info": the bot's name for `bot_id`, or Coze's error for one it lacks.
        router.get("/v1/bot/get_online_info") { request, _ -> Response in
            guard request.headers[.authorization] == "Bearer \(token)" else {
                return jsonResponse(401, #"{"code":4100,"msg":"authentication is invalid"}"#)
            }
            let bot = request.uri.queryParameters.get("bot_id") ?? ""
            guard bot != "missing" else {
                return jsonResponse(200, #"{"code":4015,"msg":"The bot_id was not published"}"#)
            }
            return jsonResponse(
                200,
                #"{"code":0,"msg":"success","data":{"bot_id":"\#(bot)","name":"\#(botName)","description":"a peer","#
                    + #""bot_mode":0,"version":"1"}}"#)
        }
        return router
    }

    /// The name every bot of the peer has, as its bot info gives it.
    public static let botName = "Weather 天气 bot"

    static func respond(to call: CozeCall) -> Response {
        guard call.authorization == "Bearer \(token)" else {
            return jsonResponse(401, #"{"code":4100,"msg":"authentication is invalid","detail":{"logid":"l1"}}"#)
        }
        if call.path == "/open_api/v2/chat" {
            return sseResponse(Pieces.awkward(fixture("coze_v2style_event_message_stream_real_sample.txt")))
        }
        let stream: [UInt8]
        switch call.botID {
        case "text": stream = fixture("coze_v3_chat_text_stream_resp.txt")
        case "workflow": stream = fixture("coze_v3_workflows_chat_stream_resp.txt")
        case "rich": stream = Array(rich(messageCount: call.messages.count).utf8)
        case "failed": stream = Array(partialDeltas.utf8) + fixture("coze_v3_chat_failed_resp.txt")
        case "error": stream = Array(partialDeltas.utf8) + fixture("coze_v3_chat_error_resp.txt")
        case "cutoff": stream = Array(partialDeltas.utf8)
        case "json": return jsonResponse(200, #"{"code":4015,"msg":"The bot is not published"}"#)
        default: return jsonResponse(500, #"{"code":5000,"msg":"internal server error"}"#)
        }
        return sseResponse(Pieces.awkward(stream))
    }

    /// Runs `body` with an engine for `botID` against a live peer.
    public static func withEngine(
        botID: String, api: CozeAPI = .v3, apiKey: String? = token,
        _ body: @Sendable (CozeEngine, CozeCalls) async throws -> Void
    ) async throws {
        let calls = CozeCalls()
        try await withPeer(router(calls: calls)) { base in
            let engine = try CozeEngine(baseURL: base, botID: botID, apiKey: apiKey, api: api)
            try await body(engine, calls)
        }
    }
}
