import ChatProtocol
import Testing

@testable import ChatClient

/// What an answer's receiver keeps across its sockets: a catch-up after a reconnect repeats
/// items, and each item's bytes reach the parser once.
@Suite struct AnswerReceiverTests {
    static func connected(_ id: String) -> String {
        #"{"type":"system","event":"connected","connectionId":"\#(id)","reconnectionToken":"t"}"#
    }

    static func item(_ n: Int, sequence: Int, streamItem: String?, last: Bool = false) -> String {
        WebPubSubFrame.serverMessage(
            sequenceID: sequence, body: Array("data: part \(n)\n\n".utf8), moreBody: !last, responseID: "r1",
            streamItemID: streamItem)
    }

    static func bytes(_ receiver: AnswerReceiver, _ frames: [String]) -> String {
        String(decoding: frames.flatMap { receiver.receive($0).sseBytes }, as: UTF8.self)
    }

    @Test func aCatchUpOnANewConnectionRepeatsNoStreamItem() {
        let receiver = AnswerReceiver(responseID: "r1", ackEvery: 50)
        var text = Self.bytes(
            receiver,
            [
                Self.connected("A"), Self.item(1, sequence: 1, streamItem: "s1"),
                Self.item(2, sequence: 2, streamItem: "s2"),
            ])
        // A new connection numbers from 1 again and replays the answer from its start.
        text += Self.bytes(
            receiver,
            [
                Self.connected("B"), Self.item(1, sequence: 1, streamItem: "s1"),
                Self.item(2, sequence: 2, streamItem: "s2"), Self.item(3, sequence: 3, streamItem: "s3", last: true),
            ])
        #expect(text == "data: part 1\n\ndata: part 2\n\ndata: part 3\n\n")
        #expect(receiver.ended)
    }

    @Test func withoutStreamItemIDsTheSequenceOfOneConnectionDropsRepeats() {
        let receiver = AnswerReceiver(responseID: "r1", ackEvery: 50)
        let text = Self.bytes(
            receiver,
            [
                Self.connected("A"), Self.item(1, sequence: 1, streamItem: nil),
                Self.item(2, sequence: 2, streamItem: nil),
                Self.connected("A"), Self.item(2, sequence: 2, streamItem: nil),
                Self.item(3, sequence: 3, streamItem: nil, last: true),
            ])
        #expect(text == "data: part 1\n\ndata: part 2\n\ndata: part 3\n\n")
    }

    @Test func aFrameNamesItsStreamItem() {
        let frame = Self.item(1, sequence: 7, streamItem: "item-7")
        guard case .message(let message)? = WebPubSubFrame.decode(frame) else {
            Issue.record("not a message frame")
            return
        }
        #expect(message.streamItemID == "item-7")
        #expect(message.sequenceID == 7)
    }
}
