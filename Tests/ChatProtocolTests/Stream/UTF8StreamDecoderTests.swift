import ChatProtocol
import Testing

@Suite("UTF-8 stream decoder")
struct UTF8StreamDecoderTests {
    static let sample = "a é 中 🌳 z\n树"

    @Test func everyTwoAndThreeWaySplitDecodesExactly() {
        let bytes = Array(Self.sample.utf8)
        for i in 0...bytes.count {
            for j in i...bytes.count {
                var decoder = UTF8StreamDecoder()
                var text = decoder.decode(bytes[..<i])
                text += decoder.decode(bytes[i..<j])
                text += decoder.decode(bytes[j...])
                #expect(!decoder.hasPendingBytes)
                text += decoder.finish()
                #expect(text == Self.sample, "split at \(i), \(j)")
            }
        }
    }

    @Test func byteByByteHoldsBackOnlyUnfinishedCharacters() {
        var decoder = UTF8StreamDecoder()
        #expect(decoder.decode([0xF0, 0x9F]) == "")
        #expect(decoder.hasPendingBytes)
        #expect(decoder.decode([0x8C]) == "")
        #expect(decoder.decode([0xB3, 0x41]) == "🌳A")
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        var decoder = UTF8StreamDecoder()
        #expect(decoder.decode([0x41, 0xFF, 0x42]) == "A\u{FFFD}B")
        // A lead byte followed by ASCII: the lead is invalid once the ASCII arrives.
        #expect(decoder.decode([0xE4]) == "")
        #expect(decoder.decode([0x41]) == "\u{FFFD}A")
        // A character cut off by the end of the stream.
        #expect(decoder.decode([0xE4, 0xBD]) == "")
        #expect(decoder.finish() == "\u{FFFD}")
        #expect(decoder.finish() == "")
    }
}
