import ChatModel
import Foundation

/// Renders a conversation as Markdown: the open branch, or every branch one after another.
public enum MarkdownExport {
    /// What the YAML front matter of an exported file says beyond the conversation's own
    /// fields (id, title, times, model).
    public struct FrontMatter: Sendable, Hashable {
        /// Where the conversation came from (the archive's `source`).
        public var source: String?

        /// Creates front matter.
        public init(source: String? = nil) {
            self.source = source
        }
    }

    /// An attachment the archive holds, as the Markdown links it.
    public struct AssetLink: Sendable, Hashable {
        /// A path relative to the Markdown (`assets/ab/ab12….png`).
        public var path: String
        /// The name it had in the export, when known.
        public var originalName: String?

        /// Creates a link.
        public init(path: String, originalName: String? = nil) {
            self.path = path
            self.originalName = originalName
        }
    }

    /// The attachments the archive holds, by file id; those not in it are named as missing.
    public typealias AssetLinks = [String: AssetLink]

    /// Markdown of one branch (root to `leaf`) of a tree, with a title and metadata line;
    /// with `frontMatter`, a YAML front matter block first.
    public static func branch(
        _ tree: ConversationTree, leaf: String, showReasoning: Bool = false, frontMatter: FrontMatter? = nil,
        assets: AssetLinks = [:]
    ) -> String {
        let turns = tree.turns(to: leaf, showReasoning: showReasoning)
        var out = frontMatter.map { yaml(tree, $0, branches: "current", model: model(tree, turns)) } ?? ""
        out += header(tree)
        out += self.turns(turns, assets: assets)
        return withoutPrivateUse(out)
    }

    /// Markdown of every branch: one section per leaf, in tree order; with `frontMatter`, a
    /// YAML front matter block first.
    public static func allBranches(
        _ tree: ConversationTree, showReasoning: Bool = false, frontMatter: FrontMatter? = nil,
        assets: AssetLinks = [:]
    ) -> String {
        let leaves = tree.leaves
        var out = ""
        if let frontMatter {
            let current = tree.turns(to: tree.currentLeaf, showReasoning: showReasoning)
            out += yaml(tree, frontMatter, branches: "all (\(leaves.count))", model: model(tree, current))
        }
        out += header(tree)
        for (index, leaf) in leaves.enumerated() {
            let current = leaf == tree.currentLeaf ? " (current)" : ""
            out += "## Branch \(index + 1) of \(leaves.count)\(current)\n\n"
            out += turns(tree.turns(to: leaf, showReasoning: showReasoning), assets: assets)
        }
        return withoutPrivateUse(out)
    }

