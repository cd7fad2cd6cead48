import ArgumentParser
import ChatArchive
import ChatModel
import ChatProtocol
import ChatStore
import Foundation
import TerminalCanvas

/// `chatterm export`: Markdown or the original JSON, of one conversation or all.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export conversations as Markdown or their original JSON.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json
    }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var remote: RemoteOptions

    @Argument(help: "Conversation id (or a unique prefix); omit with --all.")
    var id: String?

    @Flag(help: "Export every conversation (active and archived).")
    var all = false

    @Option(help: "md or json.")
    var format: Format = .md

    @Flag(name: .customLong("all-branches"), help: "Markdown of every branch, not only the current one.")
    var allBranches = false

    @Flag(
        name: .customLong("with-assets"),
        help: "With --output: copy the attachments the Markdown links into an assets/ folder beside it.")
    var withAssets = false

    @Option(
        name: [.short, .customLong("output")],
        help: "File (one conversation) or folder (--all: one file per conversation, <date>-<title>-<id>.md|json).")
    var output: String?

    func validate() throws {
        if all == (id != nil) { throw ValidationError("give a conversation id or --all (not both)") }
        if withAssets && (output == nil || format != .md) {
            throw ValidationError("--with-assets copies attachments beside Markdown written with --output")
        }
    }

    func run() async throws {
        if let id {
            // With --base-url: export the server's current copy (cached on the way).
            try await remote.cacheRemoteConversation(id, global: global)
        } else if remote.baseURL != nil {
            warn("chatterm: --all exports the local archive; mirror the server first with `chatterm sync --base-url`")
        }
        try reportingErrors {
            let archive = try global.openArchiveForReading()
            if let id {
                let id = try resolveConversation(archive, id)
                let text = try render(archive, id)
                if let output {
                    let url = URL(fileURLWithPath: output)
                    try write(text, to: url)
                    if withAssets { try copyAssets(archive, [id], besideFolder: url.deletingLastPathComponent()) }
                } else {
                    writeToStandardOutput(text)
                }
                return
            }
            var rows: [ConversationSummary] = []
            for archived in [false, true] {
                let count = try archive.count(archived: archived)
                rows += try archive.summaries(archived: archived, offset: 0, limit: count)
            }
            let ids = rows.map(\.id)
            if let output {
                try exportFolder(archive, rows, to: URL(fileURLWithPath: output))
            } else if format == .json {
                var out = Data("[".utf8)
                for (i, id) in ids.enumerated() {
                    if i > 0 { out.append(Data(",\n".utf8)) }
                    out.append(try archive.rawJSON(id: id) ?? Data("null".utf8))
                }
                out.append(Data("]".utf8))
                Output.writeJSON(out)
            } else {
                for id in ids {
                    writeToStandardOutput(try render(archive, id))
                    say("\n---\n")
                }
            }
        }
    }

    /// One file per conversation in `folder`, named by ``ExportFileName`` (the same name on
    /// every export); Markdown files start with YAML front matter. Conversations only listed,
    /// never fetched (`chatterm ls --base-url`), are left out.
    private func exportFolder(_ archive: Archive, _ rows: [ConversationSummary], to folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create \(folder.path): \(error.localizedDescription)")
        }
        let whole = rows.filter { $0.nodeCount > 0 }
        let names = ExportFileName.names(
            whole.map { ExportFileName.Item(id: $0.id, title: $0.title, createTime: $0.createTime) })
        for row in whole {
            let text = try render(archive, row.id, frontMatter: MarkdownExport.FrontMatter(source: row.source))
            try write(text, to: folder.appendingPathComponent("\(names[row.id]!).\(format.rawValue)"))
        }
        if withAssets { try copyAssets(archive, whole.map(\.id), besideFolder: folder) }
        if whole.count < rows.count {
            warn(
                "left out \(rows.count - whole.count) conversations that were only listed; `chatterm sync` fetches them"
            )
        }
        say("exported \(whole.count) conversations to \(folder.path)")
    }

    private func render(
        _ archive: Archive, _ id: String, frontMatter: MarkdownExport.FrontMatter? = nil
    ) throws -> String {
        switch format {
        case .json:
            guard let raw = try archive.rawJSON(id: id) else { throw CLIError("no JSON stored for \(id)") }
            return String(decoding: raw, as: UTF8.self)
        case .md:
            guard let conversation = try archive.conversation(id: id) else { throw CLIError("cannot load \(id)") }
            let tree = ConversationTree(conversation)
            for repair in tree.repairs { warn("warning: \(id): repaired: \(repair)") }
            let assets = Self.assetLinks(archive, conversation)
            if allBranches { return MarkdownExport.allBranches(tree, frontMatter: frontMatter, assets: assets) }
            let leaf = try archive.branchMemory(for: id).mostRecent(among: tree.leaves) ?? tree.currentLeaf
            return MarkdownExport.branch(tree, leaf: leaf, frontMatter: frontMatter, assets: assets)
        }
    }

    /// The attachments of `conversation` the archive holds, linked as `assets/…` relative to the
    /// Markdown (the layout of the archive's own `assets/` folder, which `--with-assets` copies).
    static func assetLinks(_ archive: Archive, _ conversation: Conversation) -> MarkdownExport.AssetLinks {
        let root = archive.assetsDirectory.path + "/"
        return archive.localAssets(for: conversation.attachmentFileIDs).compactMapValues { local in
            guard local.path.hasPrefix(root) else { return nil }
            return MarkdownExport.AssetLink(
                path: "assets/" + local.path.dropFirst(root.count), originalName: local.originalName)
        }
    }

    /// Copies the attachments of the conversations `ids` into `folder/assets/`, laid out as
    /// their links say; a file already there is left as it is (its name is its content's hash).
    private func copyAssets(_ archive: Archive, _ ids: [String], besideFolder folder: URL) throws {
        let fm = FileManager.default
        var copied = 0
        var bytes: Int64 = 0
        for id in ids {
            guard let conversation = try archive.conversation(id: id) else { continue }
            let links = Self.assetLinks(archive, conversation)
            let locals = archive.localAssets(for: links.keys)
            for (fileID, link) in links {
                guard let source = locals[fileID] else { continue }
                let target = folder.appendingPathComponent(link.path)
                guard !fm.fileExists(atPath: target.path) else { continue }
                do {
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try fm.copyItem(atPath: source.path, toPath: target.path)
                    copied += 1
                    bytes += Int64(source.sizeBytes)
                } catch {
                    throw CLIError("cannot copy \(source.path) to \(target.path): \(error.localizedDescription)")
                }
            }
        }
        say(
            "copied \(copied) attachment\(copied == 1 ? "" : "s") (\(ByteCountText.text(bytes))) to \(folder.appendingPathComponent("assets").path)"
        )
    }

    /// Standard output: JSON with unsafe characters escaped; Markdown sanitised on a terminal,
    /// with control characters escaped visibly to a pipe (see ``Output``).
    private func writeToStandardOutput(_ text: String) {
        switch format {
        case .json: Output.writeJSON(Data(text.utf8))
        case .md: Output.write(text)
        }
    }

    /// A file: the same text as a pipe gets, so `cat` of it is safe too.
    private func write(_ text: String, to url: URL) throws {
        let safe: String
        switch format {
        case .json: safe = TextSanitizer.escapingInJSON(text)
        case .md: safe = TextSanitizer.escapeVisibly(text)
        }
        do {
            try Data(safe.utf8).write(to: url)
        } catch {
            throw CLIError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
