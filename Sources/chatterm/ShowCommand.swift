import ArgumentParser
import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import ChatRender
import ChatStore
import Foundation
import TerminalCanvas

/// `chatterm show ID`: the current branch as text, the whole tree, or the original JSON.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a conversation's current branch, its tree, or its JSON.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var remote: RemoteOptions

    @Argument(help: "Conversation id (or a unique prefix).")
    var id: String

    @Flag(help: "Print the whole tree as an outline, marking the current path and sibling indices.")
    var tree = false

    @Flag(help: "Print the original JSON.")
    var json = false

    @Option(help: "Render answers with styles: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    func run() async throws {
        // With --base-url: the server's copy, cached so it reads offline afterwards.
        try await remote.cacheRemoteConversation(id, global: global)
        try reportingErrors {
            let archive = try global.openArchiveForReading()
            let id = try resolveConversation(archive, id)
            if json {
                guard let raw = try archive.rawJSON(id: id) else { throw CLIError("no JSON stored for \(id)") }
                Output.writeJSON(raw)
                return
            }
            guard let conversation = try archive.conversation(id: id) else { throw CLIError("cannot load \(id)") }
            let tree = ConversationTree(conversation)
            for repair in tree.repairs {
                warn("warning: \(id): repaired: \(repair)")
            }
            let memory = try archive.branchMemory(for: id)
            let facts = try archive.summary(id: id)?.facts ?? ConversationFacts(conversation)
            let marks = ListCommand.marks(facts, shareTitle: try archive.shareTitle(of: id))
            let leaf = memory.mostRecent(among: tree.leaves) ?? tree.currentLeaf
            let assets = Store.withPixelSizes(archive.localAssets(for: conversation.attachmentFileIDs))
            if self.tree {
                let labels = try archive.marks(in: conversation.id).compactMapValues(\.label)
                say(TreeOutlineText.render(tree, currentLeaf: leaf, labels: labels))
            } else if color.styles {
                global.useBundledHighlighting()
                // Built from sanitised text and rendered runs: only its own codes are raw.
                Output.writeVerbatim(
                    BranchText.renderStyled(
                        tree, leaf: leaf, marks: marks, width: StyledText.terminalWidth, styled: StyledText(),
                        assets: assets))
            } else {
                say(BranchText.render(tree, leaf: leaf, marks: marks, assets: assets))
            }
            let forkLines = ForkText.lines(try archive.forkLinks(of: id))
            if !forkLines.isEmpty { say("\n" + forkLines.joined(separator: "\n")) }
        }
    }
}

/// The open branch as readable plain text.
enum BranchText {
    /// `marks`: what the web page marks on the conversation, in words (``ListCommand/marks(_:shareTitle:)``).
    static func render(
        _ tree: ConversationTree, leaf: String, marks: [String] = [], assets: [String: LocalAsset] = [:]
    ) -> String {
        let c = tree.conversation
        var out = c.displayTitle + "\n"
        var meta = [c.id]
        if let t = c.updateTime { meta.append("updated " + ListCommand.formatTime(t)) }
        let leaves = tree.leaves.count
        meta.append("\(leaves) branch\(leaves == 1 ? "" : "es")")
        meta += marks
        out += meta.joined(separator: " · ") + "\n"
        for turn in tree.turns(to: leaf).locating(assets) {
            var who: String
            switch turn.author.role {
            case .user: who = "You"
            case .assistant:
                who = AssistantName.of(model: turn.modelSlug) + (turn.modelSlug.map { " · \($0)" } ?? "")
                if turn.isComparedAnswer { who += " · compared answer" }
                who += PaneLayout.thumb(turn)
            default: who = turn.author.role.description
            }
            if turn.siblingCount > 1 { who += " ‹\(turn.siblingIndex)/\(turn.siblingCount)›" }
            out += "\n" + who + ":\n"
            for line in attachmentLines(turn) { out += "  " + line + "\n" }
            for line in turn.text.split(separator: "\n", omittingEmptySubsequences: false) {
                out += "  " + line + "\n"
            }
            if let ending = turn.ending { out += "  [\(ending.sentence)]\n" }
            if !turn.sources.isEmpty {
                out += "  Sources:\n"
                for (i, source) in turn.sources.enumerated() {
                    // With an address the address says where; without, where it is kept.
                    let name =
                        source.url == nil ? source.listed : source.title + (source.relevance.map { " · \($0)" } ?? "")
                    out += "  [\(i + 1)] \(name)" + (source.url.map { " <\($0)>" } ?? "") + "\n"
                    if let excerpt = source.excerpt { out += "      “\(TextSanitizer.cleanLine(excerpt))”\n" }
                }
            }
        }
        let others = tree.otherBranchCount(to: leaf)
        if others > 0 { out += "\n(\(others) other branch\(others == 1 ? "" : "es"): chatterm show --tree \(c.id))\n" }
        return out
    }
}

