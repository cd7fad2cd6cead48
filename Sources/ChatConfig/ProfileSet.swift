import Foundation
import TOMLKit

/// The profiles of `config.toml`, sorted by name, and which one is the default.
public struct ProfileSet: Sendable, Hashable {
    /// The profiles, sorted by name.
    public var profiles: [Profile]
    /// `default_profile`, when set.
    public var defaultName: String?

    /// Creates a set.
    public init(profiles: [Profile] = [], defaultName: String? = nil) {
        self.profiles = profiles
        self.defaultName = defaultName
    }

    /// The profile named `name`.
    public func profile(named name: String) -> Profile? {
        profiles.first { $0.name == name }
    }

    /// The profile to use: `name` when given, else `default_profile`, else nil (the embedded
    /// default). - Throws: ``ProfileError/Reason/unknown(available:)`` for a name not defined.
    public func select(_ name: String?) throws -> Profile? {
        guard let wanted = name ?? defaultName else { return nil }
        if let profile = profile(named: wanted) { return profile }
        if wanted == "local" { return Profile(name: "local", kind: .local) }
        throw ProfileError(profile: wanted, reason: .unknown(available: profiles.map(\.name)))
    }

    /// Loads `file`; a missing file is an empty set.
    /// - Throws: ``ProfileError`` naming the file for unreadable or invalid TOML.
    public static func load(file: URL) throws -> ProfileSet {
        guard FileManager.default.fileExists(atPath: file.path) else { return ProfileSet() }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ProfileError(profile: file.path, reason: .invalid("cannot read: \(error.localizedDescription)"))
        }
        return try parse(toml: text, file: file.path)
    }

    /// Parses the text of `config.toml` (`file` names it in errors). Unknown top-level
    /// keys are left for other readers; unknown keys inside a profile are errors, so a
    /// typo (`tokn_env`) is caught instead of silently ignored.
    public static func parse(toml: String, file: String = "config.toml") throws -> ProfileSet {
        let document: TOMLTable
        do {
            document = try TOMLDocument.parse(toml)
        } catch let error as TOMLDocument.SyntaxError {
            throw ProfileError(profile: file, reason: .invalid(error.message))
        }
        var set = ProfileSet()
        if let value = document["default_profile"] {
            guard let name = value.string else {
                throw ProfileError(profile: file, reason: .invalid("default_profile must be a string"))
            }
            set.defaultName = name
        }
        guard let table = document["profiles"] else { return set }
        guard let profiles = table.table else {
            throw ProfileError(profile: file, reason: .invalid("profiles must be a table of [profiles.NAME] tables"))
        }
        for name in profiles.keys {
            guard let entry = profiles[name]?.table else {
                throw ProfileError(profile: file, reason: .invalid("profiles.\(name) must be a table"))
            }
            set.profiles.append(try profile(name: name, entry, file: file))
        }
        if let wanted = set.defaultName, set.profile(named: wanted) == nil, wanted != "local" {
            throw ProfileError(
                profile: file,
                reason: .invalid(
                    "default_profile \"\(wanted)\" is not defined (profiles: \(set.profiles.map(\.name).joined(separator: ", ")))"
                ))
        }
        return set
    }

    private static let stringKeys: Set<String> = [
        "kind", "base_url", "model", "token_env", "token_file", "cookie_file", "bot_id", "user", "api",
        "conversation_path", "theme", "keymap",
    ]

    private static func profile(name: String, _ entry: TOMLTable, file: String) throws -> Profile {
        func fail(_ why: String) -> ProfileError {
            ProfileError(profile: file, reason: .invalid("profiles.\(name): \(why)"))
        }
        var strings: [String: String] = [:]
        var historyDisabled = false
        var silence: Double?
        for key in entry.keys {
            guard let value = entry[key] else { continue }
            if key == "history_disabled" {
                guard let flag = value.bool else { throw fail("history_disabled must be true or false") }
                historyDisabled = flag
                continue
            }
            if key == "websocket_silence_seconds" {
                guard let seconds = value.double ?? value.int.map(Double.init), (1...600).contains(seconds) else {
                    throw fail("websocket_silence_seconds must be a number of seconds from 1 to 600")
                }
                silence = seconds
                continue
            }
            guard stringKeys.contains(key) else {
                throw fail(
                    "unknown key \(key) (known: \(stringKeys.sorted().joined(separator: ", ")), history_disabled, "
                        + "websocket_silence_seconds)")
            }
            guard let string = value.string else { throw fail("\(key) must be a string") }
            strings[key] = string
        }
        guard let kindName = strings["kind"] else {
            throw fail("kind is required (\(BackendKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let kind = BackendKind(rawValue: kindName.lowercased()) else {
            throw fail(
                "kind \"\(kindName)\" is not one of \(BackendKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let api = strings["api"], !["v2", "v3"].contains(api) { throw fail("api must be v2 or v3") }
        return Profile(
            name: name, kind: kind, baseURL: strings["base_url"], model: strings["model"],
            tokenEnv: strings["token_env"], tokenFile: strings["token_file"], cookieFile: strings["cookie_file"],
            botID: strings["bot_id"], user: strings["user"], api: strings["api"],
            conversationPath: strings["conversation_path"], historyDisabled: historyDisabled, theme: strings["theme"],
            keymap: strings["keymap"], webSocketSilenceSeconds: silence)
    }
}
