import ChatModel
import Foundation

/// Renders a conversation as Markdown: the open branch, or every branch one after another.
public enum MarkdownExport {
    /// Markdown of one branch (root to `leaf`) of a tree, with a title and metadata line.
    public static func branch(_ tree: ConversationTree, leaf: String, showReasoning: Bool = false) -> String {
        var out = header(tree)
        out += turns(tree.turns(to: leaf, showReasoning: showReasoning))
        return out
    }

    /// Markdown of every branch: one section per leaf, in tree order.
    public static func allBranches(_ tree: ConversationTree, showReasoning: Bool = false) -> String {
        var out = header(tree)
        let leaves = tree.leaves
        for (index, leaf) in leaves.enumerated() {
            let current = leaf == tree.currentLeaf ? " (current)" : ""
            out += "## Branch \(index + 1) of \(leaves.count)\(current)\n\n"
            out += turns(tree.turns(to: leaf, showReasoning: showReasoning))
        }
        return out
    }

    private static func header(_ tree: ConversationTree) -> String {
        let c = tree.conversation
        var out = "# \(c.displayTitle)\n\n"
        var meta = ["id: `\(c.id)`"]
        if let t = c.createTime { meta.append("created: \(iso(t))") }
        if let t = c.updateTime { meta.append("updated: \(iso(t))") }
        if c.isArchived { meta.append("archived") }
        out += "<sub>" + meta.joined(separator: " · ") + "</sub>\n\n"
        return out
    }

    private static func turns(_ turns: [Turn]) -> String {
        var out = ""
        for turn in turns {
            var who: String
            switch turn.author.role {
            case .user: who = "You"
            case .assistant: who = turn.modelSlug.map { "ChatGPT (\($0))" } ?? "ChatGPT"
            default: who = turn.author.role.description.capitalized
            }
            if turn.isReasoning { who = "Reasoning" }
            if turn.siblingCount > 1 { who += " — version \(turn.siblingIndex) of \(turn.siblingCount)" }
            out += "### \(who)\n\n\(turn.text)\n\n"
        }
        return out
    }

    /// An ISO-8601 UTC time for seconds since 1970.
    public static func iso(_ t: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: t))
    }
}