extension BranchText {
    /// A turn's files as the pane shows them (`📷 name · type · size · W×H`, a generated image's
    /// prompt under it), and where the archive keeps each, for a script to open.
    static func attachmentLines(_ turn: Turn) -> [String] {
        turn.attachments.flatMap { file -> [String] in
            var lines = [AttachmentText.summary(file)]
            if let prompt = AttachmentText.prompt(file) { lines.append("   " + prompt) }
            if let path = file.local?.path { lines.append("   " + path) }
            return lines
        }
    }

    /// The open branch rendered as the pane renders it (headings, lists, tables, code, math,
    /// citations with their sources), `width` columns wide, with terminal styles.
    static func renderStyled(
        _ tree: ConversationTree, leaf: String, marks: [String] = [], width: Int, styled: StyledText,
        assets: [String: LocalAsset] = [:]
    ) -> String {
        let c = tree.conversation
        var out = styled.line(TextSanitizer.cleanLine(c.displayTitle), slot: "ui.title", extra: .bold) + "\n"
        var meta = [TextSanitizer.cleanLine(c.id)]
        if let t = c.updateTime { meta.append("updated " + ListCommand.formatTime(t)) }
        meta += marks.map(TextSanitizer.cleanLine)
        out += styled.line(meta.joined(separator: " · "), slot: "ui.sidebar.date") + "\n"
        let bodyWidth = max(10, width - 2)
        for turn in tree.turns(to: leaf).locating(assets) {
            var who = PaneLayout.label(for: turn)
            if turn.siblingCount > 1 { who += " ‹\(turn.siblingIndex)/\(turn.siblingCount)›" }
            out += "\n" + styled.line(who, slot: "ui.message.header") + "\n"
            for line in attachmentLines(turn) { out += "  " + styled.line(line, slot: "ui.attachment") + "\n" }
            if turn.author.role == .user {
                for line in TextWrap.wrap(TextSanitizer.clean(turn.text), width: bodyWidth) {
                    out += "  " + styled.line(line, slot: "ui.message.user") + "\n"
                }
            }
            var sources = turn.sources
            if turn.author.role != .user {
                let render = MessageRender(turn.text, width: bodyWidth)
                for line in render.lines { out += "  " + styled.line(line.runs) + "\n" }
                sources += render.links.filter { link in !sources.contains { $0.url == link.url } }
            }
            if let ending = turn.ending {
                out += "  " + styled.line("⏹ " + ending.sentence, slot: "ui.message.reasoning") + "\n"
            }
            if !sources.isEmpty {
                out += "  " + styled.line("Sources", slot: "ui.message.reasoning", extra: .bold) + "\n"
                for (i, source) in sources.enumerated() {
                    let text = "[\(i + 1)] " + TextSanitizer.cleanLine(source.listed)
                    out += "  " + styled.line(text, slot: "ui.message.reasoning") + "\n"
                    if let excerpt = source.excerpt {
                        let quoted = DisplayWidth.truncate(TextSanitizer.cleanLine(excerpt), to: max(1, bodyWidth - 6))
                        out += "      " + styled.line("“" + quoted + "”", slot: "ui.message.reasoning") + "\n"
                    }
                }
            }
        }
        return out
    }
}

/// The whole tree as an indented outline: `*` marks the open path, `‹i/n›` sibling positions.
enum TreeOutlineText {
    /// The outline of every branch, `*` on the current path; a message's label (`labels`, by
    /// node id) follows its preview in brackets.
    static func render(_ tree: ConversationTree, currentLeaf: String, labels: [String: String] = [:]) -> String {
        let path = Set(tree.path(to: currentLeaf))
        var out = tree.conversation.displayTitle + "\n"
        for row in tree.outline() {
            let mark = path.contains(row.nodeID) ? "*" : " "
            let indent = String(repeating: "  ", count: row.depth)
            let who = row.role == .user ? "user" : row.role.description
            let sibling = row.siblingCount > 1 ? " ‹\(row.siblingIndex)/\(row.siblingCount)›" : ""
            let leaf = row.isLeaf ? " [leaf]" : ""
            let label = labels[row.nodeID].map { " [label: \($0)]" } ?? ""
            out += "\(mark) \(indent)\(who)\(sibling) \(row.nodeID.prefix(8)): \(row.preview)\(leaf)\(label)\n"
        }
        return out
    }
}
