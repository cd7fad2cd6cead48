import Foundation

/// The server's bearer token, kept in a 0600 file in the data folder.
public enum ServerToken {
    /// The token file's name.
    public static let fileName = "server-token"

    /// The token in `directory`, creating the folder (0700) and a new random token file
    /// (0600) on first use.
    /// - Throws: ``ServerTokenError`` when the file can be read by group or others (the
    ///   client refuses such token files too), or cannot be written.
    public static func loadOrCreate(in directory: URL) throws -> String {
        let fm = FileManager.default
        let url = directory.appendingPathComponent(fileName)
        if let attributes = try? fm.attributesOfItem(atPath: url.path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
        {
            throw ServerTokenError.readableByOthers(path: url.path, mode: mode & 0o777)
        }
        if let data = fm.contents(atPath: url.path) {
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !token.isEmpty { return token }
        }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let token = generate()
        guard
            fm.createFile(atPath: url.path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw ServerTokenError.cannotWrite(path: url.path) }
        return token
    }

    /// A fresh random token: `ct-` and 64 hex digits (256 bits from the system generator).
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        let hex = (0..<4).map { _ in
            let s = String(rng.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return "ct-" + hex.joined()
    }
}

/// Why the server's token file cannot be used.
public enum ServerTokenError: Error, Equatable, CustomStringConvertible {
    /// The file can be read (or written) by group or others: anyone on the machine could use the token.
    case readableByOthers(path: String, mode: Int)
    /// A new token file cannot be created.
    case cannotWrite(path: String)

    /// One line.
    public var description: String {
        switch self {
        case .readableByOthers(let path, let mode):
            return
                "the token file \(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)"
        case .cannotWrite(let path):
            return "cannot write the token file \(path)"
        }
    }
}
