import Crypto
import Foundation

/// The archive's `assets/` folder: every attachment's bytes once, named by their SHA-256
/// (`assets/ab/ab12….webp`), so the same image in two conversations, or imported twice, is
/// stored once.
struct AssetStore {
    /// The folder.
    let directory: URL

    /// What keeping one file did.
    struct Kept: Equatable {
        /// The SHA-256 of its bytes, in hex.
        var sha256: String
        /// Its size in bytes.
        var size: Int
        /// Its type, from its first bytes (nil when they say nothing chatterm knows).
        var mime: String?
        /// The file name extension it is stored under (without the dot; may be empty).
        var ext: String
        /// Whether the bytes were new to the folder (false: the same bytes were there already).
        var isNew: Bool
    }

    /// Where bytes with this hash and extension are kept.
    func url(sha256: String, ext: String) -> URL {
        let name = ext.isEmpty ? sha256 : "\(sha256).\(ext)"
        return directory.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(name)
    }

    /// Streams a file's bytes (handed to the consumer `read` gets, chunk by chunk) into the
    /// folder: to a temporary file while hashing, then moved to its content address, or dropped
    /// when the folder has those bytes already. `nameHint` (the export's name for it) gives the
    /// extension when the bytes do not. Memory stays at one chunk whatever the size.
    func keep(nameHint: String?, read: ((Data) throws -> Void) throws -> Void) throws -> Kept {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let incoming = directory.appendingPathComponent(".incoming-\(UUID().uuidString)")
        guard fm.createFile(atPath: incoming.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: incoming.path)
        else {
            throw AssetStoreError(reason: "cannot write in \(directory.path)")
        }
        var hasher = SHA256()
        var size = 0
        var head = Data()
        do {
            defer { try? handle.close() }
            try read { chunk in
                hasher.update(data: chunk)
                size += chunk.count
                if head.count < 32 { head.append(chunk.prefix(32 - head.count)) }
                try handle.write(contentsOf: chunk)
            }
        } catch {
            try? fm.removeItem(at: incoming)
            throw error
        }
        let sha = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let mime = FileSniffer.mimeType(of: head)
        let ext = FileSniffer.fileExtension(mime: mime, name: nameHint)
        let target = url(sha256: sha, ext: ext)
        if fm.fileExists(atPath: target.path) {
            try? fm.removeItem(at: incoming)
            return Kept(sha256: sha, size: size, mime: mime, ext: ext, isNew: false)
        }
        try fm.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        do {
            try fm.moveItem(at: incoming, to: target)
        } catch {
            try? fm.removeItem(at: incoming)
            // Another import may have kept the same bytes meanwhile.
            guard fm.fileExists(atPath: target.path) else { throw error }
            return Kept(sha256: sha, size: size, mime: mime, ext: ext, isNew: false)
        }
        return Kept(sha256: sha, size: size, mime: mime, ext: ext, isNew: true)
    }
}

/// Why an attachment could not be kept.
struct AssetStoreError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// What kind of file some bytes are, from their first bytes (exports name uploads and images
/// `file-….dat`, so the name says nothing).
enum FileSniffer {
    /// The MIME type the first bytes of a file show, or nil.
    static func mimeType(of head: Data) -> String? {
        let b = [UInt8](head.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + magic.count && Array(b[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF8".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if starts(Array("RIFF".utf8)), starts(Array("WAVE".utf8), at: 8) { return "audio/wav" }
        if starts(Array("BM".utf8)) { return "image/bmp" }
        if starts(Array("%PDF".utf8)) { return "application/pdf" }
        if starts(Array("ID3".utf8)) || starts([0xFF, 0xFB]) { return "audio/mpeg" }
        if starts(Array("OggS".utf8)) { return "audio/ogg" }
        if starts(Array("ftyp".utf8), at: 4) { return "video/mp4" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return "video/webm" }
        return nil
    }

    /// The extension to store a file under: the one its type has, else its name's (when that is
    /// a plain one, not `.dat`), else none.
    static func fileExtension(mime: String?, name: String?) -> String {
        let byType: [String: String] = [
            "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/bmp": "bmp",
            "audio/wav": "wav", "application/pdf": "pdf", "audio/mpeg": "mp3", "audio/ogg": "ogg",
            "video/mp4": "mp4", "application/zip": "zip", "video/webm": "webm",
        ]
        if let mime, let ext = byType[mime] { return ext }
        let ext = ((name ?? "") as NSString).pathExtension.lowercased()
        let plain = !ext.isEmpty && ext.count <= 8 && ext.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return plain && ext != "dat" ? ext : ""
    }
}
