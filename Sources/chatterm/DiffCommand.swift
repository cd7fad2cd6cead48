import ArgumentParser
import ChatArchive
import ChatModel
import ChatRender
import Foundation
import TerminalCanvas

/// `chatterm diff ID NODE_A NODE_B` (or `--siblings NODE`): two versions of a message word by
/// word, from the local archive. A unified word diff (`[-removed-]{+added+}`, as `git diff
/// --word-diff=plain`) to a pipe, the two side by side on a terminal, as the TUI's comparison
/// window (`=`) shows them.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Compare two versions of a message word by word.",
        discussion: """
            NODE_A is the old side and NODE_B the new one: message ids from `chatterm show ID --tree` \
            (or unique prefixes of them). With --siblings NODE, NODE is compared with its next version \
            (the last version with the one before it). Your messages compare with your messages, \
            answers with answers. To a pipe the diff is unified, removed words in [-…-] and added \
            ones in {+…+}; on a terminal the versions show side by side, the differences marked.
            """)

    /// How the two versions are written.
    enum Layout: String, CaseIterable, ExpressibleByArgument {
        case auto, unified
        case sideBySide = "side-by-side"
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Conversation id (or a unique prefix).")
    var id: String

    @Argument(help: ArgumentHelp("The old and the new message (ids or unique prefixes).", valueName: "node"))
    var nodes: [String] = []

    @Option(help: ArgumentHelp("Compare this message with its next version.", valueName: "NODE"))
    var siblings: String?

    @Option(help: "How the versions are written (auto: side by side on a terminal with styles, else unified).")
    var layout: Layout = .auto

    @Option(help: "Mark the differences with styles: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if siblings != nil, !nodes.isEmpty {
            throw ValidationError("Give either two messages or --siblings NODE, not both.")
        }
        if siblings == nil, nodes.count != 2 {
            throw ValidationError("Give two messages to compare (NODE_A NODE_B), or --siblings NODE.")
        }
    }

    func run() throws {
        try reportingErrors {
            let archive = try global.openArchiveForReading()
            let id = try resolveConversation(archive, id)
            guard let conversation = try archive.conversation(id: id) else { throw CLIError("cannot load \(id)") }
            let tree = ConversationTree(conversation)
            let memory = try archive.branchMemory(for: id)
            let (old, new) = try pair(in: tree, conversation: id, memory: memory)
            let styled = color.styles
            let sideBySide = layout == .sideBySide || (layout == .auto && Output.stdoutIsTerminal && styled)
            if sideBySide {
                global.useBundledHighlighting()
                let text = CompareText.sideBySide(
                    old: old, new: new, width: StyledText.terminalWidth, styled: styled ? StyledText() : nil)
                Output.writeVerbatim(text)
            } else if styled {
                Output.writeVerbatim(CompareText.unified(old: old, new: new, styled: StyledText()))
            } else {
                Output.write(CompareText.unified(old: old, new: new, styled: nil))
            }
        }
    }

    /// The two turns compared, old first, or why they cannot be.
    func pair(in tree: ConversationTree, conversation: String, memory: BranchMemory) throws -> (Turn, Turn) {
        let ids: (String, String)
        if let siblings {
            let node = try resolveNode(siblings, in: tree, conversation: conversation)
            let versions = tree.siblings(of: node)
            guard versions.count > 1, let at = versions.firstIndex(of: node) else {
                throw CLIError("message \(node) has no other versions to compare")
            }
            ids = at < versions.count - 1 ? (node, versions[at + 1]) : (versions[at - 1], node)
        } else {
            ids = (
                try resolveNode(nodes[0], in: tree, conversation: conversation),
                try resolveNode(nodes[1], in: tree, conversation: conversation)
            )
        }
        guard let old = tree.versionTurn(ids.0, memory: memory) else {
            throw CLIError("node \(ids.0) holds no message to compare")
        }
        guard let new = tree.versionTurn(ids.1, memory: memory) else {
            throw CLIError("node \(ids.1) holds no message to compare")
        }
        guard (old.author.role == .user) == (new.author.role == .user) else {
            let (yours, answer) = old.author.role == .user ? (ids.0, ids.1) : (ids.1, ids.0)
            throw CLIError(
                "cannot compare your message \(yours) with the answer \(answer): compare two answers or two of your messages"
            )
        }
        return (old, new)
    }

    /// A message id in the conversation, given whole or as a prefix only one id has.
    func resolveNode(_ given: String, in tree: ConversationTree, conversation: String) throws -> String {
        let ids = tree.conversation.mapping.keys
        if ids.contains(given) { return given }
        let matches = ids.filter { $0.hasPrefix(given) }.sorted()
        guard let first = matches.first else {
            throw CLIError(
                "no message \(given) in conversation \(conversation) (see `chatterm show \(conversation) --tree`)")
        }
        guard matches.count == 1 else {
            throw CLIError("\(given) begins \(matches.count) message ids in \(conversation): give more of it")
        }
        return first
    }
}
