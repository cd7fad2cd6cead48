import Foundation

/// The repository's folders and scratch folders for the ChatConfig tests.
enum TestFiles {
    /// The repository root, found from this file's path.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ChatConfigTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let keymaps = repoRoot.appendingPathComponent("Keymaps")
    static let themes = repoRoot.appendingPathComponent("Themes")

    static func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// A fresh empty folder holding the given files (name → text).
    static func scratch(_ files: [String: String] = [:]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("chatconfig-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }
}
