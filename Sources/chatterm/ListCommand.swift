import ArgumentParser
import ChatArchive
import ChatClient
import ChatModel
import ChatStore
import Foundation

/// `chatterm ls`: conversations as the browser lists them, pinned first, then newest updated
/// first; `--tag` and `--pinned` keep those with the marks asked for.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List conversations: pinned first, then newest updated first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var remote: RemoteOptions

    @Flag(help: "List archived conversations instead.")
    var archived = false

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "At most this many.")
    var limit: Int = 100

    @Option(
        name: .customLong("tag"),
        help: ArgumentHelp(
            "Only conversations with this mark (repeatable: all of them): \(ConversationMark.names).",
            valueName: "name"))
    var tags: [String] = []

    @Flag(help: "Only pinned conversations (the same as --tag pinned).")
    var pinned = false

    /// The marks asked for.
    func markFilter() throws -> ConversationFilter {
        var marks: [ConversationMark] = pinned ? [.pinned] : []
        for name in tags {
            guard let mark = ConversationMark(name: name) else {
                throw CLIError("--tag \(name) is not a mark; the marks are \(ConversationMark.names)")
            }
            marks.append(mark)
        }
        return ConversationFilter(marks: marks)
    }

    func run() async throws {
        try reportingErrors { guard limit > 0 else { throw CLIError("--limit must be positive") } }
        let filter = try reportingErrors { try markFilter() }
        let connection: Connection?
        do {
            connection = try await remote.connect(paths: global.paths)
        } catch {
            warn("chatterm: \(ErrorSentence.of(error))")
            throw ExitCode(1)
        }
        if let connection {
            defer { connection.shutdown() }
            let client = connection.backend
            // The server's list, page by page (at most 100 a page), cached as it is read.
            let archive = try reportingErrors { try global.openArchive() }
            var offset = 0
            var seen = Set<String>()
            var rows: [ConversationSummary] = []
            do {
                while seen.count < limit {
                    let page = try await client.listConversations(
                        offset: offset, limit: min(100, limit - seen.count), archived: archived)
                    try archive.mergeRemote(page.items, source: client.sourceName)
                    let fresh = page.items.filter { seen.insert($0.id).inserted }
                    rows += fresh.prefix(limit - rows.count).map {
                        ConversationSummary(
                            id: $0.id, title: $0.title, createTime: $0.createTime, updateTime: $0.updateTime,
                            isArchived: $0.isArchived, source: client.sourceName, nodeCount: 0)
                    }
                    offset = page.nextOffset
                    if fresh.isEmpty || page.isLast { break }
                }
            } catch {
                warn("chatterm: \(ErrorSentence.of(error))")
                throw ExitCode(1)
            }
            try reportingErrors {
                // The server knows nothing of local pins and may send no marks: they are the archive's.
                let marked = try rows.map { row in
                    var row = row
                    row.facts = try archive.summary(id: row.id)?.facts ?? row.facts
                    return row
                }
                // Pinned first, as the browser lists them; the rest in the server's order.
                let pinned = marked.filter { $0.facts.pinnedTime != nil }.sorted {
                    ($0.facts.pinnedTime ?? 0) > ($1.facts.pinnedTime ?? 0)
                }
                let ordered = pinned + marked.filter { $0.facts.pinnedTime == nil }
                try print(filter.isEmpty ? ordered : ordered.filter(filter.matches))
            }
            return
        }
        try reportingErrors {
            let archive = try global.openArchiveForReading()
            if filter.isEmpty {
                try print(archive.listing(archived: archived, offset: 0, limit: limit).rows)
            } else {
                try print(archive.summaries(archived: archived, matching: filter, limit: limit))
            }
        }
    }

    private func print(_ rows: [ConversationSummary]) throws {
        if json {
            let items: [[String: Any]] = rows.map { row in
                var item: [String: Any] = ["id": row.id, "is_archived": row.isArchived, "source": row.source]
                item["title"] = row.title ?? NSNull()
                item["create_time"] = row.createTime ?? NSNull()
                item["update_time"] = row.updateTime ?? NSNull()
                item["pinned_time"] = row.facts.pinnedTime ?? NSNull()
                item["is_starred"] = row.facts.isStarred
                item["tags"] = row.facts.tags.map(\.rawValue)
                item["is_shared"] = row.facts.isShared
                return item
            }
            let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])
            Output.writeJSON(data)
            return
        }
        for row in rows {
            let time = row.updateTime.map(Self.formatTime) ?? "                "
            let title = (row.title ?? "Untitled").replacingOccurrences(of: "\n", with: " ")
            let marks = Self.marks(row.facts)
            say("\(row.id)  \(time)  \(title)" + (marks.isEmpty ? "" : "  (\(marks.joined(separator: ", ")))"))
        }
    }

    /// What the web page marks on a conversation, in words: pinned, starred, its kinds, shared
    /// (under `shareTitle` when it has one).
    static func marks(_ facts: ConversationFacts, shareTitle: String? = nil) -> [String] {
        var marks: [String] = []
        if facts.pinnedTime != nil { marks.append("pinned") }
        if facts.isStarred { marks.append("starred") }
        marks += facts.tags.map(\.label)
        if facts.isShared || shareTitle != nil {
            marks.append(shareTitle.flatMap { $0.isEmpty ? nil : "shared as “\($0)”" } ?? "shared")
        }
        return marks
    }

    static func formatTime(_ t: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current  // the reader's time zone (TZ honoured)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: t))
    }
}
