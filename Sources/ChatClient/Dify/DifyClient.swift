import AsyncHTTPClient
import ChatModel
import ChatProtocol
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A Dify chat app through its Service API (PROTOCOL.md §5): lists conversations
/// (`GET /conversations`, cursor-paged), rebuilds a conversation's tree from
/// `GET /messages` (``DifyHistory``), streams answers from `POST /chat-messages`
/// (``DifyStreamDecoder``), stops them, and names, renames and deletes conversations.
///
/// Dify pages by cursor (`last_id`, `first_id`) where chatterm asks by offset: the client
/// remembers the cursor that ends each page it served. It also remembers each prompt's text
/// and Dify parent from the conversations it fetched and the answers it streamed, because a
/// regenerate re-sends the prompt (a ``ChatAction/variant`` request may carry the prompt's
/// text as its first message; when it does not and the prompt is unknown, the conversation is
/// fetched first). Dify cannot continue an answer nor archive a conversation: both throw.
public final class DifyClient: ChatBackend {
    /// The configuration.
    public let configuration: DifyConfiguration
    let http: HTTPClient
    let logger: Logger
    let memory = DifyMemory()

    /// Creates a client on the shared HTTP client (no shutdown needed).
    public init(
        configuration: DifyConfiguration, http: HTTPClient = .chatterm,
        logger: Logger = Logger(label: "chatterm.dify")
    ) {
        self.configuration = configuration
        self.http = http
        self.logger = logger
    }

    /// The archive source name for conversations from this app.
    public var sourceName: String { configuration.sourceName }

    /// A full URL for a path (and query) under the API root.
    func url(_ pathAndQuery: String) -> String {
        configuration.baseURL + pathAndQuery
    }

    /// A query string (with its `?`) of percent-escaped pairs.
    static func query(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#/;")
        let parts = pairs.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }
        return "?" + parts.joined(separator: "&")
    }

    /// Percent-escapes an id for a path segment.
    static func escape(_ id: String) -> String {
        ChatGPTClient.escape(id)
    }

    /// The headers every request carries; the key is never logged.
    func headers(accept: String = "application/json") -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: accept)
        headers.add(name: "User-Agent", value: "chatterm")
        headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        return headers
    }

    /// A request with the headers and, when given, a JSON body.
    func request(_ method: HTTPMethod, _ pathAndQuery: String, body: JSONValue?, accept: String = "application/json")
        throws -> HTTPClientRequest
    {
        try HTTPExchange.request(method, url: url(pathAndQuery), headers: headers(accept: accept), body: body)
    }

    /// Runs a request and collects its body (up to 64 MB).
    func perform(_ request: HTTPClientRequest, timeout: TimeAmount = .seconds(60)) async throws -> (
        Int, HTTPHeaders, Data
    ) {
        try await HTTPExchange.perform(request, on: http, timeout: timeout, logger: logger)
    }

    /// The body of a request; GETs are retried with backoff on 5xx and dropped connections.
    /// A failure throws a ``ClientError`` carrying Dify's error message.
    func raw(_ method: HTTPMethod, _ pathAndQuery: String, body: JSONValue? = nil) async throws -> Data {
        var backoff = Backoff(
            attempts: method == .GET ? configuration.getAttempts : 1, firstDelay: configuration.retryDelay)
        while true {
            guard
                case let (status, responseHeaders, data)? = try await backoff.attempt(
                    "\(method.rawValue) \(Self.path(pathAndQuery))", logger: logger,
                    { try await perform(request(method, pathAndQuery, body: body)) })
            else { continue }
            if (200..<300).contains(status) { return data }
            throw Self.error(
                status: status, contentType: responseHeaders.first(name: "Content-Type"), body: data,
                retryAfter: responseHeaders.first(name: "Retry-After"))
        }
    }

    /// Like ``raw(_:_:body:)``, read as JSON (trailing commas accepted); an empty body is `null`.
    func json(_ method: HTTPMethod, _ pathAndQuery: String, body: JSONValue? = nil) async throws -> JSONValue {
        let data = try await raw(method, pathAndQuery, body: body)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        do {
            return try DifyJSON.parse(data)
        } catch {
            throw ClientError.malformedResponse("\(method.rawValue) \(Self.path(pathAndQuery)) did not answer JSON")
        }
    }

    /// The path of a path and query, for logs and errors (the query names the user).
    static func path(_ pathAndQuery: String) -> String {
        String(pathAndQuery.prefix { $0 != "?" })
    }

    /// The error for a failed answer: the status picks the case, Dify's `{code, message}`
    /// gives the detail (other bodies are read as ``ResponseErrors`` reads them).
    static func error(status: Int, contentType: String?, body: Data, retryAfter: String?) -> ClientError {
        guard !ResponseErrors.isHTML(contentType: contentType, body: body), let dify = DifyErrorBody(data: body) else {
            return ResponseErrors.error(status: status, contentType: contentType, body: body, retryAfter: retryAfter)
        }
        let detail = dify.line
        switch status {
        case 401: return .unauthorized(detail: detail + "; check the Dify app key")
        case 403: return .forbidden(detail: detail, challenge: false)
        case 404: return .notFound(detail: detail)
        case 413: return .tooLarge(detail: detail)
        case 422: return .unprocessable(detail: detail)
        case 429: return .rateLimited(retryAfter: retryAfter.flatMap(ResponseErrors.seconds), detail: detail)
        case 500...599: return .server(status: status, detail: detail)
        default: return .unexpectedStatus(status, detail: detail)
        }
    }
}

