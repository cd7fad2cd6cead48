import Foundation
import TOMLKit
import TerminalCanvas

/// Keymap files: one table per ``KeyContext``, each entry an action and its keys.
///
/// ```toml
/// name = "vim"
/// inherits = "default"          # optional: start from another keymap, then patch it
/// [global]
/// force_quit = ["ctrl+q"]       # a list of keys (lazygit style)
/// search = "ctrl+k"             # or one key
/// [messages]
/// copy_message = "<disabled>"   # "<disabled>" or [] unbinds
/// ```
///
/// Only the listed actions change; every other binding comes from the base keymap.
extension Keymap {
    /// Parses a keymap file.
    /// - Parameters:
    ///   - toml: The file's text.
    ///   - name: The file name used in error messages, and the keymap's name unless the file sets
    ///     `name`.
    ///   - base: The keymap the file patches (nil: an empty keymap). An `inherits` line takes
    ///     precedence; here it can only name `default`, the built-in keymap.
    /// - Throws: ``KeymapError`` naming the file, the table and the entry.
    public static func parse(toml: String, name: String, base: Keymap?) throws -> Keymap {
        try parse(toml: toml, name: name, base: base) { parent in
            guard parent == Keymap.builtin.name else {
                throw KeymapError(
                    file: name, entry: "inherits", reason: .notFound(searched: ["the built-in keymap (default)"]))
            }
            return .builtin
        }
    }

    /// Loads the keymap to use: a built-in or bundled name (`vim`) or a path to a file, then the
    /// user's file patched over it.
    /// - Parameters:
    ///   - nameOrPath: A keymap name looked up as `<name>.toml` in `searchPaths`, or a path (holding
    ///     `/` or ending in `.toml`); nil means `default`. `default` is built in, so it loads even
    ///     when no folder holds `default.toml`.
    ///   - userOverride: The user's patch file (`$XDG_CONFIG_HOME/chatterm/keymap.toml`); ignored
    ///     when nil or absent. It keeps the chosen keymap's name.
    ///   - searchPaths: Folders holding `<name>.toml`, first match wins (see ``Paths``); also used
    ///     for `inherits`.
    /// - Throws: ``KeymapError``.
    public static func load(nameOrPath: String?, userOverride: URL?, searchPaths: [URL]) throws -> Keymap {
        var loading: [String] = []
        var keymap = try loadNamed(nameOrPath ?? Keymap.builtin.name, searchPaths: searchPaths, loading: &loading)
        if let userOverride, FileManager.default.fileExists(atPath: userOverride.path) {
            let file = ConfigFile(url: userOverride, label: userOverride.path, defaultName: keymap.name)
            let text = try file.read { KeymapError(file: file.label, reason: .unreadable($0)) }
            let chosenName = keymap.name
            keymap = try parse(toml: text, name: userOverride.path, base: keymap) { parent in
                try loadNamed(parent, searchPaths: searchPaths, loading: &loading)
            }
            keymap.name = chosenName
        }
        return keymap
    }

    private static func loadNamed(_ nameOrPath: String, searchPaths: [URL], loading: inout [String]) throws
        -> Keymap
    {
        guard !loading.contains(nameOrPath) else {
            throw KeymapError(
                file: loading.last ?? nameOrPath, entry: "inherits", reason: .inheritanceCycle(loading + [nameOrPath]))
        }
        guard let file = ConfigFile.locate(nameOrPath, searchPaths: searchPaths) else {
            if nameOrPath == Keymap.builtin.name { return .builtin }
            let searched = ConfigFile.candidates(for: nameOrPath, searchPaths: searchPaths).map(\.path)
            throw KeymapError(file: nameOrPath, reason: .notFound(searched: searched))
        }
        let text = try file.read { KeymapError(file: file.label, reason: .unreadable($0)) }
        guard !ConfigFile.isEmpty(text) else { throw KeymapError(file: file.label, reason: .empty) }
        loading.append(nameOrPath)
        defer { loading.removeLast() }
        var keymap = try parse(toml: text, name: file.label, base: nil) { parent in
            try loadNamed(parent, searchPaths: searchPaths, loading: &loading)
        }
        if keymap.name == file.label { keymap.name = file.defaultName }
        return keymap
    }

    static func parse(
        toml: String, name: String, base: Keymap?, inherit: (String) throws -> Keymap
    ) throws -> Keymap {
        let document: TOMLTable
        do {
            document = try TOMLDocument.parse(toml)
        } catch let error as TOMLDocument.SyntaxError {
            throw KeymapError(file: name, reason: .syntax(error.message))
        }
        var keymap = try base ?? Keymap(name: name, table: [:])
        if let parent = document["inherits"] {
            guard let parentName = parent.string else {
                throw KeymapError(file: name, entry: "inherits", reason: .invalidValue("\(parent.type)"))
            }
            keymap = try inherit(parentName)
        }
        if let fileName = document["name"] {
            guard let value = fileName.string else {
                throw KeymapError(file: name, entry: "name", reason: .invalidValue("\(fileName.type)"))
            }
            keymap.name = value
        } else {
            keymap.name = name
        }
        var changed: Set<Binding> = []
        for (tableName, value) in document where tableName != "name" && tableName != "inherits" {
            guard let context = KeyContext(rawValue: tableName) else {
                throw KeymapError(
                    file: name, table: value.table == nil ? nil : tableName,
                    entry: value.table == nil ? tableName : nil,
                    reason: value.table == nil ? .unknownSetting : .unknownContext)
            }
            guard let entries = value.table else {
                throw KeymapError(file: name, entry: tableName, reason: .unknownSetting)
            }
            for (entry, keys) in entries {
                guard let command = Command(rawValue: entry) else {
                    throw KeymapError(file: name, table: tableName, entry: entry, reason: .unknownAction)
                }
                guard command.contexts.contains(context) else {
                    throw KeymapError(
                        file: name, table: tableName, entry: entry, reason: .actionNotInContext(command.contexts))
                }
                let parsed = try parseKeys(keys) { reason in
                    KeymapError(file: name, table: tableName, entry: entry, reason: reason)
                }
                keymap.setKeys(parsed, for: command, in: context)
                changed.insert(Binding(context, command))
            }
        }
        try keymap.validate(file: name, changed: changed)
        return keymap
    }

    /// `"ctrl+g"`, `["j", "down"]`, `"<disabled>"` or `[]`.
    private static func parseKeys(
        _ value: any TOMLValueConvertible, error: (KeymapError.Reason) -> KeymapError
    ) throws -> [Key] {
        let names: [String]
        if let single = value.string {
            names = single == "<disabled>" ? [] : [single]
        } else if let list = value.array {
            names = try list.map { element in
                guard let name = element.string else { throw error(.invalidValue("a list holding \(element.type)")) }
                return name
            }
        } else {
            throw error(.invalidValue("\(value.type)"))
        }
        return try names.map { name in
            guard let key = Key(name: name) else { throw error(.unparseableKey(name)) }
            return key
        }
    }
}
