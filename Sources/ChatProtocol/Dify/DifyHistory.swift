import ChatModel
import Foundation

/// What a regenerate or an edit needs to know about a Dify prompt: its text and the Dify
/// message it follows.
public struct DifyPrompt: Sendable, Hashable {
    /// The `query` text.
    public var query: String
    /// The Dify message id the prompt follows, as the tree places it; nil at the root.
    public var parentMessageID: String?

    /// Creates a prompt.
    public init(query: String, parentMessageID: String?) {
        self.query = query
        self.parentMessageID = parentMessageID
    }
}

/// Builds one ``ChatModel/Conversation`` tree from the pages of Dify's
/// `GET /messages?conversation_id=&user=&first_id=&limit=` (PROTOCOL.md §5).
///
/// Each Dify message (one `query` and its `answer`) becomes two nodes: a user node
/// `"<id>-query"` holding the query, and under it an assistant node with the Dify message id
/// holding the answer (agent thoughts as ``ChatModel/Message/notes``, `status: "error"` as
/// status `error` with ``ChatModel/Message/errorText``, usage with its price; knowledge-base
/// citations as ``ChatModel/Message/sources``, `feedback` as ``ChatModel/Message/feedback``
/// and `message_files` as `metadata.attachments`, the raw fields kept beside them). A
/// message-less root ``rootID`` holds the first prompts.
///
/// A message without `parent_message_id` (older Dify), or with Dify's nil UUID (messages from
/// before branching, and the Service API's), follows the message before it: such a conversation
/// is linear. A message naming a parent hangs under that message's answer; a null parent puts it
/// at the root (the first prompt, and its edits and regenerations in branching Dify).
/// Messages under the same parent with the same query share one user node,
/// so a regenerated answer is an assistant sibling; a different query is a user sibling (an
/// edit). A parent that is not in the pages, or a parent cycle, never fails: the message is
/// attached under the root and the repair noted in ``repairs``. `current_node` is the newest leaf.
public struct DifyHistory: Sendable {
    /// The id of the message-less root node.
    public static let rootID = "dify-root"
    /// The parent id legacy (linear) messages carry.
    public static let nilUUID = "00000000-0000-0000-0000-000000000000"
    static let querySuffix = "-query"

    /// The conversation tree.
    public private(set) var conversation: Conversation
    /// Each Dify message's prompt, by Dify message id.
    public private(set) var prompts: [String: DifyPrompt] = [:]
    /// Whether any message named a real parent (the tree may branch).
    public private(set) var isBranched = false
    /// The Dify messages read (repeats dropped).
    public private(set) var messageCount = 0
    /// One line per repair made to broken input (unknown parents, cycles, entries without an id).
    public private(set) var repairs: [String] = []

    /// The id of the user node holding the query of Dify message `messageID`.
    public static func queryNodeID(_ messageID: String) -> String {
        messageID + querySuffix
    }

    /// The Dify message id of a user node made by ``queryNodeID(_:)``; nil for any other id.
    public static func messageID(ofQueryNode nodeID: String) -> String? {
        guard nodeID.hasSuffix(querySuffix), nodeID.count > querySuffix.count else { return nil }
        return String(nodeID.dropLast(querySuffix.count))
    }

    /// Builds the tree of conversation `conversationID` from its pages, in the order they were
    /// fetched (the first page holds the newest messages; each page is oldest first). A page may
    /// also be a bare array of messages. `summary` gives the title and times.
    public init(conversationID: String, pages: [JSONValue], summary: DifyConversationSummary? = nil) {
        conversation = Conversation(id: conversationID)
        var items: [Item] = []
        var seen = Set<String>()
        for page in pages.reversed() {
            for entry in page["data"]?.arrayValue ?? page.arrayValue ?? [] {
                guard let object = entry.objectValue, let id = DifyAnswerParts.string(object["id"]) else {
                    repairs.append("a message without an id was skipped")
                    continue
                }
                guard seen.insert(id).inserted else { continue }
                items.append(Item(id: id, object: object, index: items.count))
            }
        }
        if items.allSatisfy({ $0.created != nil }) {
            items.sort { ($0.created ?? 0, $0.index) < ($1.created ?? 0, $1.index) }
        }
        messageCount = items.count
        build(items, summary: summary)
    }

    /// Builds the tree from page bytes (trailing commas accepted), in fetch order.
    public init(conversationID: String, pageData: [Data], summary: DifyConversationSummary? = nil) throws {
        let pages = try pageData.map { data in
            do {
                return try DifyJSON.parse(data)
            } catch {
                throw DifyDecodingError.malformedJSON("\(error)")
            }
        }
        self.init(conversationID: conversationID, pages: pages, summary: summary)
    }

    /// One Dify message.
    struct Item {
        var id: String
        var object: [String: JSONValue]
        var index: Int
        var created: Double? { ConversationJSON.time(object["created_at"]) }
        var query: String { object["query"]?.stringValue ?? "" }
        /// The `parent_message_id` as sent: nil when absent or null.
        var rawParent: String? { object["parent_message_id"]?.stringValue }
    }

