import ChatModel

/// Runs captured stream bytes through ``SSEParser`` and ``ChatGPTStreamDecoder``, for tests and
/// the replay peer. Pure: the caller reads the bytes.
public enum StreamReplay {
    /// What a replay produced.
    public struct Result: Sendable {
        /// Every event, in order.
        public var events: [StreamEvent]
        /// The events applied to a transcript.
        public var transcript: StreamTranscript
        /// The decoder's verdict at the end of input.
        public var completion: StreamCompletion
        /// The detected wire form.
        public var form: ChatGPTStreamDecoder.Form
        /// Events the decoder skipped.
        public var skippedEvents: Int
        /// The answer text the transcript rebuilt from the events.
        public var answerText: String { transcript.answerText }
    }

    /// Replays the bytes as the given chunks, in order, then ends the input.
    public static func run(chunks: [[UInt8]]) -> Result {
        var parser = SSEParser()
        var decoder = ChatGPTStreamDecoder()
        var events: [StreamEvent] = []
        for chunk in chunks {
            for sse in parser.feed(chunk) {
                events += decoder.decode(sse)
            }
        }
        for sse in parser.finish() {
            events += decoder.decode(sse)
        }
        var transcript = StreamTranscript()
        for event in events {
            transcript.apply(event)
        }
        return Result(
            events: events, transcript: transcript, completion: decoder.completion, form: decoder.form,
            skippedEvents: decoder.skippedEvents)
    }

    /// Replays the bytes in chunks of `chunkSize` bytes (all at once when nil).
    public static func run(_ bytes: [UInt8], chunkSize: Int? = nil) -> Result {
        guard let chunkSize, chunkSize > 0 else { return run(chunks: [bytes]) }
        return run(
            chunks: stride(from: 0, to: bytes.count, by: chunkSize).map {
                Array(bytes[$0..<min($0 + chunkSize, bytes.count)])
            })
    }
}