    /// The export without a private-use character: the messages' citation markers are already
    /// `[n]` (``Citations``), and any other one (in a title, a source's name) is dropped.
    static func withoutPrivateUse(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0xE000...0xF8FF).contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.lazy.filter { !(0xE000...0xF8FF).contains($0.value) })
        return String(out)
    }

    /// The conversation's model, else the model of the last answer on `turns` that names one.
    static func model(_ tree: ConversationTree, _ turns: [Turn]) -> String? {
        tree.conversation.defaultModelSlug ?? turns.last(where: { $0.modelSlug != nil })?.modelSlug
    }

    /// The YAML front matter block: id, title, ISO-8601 times, model, source, archived flag
    /// and which branches follow. Strings are double-quoted with every control character escaped.
    static func yaml(_ tree: ConversationTree, _ matter: FrontMatter, branches: String, model: String?) -> String {
        let c = tree.conversation
        let quoted: (String?) -> String = { $0.map(yamlQuoted) ?? "null" }
        var out = "---\n"
        out += "id: \(yamlQuoted(c.id))\n"
        out += "title: \(quoted(c.title))\n"
        out += "create_time: \(c.createTime.map(iso) ?? "null")\n"
        out += "update_time: \(c.updateTime.map(iso) ?? "null")\n"
        out += "model: \(quoted(model))\n"
        out += "source: \(quoted(matter.source))\n"
        out += "archived: \(c.isArchived)\n"
        out += "branches: \(yamlQuoted(branches))\n"
        out += "---\n\n"
        return out
    }

    /// A YAML double-quoted scalar: `\\`, `"` and every control or line-separator
    /// character escaped, so a title can never end the block or start a new key.
    public static func yamlQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func header(_ tree: ConversationTree) -> String {
        let c = tree.conversation
        // One line, whatever the title holds: a newline would end the heading.
        var out = "# \(String(c.displayTitle.map { $0.isNewline ? " " : $0 }))\n\n"
        var meta = ["id: `\(c.id)`"]
        if let t = c.createTime { meta.append("created: \(iso(t))") }
        if let t = c.updateTime { meta.append("updated: \(iso(t))") }
        if c.isArchived { meta.append("archived") }
        out += "<sub>" + meta.joined(separator: " · ") + "</sub>\n\n"
        return out
    }

    private static func turns(_ turns: [Turn], assets: AssetLinks) -> String {
        var out = ""
        for turn in turns {
            var who: String
            switch turn.author.role {
            case .user: who = "You"
            case .assistant:
                who = AssistantName.of(model: turn.modelSlug) + (turn.modelSlug.map { " (\($0))" } ?? "")
            default: who = turn.author.role.description.capitalized
            }
            if turn.isReasoning { who = "Reasoning" }
            if turn.siblingCount > 1 { who += " — version \(turn.siblingIndex) of \(turn.siblingCount)" }
            out += "### \(who)\n\n"
            for file in turn.attachments { out += attachment(file, link: file.fileID.flatMap { assets[$0] }) }
            if !turn.notes.isEmpty { out += notes(turn.notes) }
            // A failed answer is its error, not an empty section.
            if !turn.text.isEmpty || turn.errorText?.isEmpty ?? true { out += "\(turn.text)\n\n" }
            if let error = turn.errorText, !error.isEmpty { out += errorBlock(error) }
            if let ending = turn.ending { out += "_(\(ending.sentence))_\n\n" }
            if !turn.sources.isEmpty {
                out += "Sources:\n\n"
                for (i, source) in turn.sources.enumerated() {
                    out += "\(i + 1). " + sourceItem(source) + (source.relevance.map { " (\($0))" } ?? "") + "\n"
                    if let excerpt = source.excerpt { out += "   > " + oneLine(excerpt) + "\n" }
                }
                out += "\n"
            }
            if !turn.followUps.isEmpty {
                out += "Suggested follow-ups:\n\n"
                for prompt in turn.followUps { out += "- " + oneLine(prompt) + "\n" }
                out += "\n"
            }
            if let usage = turn.usage, let said = usageLine(usage) { out += "<sub>\(said)</sub>\n\n" }
        }
        return out
    }

    /// An attachment as a paragraph: an image (`![name](assets/…)`), a link to any other file, or
    /// its name and "not in the archive"; a generated image's prompt under it.
    static func attachment(_ file: Attachment, link: AssetLink?) -> String {
        let name = file.displayName(originalName: link?.originalName)
        let text = name.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
        var out: String
        if let link = link?.path {
            let target = link.contains(" ") ? "<\(link)>" : link
            out = file.kind == .image ? "![\(text)](\(target))" : "[\(text)](\(target))"
        } else {
            out = "_\(text): not in the archive_"
        }
        if let prompt = file.prompt?.split(whereSeparator: \.isNewline).joined(separator: " "), !prompt.isEmpty {
            out += "\n> \(prompt)"
        }
        return out + "\n\n"
    }

    /// A source as a list item's text: a Markdown link to its address when that is a web or
    /// mail address (`[title](url)`, the title's brackets escaped, the address in `<…>` when it
    /// holds a space or parenthesis), else the title and the address as text.
    static func sourceItem(_ source: SourceLink) -> String {
        var title = ""
        for character in source.title {
            if character.isNewline {
                title += " "
            } else {
                if "[]\\".contains(character) { title += "\\" }
                title.append(character)
            }
        }
        guard let url = source.url?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty else { return title }
        let scheme = url.prefix { $0 != ":" }.lowercased()
        guard ["http", "https", "mailto"].contains(scheme),
            !url.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" })
        else { return "\(title) — \(url.filter { !$0.isNewline })" }
        let needsBrackets = url.contains { $0 == " " || $0 == "(" || $0 == ")" }
        return "[\(title)](" + (needsBrackets ? "<\(url)>" : url) + ")"
    }

    /// An ISO-8601 UTC time for seconds since 1970.
    public static func iso(_ t: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: t))
    }
}
