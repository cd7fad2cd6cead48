import Foundation

/// Finds the captured payloads in `../shared/fixtures/` beside the repository.
public enum Fixtures {
    /// The repository root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` beside the repository, or `CHATTERM_SHARED` when set.
    public static let sharedDirectory: URL = {
        if let env = ProcessInfo.processInfo.environment["CHATTERM_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// The fixtures folder, or nil (with a visible message) when `../shared` is absent.
    public static var directory: URL? {
        let url = sharedDirectory.appendingPathComponent("fixtures")
        if FileManager.default.fileExists(atPath: url.path) { return url }
        print("note: \(url.path) is absent; fixture tests are skipped")
        return nil
    }

    /// The bytes of a fixture file, or nil when fixtures are absent.
    public static func data(_ name: String) -> Data? {
        guard let dir = directory else { return nil }
        return FileManager.default.contents(atPath: dir.appendingPathComponent(name).path)
    }

    /// Whether the fixtures are present (for `.enabled(if:)`).
    public static var available: Bool { directory != nil }

    /// The object or array literal assigned to `const <name> =` in a JS fixture, sliced by
    /// bracket matching (strings and escapes respected), or nil when it cannot be found.
    public static func jsLiteral(named name: String, in source: String) -> Data? {
        guard let marker = source.range(of: "const \(name) =") else { return nil }
        let bytes = Array(source.utf8[marker.upperBound...])
        guard let start = bytes.firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) else {
            return nil
        }
        var depth = 0
        var inString = false
        var escaped = false
        for i in start..<bytes.count {
            let b = bytes[i]
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return Data(bytes[start...i]) }
            default: break
            }
        }
        return nil
    }
}
