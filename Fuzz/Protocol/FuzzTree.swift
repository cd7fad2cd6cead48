// libFuzzer entry `tree`: tree repair on mappings built straight from the input bytes, so the
// fuzzer explores shapes (cycles, self-parents, orphans, several roots, dangling and duplicate
// children, missing current nodes, equal create times, hidden and reasoning nodes) without having
// to write JSON. Each node takes a few bytes:
//   id, parent, child count and children, message kind, create time
// where an id reference picks one of the nodes, a missing id, "" or none. The tree must pass
// TreeChecks.

enum FuzzTree {
    static func run(_ input: UnsafeRawBufferPointer) {
        var reader = Reader(bytes: input)
        let count = 1 + Int(reader.byte() % 24)
        let ids = (0..<count).map { name(for: $0, flag: reader.byte()) }
        var mapping: [String: Node] = [:]
        for id in ids {
            let parent = reference(reader.byte(), ids)
            let children = (0..<Int(reader.byte() % 5)).compactMap { _ in reference(reader.byte(), ids) }
            let message = self.message(id: id, kind: reader.byte(), time: reader.byte())
            mapping[id] = Node(id: id, message: message, parent: parent, children: children)
        }
        let current = reference(reader.byte(), ids)
        TreeChecks.verify(Conversation(id: "c", mapping: mapping, currentNode: current))
    }

    /// Mostly `n0`…; sometimes the names the repair gives special meaning to.
    static func name(for index: Int, flag: UInt8) -> String {
        switch flag {
        case 0xF0: "client-created-root"
        case 0xF1: ConversationTree.syntheticRootID
        case 0xF2: ConversationTree.syntheticRootID + "-1"
        default: "n\(index)"
        }
    }

    static func reference(_ byte: UInt8, _ ids: [String]) -> String? {
        switch byte {
        case 0xFF: nil
        case 0xFE: ""
        case 0xFD: "missing"
        default: ids[Int(byte) % ids.count]
        }
    }

    /// No message, or one whose role, visibility and content vary with `kind`.
    static func message(id: String, kind: UInt8, time: UInt8) -> Message? {
        guard kind & 0x80 == 0 else { return nil }
        let roles: [Role] = [.user, .assistant, .system, .tool]
        var message = Message(
            id: id, author: Author(role: roles[Int(kind & 3)]), createTime: time == 0xFF ? nil : Double(time % 8),
            content: .text(kind & 4 == 0 ? "text \(id)" : " "))
        if kind & 8 != 0 { message.content = MessageContent(type: "thoughts", text: "thinking") }
        if kind & 16 != 0 { message.metadata["is_visually_hidden_from_conversation"] = .bool(true) }
        if kind & 32 != 0 { message.metadata["message_type"] = .string("continue") }
        return message
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        /// The next byte, 0 once the input is used up.
        mutating func byte() -> UInt8 {
            guard position < bytes.count else { return 0 }
            defer { position += 1 }
            return bytes[position]
        }
    }
}
