import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with WebSocket upgrades, plus what it leaves out until a
/// connection's first request head has arrived (``RequestHeadGuard``), and a stop that does
/// not wait for such a connection: cancelling the server closes the input of every
/// connection, as Hummingbird already does for those past their first head.
struct GuardedChildChannel: ServerChildChannel {
    typealias Value = HTTP1WebSocketUpgradeChannel.Value

    let inner: HTTP1WebSocketUpgradeChannel
    /// How long a request head or body may take (``ServerConfiguration/requestTimeout``).
    let requestTimeout: TimeAmount
    /// The decoder's limit for a request line or a header field, in bytes.
    let headLimit: Int

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let requestTimeout = self.requestTimeout
        let headLimit = self.headLimit
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let watcher = RequestLineWatcher()
            try pipeline.addHandler(watcher, position: .before(decoder))
            try pipeline.addHandler(
                RequestHeadGuard(timeout: requestTimeout, headLimit: headLimit, watcher: watcher),
                position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        let channel = value.channel
        await withTaskCancellationHandler {
            await inner.handle(value: value, logger: logger)
        } onCancel: {
            // Before its first head a connection waits for the upgrade decision, which no
            // cancellation ends; a closed input does (it ends the wait for a head).
            channel.close(mode: .input, promise: nil)
        }
    }
}
