import AsyncHTTPClient
import ChatModel
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One request and its whole answer, shared by the clients: building a request with a JSON
/// body, collecting the response, and turning transport failures into ``ClientError``s.
enum HTTPExchange {
    /// A request to `url` with `headers` and, when given, `body` as JSON.
    static func request(_ method: HTTPMethod, url: String, headers: HTTPHeaders, body: JSONValue?) throws
        -> HTTPClientRequest
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        }
        return request
    }

    /// Starts `request` and returns the response with its body still streaming (a send's
    /// answer). A failure to connect throws ``ClientError/transport(_:)``.
    static func open(
        _ request: HTTPClientRequest, on http: any HTTPTransport, timeout: TimeAmount = .seconds(120),
        logger: Logger
    ) async throws -> HTTPClientResponse {
        let started = ContinuousClock.now
        do {
            let response = try await http.send(request, timeout: timeout, logger: logger)
            logger.info(
                "\(request.method.rawValue) \(request.url) → \(response.status.code), streaming after \(since(started))"
            )
            return response
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.warning(
                "\(request.method.rawValue) \(request.url) failed after \(since(started)): \(describe(error))")
            throw ClientError.transport(describe(error))
        }
    }

    /// The time since `start` as "412 ms".
    static func since(_ start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        return "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000) ms"
    }

    /// The first megabyte of a refused response's body, for its error message (empty when
    /// it cannot be read).
    static func errorBody(_ response: HTTPClientResponse) async -> Data {
        (try? await response.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
    }

    /// Runs `request` and collects its body (up to 64 MB). A failure to connect or a dropped
    /// connection throws ``ClientError/transport(_:)``; cancellation stays a cancellation.
    static func perform(
        _ request: HTTPClientRequest, on http: any HTTPTransport, timeout: TimeAmount = .seconds(60),
        logger: Logger
    ) async throws -> (Int, HTTPHeaders, Data) {
        let started = ContinuousClock.now
        do {
            let response = try await http.send(request, timeout: timeout, logger: logger)
            let buffer = try await response.body.collect(upTo: 64 << 20)
            logger.info(
                "\(request.method.rawValue) \(request.url) → \(response.status.code), \(buffer.readableBytes) bytes in \(since(started))"
            )
            return (Int(response.status.code), response.headers, Data(buffer.readableBytesView))
        } catch let error as ClientError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.warning(
                "\(request.method.rawValue) \(request.url) failed after \(since(started)): \(describe(error))")
            throw ClientError.transport(describe(error))
        }
    }

    /// A one-line description of a transport failure.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connecting timed out"
            case .deadlineExceeded: return "the server did not answer in time"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .cancelled: return "cancelled"
            case .readTimeout: return "reading timed out"
            case .invalidURL, .emptyHost: return "the server address is not a valid URL"
            default: return "the connection failed"
            }
        }
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") {
            return "connection refused (is the server running?)"
        }
        // NIO's errors describe themselves as code (`connect(descriptor:…)`, `IOError.…`).
        return ErrorSentence.looksLikeCode(text) ? "the connection failed" : text
    }
}

/// The waits between attempts of a request that may be retried: a fixed number of attempts,
/// each wait twice the one before.
struct Backoff {
    private let attempts: Int
    private var attempt = 1
    private var delay: Duration

    init(attempts: Int, firstDelay: Duration) {
        self.attempts = attempts
        self.delay = firstDelay
    }

    /// Whether another attempt is left.
    var canRetry: Bool { attempt < attempts }

    /// Sleeps before the next attempt.
    mutating func wait() async throws {
        try await Task.sleep(for: delay)
        delay *= 2
        attempt += 1
    }

    /// One attempt (`label` names it in the log): the status, headers and body `perform`
    /// returns; or nil, after the wait, when the connection failed or the server answered 5xx
    /// and another attempt is left.
    mutating func attempt(
        _ label: String, logger: Logger, _ perform: () async throws -> (Int, HTTPHeaders, Data)
    ) async throws -> (Int, HTTPHeaders, Data)? {
        let response: (status: Int, headers: HTTPHeaders, body: Data)
        do {
            response = try await perform()
        } catch let error as ClientError where canRetry {
            logger.info("retrying \(label) after \(error)")
            try await wait()
            return nil
        }
        if (500..<600).contains(response.status), canRetry {
            logger.info("retrying \(label) after status \(response.status)")
            try await wait()
            return nil
        }
        return response
    }
}
