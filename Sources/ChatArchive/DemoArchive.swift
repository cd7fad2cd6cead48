import ChatModel
import ChatProtocol
import Foundation

/// A small archive bundled with chatterm, so a first run has something to show: five
/// conversations with `source: "demo"` covering what the UI must handle (regenerated
/// answers ‹1/3›, an edited prompt whose branches continue differently, CJK and emoji,
/// fenced code, a long answer, an archived conversation, a "continue" answer split in two
/// nodes), shaped like real exports (hidden `client-created-root` and system nodes).
public enum DemoArchive {
    /// The `source` of demo conversations.
    public static let source = "demo"

    /// Stores the demo conversations; returns how many were new or updated. Installing
    /// again changes nothing.
    @discardableResult
    public static func install(into archive: Archive) throws -> Int {
        let items = try conversationsJSON.map { (try ConversationJSON.decode($0), $0) }
        return try archive.upsertBatch(items, source: source).filter { $0 != .unchanged }.count
    }

    /// Each demo conversation as backend-api JSON (one object per conversation).
    public static var conversationsJSON: [Data] {
        DemoConversations.all.map { builder in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try! encoder.encode(builder.json())
        }
    }
}

/// Builds a conversation in the export shape, with deterministic ids and times.
struct DemoBuilder {
    let id: String
    let title: String
    let start: Double
    var archived = false
    var current: String = ""
    private var nodes: [(id: String, parent: String?, message: JSONValue?)] = []
    private var clock: Double

    init(id: String, title: String, start: Double, archived: Bool = false) {
        self.id = id
        self.title = title
        self.start = start
        self.archived = archived
        clock = start
        nodes.append(("client-created-root", nil, nil))
        let system = message(
            id: "\(id)-system", role: "system", text: "", time: nil, weight: 0,
            metadata: ["is_visually_hidden_from_conversation": .bool(true)])
        nodes.append(("\(id)-system", "client-created-root", system))
        current = "\(id)-system"
    }

    /// The id of the system node every first prompt hangs under.
    var system: String { "\(id)-system" }

    /// Adds a message under `parent` (default: the current leaf) and makes it current.
    @discardableResult
    mutating func add(
        _ role: String, _ text: String, under parent: String? = nil, finish: String = "stop", delay: Double = 40
    ) -> String {
        clock += delay
        let nodeID = "\(id)-\(nodes.count)"
        var metadata: [String: JSONValue] = [:]
        if role == "assistant" {
            metadata = [
                "model_slug": .string("demo-model"), "is_complete": .bool(true),
                "finish_details": .object(["type": .string(finish)]),
                "parent_id": .string(parent ?? current),
            ]
        }
        let m = message(id: nodeID, role: role, text: text, time: clock, weight: 1, metadata: metadata)
        nodes.append((nodeID, parent ?? current, m))
        current = nodeID
        return nodeID
    }

    private func message(
        id: String, role: String, text: String, time: Double?, weight: Double, metadata: [String: JSONValue]
    ) -> JSONValue {
        .object([
            "id": .string(id),
            "author": .object(["role": .string(role), "name": .null, "metadata": .object([:])]),
            "create_time": time.map(JSONValue.number) ?? .null,
            "update_time": .null,
            "content": .object(["content_type": .string("text"), "parts": .array([.string(text)])]),
            "status": .string("finished_successfully"),
            "end_turn": role == "assistant" ? .bool(true) : .null,
            "weight": .number(weight),
            "metadata": .object(metadata),
            "recipient": .string("all"),
            "channel": .null,
        ])
    }

    func json() -> JSONValue {
        var mapping: [String: JSONValue] = [:]
        for node in nodes {
            let children = nodes.filter { $0.parent == node.id }.map { JSONValue.string($0.id) }
            mapping[node.id] = .object([
                "id": .string(node.id),
                "message": node.message ?? .null,
                "parent": node.parent.map(JSONValue.string) ?? .null,
                "children": .array(children),
            ])
        }
        return .object([
            "id": .string(id), "conversation_id": .string(id), "title": .string(title),
            "create_time": .number(start), "update_time": .number(clock), "mapping": .object(mapping),
            "current_node": .string(current), "is_archived": .bool(archived),
            "default_model_slug": .string("demo-model"),
            "moderation_results": .array([]), "plugin_ids": .null, "gizmo_id": .null, "safe_urls": .array([]),
        ])
    }
}
