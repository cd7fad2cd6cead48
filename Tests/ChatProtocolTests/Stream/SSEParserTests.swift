import ChatProtocol
import Testing

/// `SSEParser` framing: chunk boundaries anywhere, line endings, comments, fields.
@Suite struct SSEParserTests {
    /// BOM, CRLF, a comment, CJK text, `data:` without a space, `id`, multi-line data ending in
    /// CR CR, `retry`, a data-less block, a field without a colon, `[DONE]`.
    static let sample = Array(
        ("\u{FEFF}: keep-alive comment\r\nevent: delta\r\ndata: {\"v\": \"你好，世界\"}\r\n\r\n"
            + "data:{\"a\":1}\nid: 7\n\n" + "data: line1\ndata:  line2 \r\r" + "retry: 3000\nevent: ping\n\n"
            + "event: x\ndata\n\n" + "data: [DONE]\n\n").utf8)

    static let expected = [
        SSEEvent(event: "delta", data: "{\"v\": \"你好，世界\"}"),
        SSEEvent(data: "{\"a\":1}", id: "7"),
        SSEEvent(data: "line1\n line2 "),
        SSEEvent(event: "x", data: ""),
        SSEEvent(data: "[DONE]"),
    ]

    static func parse(_ chunks: [ArraySlice<UInt8>]) -> (events: [SSEEvent], parser: SSEParser) {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for chunk in chunks {
            events += parser.feed(chunk)
        }
        events += parser.finish()
        return (events, parser)
    }

    @Test func wholeSample() {
        let (events, parser) = Self.parse([Self.sample[...]])
        #expect(events == Self.expected)
        #expect(parser.lastEventID == "7")
        #expect(parser.retry == 3000)
    }

    @Test func everySplitPointGivesTheSameEvents() {
        let bytes = Self.sample
        for i in 0...bytes.count {
            let (events, _) = Self.parse([bytes[..<i], bytes[i...]])
            #expect(events == Self.expected, "split at \(i)")
        }
    }

    @Test func everyPairOfSplitPointsGivesTheSameEvents() {
        let bytes = Self.sample
        var failures = 0
        for i in 0...bytes.count {
            for j in i...bytes.count {
                let (events, _) = Self.parse([bytes[..<i], bytes[i..<j], bytes[j...]])
                if events != Self.expected { failures += 1 }
            }
        }
        #expect(failures == 0)
    }

    @Test func oneByteAtATime() {
        let (events, _) = Self.parse(Self.sample.indices.map { Self.sample[$0...$0] })
        #expect(events == Self.expected)
    }

    @Test func cjkCharacterSplitMidUTF8() {
        let bytes = Array("data: 明白\n\n".utf8)
        // "明" is 3 bytes starting at offset 6: split inside it at 7 and 8.
        for cut in [7, 8, 9, 10] {
            var parser = SSEParser()
            let first = parser.feed(bytes[..<cut])
            let second = parser.feed(bytes[cut...])
            #expect(first.isEmpty)
            #expect(second == [SSEEvent(data: "明白")])
        }
    }

    @Test func crlfSplitBetweenChunksIsOneLineBreak() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: a\r".utf8)).isEmpty)
        // The LF completes the CRLF; the next CRLF is the blank line.
        #expect(parser.feed(Array("\n\r".utf8)) == [SSEEvent(data: "a")])
        #expect(parser.feed(Array("\ndata: b\r\n\r\n".utf8)) == [SSEEvent(data: "b")])
    }

    @Test func lineEndingsCRLFAndCRAndLFAreEquivalent() {
        for newline in ["\n", "\r", "\r\n"] {
            let text = ["event: e", "data: 1", "data: 2", "", "data: 3", "", ""].joined(separator: newline)
            var parser = SSEParser()
            let events = parser.feed(Array(text.utf8))
            #expect(
                events == [SSEEvent(event: "e", data: "1\n2"), SSEEvent(data: "3")],
                "newline \(newline.utf8.map { $0 })")
        }
    }

    @Test func commentsAndUnknownFieldsAreIgnored() {
        var parser = SSEParser()
        let events = parser.feed(Array(": ping\n:\nfoo: bar\ndata: x\n: mid-event comment\ndata: y\n\n".utf8))
        #expect(events == [SSEEvent(data: "x\ny")])
    }

    @Test func dataWithoutSpaceAndWithTwoSpaces() {
        var parser = SSEParser()
        let events = parser.feed(Array("event:conversation.message.delta\ndata:{\"k\":1}\n\ndata:  two\n\n".utf8))
        #expect(events == [SSEEvent(event: "conversation.message.delta", data: "{\"k\":1}"), SSEEvent(data: " two")])
    }

    @Test func emptyDataLineIsAnEventWithEmptyData() {
        var parser = SSEParser()
        #expect(
            parser.feed(Array("data: \n\ndata: [DONE]\n\n".utf8)) == [SSEEvent(data: ""), SSEEvent(data: "[DONE]")])
    }

    @Test func blockWithoutDataIsNotDispatchedAndItsEventNameIsForgotten() {
        var parser = SSEParser()
        #expect(parser.feed(Array("event: lonely\n\ndata: z\n\n".utf8)) == [SSEEvent(data: "z")])
    }

    @Test func finishFlushesALastEventWithoutBlankLine() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: [DONE]".utf8)).isEmpty)
        #expect(parser.finish() == [SSEEvent(data: "[DONE]")])
        #expect(parser.finish().isEmpty)
    }

    @Test func byteOrderMarkSplitAcrossChunksIsSkippedOnlyAtTheStart() {
        var parser = SSEParser()
        #expect(parser.feed([0xEF]).isEmpty)
        #expect(parser.feed([0xBB, 0xBF] + Array("data: a\n\n".utf8)) == [SSEEvent(data: "a")])
        // A BOM later in the stream is not special: the field name no longer matches.
        #expect(parser.feed([0xEF, 0xBB, 0xBF] + Array("data: b\n\n".utf8)).isEmpty)
    }

    @Test func idPersistsAndIdWithNULIsIgnored() {
        var parser = SSEParser()
        let events = parser.feed(Array("id: 1\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\n".utf8))
        #expect(events == [SSEEvent(data: "a", id: "1"), SSEEvent(data: "b"), SSEEvent(data: "c")])
        #expect(parser.lastEventID == "1")
    }

    @Test func invalidRetryIsIgnored() {
        var parser = SSEParser()
        _ = parser.feed(Array("retry: 12a\n\nretry: 500\n\nretry: -1\n\n".utf8))
        #expect(parser.retry == 500)
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        var parser = SSEParser()
        let events = parser.feed(Array("data: a".utf8) + [0xFF, 0xC3] + Array("\n\n".utf8))
        #expect(events == [SSEEvent(data: "a\u{FFFD}\u{FFFD}")])
    }

    @Test func nonContiguousSequenceTakesTheByteByBytePath() {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        let half = Self.sample.count / 2
        events += parser.feed(Self.sample[..<half].lazy.map { $0 })
        events += parser.feed(Self.sample[half...].lazy.map { $0 })
        events += parser.finish()
        #expect(events == Self.expected)
    }

    @Test func rawBufferFeed() {
        var parser = SSEParser()
        let bytes = Array("data: raw\n\n".utf8)
        let events = bytes.withUnsafeBytes { parser.feed($0) }
        #expect(events == [SSEEvent(data: "raw")])
    }
}
