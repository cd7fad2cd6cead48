import ChatModel
import ChatProtocol
import Foundation
import ZIPFoundation

/// One JSON file of an export: a zip entry or a file on disk, read in chunks.
struct ExportFile {
    /// The name shown in messages (`conversations-003.json`, or a path).
    var name: String
    /// Uncompressed size, when known.
    var size: Int64?
    /// Streams the bytes to `consumer` in chunks.
    var read: (_ consumer: (Data) throws -> Void) throws -> Void
}

extension ExportFile {
    /// Reads the file as a JSON array and hands each element that parses to `body`; returns a
    /// note when the file cannot be read to its end (the elements before were handed on).
    func forEachElement(_ body: (JSONValue) -> Void) -> ImportSkip? {
        var scanner = JSONArrayScanner()
        do {
            try read { chunk in
                try chunk.withUnsafeBytes { bytes in
                    try scanner.feed(bytes) { element in
                        if let value = try? FastJSON.parse(element) { body(value) }
                    }
                }
            }
            try scanner.finish()
            return nil
        } catch {
            return ImportSkip(id: nil, reason: "\(name): \(error)", damagedInput: true)
        }
    }
}

/// The files of an export chatterm reads.
struct ExportFiles {
    /// The conversation files, in order.
    var conversations: [ExportFile]
    /// Notes about anything left out.
    var notes: [ImportSkip] = []
    /// `model_comparisons.json`, when the export has one.
    var comparisons: ExportFile? = nil
    /// `message_feedback.json`, when the export has one.
    var feedback: ExportFile? = nil
    /// `shared_conversations.json`, when the export has one.
    var shared: ExportFile? = nil
    /// `user.json`, when the export has one.
    var user: ExportFile? = nil
    /// The files that may be attachments: every other file of the zip (or, beside a bare
    /// `conversations.json`, the files an export names by file id), in the export's order.
    var assets: [ExportFile] = []
    /// `conversation_asset_file_names.json` (2026: each `file-….dat` to its original name).
    var assetNames: ExportFile? = nil
}

/// Finds the conversation files of an export: a zip (single or sharded) or a bare JSON file.
enum ExportSource {
    /// Chunk size for reading; large enough that per-chunk overhead vanishes.
    static let chunkSize = 1 << 18

