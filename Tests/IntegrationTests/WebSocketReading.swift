import ChatClient
import ChatProtocol
import ChatServer
import Logging

/// An answer read the way a client reads it: transports, decoded events, appended text.
struct ReadAnswer: Sendable {
    var transports: [String] = []
    var decoder = ChatGPTStreamDecoder()
    var appended = ""
    private var parser = SSEParser()

    init() {}

    mutating func take(_ chunk: WebSocketChunk) {
        switch chunk {
        case .transport(let name): transports.append(name)
        case .sseBytes(let bytes): decode(parser.feed(bytes))
        }
    }

    mutating func finish() { decode(parser.finish()) }

    mutating func decode(_ events: [SSEEvent]) {
        for event in events {
            for streamEvent in decoder.decode(event) {
                if case .textAppended(_, let suffix) = streamEvent { appended += suffix }
            }
        }
    }

    /// Reads a whole stream.
    static func read(_ stream: AsyncThrowingStream<WebSocketChunk, any Error>) async throws -> ReadAnswer {
        var answer = ReadAnswer()
        for try await chunk in stream { answer.take(chunk) }
        answer.finish()
        return answer
    }
}

/// A quiet logger for the clients.
let testLogger = Logger(label: "chatterm.tests.ws")