    private mutating func build(_ items: [Item], summary: DifyConversationSummary?) {
        let parents = resolveParents(items)
        var children: [String: [String]] = [:]
        var userNodes: [String: String] = [:]  // group key → user node id
        var userOf: [String: String] = [:]  // Dify id → user node id
        var mapping: [String: Node] = [:]
        for item in items {
            let parent = parents[item.id] ?? nil
            prompts[item.id] = DifyPrompt(query: item.query, parentMessageID: parent)
            let key = (parent ?? "") + "\u{0}" + item.query
            let userID: String
            if let existing = userNodes[key] {
                userID = existing
            } else {
                userID = Self.queryNodeID(item.id)
                userNodes[key] = userID
                children[parent ?? Self.rootID, default: []].append(userID)
                mapping[userID] = Node(
                    id: userID, message: Self.userMessage(item, id: userID), parent: parent ?? Self.rootID)
            }
            userOf[item.id] = userID
            children[userID, default: []].append(item.id)
            mapping[item.id] = Node(id: item.id, message: Self.answerMessage(item), parent: userID)
        }
        mapping[Self.rootID] = Node(id: Self.rootID)
        for (id, list) in children { mapping[id]?.children = list }
        let leaves = items.filter { children[$0.id] == nil }
        let newest = leaves.max { ($0.created ?? 0, $0.index) < ($1.created ?? 0, $1.index) }
        let times = items.compactMap(\.created)
        conversation = Conversation(
            id: conversation.id, title: summary?.name, createTime: summary?.createTime ?? times.min(),
            updateTime: summary?.updateTime ?? times.max(), mapping: mapping, currentNode: newest?.id ?? Self.rootID)
    }

    /// The Dify parent of every message (nil: the root), with unknown parents and cycles repaired.
    private mutating func resolveParents(_ items: [Item]) -> [String: String?] {
        let ids = Set(items.map(\.id))
        isBranched = items.contains { item in
            guard let raw = item.rawParent else { return false }
            return !raw.isEmpty && raw != Self.nilUUID && raw != item.id && ids.contains(raw)
        }
        var parents: [String: String?] = [:]
        for (n, item) in items.enumerated() {
            let previous = n > 0 ? items[n - 1].id : nil
            switch item.object["parent_message_id"] {
            case .null?, .string("")?:
                parents[item.id] = .some(nil)
            case .string(let raw)? where raw != Self.nilUUID:
                if ids.contains(raw), raw != item.id {
                    parents[item.id] = raw
                } else {
                    parents[item.id] = .some(nil)
                    repairs.append(
                        raw == item.id
                            ? "message \(item.id) names itself as parent; attached under the root"
                            : "message \(item.id) names parent \(raw), which is not in the conversation; "
                                + "attached under the root")
                }
            default:
                // Absent (older Dify), Dify's nil UUID (legacy messages), or not a string: linear.
                parents[item.id] = previous
            }
        }
        // Cut parent cycles: walk up from each message; meeting a message of the same walk closes a loop.
        var state: [String: Bool] = [:]  // false: on the current walk, true: done
        for item in items {
            var walk: [String] = []
            var current: String? = item.id
            while let id = current, state[id] == nil {
                state[id] = false
                walk.append(id)
                current = parents[id] ?? nil
            }
            if let id = current, state[id] == false {
                parents[id] = .some(nil)
                repairs.append("message \(id) is in a parent cycle; cut and attached under the root")
            }
            for id in walk { state[id] = true }
        }
        return parents
    }

    private static func userMessage(_ item: Item, id: String) -> Message {
        var metadata: [String: JSONValue] = [:]
        if let inputs = item.object["inputs"], DifyAnswerParts.isPresent(inputs) {
            metadata[DifyAnswerParts.inputsKey] = inputs
        }
        let files = item.files(belongingToUser: true)
        if !files.isEmpty {
            metadata[DifyAnswerParts.filesKey] = .array(files)
            metadata["attachments"] = .array(DifyAnswerParts.attachmentEntries(files))
        }
        return Message(
            id: id, author: Author(role: .user), createTime: item.created, content: .text(item.query),
            status: "finished_successfully", metadata: metadata, recipient: "all")
    }

    private static func answerMessage(_ item: Item) -> Message {
        let object = item.object
        var message = Message(
            id: item.id, author: Author(role: .assistant), createTime: item.created,
            content: .text(object["answer"]?.stringValue ?? ""), status: "finished_successfully", endTurn: true,
            recipient: "all")
        message.notes = DifyAnswerParts.notes(object["agent_thoughts"]?.arrayValue ?? [])
        if object["status"]?.stringValue == "error" {
            message.status = "error"
            message.errorText = DifyAnswerParts.string(object["error"]) ?? "the answer failed"
        }
        message.tokenUsage = item.usage
        if let feedback = object["feedback"], DifyAnswerParts.isPresent(feedback) {
            message.metadata[DifyAnswerParts.feedbackKey] = feedback
            message.feedback = DifyAnswerParts.thumb(feedback)
        }
        if let resources = object["retriever_resources"], DifyAnswerParts.isPresent(resources) {
            message.metadata[DifyAnswerParts.retrieverResourcesKey] = resources
            message.sources = DifyAnswerParts.sources(resources)
        }
        let files = item.files(belongingToUser: false)
        if !files.isEmpty {
            message.metadata[DifyAnswerParts.filesKey] = .array(files)
            message.metadata["attachments"] = .array(DifyAnswerParts.attachmentEntries(files))
        }
        return message
    }
}

extension DifyHistory.Item {
    /// `metadata.usage` when the message has it, else the console's `message_tokens`,
    /// `answer_tokens` and `provider_response_latency`.
    var usage: TokenUsage? {
        if let usage = TokenUsage(json: object["metadata"]?["usage"]) { return usage }
        let usage = TokenUsage(
            promptTokens: DifyAnswerParts.integer(object["message_tokens"]),
            completionTokens: DifyAnswerParts.integer(object["answer_tokens"]),
            latency: object["provider_response_latency"]?.doubleValue)
        return usage == TokenUsage() ? nil : usage
    }

    /// The `message_files` that belong to the user (or, when false, to the assistant: the
    /// default when `belongs_to` is absent).
    func files(belongingToUser user: Bool) -> [JSONValue] {
        (object["message_files"]?.arrayValue ?? []).filter { file in
            (file["belongs_to"]?.stringValue == "user") == user
        }
    }
}
