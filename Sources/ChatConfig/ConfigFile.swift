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

    /// The file's text. It is read to its end, so a pipe (`<(…)`) or a device reads too.
    /// - Throws: the error `makeError` builds from the reason the file could not be read.
    func read(orThrow makeError: (String) -> any Error) throws -> String {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw makeError(Self.reason(error))
        }
        guard let text = String(data: data, encoding: .utf8) else { throw makeError("it is not UTF-8 text") }
        return text
    }

    /// The system's words for why a file could not be read ("Permission denied").
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        let posix = [error, error.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap { $0 }
            .first { $0.domain == NSPOSIXErrorDomain }
        guard let code = posix?.code else { return error.localizedDescription }
        return String(cString: strerror(Int32(code)))
    }

    /// Whether `text` holds nothing but white space (a named theme or keymap file that is
    /// empty is a mistake, such as `/dev/null`).
    static func isEmpty(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }
}
