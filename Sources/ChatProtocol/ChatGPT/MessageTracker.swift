import ChatModel

/// Turns successive snapshots of messages into ``StreamEvent``s: start, appended suffix when the
/// text's prefix is unchanged, replace otherwise, update when anything else changed, finish.
/// Shared by the cumulative and delta decoders so legacy frames inside a v1 stream land on the
/// same messages.
struct MessageTracker: Sendable {
    /// Messages are told apart by id and role: redacted captures give every message the same id.
    struct Key: Sendable, Hashable {
        var id: String
        var role: String
    }

    struct Entry: Sendable {
        var text: String
        var shape: Message
        var kind: StreamMessageKind
        var reported: Reported?
    }

    struct Reported: Sendable, Hashable {
        var status: String?
        var endTurn: Bool?
    }

    private(set) var entries: [Key: Entry] = [:]
    private(set) var answerKey: Key?
    private(set) var lastStarted: Key?
    private(set) var conversationID: String?

    /// The answer's latest snapshot (text included only as of its last non-text change).
    var answer: Entry? { answerKey.flatMap { entries[$0] } }

    static func key(_ message: Message) -> Key {
        Key(id: message.id, role: message.author.role.description)
    }

    /// Records a conversation id; an event when it is new.
    mutating func noteConversation(_ id: String?) -> [StreamEvent] {
        guard let id, !id.isEmpty, id != conversationID else { return [] }
        conversationID = id
        return [.conversationID(id)]
    }

    /// Compares a full snapshot with what was known and reports the differences.
    mutating func observe(_ message: Message, channel: Int? = nil) -> [StreamEvent] {
        let key = Self.key(message)
        let text = message.content.streamedText
        let shape = Self.shape(of: message)
        let kind = StreamMessageKind(classifying: message)
        var events: [StreamEvent] = []
        var entry: Entry
        if let known = entries[key] {
            entry = known
            if text != entry.text {
                if let suffix = Self.suffix(of: text, after: entry.text) {
                    events.append(.textAppended(messageID: message.id, suffix: suffix))
                } else {
                    events.append(.textReplaced(messageID: message.id, text: text))
                }
                entry.text = text
            }
            if shape != entry.shape {
                events.append(.messageUpdated(message))
                entry.shape = shape
                entry.kind = kind
            }
        } else {
            entry = Entry(text: text, shape: shape, kind: kind, reported: nil)
            let started = StreamMessage(
                message: message, parentID: message.metadata["parent_id"]?.stringValue,
                previousMessageID: lastStarted?.id, conversationID: conversationID, kind: kind, channel: channel)
            events.append(.messageStarted(started))
            lastStarted = key
        }
        let state = Reported(status: message.status, endTurn: message.endTurn)
        let terminal = (state.status != nil && state.status != "in_progress") || state.endTurn == true
        if terminal, entry.reported != state {
            events.append(.messageFinished(messageID: message.id, status: state.status, endTurn: state.endTurn))
            entry.reported = state
        }
        entries[key] = entry
        if entry.kind == .answer {
            answerKey = key
        } else if answerKey == key {
            answerKey = nil
        }
        return events
    }

    /// Appends text known to extend the message's streamed text (the delta fast path).
    mutating func appendText(_ suffix: String, to key: Key) -> [StreamEvent] {
        guard !suffix.isEmpty, var entry = entries[key] else { return [] }
        entries[key] = nil
        entry.text += suffix
        entries[key] = entry
        return [.textAppended(messageID: key.id, suffix: suffix)]
    }

    /// The message without its streamed text, to tell text changes from other changes.
    static func shape(of message: Message) -> Message {
        var shape = message
        var raw = message.content.raw.objectValue ?? [:]
        raw["text"] = nil
        if let parts = raw["parts"]?.arrayValue {
            raw["parts"] = .array(parts.map { $0.stringValue == nil ? $0 : .string("") })
        }
        shape.content = MessageContent(
            type: message.content.type, language: message.content.language, raw: .object(raw))
        return shape
    }

    /// What `text` adds after `old` (``Swift/String/scalarSuffix(after:)``); nil when `old` is not a prefix.
    static func suffix(of text: String, after old: String) -> String? { text.scalarSuffix(after: old) }
}

extension String {
    /// What this text adds after `old`, compared by Unicode scalars (not grapheme clusters, so
    /// a combining mark added to the last character is still an append); nil when `old` is not a
    /// prefix. How stream decoders tell an append from a rewrite.
    public func scalarSuffix(after old: String) -> String? {
        guard utf8.count >= old.utf8.count, utf8.starts(with: old.utf8) else { return nil }
        // `old` is valid UTF-8, so the byte after it starts a scalar of this text.
        let index = utf8.index(utf8.startIndex, offsetBy: old.utf8.count)
        return String(unicodeScalars[index...])
    }
}
