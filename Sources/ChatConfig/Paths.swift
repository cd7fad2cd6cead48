import Foundation

/// Where chatterm keeps its data and reads its configuration (XDG base directories).
public struct Paths: Sendable, Equatable {
    /// The archive, cache and drafts (SQLite): `--data-dir`, else `$CHATTERM_HOME`, else
    /// `$XDG_DATA_HOME/chatterm`, else `~/.local/share/chatterm`.
    public var dataDirectory: URL
    /// `config.toml`, `keymap.toml`, `themes/` and `keymaps/`: `$XDG_CONFIG_HOME/chatterm`, else
    /// `~/.config/chatterm`.
    public var configDirectory: URL
    /// The bundled `Themes/` folder, when found (see ``bundledDirectory(named:executablePath:environment:)``).
    public var bundledThemes: URL?
    /// The bundled `Keymaps/` folder, when found.
    public var bundledKeymaps: URL?
    /// The bundled `Highlight/` folder (syntax definitions source-highlight lacks), when found.
    public var bundledHighlight: URL?

    /// Resolves the paths.
    /// - Parameters:
    ///   - dataDirOverride: The `--data-dir` option; `~` is expanded.
    ///   - environment: The process environment (`CHATTERM_HOME`, `XDG_DATA_HOME`, `XDG_CONFIG_HOME`,
    ///     `HOME`, `CHATTERM_SHARE`). Relative XDG paths are ignored, as the XDG specification says.
    ///   - executablePath: The running executable, to find the bundled folders.
    public init(
        dataDirOverride: String?, environment: [String: String],
        executablePath: String = Paths.currentExecutablePath
    ) {
        let home =
            Self.nonEmpty(environment["HOME"]).map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        func expand(_ path: String) -> URL {
            if path == "~" { return home }
            if path.hasPrefix("~/") { return home.appendingPathComponent(String(path.dropFirst(2))) }
            return URL(fileURLWithPath: path)
        }
        func xdg(_ variable: String) -> URL? {
            guard let value = Self.nonEmpty(environment[variable]), value.hasPrefix("/") else { return nil }
            return URL(fileURLWithPath: value)
        }
        if let override = Self.nonEmpty(dataDirOverride) {
            dataDirectory = expand(override)
        } else if let chattermHome = Self.nonEmpty(environment["CHATTERM_HOME"]) {
            dataDirectory = expand(chattermHome)
        } else {
            let base = xdg("XDG_DATA_HOME") ?? home.appendingPathComponent(".local/share")
            dataDirectory = base.appendingPathComponent("chatterm")
        }
        let configBase = xdg("XDG_CONFIG_HOME") ?? home.appendingPathComponent(".config")
        configDirectory = configBase.appendingPathComponent("chatterm")
        bundledThemes = Self.bundledDirectory(
            named: "Themes", executablePath: executablePath, environment: environment)
        bundledKeymaps = Self.bundledDirectory(
            named: "Keymaps", executablePath: executablePath, environment: environment)
        bundledHighlight = Self.bundledDirectory(
            named: "Highlight", executablePath: executablePath, environment: environment)
    }

    /// `config.toml` in the config folder (profiles: backend, model, theme, keymap).
    public var configFile: URL { configDirectory.appendingPathComponent("config.toml") }
    /// The user's keymap patch, `keymap.toml` in the config folder.
    public var userKeymapFile: URL { configDirectory.appendingPathComponent("keymap.toml") }
    /// Where `Theme.load` looks for `<name>.toml`: the user's `themes/`, then the bundled `Themes/`.
    public var themesSearchPath: [URL] {
        [configDirectory.appendingPathComponent("themes")] + (bundledThemes.map { [$0] } ?? [])
    }
    /// Where `Keymap.load` looks for `<name>.toml`: the user's `keymaps/`, then the bundled `Keymaps/`.
    public var keymapsSearchPath: [URL] {
        [configDirectory.appendingPathComponent("keymaps")] + (bundledKeymaps.map { [$0] } ?? [])
    }

    /// Finds a bundled folder (`Themes`, `Keymaps` or `Highlight`): `$CHATTERM_SHARE/<name>`, then
    /// `<exe>/../share/chatterm/<name>` (an install prefix), then walking up from the executable's
    /// folder to a folder holding both `Package.swift` and `<name>/` (a checkout running
    /// `.build/debug/chatterm`). Symbolic links in the executable's path are resolved first.
    public static func bundledDirectory(
        named name: String, executablePath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        if let share = nonEmpty(environment["CHATTERM_SHARE"]) {
            let url = URL(fileURLWithPath: share).appendingPathComponent(name)
            if isDirectory(url) { return url }
        }
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        let binFolder = executable.deletingLastPathComponent()
        let installed = binFolder.deletingLastPathComponent().appendingPathComponent("share/chatterm/\(name)")
        if isDirectory(installed) { return installed.standardizedFileURL }
        var folder = binFolder
        while true {
            let candidate = folder.appendingPathComponent(name)
            if isDirectory(candidate),
                FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
            {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The running executable's path (`/proc/self/exe` on Linux), else `argv[0]`.
    public static var currentExecutablePath: String {
        Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
