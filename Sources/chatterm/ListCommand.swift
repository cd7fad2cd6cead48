import ArgumentParser
import ChatStore
import Foundation

/// `chatterm ls`: conversations, newest updated first.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List conversations, newest updated first.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "List archived conversations instead.")
    var archived = false

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "At most this many.")
    var limit: Int = 100

    func run() throws {
        try reportingErrors {
            guard limit > 0 else { throw CLIError("--limit must be positive") }
            let archive = try global.openArchiveWithDemo()
            let rows = try archive.summaries(archived: archived, offset: 0, limit: limit)
            if json {
                let items: [[String: Any]] = rows.map { row in
                    var item: [String: Any] = ["id": row.id, "is_archived": row.isArchived, "source": row.source]
                    item["title"] = row.title ?? NSNull()
                    item["create_time"] = row.createTime ?? NSNull()
                    item["update_time"] = row.updateTime ?? NSNull()
                    return item
                }
                let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])
                say(String(decoding: data, as: UTF8.self))
                return
            }
            for row in rows {
                let time = row.updateTime.map(Self.formatTime) ?? "                "
                let title = (row.title ?? "Untitled").replacingOccurrences(of: "\n", with: " ")
                say("\(row.id)  \(time)  \(title)")
            }
        }
    }

    static func formatTime(_ t: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: t))
    }
}
