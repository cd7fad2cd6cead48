import ArgumentParser
import ChatArchive
import ChatStore
import Foundation

/// `chatterm search QUERY`: full-text hits across every conversation and branch.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search the text of every branch of every conversation.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Words to find.")
    var query: [String]

    @Option(help: "At most this many hits.")
    var limit: Int = 50

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        try reportingErrors {
            let text = query.joined(separator: " ")
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError("give words to search for") }
            let archive = try global.openArchiveForReading()
            let hits = try archive.search(text, limit: limit)
            if json {
                let items: [[String: Any]] = hits.map {
                    [
                        "conversation_id": $0.conversationID, "node_id": $0.nodeID, "title": $0.title ?? NSNull(),
                        "role": $0.role, "snippet": $0.snippet,
                    ]
                }
                let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])
                Output.writeJSON(data)
                return
            }
            if hits.isEmpty {
                warn("no hits for \(text)")
                throw ExitCode(1)
            }
            for hit in hits {
                say("\(hit.conversationID)  \(hit.nodeID)  \(hit.title ?? "Untitled")")
                say("    \(hit.snippet)")
            }
        }
    }
}
