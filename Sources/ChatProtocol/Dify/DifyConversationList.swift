import ChatModel
import Foundation

/// A conversation as Dify's `GET /conversations` lists it (PROTOCOL.md §5).
public struct DifyConversationSummary: Sendable, Hashable {
    /// The conversation id.
    public var id: String
    /// The `name` (Dify's title), if not empty.
    public var name: String?
    /// `created_at`, seconds since 1970.
    public var createTime: Double?
    /// `updated_at`, seconds since 1970.
    public var updateTime: Double?
    /// `status` (`normal`), if given.
    public var status: String?
    /// The app's `introduction`, if given.
    public var introduction: String?

    /// Creates a summary.
    public init(
        id: String, name: String? = nil, createTime: Double? = nil, updateTime: Double? = nil, status: String? = nil,
        introduction: String? = nil
    ) {
        self.id = id
        self.name = name
        self.createTime = createTime
        self.updateTime = updateTime
        self.status = status
        self.introduction = introduction
    }

    /// Reads one `data` entry; nil without an id.
    public init?(json: JSONValue) {
        guard let id = DifyAnswerParts.string(json["id"]) else { return nil }
        self.init(
            id: id, name: DifyAnswerParts.string(json["name"]), createTime: ConversationJSON.time(json["created_at"]),
            updateTime: ConversationJSON.time(json["updated_at"]), status: DifyAnswerParts.string(json["status"]),
            introduction: DifyAnswerParts.string(json["introduction"]))
    }
}

/// One page of `GET /conversations?user=&last_id=&limit=&sort_by=-updated_at`:
/// `{"limit": 20, "has_more": false, "data": [{id, name, inputs, status, created_at, updated_at}]}`.
public struct DifyConversationList: Sendable, Hashable {
    /// The conversations, in the server's order, repeated ids dropped.
    public var items: [DifyConversationSummary]
    /// Whether more pages follow.
    public var hasMore: Bool
    /// The id of the page's last entry: the `last_id` cursor of the next page.
    public var lastID: String?
    /// How many entries the page had, repeats and entries without an id included.
    public var rawCount: Int
    /// The `limit` the server applied, if it said.
    public var limit: Int?

    /// Creates a page.
    public init(
        items: [DifyConversationSummary], hasMore: Bool, lastID: String?, rawCount: Int? = nil, limit: Int? = nil
    ) {
        self.items = items
        self.hasMore = hasMore
        self.lastID = lastID
        self.rawCount = rawCount ?? items.count
        self.limit = limit
    }

    /// Reads a page; throws ``DifyDecodingError/notAPage(_:)`` when there is no `data` array.
    public init(json: JSONValue) throws {
        guard let data = json["data"]?.arrayValue else {
            throw DifyDecodingError.notAPage("the conversation list has no data array")
        }
        var seen = Set<String>()
        var items: [DifyConversationSummary] = []
        for entry in data {
            guard let summary = DifyConversationSummary(json: entry), seen.insert(summary.id).inserted else { continue }
            items.append(summary)
        }
        let lastID = data.last.flatMap { DifyAnswerParts.string($0["id"]) } ?? items.last?.id
        self.init(
            items: items, hasMore: json["has_more"]?.boolValue ?? false, lastID: lastID, rawCount: data.count,
            limit: DifyAnswerParts.integer(json["limit"]))
    }

    /// Reads a page from bytes (trailing commas accepted).
    public init(data: Data) throws {
        let json: JSONValue
        do {
            json = try DifyJSON.parse(data)
        } catch {
            throw DifyDecodingError.malformedJSON("\(error)")
        }
        try self.init(json: json)
    }
}

/// Why a Dify JSON answer could not be read.
public enum DifyDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not JSON, even leniently.
    case malformedJSON(String)
    /// The JSON is not the page it should be.
    case notAPage(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .malformedJSON(let why): "malformed JSON: \(why)"
        case .notAPage(let why): why
        }
    }
}
