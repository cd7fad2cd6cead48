import ChatModel
import Foundation

/// Dify's extras in the forms every service's answers share, so the pane, `show` and exports
/// show them as they show ChatGPT's: knowledge-base documents as ``ChatModel/Message/sources``,
/// files as `metadata.attachments`, your rating as ``ChatModel/Message/feedback``.
extension DifyAnswerParts {
    /// The sources of a `retriever_resources` array, in `position` order (array order for
    /// ties), each once: titled with the document's name (else the dataset's), the dataset
    /// as its attribution, no address (a knowledge-base segment has none), the segment's
    /// `content` as its snippet and its `score`. Entries naming neither are left out.
    public static func sources(_ resources: JSONValue?) -> [SourceLink] {
        let entries = (resources?.arrayValue ?? []).enumerated()
            .sorted { (position($0.element) ?? $0.offset, $0.offset) < (position($1.element) ?? $1.offset, $1.offset) }
        var found: [SourceLink] = []
        for (_, entry) in entries {
            let document = string(entry["document_name"])?.trimmingCharacters(in: .whitespacesAndNewlines)
            let dataset = string(entry["dataset_name"])?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let title = [document, dataset].compactMap({ $0 }).first(where: { !$0.isEmpty }) else { continue }
            let attribution = dataset.flatMap { $0.isEmpty || $0 == title ? nil : $0 }
            let snippet = string(entry["content"])?.trimmingCharacters(in: .whitespacesAndNewlines)
            let source = SourceLink(
                title: title, attribution: attribution, snippet: snippet.flatMap { $0.isEmpty ? nil : $0 },
                score: entry["score"]?.doubleValue)
            if !found.contains(source) { found.append(source) }
        }
        return found
    }

    /// Your thumb in a `feedback` object: `up` for `{"rating": "like"}`, `down` for
    /// `dislike`; nil for anything else.
    public static func thumb(_ feedback: JSONValue?) -> String? {
        switch feedback?["rating"]?.stringValue {
        case "like": "up"
        case "dislike": "down"
        default: nil
        }
    }

    /// `message_files` entries as backend-api `metadata.attachments` entries (`id`, `name`,
    /// `mime_type`, `size`), which ``ChatModel/Message/attachments`` reads: the name is the
    /// file's `filename`, else the last part of its `url`'s path; the type its `mime_type`,
    /// else one told by its `type` and the name's extension. Entries without an id or a name
    /// are left out.
    public static func attachmentEntries(_ files: [JSONValue]) -> [JSONValue] {
        files.compactMap { file -> JSONValue? in
            var entry: [String: JSONValue] = [:]
            let name = string(file["filename"]) ?? string(file["url"]).flatMap(fileName(inURL:))
            if let id = string(file["id"]) { entry["id"] = .string(id) }
            if let name { entry["name"] = .string(name) }
            guard !entry.isEmpty else { return nil }
            let mime = string(file["mime_type"]) ?? mimeType(type: string(file["type"]), name: name)
            if let mime { entry["mime_type"] = .string(mime) }
            if let size = integer(file["size"]), size >= 0 { entry["size"] = .number(Double(size)) }
            return .object(entry)
        }
    }

    /// The last component of a URL's path (no query or fragment); nil when empty.
    static func fileName(inURL url: String) -> String? {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        guard let slash = rest.lastIndex(of: "/") else { return nil }
        let name = rest[rest.index(after: slash)...]
        return name.isEmpty ? nil : String(name)
    }

    /// A MIME type for a Dify file `type` (`image`, `audio`, `video`, `document`) and name:
    /// the well-known type of its extension, else `<type>/<extension>` for media.
    static func mimeType(type: String?, name: String?) -> String? {
        let ext = name.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        let known = [
            "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
            "svg": "image/svg+xml", "pdf": "application/pdf", "mp3": "audio/mpeg", "wav": "audio/wav",
            "mp4": "video/mp4", "txt": "text/plain", "md": "text/markdown", "csv": "text/csv",
        ]
        if let mime = known[ext] { return mime }
        guard let type, ["image", "audio", "video"].contains(type) else { return nil }
        guard !ext.isEmpty, ext.count <= 8, ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return nil
        }
        return "\(type)/\(ext)"
    }
}
