import ChatModel

/// An error the server answers with a JSON `detail`, as the real backend does.
public struct APIError: Error, Sendable, Hashable {
    /// The HTTP status code.
    public var code: Int
    /// The `detail` value: a string, or pydantic's list of `{loc, msg, type}` for 422.
    public var detail: JSONValue

    /// Creates an error.
    public init(code: Int, detail: JSONValue) {
        self.code = code
        self.detail = detail
    }

    /// An error with a one-line `detail`.
    public init(_ status: Int, _ message: String) {
        self.init(code: status, detail: .string(message))
    }

    /// The response body.
    public var body: JSONValue { .object(["detail": detail]) }

    /// 401 for a missing or wrong bearer token.
    static let unauthorized = APIError(
        401, "Unauthorized: send Authorization: Bearer <token> (chatterm serve --print-token)")

    /// 404 for an unknown conversation.
    static func conversationNotFound(_ id: String) -> APIError {
        APIError(404, "Can't load conversation \(id)")
    }

    /// 400 for a body that is not valid JSON, or not the expected object.
    static func malformedBody(_ why: String) -> APIError {
        APIError(400, "Malformed JSON body: \(why)")
    }

    /// 422 in FastAPI/pydantic v1's shape: `detail` lists each problem once (the real service
    /// can repeat an entry, seed 004; that says nothing more and reads as two problems).
    static func unprocessable(_ problems: [JSONValue]) -> APIError {
        var seen = Set<JSONValue>()
        return APIError(code: 422, detail: .array(problems.filter { seen.insert($0).inserted }))
    }

    /// One pydantic v1 problem: where (`["query", "limit"]`), what, and its type.
    static func problem(_ loc: [String], _ message: String, type: String, context: JSONValue? = nil) -> JSONValue {
        var entry: [String: JSONValue] = [
            "loc": .array(loc.map(JSONValue.string)), "msg": .string(message), "type": .string(type),
        ]
        if let context { entry["ctx"] = context }
        return .object(entry)
    }

    /// 422 for a query parameter out of range.
    static func queryOutOfRange(_ name: String, message: String, type: String, limit: Int) -> APIError {
        unprocessable([
            problem(
                ["query", name], message, type: type, context: .object(["limit_value": .number(Double(limit))]))
        ])
    }

    /// 422 for a query parameter that is not an integer.
    static func queryNotInteger(_ name: String) -> APIError {
        unprocessable([problem(["query", name], "value is not a valid integer", type: "type_error.integer")])
    }
}
