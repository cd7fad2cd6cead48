import Foundation

/// Finding a named keymap or theme file: `<name>.toml` in the search folders, or a path.
struct ConfigFile {
    /// Where the file is.
    var url: URL
    /// How errors name it: the path when given as a path, else `<name>.toml`.
    var label: String
    /// The name the loaded keymap or theme gets unless the file sets `name`.
    var defaultName: String

    /// Whether the string is a path (holds `/` or ends in `.toml`) rather than a name.
    static func isPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
    }

    /// The candidate files for a name or path, in search order.
    static func candidates(for nameOrPath: String, searchPaths: [URL]) -> [URL] {
        if isPath(nameOrPath) {
            let expanded = (nameOrPath as NSString).expandingTildeInPath
            return [URL(fileURLWithPath: expanded)]
        }
        return searchPaths.map { $0.appendingPathComponent(nameOrPath + ".toml") }
    }

    /// The first existing candidate, or nil.
    static func locate(_ nameOrPath: String, searchPaths: [URL]) -> ConfigFile? {
        guard
            let url = candidates(for: nameOrPath, searchPaths: searchPaths).first(where: {
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            })
        else { return nil }
        if isPath(nameOrPath) {
            return ConfigFile(url: url, label: url.path, defaultName: url.deletingPathExtension().lastPathComponent)
        }
        return ConfigFile(url: url, label: url.lastPathComponent, defaultName: nameOrPath)
    }

    /// The file's text.
    /// - Throws: the error `makeError` builds from the reason the file could not be read.
    func read(orThrow makeError: (String) -> any Error) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw makeError(error.localizedDescription)
        }
    }
}
