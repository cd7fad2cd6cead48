import ChatProtocol
import Foundation
import Testing

@testable import ChatClient

@Suite("WebSocket hand-off and receiver")
struct WebSocketHandshakeTests {
    /// Shaped like seed 001 (a 2024-06 capture), tokens shortened.
    static let seed = """
        {
            "wss_url": "wss://chatgpt-async-webps-prod-southcentralus-0.chatgpt.com/client/hubs/conversations?access_token=eyJ.a.b",
            "fallback_wss_url": "wss://chatgpt-async-webps-prod-eastus-0.chatgpt.com/client/hubs/conversations?access_token=eyJ.c.d",
            "expires_at": "2024-06-16T08:09:39.172404+00:00",
            "conversation_id": "4744527e-da3d-4ae8-ba71-c16904fb36fe",
            "response_id": "8948f9bac9347964-NRT",
            "websocket_request_id": "0352852e-f148-4288-ac1f-a0c452913f88"
        }
        """

    @Test func parsesTheSeedHandOff() throws {
        let handshake = try #require(WebSocketHandshake.parse(Data(Self.seed.utf8)))
        #expect(
            handshake.wssURL.hasSuffix("southcentralus-0.chatgpt.com/client/hubs/conversations?access_token=eyJ.a.b"))
        #expect(handshake.fallbackWSSURL?.contains("eastus-0") == true)
        #expect(handshake.conversationID == "4744527e-da3d-4ae8-ba71-c16904fb36fe")
        #expect(handshake.responseID == "8948f9bac9347964-NRT")
        #expect(handshake.websocketRequestID == "0352852e-f148-4288-ac1f-a0c452913f88")
        let expires = try #require(handshake.expiresAt?.timeIntervalSince1970)
        #expect(abs(expires - 1_718_525_379.172404) < 0.001)
        #expect(handshake.isExpired(at: Date(timeIntervalSince1970: 1_718_525_379)) == false)
        #expect(handshake.isExpired(at: Date(timeIntervalSince1970: 1_718_525_380)))
    }

    @Test func rejectsBodiesWithoutASocketURL() {
        #expect(WebSocketHandshake.parse(Data("data: {}\n\n".utf8)) == nil)
        #expect(WebSocketHandshake.parse(Data("{\"conversation_id\": \"c\"}".utf8)) == nil)
        #expect(WebSocketHandshake.parse(Data("{\"wss_url\": \"\"}".utf8)) == nil)
        #expect(WebSocketHandshake.parse(Data("[\"wss_url\"]".utf8)) == nil)
        let minimal = WebSocketHandshake.parse(Data("{\"wss_url\": \"wss://x\", \"expires_at\": \"soon\"}".utf8))
        #expect(minimal == WebSocketHandshake(wssURL: "wss://x"))
        #expect(minimal?.isExpired() == false)
    }

    static func frame(_ id: Int, _ text: String, more: Bool = true, response: String = "r1") -> String {
        WebPubSubFrame.serverMessage(
            sequenceID: id, body: Array(text.utf8), moreBody: more, responseID: response, conversationID: "c")
    }

    static func connected(_ id: String) -> String {
        "{\"type\":\"system\",\"event\":\"connected\",\"connectionId\":\"\(id)\",\"reconnectionToken\":\"t\"}"
    }

    @Test func aReconnectToTheSameSequenceAcksAndDropsWhatItHas() {
        let receiver = AnswerReceiver(responseID: "r1", ackEvery: 50)
        var text = ""
        #expect(receiver.receive(Self.connected("hub")).ack == nil)
        for id in 1...3 { text += String(decoding: receiver.receive(Self.frame(id, "\(id) ")).sseBytes, as: UTF8.self) }
        // The new socket says it is the same connection: ack what we have, skip the redelivery.
        #expect(receiver.receive(Self.connected("hub")).ack == WebPubSubFrame.sequenceAck(3))
        for id in 2...5 { text += String(decoding: receiver.receive(Self.frame(id, "\(id) ")).sseBytes, as: UTF8.self) }
        _ = receiver.receive(Self.frame(6, "other ", response: "r2"))
        let last = receiver.receive(Self.frame(7, "end", more: false))
        text += String(decoding: last.sseBytes, as: UTF8.self)
        #expect(text == "1 2 3 4 5 end")
        #expect(last.ended && receiver.ended)
        #expect(last.ack == WebPubSubFrame.sequenceAck(7))
    }

    @Test func aDifferentConnectionStartsANewSequence() {
        let receiver = AnswerReceiver(responseID: "r1", ackEvery: 50)
        _ = receiver.receive(Self.connected("a"))
        _ = receiver.receive(Self.frame(10, "x"))
        #expect(receiver.receive(Self.connected("b")).ack == nil)
        #expect(receiver.receive(Self.frame(1, "y")).sseBytes == Array("y".utf8))
    }

    @Test func doneEndsTheBodyOnlyAtTheStartOfALine() {
        let receiver = AnswerReceiver(responseID: "r1", ackEvery: 50)
        let quoted = receiver.receive(Self.frame(1, "data: {\"v\": \"write data: [DONE]\\n\"}\n\n"))
        #expect(!quoted.ended && !receiver.ended)
        #expect(!receiver.receive(Self.frame(2, "data: {\"v\": 1}\n\nda")).ended)
        let done = receiver.receive(Self.frame(3, "ta: [DONE]\n\n"))
        #expect(done.ended && receiver.ended)
        #expect(done.ack == WebPubSubFrame.sequenceAck(3))
    }
}
