import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The ChatGPT web `backend-api` client (PROTOCOL.md §1–§3): lists, loads and edits
/// conversations and streams answers, over SSE (either form) or the `wss_url` WebSocket.
///
/// It speaks to the real service and to `chatterm serve` alike; the embedded default of the
/// TUI is the latter, so the default path exercises the real protocol.
public final class ChatGPTClient: ChatBackend {
    /// The configuration.
    public let configuration: ChatGPTConfiguration
    let http: any HTTPTransport
    let logger: Logger
    let tokens: TokenCache

    /// Creates a client on the shared HTTP client (no shutdown needed), or on another
    /// transport (a server in the same process).
    public init(
        configuration: ChatGPTConfiguration, http: any HTTPTransport = HTTPClient.chatterm,
        logger: Logger = Logger(label: "chatterm.client")
    ) {
        self.configuration = configuration
        self.http = http
        self.logger = logger
        self.tokens = TokenCache()
    }

    /// The archive source name for conversations from this server.
    public var sourceName: String { configuration.sourceName }

    /// A full URL for a path (and query) on the server.
    func url(_ pathAndQuery: String) -> String {
        configuration.baseURL + pathAndQuery
    }

    /// The bearer token to send: the configured one, or one fetched with the session cookie.
    func accessToken(refresh: Bool = false) async throws -> String? {
        switch configuration.credentials {
        case .none:
            return nil
        case .accessToken(let token):
            return token
        case .sessionCookie(let cookie):
            if !refresh, let cached = await tokens.token { return cached }
            let token = try await fetchSessionToken(cookie: cookie)
            await tokens.set(token)
            return token
        }
    }

    /// `GET /api/auth/session` with the cookie; the `accessToken` of the answer.
    private func fetchSessionToken(cookie: String) async throws -> String {
        let session = try await session(cookie: cookie)
        guard let token = session["accessToken"]?.stringValue, !token.isEmpty else {
            throw ClientError.unauthorized(detail: "the session cookie is signed out")
        }
        return token
    }

    /// Who a session cookie signs in as and when the session ends (`GET /api/auth/session`'s
    /// `user` and `expires`); nil with an access token, which says so itself (its JWT claims).
    public func account() async throws -> AccountInfo? {
        guard case .sessionCookie(let cookie) = configuration.credentials else { return nil }
        let session = try await session(cookie: cookie, timeout: .seconds(10))
        guard let user = session["user"], user.objectValue != nil else {
            throw ClientError.unauthorized(detail: "the session cookie is signed out")
        }
        return AccountInfo(
            name: AccountInfo.text(user["name"]), email: AccountInfo.text(user["email"]),
            expires: AccountInfo.date(session["expires"]))
    }

    /// The answer of `GET /api/auth/session` with the cookie (PROTOCOL.md §1.1): its JSON, or
    /// the refusal as a ``ClientError`` (a status, or the session's own `error`).
    private func session(cookie: String, timeout: TimeAmount = .seconds(60)) async throws -> JSONValue {
        var request = HTTPClientRequest(url: url("/api/auth/session"))
        request.headers.add(name: "Cookie", value: cookie)
        request.headers.add(name: "Accept", value: "application/json")
        let (status, headers, body) = try await perform(request, timeout: timeout)
        guard status == 200 else {
            throw ResponseErrors.error(
                status: status, contentType: headers.first(name: "Content-Type"), body: body,
                retryAfter: headers.first(name: "Retry-After"))
        }
        let json = (try? FastJSON.parse(body)) ?? .null
        if let error = json["error"]?.stringValue {
            throw ClientError.unauthorized(detail: "the session says \(error); sign in again in a browser")
        }
        return json
    }

    /// The headers every backend-api request carries (the token is never logged).
    func headers(token: String?, accept: String = "application/json") -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: accept)
        headers.add(name: "User-Agent", value: "chatterm")
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in configuration.extraHeaders { headers.add(name: name, value: value) }
        return headers
    }

    /// Runs a request and collects its body (up to 64 MB).
    func perform(_ request: HTTPClientRequest, timeout: TimeAmount = .seconds(60)) async throws -> (
        Int, HTTPHeaders, Data
    ) {
        try await HTTPExchange.perform(request, on: http, timeout: timeout, logger: logger)
    }

    /// A JSON request to the backend-api with auth, a retry after a refreshed session on
    /// 401, and (for GETs) retries with backoff on 5xx and dropped connections.
    func json(
        _ method: HTTPMethod, _ pathAndQuery: String, body: JSONValue? = nil
    ) async throws -> JSONValue {
        let data = try await raw(method, pathAndQuery, body: body)
        if data.isEmpty { return .null }
        do {
            return try FastJSON.parse(data)
        } catch {
            throw ClientError.malformedResponse("\(method.rawValue) \(pathAndQuery) did not answer JSON: \(error)")
        }
    }

    /// Like ``json(_:_:body:)`` but returns the body bytes.
    func raw(_ method: HTTPMethod, _ pathAndQuery: String, body: JSONValue? = nil) async throws -> Data {
        var backoff = Backoff(
            attempts: method == .GET ? configuration.getAttempts : 1, firstDelay: configuration.retryDelay)
        var refreshed = false
        var refreshNow = false
        while true {
            // Refresh only right after the 401; later retries reuse the refreshed token.
            let token = try await accessToken(refresh: refreshNow)
            refreshNow = false
            let request = try HTTPExchange.request(
                method, url: url(pathAndQuery), headers: headers(token: token), body: body)
            guard
                case let (status, responseHeaders, data)? = try await backoff.attempt(
                    "\(method.rawValue) \(pathAndQuery)", logger: logger, { try await perform(request) })
            else { continue }
            if (200..<300).contains(status) { return data }
            if status == 401, !refreshed, case .sessionCookie = configuration.credentials {
                refreshed = true
                refreshNow = true
                continue
            }
            throw ResponseErrors.error(
                status: status, contentType: responseHeaders.first(name: "Content-Type"), body: data,
                retryAfter: responseHeaders.first(name: "Retry-After"))
        }
    }
}

/// The access token fetched with a session cookie.
/// Also remembers what the server showed of WebSockets: that they failed, so later sends ask
/// for SSE; and that opening a socket before posting is no use (no `register-websocket`, or
/// answers that came as SSE anyway), so later sends post at once.
actor TokenCache {
    private(set) var token: String?
    private(set) var webSocketsFailed = false
    private(set) var preconnectUseless = false
    func set(_ token: String?) { self.token = token }
    func preferSSE() { webSocketsFailed = true }
    func skipPreconnect() { preconnectUseless = true }
}
