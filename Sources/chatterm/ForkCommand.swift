import ArgumentParser
import ChatArchive
import ChatConfig
import ChatModel
import Foundation
import TerminalCanvas

extension ForkScope: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

/// `chatterm fork ID NODE`: a new local conversation made of part of another's tree, as `F`
/// makes it in the browser; prints the new id.
struct ForkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fork",
        abstract: "Fork a conversation from one of its messages into a new local conversation.",
        discussion: """
            The fork is titled "<title> (fork)" and kept under the embedded server (source local), \
            or with --profile under that profile, so `chatterm send [--profile NAME] --conversation \
            NEW_ID` or the browser continues it with that profile's model. It is linked to its \
            origin: `chatterm show` names the origin of a fork and the forks of a conversation. The \
            labels and bookmarks of the messages it copies come along.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Conversation id (or a unique prefix).")
    var id: String

    @Argument(help: "The message to fork from: its node id (or a unique prefix), as `show --tree` prints them.")
    var node: String

    @Option(help: "What to copy: path (the messages leading to NODE), branches (and every branch below it) or tree.")
    var scope: ForkScope = .path

    @Option(
        help: """
            The profile that continues the fork: local, or an openai or coze profile from config.toml \
            (a chatgpt or dify profile keeps its chats on its own server and cannot continue one).
            """)
    var profile: String?

    @Flag(help: "Print the new conversation as JSON.")
    var json = false

    func run() async throws {
        try reportingErrors {
            let source = try Self.source(continuedBy: profile, config: global.paths.configFile)
            let archive = try global.openArchive()
            let origin = try resolveConversation(archive, id)
            guard let conversation = try archive.conversation(id: origin) else {
                throw CLIError("cannot load \(origin)")
            }
            let nodeID = try Self.resolveNode(node, in: ConversationTree(conversation))
            let made = try archive.fork(
                origin, at: nodeID, scope: scope, id: UUID().uuidString.lowercased(), source: source,
                now: Date().timeIntervalSince1970)
            if json {
                let summary = ForkSummary(
                    id: made.conversation.id, title: made.conversation.displayTitle, originID: origin,
                    originNodeID: nodeID, scope: scope.rawValue, messages: made.visibleMessages, source: made.source)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                Output.writeJSON(try encoder.encode(summary))
            } else {
                say(made.conversation.id)
            }
        }
    }

    /// The archive source a fork continued by the profile `name` is kept under (nil: the
    /// embedded server's). - Throws: a sentence for a profile that is not defined, or whose
    /// service keeps its chats itself (chatgpt, dify) and so has never seen the fork.
    static func source(continuedBy name: String?, config: URL) throws -> String {
        guard let name else { return Archive.localServerSource }
        guard let chosen = try ProfileSet.load(file: config).select(name) else { return Archive.localServerSource }
        guard chosen.kind.keepsHistoryRemotely else { return chosen.name }
        throw CLIError(
            "the profile \(name) cannot continue a fork: it is a \(chosen.kind.rawValue) profile, and "
                + "\(chosen.kind == .chatgpt ? "chatgpt.com" : "Dify") keeps its conversations on its own server, "
                + "which has never seen the fork; use local or an openai or coze profile")
    }

    /// The node `prefix` names: the id itself, else the only node whose id starts with it.
    static func resolveNode(_ prefix: String, in tree: ConversationTree) throws -> String {
        if tree.node(prefix) != nil { return prefix }
        let matches = tree.conversation.mapping.keys.filter { $0.hasPrefix(prefix) }
        guard matches.count == 1, let only = matches.first else {
            throw CLIError(
                matches.isEmpty
                    ? "the conversation has no message \(prefix) (see `chatterm show --tree`)"
                    : "\(prefix) names \(matches.count) messages: give more of the id")
        }
        return only
    }
}

/// What `fork --json` prints.
private struct ForkSummary: Encodable {
    var id: String
    var title: String
    var originID: String
    var originNodeID: String
    var scope: String
    var messages: Int
    var source: String

    enum CodingKeys: String, CodingKey {
        case id, title, scope, messages, source
        case originID = "origin_id"
        case originNodeID = "origin_node_id"
    }
}

/// The lines `show` adds about forks: where a fork came from, and the forks of a conversation.
enum ForkText {
    static func lines(_ links: ForkLinks) -> [String] {
        var lines: [String] = []
        if let origin = links.origin {
            let title = origin.originTitle.map(TextSanitizer.cleanLine) ?? "a conversation no longer in the archive"
            lines.append("Forked from \(title) (\(origin.originID)) at message \(origin.originNodeID)")
        }
        if !links.forks.isEmpty {
            lines.append(links.forks.count == 1 ? "1 fork:" : "\(links.forks.count) forks:")
            for fork in links.forks {
                lines.append(
                    "  \(TextSanitizer.cleanLine(fork.forkTitle ?? "Untitled")) (\(fork.forkID)) from message \(fork.originNodeID), "
                        + "\(fork.scope.summary), \(ListCommand.formatTime(fork.created))")
            }
        }
        return lines
    }
}
