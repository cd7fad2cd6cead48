import ChatModel
import Foundation

/// A server message of the Web PubSub reliable JSON subprotocol; for ChatGPT's 2024
/// `wss_url` mode its `data.body` is base64 SSE text (PROTOCOL.md §3a).
public struct WebPubSubMessage: Sendable, Hashable {
    /// The `sequenceId` to acknowledge (absent on unreliable frames).
    public var sequenceID: Int?
    /// `server` or `group`.
    public var from: String?
    /// The group, for group messages.
    public var group: String?
    /// `json`, `text` or `binary`.
    public var dataType: String?
    /// `data.type`, e.g. `http.response.body`.
    public var bodyType: String?
    /// The body bytes: base64-decoded `data.body`, or the text of a `text` frame. Feed them to
    /// an ``SSEParser``; a UTF-8 character or an event may continue in the next frame.
    public var body: [UInt8]
    /// `data.more_body`: false when this frame ends the response body (only an explicit
    /// `false` ends it; the end also shows as `data: [DONE]` inside the body).
    public var moreBody: Bool
    /// `data.response_id`, to pick this response's frames on a shared socket.
    public var responseID: String?
    /// `data.conversation_id`.
    public var conversationID: String?
    /// Whether `data.body` was present but not valid base64 (``body`` is then empty).
    public var bodyInvalid: Bool
    /// `data.stream_item_id`, when the frame names the stream item it carries: a catch-up after
    /// a reconnect repeats items under new sequence ids, and this id tells them apart
    /// (PROTOCOL.md §3b, §8 item 12).
    public var streamItemID: String?

    /// Creates a message.
    public init(
        sequenceID: Int? = nil, from: String? = "server", group: String? = nil, dataType: String? = "json",
        bodyType: String? = "http.response.body", body: [UInt8], moreBody: Bool = true, responseID: String? = nil,
        conversationID: String? = nil, bodyInvalid: Bool = false, streamItemID: String? = nil
    ) {
        self.sequenceID = sequenceID
        self.from = from
        self.group = group
        self.dataType = dataType
        self.bodyType = bodyType
        self.body = body
        self.moreBody = moreBody
        self.responseID = responseID
        self.conversationID = conversationID
        self.bodyInvalid = bodyInvalid
        self.streamItemID = streamItemID
    }
}

/// One frame received on a `json.reliable.webpubsub.azure.v1` WebSocket.
public enum WebPubSubFrame: Sendable, Hashable {
    /// A message from the server or a group.
    case message(WebPubSubMessage)
    /// `{"type":"system","event":"connected",…}`: keep the ids to reconnect.
    case connected(connectionID: String?, userID: String?, reconnectionToken: String?)
    /// `{"type":"system","event":"disconnected","message":…}`.
    case disconnected(message: String?)
    /// The reply to a client request: `{"type":"ack","ackId":N,"success":…,"error":{…}}`.
    case ack(ackID: Int?, success: Bool, error: String?)
    /// A well-formed frame of another type (or system event), by name.
    case other(type: String)

    /// The WebSocket subprotocol to request.
    public static let subprotocol = "json.reliable.webpubsub.azure.v1"

    /// Decodes a text frame; nil when it is not a JSON object with a `type`.
    public static func decode(_ text: String) -> WebPubSubFrame? {
        decode(Data(text.utf8))
    }

    /// Decodes a frame's bytes; nil when they are not a JSON object with a `type`.
    public static func decode(_ data: Data) -> WebPubSubFrame? {
        guard let value = try? FastJSON.parse(data), let object = value.objectValue,
            let type = object["type"]?.stringValue
        else { return nil }
        switch type {
        case "message":
            return .message(message(object))
        case "system":
            let event = object["event"]?.stringValue ?? ""
            switch event {
            case "connected":
                return .connected(
                    connectionID: object["connectionId"]?.stringValue, userID: object["userId"]?.stringValue,
                    reconnectionToken: object["reconnectionToken"]?.stringValue)
            case "disconnected":
                return .disconnected(message: object["message"]?.stringValue)
            default:
                return .other(type: "system/\(event)")
            }
        case "ack":
            let error = object["error"].flatMap { $0.isNull ? nil : CumulativeDecoder.errorText($0) }
            return .ack(
                ackID: integer(object["ackId"]), success: object["success"]?.boolValue ?? (error == nil), error: error)
        default:
            return .other(type: type)
        }
    }

    /// The acknowledgement of every message up to and including `id`:
    /// `{"type":"sequenceAck","sequenceId":N}`.
    public static func sequenceAck(_ id: Int) -> String {
        "{\"type\":\"sequenceAck\",\"sequenceId\":\(id)}"
    }

