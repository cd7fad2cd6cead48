import ChatModel
import Foundation
import TerminalCanvas

/// How an attachment reads in the message pane: one line with an icon, its name, type, size and
/// pixel size, then (for a generated image) its prompt, and a sentence when the archive does not
/// hold it.
public enum AttachmentText {
    /// The icon before an attachment: a camera for a photo or upload, a palette for a generated
    /// image, a note for audio, a page for any other file (each two columns wide everywhere).
    public static func icon(_ attachment: Attachment) -> String {
        switch attachment.kind {
        case .image: attachment.isGenerated ? "🎨" : "📷"
        case .audio: "🎵"
        case .file: "📄"
        }
    }

    /// The name to show: the file's original name (its last path component), else the name the
    /// message gives, else what it is.
    public static func name(_ attachment: Attachment) -> String {
        TextSanitizer.cleanLine(attachment.displayName(originalName: attachment.local?.originalName))
    }

    /// The type in words (`PNG image`, `PDF document`, `WAV audio`), from the bytes the archive
    /// holds, else the type the message records; nil when neither says.
    public static func typeName(_ attachment: Attachment) -> String? {
        guard let mime = attachment.local?.mimeType ?? attachment.mimeType else { return nil }
        let known: [String: String] = [
            "image/png": "PNG image", "image/jpeg": "JPEG image", "image/gif": "GIF image", "image/webp": "WebP image",
            "image/bmp": "BMP image", "application/pdf": "PDF document", "audio/wav": "WAV audio",
            "audio/x-wav": "WAV audio", "audio/mpeg": "MP3 audio", "audio/ogg": "Ogg audio", "video/mp4": "MP4 video",
            "video/webm": "WebM video", "application/zip": "zip archive", "text/plain": "text",
            "text/csv": "CSV table", "text/markdown": "Markdown text",
        ]
        if let name = known[mime.lowercased()] { return name }
        let parts = mime.lowercased().split(separator: "/")
        guard parts.count == 2 else { return nil }
        let sub = TextSanitizer.cleanLine(String(parts[1]))
        switch parts[0] {
        case "image": return "\(sub) image"
        case "audio": return "\(sub) audio"
        case "video": return "\(sub) video"
        default: return nil
        }
    }

    /// The first line: `📷 Screenshot.png · PNG image · 1.2 MB · 1024×768`, or with
    /// `— not in the archive` when the archive does not hold the file.
    public static func summary(_ attachment: Attachment) -> String {
        var fields = [icon(attachment) + " " + name(attachment)]
        if let type = typeName(attachment) { fields.append(type) }
        if let size = attachment.local?.sizeBytes ?? attachment.sizeBytes {
            fields.append(ByteCountText.text(Int64(size)))
        }
        // The file's own header first (the archive holds it), else what the message recorded.
        if let width = attachment.local?.width ?? attachment.width,
            let height = attachment.local?.height ?? attachment.height, width > 0, height > 0
        {
            fields.append("\(width)×\(height)")
        }
        let line = fields.joined(separator: " · ")
        return attachment.local == nil ? line + " — not in the archive" : line
    }

    /// The generated image's prompt, quoted on one line, or nil.
    public static func prompt(_ attachment: Attachment) -> String? {
        guard let prompt = attachment.prompt else { return nil }
        let flat = prompt.split(whereSeparator: \.isNewline).map { TextSanitizer.cleanLine(String($0)) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return flat.isEmpty ? nil : "“\(flat)”"
    }
}
