import CSourceHighlight
import Foundation

/// Which source-highlight definition file draws a fence's language: our aliases first (chat
/// answers write `py`, `ts`, `c++`, `yml`, `shell`), then source-highlight's own `lang.map`,
/// then a file of that name in its data directory. Languages source-highlight lacks (Swift,
/// TypeScript, YAML, TOML, Kotlin, Dockerfile) come from the `.lang` files in chatterm's
/// `Highlight/` folder.
enum HighlightLanguage {
    /// A definition: the folder it is in and its file name.
    struct Definition: Sendable, Hashable {
        var directory: String
        var file: String
    }

    /// source-highlight's data directory (its `.lang` files and `lang.map`).
    static let dataDirectory = String(cString: chl_data_directory())

    /// The definition files chatterm ships in `Highlight/`.
    static let bundledFiles: Set<String> = [
        "swift.lang", "typescript.lang", "yaml.lang", "toml.lang", "kotlin.lang", "dockerfile.lang",
    ]

    /// Fence names (lowercased) → definition file, before `lang.map` is asked.
    static let aliases: [String: String] = [
        "swift": "swift.lang",
        "typescript": "typescript.lang", "ts": "typescript.lang", "tsx": "typescript.lang",
        "mts": "typescript.lang", "cts": "typescript.lang",
        "yaml": "yaml.lang", "yml": "yaml.lang",
        "toml": "toml.lang",
        "kotlin": "kotlin.lang", "kt": "kotlin.lang", "kts": "kotlin.lang",
        "dockerfile": "dockerfile.lang", "docker": "dockerfile.lang", "containerfile": "dockerfile.lang",
        "python3": "python.lang", "py3": "python.lang",
        "jsx": "javascript.lang", "mjs": "javascript.lang", "cjs": "javascript.lang", "node": "javascript.lang",
        "c++": "cpp.lang", "objective-c": "cpp.lang", "objc": "cpp.lang", "cuda": "cpp.lang", "arduino": "cpp.lang",
        "c#": "csharp.lang", "golang": "go.lang", "rust": "rust.lang",
        "shell": "sh.lang", "console": "sh.lang", "shellsession": "sh.lang", "sh-session": "sh.lang",
        "zsh": "sh.lang", "fish": "sh.lang", "dash": "sh.lang",
        "jsonc": "json.lang", "json5": "json.lang", "geojson": "json.lang",
        "make": "makefile.lang", "mk": "makefile.lang",
        "postgres": "sql.lang", "postgresql": "sql.lang", "psql": "sql.lang", "mysql": "sql.lang",
        "sqlite": "sql.lang", "plsql": "sql.lang", "tsql": "sql.lang",
        "svg": "xml.lang", "xsd": "xml.lang", "plist": "xml.lang",
        "vue": "html.lang", "svelte": "html.lang",
        "perl": "perl.lang", "pl": "perl.lang",
        "ini": "desktop.lang", "cfg": "desktop.lang", "editorconfig": "desktop.lang",
        "protobuf": "proto.lang", "elisp": "lisp.lang", "emacs-lisp": "lisp.lang", "clojure": "lisp.lang",
        "ocaml": "caml.lang", "gradle": "groovy.lang", "dart": "java.lang",
    ]

    /// Names that mean "no language": drawn plain without asking anything.
    static let plain: Set<String> = ["", "text", "txt", "plaintext", "plain", "output", "none", "nohighlight"]

    /// The fence's language as a lookup name: lowercased, without `{.…}`/`lang-` decorations;
    /// nil when it holds characters no language name has (the name also names a file).
    static func normalized(_ fence: String) -> String? {
        var name = fence.lowercased().trimmingCharacters(in: .whitespaces)
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "{}."))
        if let comma = name.firstIndex(where: { $0 == "," || $0 == "{" || $0 == ":" }) {
            name = String(name[..<comma])
        }
        for prefix in ["language-", "lang-"] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789+#-_")
        guard name.unicodeScalars.allSatisfy({ allowed.contains($0) }) else { return nil }
        return name
    }

    /// The definition for a fence language, or nil to draw it plain. `bundled` is chatterm's
    /// `Highlight/` folder (nil when not found: its languages are then plain).
    static func definition(for fence: String, bundled: String?, dataDirectory: String) -> Definition? {
        guard let name = normalized(fence), !plain.contains(name) else { return nil }
        let file = aliases[name] ?? langMapFile(name) ?? "\(name).lang"
        if bundledFiles.contains(file) {
            guard let bundled else { return nil }
            return Definition(directory: bundled, file: file)
        }
        guard FileManager.default.fileExists(atPath: dataDirectory + "/" + file) else { return nil }
        return Definition(directory: dataDirectory, file: file)
    }

    /// What source-highlight's `lang.map` says for a name, if anything.
    private static func langMapFile(_ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = chl_lang_map_lookup(name, &buffer, buffer.count)
        guard length > 0 else { return nil }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
