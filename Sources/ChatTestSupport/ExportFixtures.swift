import ChatModel
import ChatProtocol
import Foundation

/// Builds conversation JSON in the export shape, for tests.
public enum TestJSON {
    /// One message node: `(id, parent, role, text)`.
    public typealias Spec = (id: String, parent: String?, role: String, text: String)

    /// A conversation object with a hidden-root mapping built from `nodes` (children are
    /// derived from parents, in order).
    public static func conversation(
        id: String, title: String? = "Title", updateTime: Double? = 100, archived: Bool = false,
        current: String? = nil, nodes: [Spec] = [("u1", nil, "user", "hello there")]
    ) -> [String: Any] {
        var mapping: [String: [String: Any]] = [
            "root": ["id": "root", "message": NSNull(), "parent": NSNull(), "children": [String]()]
        ]
        var order: [String] = ["root"]
        for node in nodes {
            let parent = node.parent ?? "root"
            mapping[node.id] = [
                "id": node.id,
                "message": [
                    "id": node.id, "author": ["role": node.role, "name": NSNull(), "metadata": [:]],
                    "create_time": 1.0, "content": ["content_type": "text", "parts": [node.text]],
                    "status": "finished_successfully", "metadata": [:], "recipient": "all",
                ] as [String: Any],
                "parent": parent, "children": [String](),
            ]
            order.append(node.id)
            var p = mapping[parent]!
            p["children"] = (p["children"] as! [String]) + [node.id]
            mapping[parent] = p
        }
        var object: [String: Any] = [
            "id": id, "conversation_id": id, "title": title ?? NSNull(), "create_time": 50.0,
            "update_time": updateTime ?? NSNull(), "mapping": mapping,
            "current_node": current ?? nodes.last?.id ?? "root", "is_archived": archived,
        ]
        object["default_model_slug"] = "gpt-4o"
        return object
    }

    /// `object` (a ``conversation(id:title:updateTime:archived:current:nodes:)``) with node
    /// `node`'s message made `multimodal_text` of `parts` (strings and objects such as image
    /// pointers), and `metadata` when given.
    public static func withParts(
        _ object: [String: Any], node: String, _ parts: [Any], metadata: [String: Any]? = nil
    ) -> [String: Any] {
        var object = object
        var mapping = object["mapping"] as! [String: [String: Any]]
        var entry = mapping[node]!
        var message = entry["message"] as! [String: Any]
        message["content"] = ["content_type": "multimodal_text", "parts": parts]
        if let metadata { message["metadata"] = metadata }
        entry["message"] = message
        mapping[node] = entry
        object["mapping"] = mapping
        return object
    }

    public static func data(_ object: Any) -> Data {
        try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// Decoded conversation and its raw bytes, ready for `upsert`.
    public static func item(
        id: String, title: String? = "Title", updateTime: Double? = 100, archived: Bool = false,
        nodes: [Spec] = [("u1", nil, "user", "hello there")]
    ) -> (Conversation, Data) {
        let raw = data(conversation(id: id, title: title, updateTime: updateTime, archived: archived, nodes: nodes))
        return (try! ConversationJSON.decode(raw), raw)
    }
}

/// A temporary folder removed when the value is released.
public final class TempDir {
    /// The folder.
    public let url: URL

    /// Creates an empty folder.
    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("chatstore-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `data` to `name` in the folder (creating folders on the way); returns its URL.
    public func file(_ name: String, _ data: Data) -> URL {
        let file = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! data.write(to: file)
        return file
    }
}

/// Writes a zip with stored (uncompressed) entries: enough for tests, no dependency.
public enum StoredZip {
    /// A zip holding `entries` (name, bytes), stored uncompressed.
    public static func make(_ entries: [(String, Data)]) -> Data {
        var out = Data()
        var central = Data()
        for (name, data) in entries {
            let offset = UInt32(out.count)
            let crc = crc32(data)
            let nameBytes = Data(name.utf8)
            // The fields a local header and its central directory entry share: version
            // needed, no flags, stored, no time or date, the CRC, both sizes, the name's length
            // and no extra field.
            var shared = Data()
            shared.le16(20)
            for _ in 0..<4 { shared.le16(0) }
            shared.le32(crc)
            shared.le32(UInt32(data.count))
            shared.le32(UInt32(data.count))
            shared.le16(UInt16(nameBytes.count))
            shared.le16(0)
            out.le32(0x0403_4B50)
            out.append(shared)
            out.append(nameBytes)
            out.append(data)
            central.le32(0x0201_4B50)
            central.le16(20)  // made by
            central.append(shared)
            for _ in 0..<3 { central.le16(0) }  // comment length, disk, internal attributes
            central.le32(0)  // external attributes
            central.le32(offset)
            central.append(nameBytes)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.le32(0x0605_4B50)
        out.le16(0)
        out.le16(0)
        out.le16(UInt16(entries.count))
        out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count))
        out.le32(centralOffset)
        out.le16(0)
        return out
    }

    /// The CRC-32 zip files use.
    public static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}

extension Data {
    fileprivate mutating func le16(_ v: UInt16) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    fileprivate mutating func le32(_ v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
}

/// `gen_export.py` from `../shared/tools`, or nil (with a visible note) when it or python3 is absent.
public enum GenExport {
    /// The generator script, when it is there.
    public static var tool: URL? {
        let url = Fixtures.sharedDirectory.appendingPathComponent("tools/gen_export.py")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("note: \(url.path) is absent; generated-export tests are skipped")
            return nil
        }
        return url
    }

    /// Whether the script and python3 can run (a note is printed when not).
    public static var available: Bool {
        guard tool != nil else { return false }
        let ok = run(["python3", "-c", "pass"]) == 0
        if !ok { print("note: python3 is absent; generated-export tests are skipped") }
        return ok
    }

    /// Runs gen_export.py; returns the output path.
    public static func generate(_ count: Int, to url: URL, extra: [String] = []) throws -> URL {
        let status = run(["python3", tool!.path, String(count), url.path] + extra)
        guard status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return url
    }

    /// Runs a command quietly; returns its exit status (-1 when it cannot start).
    @discardableResult
    public static func run(_ args: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        } catch {
            return -1
        }
    }
}
