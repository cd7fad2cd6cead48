import Foundation

/// Why a request failed, with the one line the UI and the CLI show.
public enum ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 401: the token is missing, wrong or expired.
    case unauthorized(detail: String?)
    /// 403: refused; `challenge` when the body is an HTML challenge page (never shown).
    case forbidden(detail: String?, challenge: Bool)
    /// 404.
    case notFound(detail: String?)
    /// 413: the message is too long.
    case tooLarge(detail: String?)
    /// 422: the server rejected the request's fields.
    case unprocessable(detail: String)
    /// 429: rate limited; wait `retryAfter` seconds when the server said so.
    case rateLimited(retryAfter: Double?, detail: String?)
    /// 5xx.
    case server(status: Int, detail: String?)
    /// Any other unexpected status.
    case unexpectedStatus(Int, detail: String?)
    /// The body could not be read as what it should be.
    case malformedResponse(String)
    /// The connection failed or dropped.
    case transport(String)
    /// The configuration is incomplete (no token, bad URL).
    case configuration(String)

    /// The line to show.
    public var description: String {
        switch self {
        case .unauthorized(let detail):
            return "Not signed in or the token expired (401)\(Self.suffix(detail)). "
                + "Set CHATTERM_ACCESS_TOKEN or the profile's token file to a fresh token."
        case .forbidden(let detail, let challenge):
            if challenge {
                return "The server answered with a browser challenge page (403); "
                    + "it cannot be passed from a terminal. Try again later or from a browser session."
            }
            return "Refused (403)\(Self.suffix(detail))"
        case .notFound(let detail):
            return "Not found (404)\(Self.suffix(detail))"
        case .tooLarge(let detail):
            return "The message is too long (413)\(Self.suffix(detail))"
        case .unprocessable(let detail):
            return "The server rejected the request (422): \(detail)"
        case .rateLimited(let retryAfter, let detail):
            let wait = retryAfter.map { "; try again in \(Int($0.rounded(.up))) s" } ?? ""
            return "Rate limited (429)\(Self.suffix(detail))\(wait)"
        case .server(let status, let detail):
            return "The server failed (\(status))\(Self.suffix(detail))"
        case .unexpectedStatus(let status, let detail):
            return "Unexpected answer (\(status))\(Self.suffix(detail))"
        case .malformedResponse(let why):
            return "Could not read the server's answer: \(why)"
        case .transport(let why):
            return "Connection failed: \(why)"
        case .configuration(let why):
            return why
        }
    }

    /// The HTTP status, when the error came from one.
    public var status: Int? {
        switch self {
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .tooLarge: 413
        case .unprocessable: 422
        case .rateLimited: 429
        case .server(let status, _), .unexpectedStatus(let status, _): status
        default: nil
        }
    }

    private static func suffix(_ detail: String?) -> String {
        guard let detail, !detail.isEmpty else { return "" }
        return ": " + detail
    }
}
