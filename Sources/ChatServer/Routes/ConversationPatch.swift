import ChatModel

/// The body of `PATCH /backend-api/conversation/{id}`: a new title, archived or not, hidden
/// (deleted). A field of the wrong type is a 422 naming it, as the real service's pydantic
/// model answers, instead of a 200 that changes nothing; unknown fields are ignored.
struct ConversationPatch: Sendable, Equatable {
    var title: String?
    var isArchived: Bool?
    var isVisible: Bool?

    /// Reads `body` (a JSON object); `null` counts as absent.
    /// - Throws: a 422 ``APIError`` listing every field of the wrong type, each once.
    static func parse(_ body: JSONValue) throws -> ConversationPatch {
        var problems: [JSONValue] = []
        func field<T>(_ name: String, _ read: (JSONValue) -> T?, expected: (message: String, type: String)) -> T? {
            guard let value = body[name], value != .null else { return nil }
            guard let typed = read(value) else {
                problems.append(APIError.problem(["body", name], expected.message, type: expected.type))
                return nil
            }
            return typed
        }
        let text = (message: "str type expected", type: "type_error.str")
        let flag = (message: "value could not be parsed to a boolean", type: "type_error.bool")
        let patch = ConversationPatch(
            title: field("title", \.stringValue, expected: text),
            isArchived: field("is_archived", \.boolValue, expected: flag),
            isVisible: field("is_visible", \.boolValue, expected: flag))
        guard problems.isEmpty else { throw APIError.unprocessable(problems) }
        return patch
    }
}
