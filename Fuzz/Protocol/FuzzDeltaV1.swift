// libFuzzer entry: the delta v1 decoder on every `event: delta` payload of the input (others go
// to its legacy path), checking the events rebuild the text it tracks, and the whole stream
// decoder giving the same events whole and in 1-byte chunks.

import Foundation

enum FuzzDeltaV1 {
    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = Array(input)
        var parser = SSEParser()
        var decoder = DeltaV1Decoder()
        var transcript = StreamTranscript()
        for event in parser.feed(bytes) + parser.finish() {
            guard let payload = try? FastJSON.parse(Data(event.data.utf8)) else { continue }
            let events = event.event == "delta" ? decoder.apply(payload) : decoder.decodeLegacy(payload) ?? []
            for streamEvent in events {
                transcript.apply(streamEvent)
            }
        }
        // Every message id the decoder knows has one role here only when ids are unique; the answer's
        // text rebuilt from events must match the decoder's own when its id started once.
        if let id = decoder.answerMessageID, transcript.started.filter({ $0 == id }).count == 1,
            transcript.texts[id] != decoder.answerText
        {
            fatalError("events do not rebuild the answer text")
        }
        FuzzChecks.replayIsChunkingInvariant(bytes)
    }
}
