/// How far an import has come; reported after every batch.
public struct ImportProgress: Sendable, Hashable {
    /// Conversations read so far (imported or skipped).
    public var conversations: Int
    /// Uncompressed JSON bytes read so far.
    public var bytesRead: Int64
    /// Uncompressed JSON bytes in all, when known.
    public var totalBytes: Int64?
    /// Seconds since the import began.
    public var elapsed: Double
    /// How far copying the attachments has come, once it has begun (after the conversations).
    public var assets: AssetProgress?

    /// Creates a progress report.
    public init(conversations: Int, bytesRead: Int64, totalBytes: Int64?, elapsed: Double) {
        self.conversations = conversations
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.elapsed = elapsed
    }

    /// The fraction done, 0...1, when the total is known.
    public var fraction: Double? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        return min(1, Double(bytesRead) / Double(totalBytes))
    }
}

/// Something an import left out, and why.
public struct ImportSkip: Sendable, Hashable, CustomStringConvertible {
    /// The conversation id, when it could be found in the unreadable bytes.
    public var id: String?
    /// A one-line reason.
    public var reason: String
    /// Whether a whole file was cut short or damaged (rather than one conversation in it
    /// unreadable): everything after the damage is missing.
    public var damagedInput: Bool

    /// Creates a skip record.
    public init(id: String?, reason: String, damagedInput: Bool = false) {
        self.id = id
        self.reason = reason
        self.damagedInput = damagedInput
    }

    /// `id: reason`, or the reason alone.
    public var description: String { id.map { "\($0): \(reason)" } ?? reason }
}

/// What an import did.
public struct ImportReport: Sendable, Hashable {
    /// Conversations that were new.
    public var inserted: Int
    /// Conversations whose stored copy was older and was replaced.
    public var updated: Int
    /// Conversations already stored as new or newer.
    public var unchanged: Int
    /// Conversations (or whole files) left out, with reasons.
    public var skipped: [ImportSkip]
    /// Seconds the import took.
    public var elapsed: Double
    /// Answers of `model_comparisons.json` that their conversation lacked, now branches of it.
    public var comparedAnswers = 0
    /// Thumbs read from `message_feedback.json`.
    public var thumbs = 0
    /// Conversations `shared_conversations.json` lists as shared by link.
    public var shared = 0
    /// Whose export it is (`user.json`), when it says.
    public var account: ExportAccount?
    /// What became of the attachments the export ships and its conversations point at.
    public var assets = AssetImportReport()

    /// Creates a report.
    public init(
        inserted: Int = 0, updated: Int = 0, unchanged: Int = 0, skipped: [ImportSkip] = [], elapsed: Double = 0
    ) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.skipped = skipped
        self.elapsed = elapsed
    }

    /// Conversations read, whatever became of them.
    public var total: Int { inserted + updated + unchanged + skipped.count }

    /// Whether the input held anything at all (an empty array did not).
    public var readAnything: Bool { total > 0 }

    /// Whether a file of the input was truncated or damaged, so that part of it was not read.
    public var inputDamaged: Bool { skipped.contains(where: \.damagedInput) }
}

/// Why an import could not run at all. Problems with single conversations are not
/// errors: they are listed in ``ImportReport/skipped``.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// The file looks like a zip (or is named `.zip`) but cannot be read as one.
    case badZip(path: String)
    /// The zip holds no `conversations.json` nor `conversations-NNN.json`.
    case noConversations(path: String)
    /// A JSON file (or zip entry) is not an array of conversations nor one conversation.
    case badFormat(file: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .badZip(let path): "\(path) is not a readable zip archive"
        case .noConversations(let path):
            "\(path) holds no conversations.json (nor conversations-NNN.json shards); is it a ChatGPT data export?"
        case .badFormat(let file, let reason): "\(file) is not a conversation export: \(reason)"
        }
    }
}
