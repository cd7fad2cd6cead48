import Foundation

/// A file a message carries: an uploaded file or image, a generated image, or a recording.
///
/// Read from a message's `parts` (`image_asset_pointer`, `audio_asset_pointer`,
/// `real_time_user_audio_video_asset_pointer` objects) and from `metadata.attachments` (an upload's
/// name, type and size). The bytes are not in the conversation: an export ships them as files
/// beside it, which `chatterm import` copies into the archive; ``local`` says where, once the
/// store has looked it up.
public struct Attachment: Sendable, Hashable {
    /// What kind of file it is.
    public enum Kind: String, Sendable, Hashable {
        case image
        case audio
        case file
    }

    /// The service's file id (`file-AbC…`, `file_0000…`), from the pointer or the attachment's `id`.
    public var fileID: String?
    /// What kind of file it is.
    public var kind: Kind
    /// The file name the person uploaded, or the generated image's name, when known.
    public var name: String?
    /// The MIME type the message records (`image/png`, `application/pdf`), when it does.
    public var mimeType: String?
    /// Its size in bytes, as the message records it.
    public var sizeBytes: Int?
    /// Its pixel size, for images.
    public var width: Int?
    /// Its pixel size, for images.
    public var height: Int?
    /// The prompt a generated image was made from.
    public var prompt: String?
    /// Whether a tool made it (an image generation) rather than a person uploading it.
    public var isGenerated: Bool
    /// Where the archive keeps its bytes, when it does.
    public var local: LocalAsset?

    /// Creates an attachment.
    public init(
        fileID: String?, kind: Kind, name: String? = nil, mimeType: String? = nil, sizeBytes: Int? = nil,
        width: Int? = nil, height: Int? = nil, prompt: String? = nil, isGenerated: Bool = false,
        local: LocalAsset? = nil
    ) {
        self.fileID = fileID
        self.kind = kind
        self.name = name
        self.mimeType = mimeType
        self.sizeBytes = sizeBytes
        self.width = width
        self.height = height
        self.prompt = prompt
        self.isGenerated = isGenerated
        self.local = local
    }

    /// The file id a pointer names: `file-service://file-AbC` → `file-AbC`, `sediment://file_00ab`
    /// → `file_00ab` (anything after `#` or `?` dropped); nil when nothing is left.
    public static func fileID(fromPointer pointer: String) -> String? {
        var rest = Substring(pointer)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let cut = rest.firstIndex(where: { $0 == "#" || $0 == "?" }) { rest = rest[..<cut] }
        if let slash = rest.lastIndex(of: "/") { rest = rest[rest.index(after: slash)...] }
        return rest.isEmpty ? nil : String(rest)
    }

    /// The attachment an object part stands for, or nil when the part is not a file pointer.
    public init?(part type: String, raw: JSONValue) {
        switch type {
        case "image_asset_pointer":
            self.init(fileID: raw["asset_pointer"]?.stringValue.flatMap(Self.fileID(fromPointer:)), kind: .image)
            sizeBytes = raw["size_bytes"]?.countValue
            width = raw["width"]?.countValue
            height = raw["height"]?.countValue
            let metadata = raw["metadata"]
            prompt = Self.prompt(in: metadata)
            isGenerated = metadata?["dalle"]?.objectValue != nil || metadata?["generation"]?.objectValue != nil
        case "audio_asset_pointer":
            self.init(fileID: raw["asset_pointer"]?.stringValue.flatMap(Self.fileID(fromPointer:)), kind: .audio)
            sizeBytes = raw["size_bytes"]?.countValue
            mimeType = raw["format"]?.stringValue.map { "audio/\($0)" }
        case "real_time_user_audio_video_asset_pointer":
            guard let audio = raw["audio_asset_pointer"], let pointer = audio["asset_pointer"]?.stringValue else {
                return nil
            }
            self.init(fileID: Self.fileID(fromPointer: pointer), kind: .audio)
            sizeBytes = audio["size_bytes"]?.countValue
            mimeType = audio["format"]?.stringValue.map { "audio/\($0)" }
        default:
            return nil
        }
    }

