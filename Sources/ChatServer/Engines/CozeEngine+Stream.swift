import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import NIOCore
import NIOHTTP1

extension CozeEngine {
    /// Sends `body` and hands every piece of the answer to `emit`; returns when the stream
    /// finished, throws a one-line ``EngineError`` when it failed or was cut off.
    func run(_ body: Data, emit: (EnginePiece) -> Void) async throws {
        var answer = CozeAnswer(start: ContinuousClock.now)
        let response = try await send(body)
        let contentType = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        if contentType.hasPrefix("application/json") {
            let bytes = try await UpstreamPost.prefix(of: response.body, maxBytes: 64 * 1024)
            if let message = CozeErrorBody.message(in: bytes) {
                throw EngineError("Coze answered with an error: \(message)")
            }
            throw EngineError("Coze answered JSON instead of an event stream")
        }
        var sse = SSEParser()
        for try await buffer in response.body {
            for event in sse.feed(buffer.readableBytesView) {
                if try answer.handle(event, emit: emit) { return }
            }
        }
        for event in sse.finish() {
            if try answer.handle(event, emit: emit) { return }
        }
        try answer.end(emit: emit)
    }
}

/// One answer being read: the decoder, and what was already reported to the server.
struct CozeAnswer {
    let start: ContinuousClock.Instant
    var decoder = CozeStreamDecoder()
    /// UTF-8 bytes of the decoder's text already sent.
    var sentBytes = 0
    /// The decoder's ``CozeStreamDecoder/rewrites`` when text was last sent.
    var seenRewrites = 0
    /// UTF-8 bytes of the decoder's reasoning already noted.
    var notedReasoning = 0
    var followUps: [String] = []
    var reportedUsage = false

    init(start: ContinuousClock.Instant) {
        self.start = start
    }

    /// Handles one event; true once the stream is done (`event:done`).
    mutating func handle(_ event: SSEEvent, emit: (EnginePiece) -> Void) throws -> Bool {
        for item in decoder.decode(event) {
            switch item {
            case .chat, .reasoningDelta:
                break
            case .answerDelta, .answerCompleted:
                noteReasoning(emit)
                sendText(emit)
            case .verbose(let label, let text):
                if let note = CozeNotes.verbose(label: label, text: text) { emit(.note(note)) }
            case .step(let type, let text):
                emit(.note(CozeNotes.step(type: type, text: text)))
            case .followUp(let prompt):
                followUps.append(prompt)
                emit(.followUps(followUps))
            case .usage(var usage):
                // The legacy stream's own `time_cost` stands; else the time measured here.
                if usage.latency == nil { usage.latency = elapsed() }
                reportedUsage = true
                emit(.usage(usage))
            case .failed(let message):
                noteReasoning(emit)
                throw EngineError("Coze reported an error: \(message)")
            case .done:
                finish(emit)
                return true
            }
        }
        return false
    }

    /// The stream closed without `event:done`: fine after `conversation.chat.completed`,
    /// else the answer was cut off.
    mutating func end(emit: (EnginePiece) -> Void) throws {
        noteReasoning(emit)
        guard decoder.isComplete else { throw EngineError("the Coze stream ended before it finished") }
        finish(emit)
    }

    private mutating func finish(_ emit: (EnginePiece) -> Void) {
        noteReasoning(emit)
        if !reportedUsage {
            reportedUsage = true
            emit(.usage(TokenUsage(latency: elapsed())))
        }
    }

    /// Sends what the decoder's text gained: the new end, or the whole text after a rewrite.
    private mutating func sendText(_ emit: (EnginePiece) -> Void) {
        let text = decoder.text
        if decoder.rewrites != seenRewrites {
            seenRewrites = decoder.rewrites
            sentBytes = text.utf8.count
            emit(.replaceText(text))
        } else if text.utf8.count > sentBytes {
            let added = String(decoding: text.utf8.dropFirst(sentBytes), as: UTF8.self)
            sentBytes = text.utf8.count
            emit(.text(added))
        }
    }

    /// Notes the reasoning that arrived since the last note, as one `reasoning` note.
    private mutating func noteReasoning(_ emit: (EnginePiece) -> Void) {
        let reasoning = decoder.reasoning
        guard reasoning.utf8.count > notedReasoning else { return }
        let added = String(decoding: reasoning.utf8.dropFirst(notedReasoning), as: UTF8.self)
        notedReasoning = reasoning.utf8.count
        emit(.note(AnswerNote(kind: "reasoning", text: added)))
    }

    private func elapsed() -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
