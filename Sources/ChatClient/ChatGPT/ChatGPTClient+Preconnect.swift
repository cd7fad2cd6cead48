import ChatModel
import ChatProtocol
import Foundation
import Logging
import NIOHTTP1

extension ChatGPTClient {
    /// The WebSocket settings of this client's answers.
    var webSocketOptions: WebSocketAnswerStream.Options {
        WebSocketAnswerStream.Options(silenceTimeout: configuration.webSocketSilence)
    }

    /// Opens the socket a WebSocket answer will arrive on before the message is posted, as the
    /// 2024 web page does (PROTOCOL.md §3a, seed 001): `POST /backend-api/register-websocket`,
    /// then a connect to its `wss_url`. A service that publishes an answer to the user's group
    /// reaches only the sockets connected when the message arrives, so a socket opened after
    /// the post's answer would wait for frames that never come.
    ///
    /// Nil when there is no such socket: the server has no `register-websocket` (then this
    /// client stops asking), or it or the socket failed this time. The send then posts anyway
    /// and follows the hand-off's own URLs.
    func preconnect() async -> AnswerSocket? {
        guard await !tokens.preconnectUseless else { return nil }
        let url: String
        do {
            let answer = try await raw(.POST, "/backend-api/register-websocket")
            guard let registered = WebSocketHandshake.registeredURL(answer) else {
                await tokens.skipPreconnect()
                logger.info("register-websocket gave no socket address; answers are posted first from now on")
                return nil
            }
            url = registered
        } catch let error as ClientError where Self.meansNoRegistration(error) {
            await tokens.skipPreconnect()
            logger.info("the server registers no WebSockets (\(error)); answers are posted first from now on")
            return nil
        } catch {
            logger.info("register-websocket failed (\(HTTPExchange.describe(error))); posting first this time")
            return nil
        }
        do {
            // Posted before the socket's `connected` greeting, the message could beat the join.
            return try await AnswerSocket.connect(
                url, label: "WebSocket", options: webSocketOptions, greeting: .seconds(2), logger: logger)
        } catch {
            logger.info(
                "the registered WebSocket did not connect (\(HTTPExchange.describe(error))); posting first this time")
            return nil
        }
    }

    /// Whether a failed `register-websocket` means the server has none (a 4xx other than an
    /// expired token or a rate limit), rather than a failure that may pass.
    static func meansNoRegistration(_ error: ClientError) -> Bool {
        guard let status = error.status else { return false }
        return (400..<500).contains(status) && status != 401 && status != 429
    }
}
