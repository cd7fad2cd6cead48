import ChatModel
import ChatProtocol
import Foundation
import Hummingbird

extension APIError: HTTPResponseError {
    /// The HTTP status.
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: code) }

    /// The JSON `{"detail": …}` response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(body, status: status)
    }
}

/// JSON responses and request bodies.
enum JSONResponse {
    /// A JSON response.
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: WireJSON.string(value))))
    }

    /// The request body as JSON; an empty body is `{}` when `allowEmpty`. Throws a 400
    /// ``APIError`` when it is not valid JSON.
    static func body(_ request: Request, allowEmpty: Bool = false) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: 16 << 20)
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if allowEmpty { return .object([:]) }
            throw APIError.malformedBody("the body is empty")
        }
        let value: JSONValue
        do {
            value = try FastJSON.parse(data)
        } catch {
            throw APIError.malformedBody("\(error)")
        }
        guard value.objectValue != nil else { throw APIError.malformedBody("the body must be a JSON object") }
        return value
    }
}

/// Checks `Authorization: Bearer <token>` on every request; answers 401 otherwise.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            Self.constantTimeEqual(Array(header.utf8.dropFirst(7)), Array(token.utf8))
        else {
            throw APIError.unauthorized
        }
        return try await next(request, context)
    }

    /// Compares without leaking where the first difference is.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}

/// Times as the list endpoint writes them: `2023-12-15T12:03:30.596706+00:00`.
enum WireTime {
    /// The ISO-8601 form with microseconds and a `+00:00` zone.
    static func iso(_ t: Double) -> String {
        var seconds = t.rounded(.down)
        var micros = Int(((t - seconds) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        let days = Int((seconds / 86_400).rounded(.down))
        let secondOfDay = Int(seconds) - days * 86_400
        let (y, m, d) = ISOTime.civil(days: days)
        let base =
            pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        return base + "." + pad(micros, 6) + "+00:00"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