    /// The attachment a `metadata.attachments` entry describes (`id`, `name`, `mime_type`, `size`,
    /// `width`, `height`), or nil when it names no file.
    public init?(metadataEntry entry: JSONValue) {
        let id = entry["id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let name = entry["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        guard id != nil || name != nil else { return nil }
        let mime = entry["mime_type"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let width = entry["width"]?.countValue
        let kind: Kind =
            mime?.hasPrefix("image/") == true || width != nil
            ? .image : mime?.hasPrefix("audio/") == true ? .audio : .file
        self.init(
            fileID: id, kind: kind, name: name, mimeType: mime, sizeBytes: entry["size"]?.countValue, width: width,
            height: entry["height"]?.countValue)
    }

    /// The prompt an image part's metadata records: `dalle.prompt` (DALL·E), or the newer
    /// generation's `prompt`/`revised_prompt`.
    static func prompt(in metadata: JSONValue?) -> String? {
        let candidates = [
            metadata?["dalle"]?["prompt"], metadata?["dalle"]?["revised_prompt"], metadata?["generation"]?["prompt"],
            metadata?["prompt"],
        ]
        for candidate in candidates {
            if let text = candidate?.stringValue, text.contains(where: { !$0.isWhitespace }) { return text }
        }
        return nil
    }

    /// The name a reader sees, as it came (unsanitised): the last path component of
    /// `originalName` (the export's name for the file, else the message's), unless that is a
    /// generated image's UUID (`dalle-generations/4f0c….webp`, nothing to read); else what it is
    /// (`Generated image`, `Image file_00ab`, `Recording …`, `File …`).
    public func displayName(originalName: String? = nil) -> String {
        if let original = originalName ?? name, !original.isEmpty {
            let base = (original as NSString).lastPathComponent
            if !(isGenerated && UUID(uuidString: (base as NSString).deletingPathExtension) != nil) { return base }
        }
        if isGenerated { return "Generated image" }
        let what =
            switch kind {
            case .image: "Image"
            case .audio: "Recording"
            case .file: "File"
            }
        return fileID.map { "\(what) \($0)" } ?? what
    }

    /// Takes what `other`, the same file described elsewhere in the message, knows and this does not.
    mutating func fill(from other: Attachment) {
        name = name ?? other.name
        mimeType = mimeType ?? other.mimeType
        sizeBytes = sizeBytes ?? other.sizeBytes
        width = width ?? other.width
        height = height ?? other.height
        prompt = prompt ?? other.prompt
        isGenerated = isGenerated || other.isGenerated
        if kind == .file { kind = other.kind }
    }
}

/// Where the archive keeps an attachment's bytes, and what it learnt of them.
public struct LocalAsset: Sendable, Hashable {
    /// The file's absolute path.
    public var path: String
    /// The name it had in the export (`dalle-generations/…webp`, `Screenshot_….jpg`).
    public var originalName: String?
    /// Its size in bytes.
    public var sizeBytes: Int
    /// Its MIME type, from its first bytes.
    public var mimeType: String?
    /// Its pixel size, for images whose header says.
    public var width: Int?
    /// Its pixel size, for images whose header says.
    public var height: Int?

    /// Creates a local asset.
    public init(
        path: String, originalName: String? = nil, sizeBytes: Int, mimeType: String? = nil, width: Int? = nil,
        height: Int? = nil
    ) {
        self.path = path
        self.originalName = originalName
        self.sizeBytes = sizeBytes
        self.mimeType = mimeType
        self.width = width
        self.height = height
    }
}

extension Message {
    /// The files the message carries: its pointer parts, merged with its `metadata.attachments`
    /// (which name uploads), each file once, in the order they appear.
    public var attachments: [Attachment] {
        var found: [Attachment] = []
        for case .object(let type, let raw) in content.parts {
            if let attachment = Attachment(part: type, raw: raw) { found.append(attachment) }
        }
        for entry in metadata["attachments"]?.arrayValue ?? [] {
            guard let attachment = Attachment(metadataEntry: entry) else { continue }
            if let id = attachment.fileID, let i = found.firstIndex(where: { $0.fileID == id }) {
                found[i].fill(from: attachment)
            } else {
                found.append(attachment)
            }
        }
        return found
    }
}

extension JSONValue {
    /// The number as a non-negative count (sizes, pixels), when it is one.
    var countValue: Int? {
        guard let number = doubleValue, let whole = Int(jsonNumber: number), whole >= 0 else { return nil }
        return whole
    }
}

extension Conversation {
    /// The file ids every message of every branch points at (each once).
    public var attachmentFileIDs: Set<String> {
        var ids: Set<String> = []
        for node in mapping.values {
            guard let message = node.message,
                message.content.type == "multimodal_text" || message.metadata["attachments"] != nil
            else { continue }
            for file in message.attachments { if let id = file.fileID { ids.insert(id) } }
        }
        return ids
    }
}

extension [Turn] {
    /// The turns with each attachment told where the archive keeps it (`assets`, by file id).
    public func locating(_ assets: [String: LocalAsset]) -> [Turn] {
        guard !assets.isEmpty else { return self }
        var turns = self
        for i in turns.indices {
            for j in turns[i].attachments.indices {
                if let id = turns[i].attachments[j].fileID { turns[i].attachments[j].local = assets[id] }
            }
        }
        return turns
    }
}
