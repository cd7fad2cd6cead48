// libFuzzer entry: the cumulative decoder on every SSE payload of the input, and the whole
// stream decoder giving the same events whole and in 1-byte chunks.

import Foundation

enum FuzzCumulative {
    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        var parser = SSEParser()
        var decoder = CumulativeDecoder()
        var transcript = StreamTranscript()
        for event in parser.feed(bytes) + parser.finish() {
            guard let payload = try? FastJSON.parse(Data(event.data.utf8)) else { continue }
            for streamEvent in decoder.decode(payload) ?? [] {
                transcript.apply(streamEvent)
            }
        }
        _ = decoder.answerText
        FuzzChecks.replayIsChunkingInvariant(bytes)
    }
}
