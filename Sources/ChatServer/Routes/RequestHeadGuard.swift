import ChatModel
import NIOCore
import NIOHTTP1

/// What Hummingbird's HTTP/1 channel with WebSocket upgrades leaves open while a connection
/// waits for its first request head (its idle timeout is installed only after that head):
/// - a deadline for a new connection's first head and for every request body
///   (``ServerConfiguration/requestTimeout``): a client that trickles a head or stalls a body
///   is answered 408 and closed, one that sends nothing is closed;
/// - a head the HTTP decoder refuses is answered (414 for a request line over its 80 KB limit,
///   431 for headers over it, 400 for anything that is not HTTP) and the connection closed,
///   where before it stayed open with no answer;
/// - a graceful shutdown closes a connection that has not sent a whole head.
///
/// Sits right after the HTTP decoder and removes itself when the connection becomes a WebSocket.
final class RequestHeadGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// How long a connection stays half-open after a refusal for the client to read the answer
    /// (closing with its unread input would reset the connection and lose the answer).
    static let linger = TimeAmount.seconds(2)

    private let timeout: TimeAmount
    private let headLimit: Int
    private let watcher: RequestLineWatcher
    private var deadline: Scheduled<Void>?
    private var lingering: Scheduled<Void>?
    /// Whether a request head has arrived on this connection.
    private var sawHead = false
    /// A request whose head has arrived and whose end has not.
    private var readingRequest = false
    /// Requests whose head has arrived and whose answer has not ended.
    private var unanswered = 0
    /// An answer has started and not ended.
    private var responding = false
    /// The first request asked for an upgrade: what follows may be raw bytes (the decoder hands
    /// them on when a WebSocket takes over), so it passes unread.
    private var upgrading = false
    /// The answer switching to a WebSocket has been written: what passes is no longer HTTP.
    private var switched = false
    /// The connection is being refused: later input is dropped.
    private var closing = false
    /// A refusal waiting for the answers to earlier requests to end (HTTP answers in order).
    private var pendingRefusal: (status: HTTPResponseStatus, detail: String)?

    /// Creates a guard with `timeout` for heads and bodies and the decoder's `headLimit` (bytes);
    /// `watcher` sits before the decoder.
    init(timeout: TimeAmount, headLimit: Int, watcher: RequestLineWatcher) {
        self.timeout = timeout
        self.headLimit = headLimit
        self.watcher = watcher
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startDeadline(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        lingering?.cancel()
    }

    func channelActive(context: ChannelHandlerContext) {
        startDeadline(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopDeadline()
        if !sawHead {
            // The upgrade step still waits for a first head: tell it that no input comes, as
            // when a client leaves, so it ends quietly instead of logging an error for every
            // connection closed before its first request.
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if closing { return }
        if upgrading {
            context.fireChannelRead(data)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            upgrading = !sawHead && head.headers.contains(name: "upgrade")
            sawHead = true
            readingRequest = true
            unanswered += 1
            stopDeadline()
        case .body:
            break
        case .end:
            readingRequest = false
            stopDeadline()
            watcher.requestEnded()
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if readingRequest && !upgrading { startDeadline(context) }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if closing { return }  // the decoder's complaints about input after its first error
        guard let error = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let limit = "\(headLimit / 1024) KB"
        switch error {
        case .headerOverflow where watcher.requestLineLength > headLimit:
            refuse(context, .uriTooLong, "The request URL is over the \(limit) limit.")
        case .headerOverflow:
            refuse(context, .requestHeaderFieldsTooLarge, "The request's headers are over the \(limit) limit.")
        default:
            refuse(context, .badRequest, "The request is not valid HTTP/1.1.")
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        if event is ChannelShouldQuiesceEvent, !sawHead {
            closeAll(context)  // stopping: nothing was asked on this connection, so nothing is cut off
        } else if closing, pendingRefusal == nil, let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)  // the client has read the refusal and left
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if switched {
            context.write(data, promise: promise)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status == .switchingProtocols:
            // A WebSocket from here on: nothing to guard, and what passes is no longer HTTP.
            // Leave once the switch is written: leaving in the middle of the upgrade's own
            // write-and-flush would lose its flush.
            switched = true
            stopDeadline()
            let written = promise ?? context.eventLoop.makePromise()
            written.futureResult.assumeIsolated().whenComplete { [watcher] _ in
                context.pipeline.syncOperations.removeHandler(watcher, promise: nil)
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            }
            context.write(data, promise: written)
        case .head(let head):
            if head.status.code >= 200 { responding = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            context.write(data, promise: promise)
            responding = false
            unanswered = max(unanswered - 1, 0)
            if let refusal = pendingRefusal, answersAhead == 0 {
                pendingRefusal = nil
                answer(context, refusal.status, refusal.detail)
            }
        }
    }

    /// Answers to earlier requests still to be written before one for the request being read.
    private var answersAhead: Int { readingRequest ? max(unanswered - 1, 0) : unanswered }

    private func startDeadline(_ context: ChannelHandlerContext) {
        guard deadline == nil, !closing, !sawHead || readingRequest else { return }
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            deadline = nil
            if !sawHead && watcher.requestLineLength == 0 {
                // Not a byte sent (a client's spare connection, say): close quietly, as an idle
                // kept-alive connection is closed, so the client never reads a 408 it did not ask for.
                closeAll(context)
            } else {
                refuse(context, .requestTimeout, "The request took too long to arrive; the connection is closed.")
            }
        }
    }

    private func stopDeadline() {
        deadline?.cancel()
        deadline = nil
    }

    /// Refuses the request being read (or the head that failed): answers `status` once the
    /// answers to earlier requests have ended, then closes. A request whose answer is already
    /// under way or done gets no second answer: its connection is just closed.
    private func refuse(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ detail: String) {
        stopDeadline()
        closing = true
        if answersAhead > 0 {
            pendingRefusal = (status, detail)
        } else if responding || (readingRequest && unanswered == 0) {
            closeAll(context)
        } else {
            answer(context, status, detail)
        }
    }

    /// Writes `status` with a JSON `detail` and closes: output now, the whole connection once
    /// the client has read the answer and closed its side, or after ``linger``.
    private func answer(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ detail: String) {
        let body = ByteBuffer(string: WireJSON.string(.object(["detail": .string(detail)])))
        let headers = HTTPHeaders([
            ("Content-Type", "application/json"), ("Content-Length", "\(body.readableBytes)"), ("Connection", "close"),
        ])
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(mode: .output, promise: nil)
        lingering = context.eventLoop.assumeIsolated().scheduleTask(in: Self.linger) { [self] in
            closeAll(context)
        }
    }

    /// Closes the connection; later input is dropped.
    private func closeAll(_ context: ChannelHandlerContext) {
        closing = true
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension RequestHeadGuard: Sendable {}