    /// Encodes a server message the way the 2024 backend sent it (for the replay peer and tests).
    public static func serverMessage(
        sequenceID: Int, body: [UInt8], moreBody: Bool, responseID: String? = nil, conversationID: String? = nil,
        streamItemID: String? = nil
    ) -> String {
        var data = "\"type\":\"http.response.body\",\"body\":\"\(Data(body).base64EncodedString())\""
        data += ",\"more_body\":\(moreBody)"
        if let responseID { data += ",\"response_id\":\(quoted(responseID))" }
        if let conversationID { data += ",\"conversation_id\":\(quoted(conversationID))" }
        if let streamItemID { data += ",\"stream_item_id\":\(quoted(streamItemID))" }
        return "{\"sequenceId\":\(sequenceID),\"type\":\"message\",\"from\":\"server\",\"dataType\":\"json\","
            + "\"data\":{\(data)}}"
    }

    private static func message(_ object: [String: JSONValue]) -> WebPubSubMessage {
        let dataType = object["dataType"]?.stringValue
        var out = WebPubSubMessage(
            sequenceID: integer(object["sequenceId"]), from: object["from"]?.stringValue,
            group: object["group"]?.stringValue, dataType: dataType, bodyType: nil, body: [], moreBody: true)
        switch object["data"] {
        case .object(let data)?:
            out.bodyType = data["type"]?.stringValue
            out.moreBody = data["more_body"]?.boolValue ?? true
            out.responseID = data["response_id"]?.stringValue
            out.conversationID = data["conversation_id"]?.stringValue
            out.streamItemID = data["stream_item_id"]?.stringValue
            if let body = data["body"]?.stringValue {
                if let bytes = base64(body) {
                    out.body = bytes
                } else {
                    out.bodyInvalid = true
                }
            }
        case .string(let text)?:
            if dataType == "binary" {
                if let bytes = base64(text) { out.body = bytes } else { out.bodyInvalid = true }
            } else {
                out.body = Array(text.utf8)
            }
        default:
            break
        }
        return out
    }

    /// Standard base64, padding optional, whitespace ignored.
    static func base64(_ text: String) -> [UInt8]? {
        var cleaned = text.filter { !$0.isWhitespace }
        if cleaned.utf8.count % 4 != 0 {
            cleaned += String(repeating: "=", count: 4 - cleaned.utf8.count % 4)
        }
        return Data(base64Encoded: cleaned).map { Array($0) }
    }

    static func integer(_ value: JSONValue?) -> Int? {
        guard let n = value?.doubleValue, n == n.rounded(), abs(n) < 1e15 else { return nil }
        return Int(n)
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// The receiving side of one Web PubSub connection carrying a ChatGPT response: filters frames
/// of other responses, drops redelivered sequence ids, says when to acknowledge, and hands back
/// the SSE bytes to parse.
public struct WebPubSubReceiver: Sendable {
    /// What one received frame means for the caller.
    public struct Output: Sendable, Hashable {
        /// The decoded frame (nil when it was not a Web PubSub frame).
        public var frame: WebPubSubFrame?
        /// SSE bytes of this response to feed the parser (empty for other frames).
        public var sseBytes: [UInt8] = []
        /// An acknowledgement to send now, if one is due.
        public var ack: String?
        /// Whether this frame ended the response body (`more_body: false`).
        public var ended = false
    }

    /// The response to keep (`response_id` of the POST answer); nil keeps all. Messages that
    /// carry no `response_id` are kept too.
    public var responseID: String?
    /// Acknowledge after this many new sequenced messages (and at the end of the body).
    public var ackEvery: Int
    /// The highest sequence id received.
    public private(set) var lastSequenceID: Int?
    /// The connection id and token from `connected`, to reconnect.
    public private(set) var connectionID: String?
    /// The reconnection token from `connected`.
    public private(set) var reconnectionToken: String?
    /// Whether the response body ended.
    public private(set) var ended = false
    private var unacked = 0

    /// Creates a receiver.
    public init(responseID: String? = nil, ackEvery: Int = 50) {
        self.responseID = responseID
        self.ackEvery = max(1, ackEvery)
    }

    /// The acknowledgement of everything received so far (send it after a reconnect).
    public var currentAck: String? { lastSequenceID.map(WebPubSubFrame.sequenceAck) }

    /// Handles one text frame.
    public mutating func receive(_ text: String) -> Output {
        var out = Output(frame: WebPubSubFrame.decode(text))
        switch out.frame {
        case .message(let message)?:
            if let id = message.sequenceID {
                if let last = lastSequenceID, id <= last { return out }  // redelivered after a reconnect
                lastSequenceID = id
                unacked += 1
            }
            let ours = responseID == nil || message.responseID == nil || message.responseID == responseID
            if ours && !ended {
                out.sseBytes = message.body
                if !message.moreBody {
                    ended = true
                    out.ended = true
                }
            }
            if unacked >= ackEvery || (out.ended && unacked > 0), let id = lastSequenceID {
                out.ack = WebPubSubFrame.sequenceAck(id)
                unacked = 0
            }
        case .connected(let connection, _, let token)?:
            connectionID = connection
            reconnectionToken = token
        default:
            break
        }
        return out
    }
}