    /// The JSON files to import from `url`, in order, and notes about anything left out.
    static func files(at url: URL) throws -> ExportFiles {
        let path = url.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ImportError.unreadable(path: path, reason: "it is a folder")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            throw ImportError.unreadable(path: path, reason: reason)
        }
        let magic: Data
        do {
            magic = try handle.read(upToCount: 4) ?? Data()
            try handle.close()
        } catch {
            throw ImportError.unreadable(path: path, reason: "\(error)")
        }
        if magic.starts(with: [0x50, 0x4B]) || url.pathExtension.lowercased() == "zip" {
            return try zipFiles(url)
        }
        var files = ExportFiles(conversations: [jsonFile(url)])
        if url.lastPathComponent.hasPrefix("conversations") {
            (files.assets, files.assetNames) = ExportAssetFiles.beside(url)
        }
        return files
    }

    static func jsonFile(_ url: URL) -> ExportFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
        return ExportFile(name: url.lastPathComponent, size: size) { consumer in
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                throw ImportError.unreadable(path: url.path, reason: "cannot open")
            }
            defer { try? handle.close() }
            while true {
                let chunk: Data
                do {
                    guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return }
                    chunk = data
                } catch {
                    throw ImportError.unreadable(path: url.path, reason: "\(error)")
                }
                try consumer(chunk)
            }
        }
    }

    static func zipFiles(_ url: URL) throws -> ExportFiles {
        let zip: ZIPFoundation.Archive
        do {
            zip = try ZIPFoundation.Archive(url: url, accessMode: .read)
        } catch {
            throw ImportError.badZip(path: url.path)
        }
        var single: [Entry] = []
        var shards: [(number: Int, entry: Entry)] = []
        var manifest: Entry? = nil
        var comparisons: Entry? = nil
        var feedback: Entry? = nil
        var shared: Entry? = nil
        var user: Entry? = nil
        var assets: [Entry] = []
        var assetNames: Entry? = nil
        for entry in zip where entry.type == .file && !entry.path.contains("__MACOSX/") {
            let name = (entry.path as NSString).lastPathComponent
            if name == "conversations.json" {
                single.append(entry)
            } else if let number = shardNumber(name) {
                shards.append((number, entry))
            } else if name == "export_manifest.json" {
                manifest = entry
            } else if name == "model_comparisons.json" {
                comparisons = entry
            } else if name == "message_feedback.json" {
                feedback = entry
            } else if name == "shared_conversations.json" {
                shared = entry
            } else if name == "user.json" {
                user = entry
            } else if name == ExportAssetFiles.namesFile {
                assetNames = entry
            } else if ExportAssetFiles.mayBeAttachment(entry.path) {
                assets.append(entry)
            }
        }
        let entries = single + shards.sorted { $0.number < $1.number }.map(\.entry)
        guard !entries.isEmpty else { throw ImportError.noConversations(path: url.path) }
        var notes: [ImportSkip] = []
        if let manifest {
            let present = Set(entries.map { ($0.path as NSString).lastPathComponent })
            for listed in manifestShards(zip, manifest) where !present.contains(listed) {
                notes.append(
                    ImportSkip(
                        id: nil, reason: "export_manifest.json lists \(listed), which the zip lacks", damagedInput: true
                    ))
            }
        }
        return ExportFiles(
            conversations: entries.map { zipFile(zip, $0) }, notes: notes,
            comparisons: comparisons.map { zipFile(zip, $0) }, feedback: feedback.map { zipFile(zip, $0) },
            shared: shared.map { zipFile(zip, $0) }, user: user.map { zipFile(zip, $0) },
            assets: assets.map { zipFile(zip, $0) }, assetNames: assetNames.map { zipFile(zip, $0) })
    }

    /// A zip entry read in chunks, its checksum checked at the end.
    static func zipFile(_ zip: ZIPFoundation.Archive, _ entry: Entry) -> ExportFile {
        ExportFile(name: entry.path, size: Int64(exactly: entry.uncompressedSize)) { consumer in
            var crc = ZipChecksum()
            do {
                _ = try zip.extract(entry, bufferSize: chunkSize, skipCRC32: true) { chunk in
                    chunk.withUnsafeBytes { crc.update($0) }
                    do {
                        try consumer(chunk)
                    } catch {
                        throw PassThrough(error: error)
                    }
                }
            } catch let wrapped as PassThrough {
                throw wrapped.error
            } catch {
                throw ImportError.badFormat(file: entry.path, reason: "cannot extract it from the zip (\(error))")
            }
            guard crc.value == entry.checksum else {
                throw ImportError.badFormat(file: entry.path, reason: "checksum mismatch: the zip is damaged")
            }
        }
    }

    /// An error of the consumer, carried unchanged through ZIPFoundation.
    private struct PassThrough: Error {
        var error: any Error
    }

    /// `NNN` of `conversations-NNN.json`.
    static func shardNumber(_ name: String) -> Int? {
        let prefix = "conversations-"
        let suffix = ".json"
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else {
            return nil
        }
        let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// The conversation files a manifest names (any string naming one, anywhere in it).
    static func manifestShards(_ zip: ZIPFoundation.Archive, _ entry: Entry) -> [String] {
        var data = Data()
        guard (try? zip.extract(entry, consumer: { data.append($0) })) != nil,
            let json = try? FastJSON.parse(data)
        else { return [] }
        var names: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .string(let s):
                let name = (s as NSString).lastPathComponent
                if name == "conversations.json" || shardNumber(name) != nil { names.append(name) }
            case .array(let a): a.forEach(walk)
            case .object(let o): o.values.forEach(walk)
            default: break
            }
        }
        walk(json)
        return names
    }
}
