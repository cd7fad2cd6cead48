import NIOCore

/// Tells a request line that is too long (414) from headers that are (431) when the HTTP
/// decoder refuses a head: both are the same error to it. Sits before the decoder and counts
/// the bytes of the request line being read; ``RequestHeadGuard`` says where each request ends.
final class RequestLineWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// The length of the current request line so far (all of it once it has ended).
    private(set) var requestLineLength = 0
    private var requestLineEnded = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !requestLineEnded {
            let bytes = unwrapInboundIn(data).readableBytesView
            if let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                requestLineLength += end - bytes.startIndex
                requestLineEnded = true
            } else {
                requestLineLength += bytes.count
            }
        }
        context.fireChannelRead(data)
    }

    /// A request has ended: the next bytes begin the next request line.
    func requestEnded() {
        requestLineLength = 0
        requestLineEnded = false
    }
}

@available(*, unavailable)
extension RequestLineWatcher: Sendable {}
