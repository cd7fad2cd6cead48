import Foundation

/// One element of a message's `parts`: text, or an object such as an image pointer.
public enum ContentPart: Sendable, Hashable {
    /// Plain text.
    case text(String)
    /// An image, audio or other asset pointer, or any other object, kept verbatim.
    case object(type: String, raw: JSONValue)

    /// A one-line placeholder for a non-text part, e.g. `[image: file-xyz]`.
    public var placeholder: String {
        switch self {
        case .text(let s):
            return s
        case .object(let type, let raw):
            let pointer = raw["asset_pointer"]?.stringValue ?? raw["audio_asset_pointer"]?["asset_pointer"]?.stringValue
            let name = pointer.map(Self.shortPointer)
            let named = name.map { ": \($0)" } ?? ""
            switch type {
            case "image_asset_pointer": return "[image\(named)]"
            case "audio_transcription": return raw["text"]?.stringValue ?? "[audio]"
            case "audio_asset_pointer", "real_time_user_audio_video_asset_pointer": return "[audio\(named)]"
            default: return "[\(type)\(named)]"
            }
        }
    }

    /// The text of a `.text` part, or the placeholder of an object.
    public var displayText: String { placeholder }

    private static func shortPointer(_ pointer: String) -> String {
        if let range = pointer.range(of: "://") {
            return String(pointer[range.upperBound...])
        }
        return pointer
    }
}

/// What kind of content a message holds; open, with unknown kinds kept by name.
public enum ContentKind: Sendable, Hashable {
    case text
    case multimodalText
    case code
    case executionOutput
    case thoughts
    case reasoningRecap
    case userEditableContext
    case modelEditableContext
    case tetherQuote
    case tetherBrowsingDisplay
    case systemError
    case other(String)

    /// Parses a wire `content_type`.
    public init(_ type: String) {
        switch type {
        case "text": self = .text
        case "multimodal_text": self = .multimodalText
        case "code": self = .code
        case "execution_output": self = .executionOutput
        case "thoughts": self = .thoughts
        case "reasoning_recap": self = .reasoningRecap
        case "user_editable_context": self = .userEditableContext
        case "model_editable_context": self = .modelEditableContext
        case "tether_quote": self = .tetherQuote
        case "tether_browsing_display": self = .tetherBrowsingDisplay
        case "system_error": self = .systemError
        default: self = .other(type)
        }
    }
}

/// A message's `content` object: its type, its parts or text, and the raw object verbatim.
public struct MessageContent: Sendable, Hashable {
    /// The wire `content_type`.
    public var type: String
    /// The `parts` array, for `text` and `multimodal_text`.
    public var parts: [ContentPart]
    /// The `text` field (`code`, `execution_output`, `tether_quote`, ...) or `content` (`reasoning_recap`).
    public var text: String?
    /// The `language` of a `code` block.
    public var language: String?
    /// The whole content object as it came, so nothing unknown is lost.
    public var raw: JSONValue

    /// Creates content.
    public init(
        type: String, parts: [ContentPart] = [], text: String? = nil, language: String? = nil, raw: JSONValue = .null
    ) {
        self.type = type
        self.parts = parts
        self.text = text
        self.language = language
        self.raw = raw
    }

    /// Text content made of one string part.
    public static func text(_ s: String) -> MessageContent {
        MessageContent(
            type: "text", parts: [.text(s)],
            raw: .object(["content_type": .string("text"), "parts": .array([.string(s)])]))
    }

    /// The kind of content.
    public var kind: ContentKind { ContentKind(type) }

    /// The text a reader sees: parts joined (objects as placeholders), or the text field,
    /// or the thoughts' summaries and contents.
    public var displayText: String {
        if !parts.isEmpty {
            return parts.map(\.displayText).joined(separator: "\n")
        }
        if let text {
            if kind == .code {
                return "```\(language ?? "")\n\(text)\n```"
            }
            return text
        }
        if kind == .thoughts, let thoughts = raw["thoughts"]?.arrayValue {
            return thoughts.compactMap { t -> String? in
                let summary = t["summary"]?.stringValue
                let content = t["content"]?.stringValue
                return [summary, content].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
            }.joined(separator: "\n\n")
        }
        if case .other(let type) = kind {
            // Kept as it came; a reader is told what is there rather than shown nothing.
            return raw["result"]?.stringValue ?? "[\(type): a kind of content chatterm does not show yet]"
        }
        return ""
    }

    /// The text a reader sees beside the message's attachments: ``displayText`` without the
    /// placeholders of the parts that are files (``Attachment``), which are shown as files.
    public var textBesideAttachments: String {
        guard
            parts.contains(where: {
                if case .object(let type, let raw) = $0 { return Attachment(part: type, raw: raw) != nil }
                return false
            })
        else { return displayText }
        return parts.compactMap { part -> String? in
            if case .object(let type, let raw) = part, Attachment(part: type, raw: raw) != nil { return nil }
            return part.displayText
        }.joined(separator: "\n")
    }

    /// The text that full-text search indexes (same as `displayText`).
    public var searchableText: String { displayText }
}
