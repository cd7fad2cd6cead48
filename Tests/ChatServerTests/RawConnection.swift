import NIOCore
import NIOPosix

/// A bare TCP connection to a server on 127.0.0.1, for what no HTTP client sends: heads over
/// the limit, heads that never end, connections that send nothing. Every wait has a deadline.
struct RawConnection: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// What the server has sent so far, and whether it has closed the connection.
    let received: Inbox

    /// Connects to `port`, runs `body`, then closes the connection.
    static func with<T: Sendable>(port: Int, _ body: @Sendable (RawConnection) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let received = Inbox()
            let reader = Task {
                do {
                    for try await buffer in inbound { await received.append(String(buffer: buffer)) }
                } catch {
                    // A reset: the connection is closed all the same.
                }
                await received.close()
            }
            defer { reader.cancel() }
            return try await body(RawConnection(outbound: outbound, received: received))
        }
    }

    /// Writes `text`; false when the server has already closed the connection.
    @discardableResult func send(_ text: String) async -> Bool {
        do {
            try await outbound.write(ByteBuffer(string: text))
            return true
        } catch {
            return false
        }
    }

    /// Everything the server sent once it has closed the connection, or nil when it is still
    /// open after `limit`.
    func readUntilClosed(within limit: Duration) async -> String? {
        await received.wait(within: limit) { $0.closed } ? await received.text : nil
    }

    /// What the server has sent once it contains `marker`, or nil when it does not within `limit`.
    func read(until marker: String, within limit: Duration) async -> String? {
        await received.wait(within: limit) { $0.text.contains(marker) } ? await received.text : nil
    }

    /// Sends `piece` every `interval` until the server closes the connection or `limit`
    /// passes; returns whether the server closed it.
    func trickle(_ piece: String, every interval: Duration, within limit: Duration) async -> Bool {
        let writer = Task {
            while !Task.isCancelled, await send(piece) {
                try? await Task.sleep(for: interval)
            }
        }
        defer { writer.cancel() }
        return await readUntilClosed(within: limit) != nil
    }
}

/// What a ``RawConnection`` has received; waits wake on every change.
actor Inbox {
    private(set) var text = ""
    private(set) var closed = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func append(_ piece: String) {
        text += piece
        wake()
    }

    func close() {
        closed = true
        wake()
    }

    /// Whether `condition` holds within `limit`.
    func wait(within limit: Duration, until condition: @Sendable (isolated Inbox) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline)
            await self?.wake()
        }
        defer { timer.cancel() }
        while !condition(self) {
            if closed || ContinuousClock.now >= deadline { return condition(self) }
            await withCheckedContinuation { waiters.append($0) }
        }
        return true
    }

    private func wake() {
        let woken = waiters
        waiters = []
        for waiter in woken { waiter.resume() }
    }
}
