import ChatModel
import ChatProtocol
import Foundation
import Logging

extension ChatGPTClient {
    /// Reads a send's answer from `GET /backend-api/conversation/{id}` after its socket went
    /// silent, until it has finished: each read's new messages and text become events after
    /// those the stream already gave (`transcript`), then the answer's completion ends the
    /// items. Reads come a quarter of ``ChatGPTConfiguration/webSocketSilence`` apart; when
    /// four reads in a row find nothing new, the answer ends incomplete with an error that says
    /// so, so a send never waits for ever.
    func rereadAnswer(
        conversationID: String, request: ChatRequest, transcript: inout StreamTranscript,
        into continuation: AsyncThrowingStream<ChatStreamItem, any Error>.Continuation
    ) async throws {
        let pause = max(Duration.milliseconds(20), configuration.webSocketSilence / 4)
        var unchanged = 0
        var last: [String]?
        while true {
            let fetched: FetchedConversation
            do {
                fetched = try await conversation(id: conversationID)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                continuation.yield(.finished(.incomplete(.noConfirmation)))
                throw ClientError.transport(
                    "the WebSocket stayed silent and the conversation could not be read: \(error)")
            }
            let found = AnswerInConversation(fetched.conversation, request: request)
            for event in found.events(after: transcript) {
                transcript.apply(event)
                continuation.yield(.event(event))
            }
            if let completion = found.completion {
                logger.notice("read the answer from the conversation after the WebSocket stayed silent")
                continuation.yield(.finished(completion))
                return
            }
            unchanged = found.progress == last ? unchanged + 1 : 0
            last = found.progress
            if unchanged >= 4 {
                continuation.yield(.finished(.incomplete(.noConfirmation)))
                throw ClientError.transport(
                    "the WebSocket stayed silent and the answer in the conversation stopped changing before it "
                        + "finished. Ctrl-R reloads it from the server")
            }
            try await Task.sleep(for: pause)
        }
    }
}
