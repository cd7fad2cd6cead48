import ChatModel
import Foundation
import Logging

extension BackendServer {
    /// How soon after the last read a chunk counts as read in a row (it was waiting in the
    /// engine's stream) rather than as one that woke the answer pump.
    static let readInARow = Duration.microseconds(50)

    /// Starts the engine for a turn in a task of its own that feeds the returned inputs,
    /// and registers the stream so `stop_conversation` can reach it.
    func startAnswer(_ turn: StartedTurn, websocketRequestID: String?) -> (AsyncStream<StreamInput>, UUID) {
        let (inputs, continuation) = AsyncStream<StreamInput>.makeStream()
        let gate = ChunkGate(interval: configuration.chunkInterval, continuation: continuation)
        let answer = engine.pieces(turn.engineRequest)
        let pump = Task {
            do {
                // A chunk read right after the one before (≤ 50 µs) was waiting in the engine's
                // stream; one that came on its own woke the pump. After such a wake, with text
                // held, the pump sleeps until the gate hands it on, so a fast engine's chunks
                // pile up meanwhile and are read in a row: one wake an interval, not one a chunk.
                // After a sleep the pump sleeps again only once it has read a chunk in a row: on a
                // busy machine a read of a piled-up chunk can itself take longer than
                // `readInARow`, and sleeping on it would hand on one chunk an interval.
                let clock = ContinuousClock()
                var lastRead = clock.now
                var maySleep = true
                for try await piece in answer {
                    let woke = clock.now - lastRead > Self.readInARow
                    if !woke { maySleep = true }
                    if case .text(let chunk) = piece {
                        gate.add(chunk, willFlush: woke)
                        if woke, maySleep, let due = gate.due {
                            try await Task.sleep(until: due, clock: clock)
                            gate.flushIfDue()
                            maySleep = false
                        }
                    } else {
                        gate.send(.piece(piece))
                    }
                    lastRead = clock.now
                }
                gate.close(with: Task.isCancelled ? .stopped : .end)
            } catch is CancellationError {
                gate.close(with: .stopped)
            } catch {
                gate.close(with: .failed("\(error)"))
            }
        }
        let key = streams.add(
            StreamRegistry.Handle(
                conversationID: turn.conversationID, websocketRequestID: websocketRequestID,
                gate: gate, pump: pump))
        return (inputs, key)
    }

    /// The answer loop: encodes the engine's chunks with `encoder` and hands each step's
    /// output to `emit` (`last` on the closing one). The partial answer is saved as it streams
    /// (every ``ServerConfiguration/saveInterval``) and for good when the stream ends,
    /// however it ends; when `emit` throws (the client went away) the text so far is
    /// saved and the error rethrown.
    func runAnswer<Encoder: AnswerStreamEncoder>(
        _ turn: StartedTurn, inputs: AsyncStream<StreamInput>, key: UUID, encoder: Encoder,
        emit: (_ output: Encoder.Output, _ last: Bool) async throws -> Void
    ) async throws {
        var encoder = encoder
        var text = ""
        var message = turn.assistant
        var outcome = AnswerOutcome.disconnected
        let clock = ContinuousClock()
        var lastSave = clock.now
        do {
            try await emit(encoder.start(turn), false)
            loop: for await input in inputs {
                switch input {
                case .chunk(let chunk):
                    text += chunk
                    message.content = .text(text)
                    try await emit(encoder.chunk(chunk, answer: message), false)
                    if clock.now - lastSave >= configuration.saveInterval {
                        lastSave = clock.now
                        try await book.saveProgress(
                            conversationID: turn.conversationID, messageID: message.id, text: text)
                    }
                case .piece(let piece):
                    if case .replaceText(let whole) = piece {
                        text = whole
                        message.content = .text(text)
                        try await emit(encoder.replace(answer: message), false)
                    } else {
                        message.apply(piece)
                    }
                case .end:
                    outcome = .finished
                    break loop
                case .stopped:
                    outcome = .stopped
                    break loop
                case .failed(let why):
                    outcome = .failed(why)
                    break loop
                }
            }
            streams.remove(key)
            var error: String?
            if case .failed(let why) = outcome {
                error = "The engine failed: \(why)"
                message.errorText = why
            }
            let final = try await book.finish(
                conversationID: turn.conversationID, message: message, text: text, outcome: outcome)
            try await emit(encoder.finish(final, error: error), true)
        } catch {
            if outcome == .disconnected {
                logger.info("client went away mid-stream; keeping the partial answer")
                _ = try? await book.finish(
                    conversationID: turn.conversationID, message: message, text: text, outcome: .disconnected)
            }
            // Only once the partial answer is saved: whoever waits for the stream to end (a
            // test, a later request) then reads it finished.
            streams.remove(key)
            throw error
        }
    }
}

extension Message {
    /// Metadata key the answer loop marks an answer cut at its length limit with, until
    /// ``ConversationBook/finish(conversationID:message:text:outcome:)`` writes it as
    /// `finish_details` `max_tokens`.
    static let cutAtLengthLimitKey = "chatterm_cut_at_length_limit"

    /// Records a non-text engine piece in the answer's metadata (text pieces are the
    /// answer loop's business).
    mutating func apply(_ piece: EnginePiece) {
        switch piece {
        case .text, .replaceText: break
        case .usage(let usage): tokenUsage = usage
        case .followUps(let prompts): followUps = prompts
        case .note(let note): notes.append(note)
        case .cutAtLengthLimit: metadata[Self.cutAtLengthLimitKey] = .bool(true)
        }
    }
}