/// What a ``DifyClient`` remembers between calls: list cursors, conversation summaries,
/// prompts (for regenerates and edits) and the task ids of streaming answers (for stop).
actor DifyMemory {
    /// The `last_id` cursor that starts the list page at each offset.
    private(set) var cursors: [Int: String] = [:]
    /// The offset past the list's last conversation, once a page said `has_more: false`.
    private(set) var listEnd: Int?
    /// Conversation summaries seen in the list, renamed or named.
    private(set) var summaries: [String: DifyConversationSummary] = [:]
    /// Prompts by user node id (`<id>-query`, or the id of a message sent from here).
    private(set) var prompts: [String: DifyPrompt] = [:]
    private var tasksByConversation: [String: String] = [:]
    private var tasksByRequest: [String: String] = [:]

    /// Forgets the cursors (the list is read again from its start).
    func resetList() {
        cursors = [:]
        listEnd = nil
    }

    /// Notes where a list page ended.
    func notePage(offset: Int, list: DifyConversationList) {
        if let lastID = list.lastID {
            cursors[offset + list.rawCount] = lastID
            cursors[offset + list.items.count] = lastID
        }
        if !list.hasMore { listEnd = offset + list.items.count }
        for item in list.items {
            summaries[item.id] = item
        }
    }

    /// Sets a conversation's summary.
    func setSummary(_ summary: DifyConversationSummary) {
        summaries[summary.id] = summary
    }

    /// Sets a conversation's name, when its summary is known.
    func setName(_ name: String, of id: String) {
        var summary = summaries[id] ?? DifyConversationSummary(id: id)
        summary.name = name
        summaries[id] = summary
    }

    /// Forgets a deleted conversation.
    func forget(_ id: String) {
        summaries[id] = nil
        tasksByConversation[id] = nil
    }

    /// Remembers prompts by user node id.
    func notePrompts(_ new: [String: DifyPrompt]) {
        prompts.merge(new) { _, latest in latest }
    }

    /// Remembers the task id of the answer streaming for a request and a conversation.
    func noteTask(_ taskID: String, request: String, conversation: String?) {
        tasksByRequest[request] = taskID
        if let conversation { tasksByConversation[conversation] = taskID }
    }

    /// Forgets the task of a request whose stream ended.
    func endTask(request: String) {
        guard let task = tasksByRequest.removeValue(forKey: request) else { return }
        tasksByConversation = tasksByConversation.filter { $0.value != task }
    }

    /// The task to stop: the request's, else the conversation's.
    func task(request: String?, conversation: String) -> String? {
        request.flatMap { tasksByRequest[$0] } ?? tasksByConversation[conversation]
    }
}
