import ChatModel
import ChatProtocol
import Foundation

/// The attachments an export ships beside its conversations, and how each is named.
///
/// Exports have held them three ways: under their own names with the file id in front
/// (`file-AbC123-Screenshot.png`, 2023–2025), in `dalle-generations/` and `user-…/` folders
/// (`file_0000…-<uuid>.webp`), and since mid-2026 as `file-….dat` whose original names
/// `conversation_asset_file_names.json` maps. A message points at a file by id
/// (`file-service://file-AbC123`, `sediment://file_0000…`); the id is the front of the name.
enum ExportAssetFiles {
    /// The 2026 map from each shipped file to its original name.
    static let namesFile = "conversation_asset_file_names.json"

    /// Whether a zip entry may be an attachment: not JSON, not the export's HTML page.
    static func mayBeAttachment(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        guard !name.hasPrefix(".") else { return false }
        let ext = (name as NSString).pathExtension.lowercased()
        return ext != "json" && ext != "html" && ext != "htm"
    }

    /// The file id a shipped file's name starts with: `file-AbC123-Screenshot.png` →
    /// `file-AbC123`, `file_00000000ab12-4d2e….webp` → `file_00000000ab12`, `file-XyZ.dat` →
    /// `file-XyZ`; nil when the name starts with none.
    static func fileID(ofPath path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        guard name.hasPrefix("file-") || name.hasPrefix("file_") else { return nil }
        // `file-….dat` (2026) is named by the whole id.
        if name.lowercased().hasSuffix(".dat"), name.count > 9 { return String(name.dropLast(4)) }
        let body = name.dropFirst(5).prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return body.isEmpty ? nil : String(name.prefix(5)) + body
    }

    /// The name a shipped file had before the export named it: the map's entry for it (by
    /// name, path or id), else its own name without the file id in front, else nil when only
    /// the id and `.dat` are left.
    static func originalName(ofPath path: String, fileID: String, names: [String: String]) -> String? {
        let name = (path as NSString).lastPathComponent
        for key in [path, name, (name as NSString).deletingPathExtension, fileID] {
            if let original = names[key], !original.isEmpty { return original }
        }
        var rest = Substring(name.dropFirst(fileID.count))
        if rest.first == "-" || rest.first == "_" { rest = rest.dropFirst() }
        let stem = (String(rest) as NSString).deletingPathExtension
        let ext = (String(rest) as NSString).pathExtension.lowercased()
        guard !rest.isEmpty, ext != "dat", !stem.isEmpty, !Self.isUUID(stem) else { return nil }
        return String(rest)
    }

    /// Whether `s` is a UUID (the generated part of `dalle-generations/` names, not worth showing).
    static func isUUID(_ s: String) -> Bool { UUID(uuidString: s) != nil }

    /// Reads `conversation_asset_file_names.json`: an object from shipped name to original name
    /// (other shapes give nothing).
    static func names(in file: ExportFile?) -> [String: String] {
        guard let file, let json = SmallExportFile.read(file), let object = json.objectValue else { return [:] }
        var names: [String: String] = [:]
        for (key, value) in object {
            if let original = value.stringValue ?? value["name"]?.stringValue ?? value["file_name"]?.stringValue {
                names[key] = original
            }
        }
        return names
    }

    /// The attachments beside a bare `conversations.json` (an export unzipped into a folder):
    /// files named by id in its folder, `dalle-generations/` and `user-…/` below it, and the
    /// names map. Nothing else of the folder is read.
    static func beside(_ json: URL) -> ([ExportFile], ExportFile?) {
        let folder = json.deletingLastPathComponent()
        let fm = FileManager.default
        var files: [ExportFile] = []
        func add(_ url: URL, as relative: String) {
            guard fileID(ofPath: relative) != nil, mayBeAttachment(relative) else { return }
            files.append(Self.file(url, name: relative))
        }
        let top = (try? fm.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        for name in top {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                add(url, as: name)
            } else if name == "dalle-generations" || name.hasPrefix("user-") {
                for inner in ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
                    add(url.appendingPathComponent(inner), as: name + "/" + inner)
                }
            }
        }
        let namesURL = folder.appendingPathComponent(namesFile)
        let names = fm.fileExists(atPath: namesURL.path) ? Self.file(namesURL, name: namesFile) : nil
        return (files, names)
    }

    /// A file on disk read in chunks, named `name` in messages.
    static func file(_ url: URL, name: String) -> ExportFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
        return ExportFile(name: name, size: size) { consumer in
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw ImportError.unreadable(path: url.path, reason: "cannot open")
            }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: ExportSource.chunkSize), !chunk.isEmpty {
                try consumer(chunk)
            }
        }
    }
}
