import Foundation

/// The protocol a profile speaks.
public enum BackendKind: String, Sendable, Hashable, CaseIterable {
    /// The ChatGPT web `backend-api` (chatgpt.com, or `chatterm serve`).
    case chatgpt
    /// A Dify app's chat API (`/v1/chat-messages`).
    case dify
    /// A Coze bot (`/v3/chat`, or the older `/open_api/v2/chat` stream).
    case coze
    /// Any OpenAI-compatible `/v1/chat/completions` server (Ollama, llama.cpp, vLLM, OpenAI).
    case openai
    /// The embedded offline server (the default with no configuration).
    case local

    /// Whether the service keeps the history (else chatterm keeps the tree in SQLite).
    public var keepsHistoryRemotely: Bool { self == .chatgpt || self == .dify }

    /// Whether a request without a token makes sense (local model servers, the embedded server).
    public var tokenOptional: Bool { self == .openai || self == .local }

    /// The base URL used when a profile gives none.
    public var defaultBaseURL: String? {
        switch self {
        case .chatgpt: "https://chatgpt.com"
        case .dify: "https://api.dify.ai/v1"
        case .coze: "https://api.coze.com"
        case .openai: "http://127.0.0.1:11434/v1"
        case .local: nil
        }
    }
}

/// A named way to reach a chat service: `[profiles.NAME]` in `config.toml`.
///
/// ```toml
/// default_profile = "qwen"
///
/// [profiles.qwen]
/// kind = "dify"                      # chatgpt | dify | coze | openai | local
/// base_url = "https://api.dify.ai/v1"
/// token_env = "DIFY_API_KEY"         # or token_file = "~/.config/chatterm/dify.key" (mode 0600)
/// user = "me"                        # dify/coze: the end-user id sent with requests
///
/// [profiles.ollama]
/// kind = "openai"
/// base_url = "http://localhost:11434/v1"
/// model = "llama3.2"
/// ```
public struct Profile: Sendable, Hashable {
    /// The profile's name (the table name); conversations it holds are stored under it.
    public var name: String
    /// The protocol.
    public var kind: BackendKind
    /// The service's base URL (nil: ``BackendKind/defaultBaseURL``).
    public var baseURL: String?
    /// The model to ask for.
    public var model: String?
    /// The environment variable holding the token.
    public var tokenEnv: String?
    /// A file holding the token (mode 0600; `~` expanded).
    public var tokenFile: String?
    /// A file holding a ChatGPT session cookie (chatgpt only).
    public var cookieFile: String?
    /// The Coze bot id.
    public var botID: String?
    /// The end-user id sent to Dify and Coze (default `chatterm`).
    public var user: String?
    /// The Coze API generation: `v3` (default) or `v2`.
    public var api: String?
    /// The ChatGPT send path (default `/backend-api/conversation`).
    public var conversationPath: String?
    /// ChatGPT: send `history_and_training_disabled`.
    public var historyDisabled: Bool
    /// A theme to use with this profile (the `--theme` flag wins).
    public var theme: String?
    /// A keymap to use with this profile (the `--keymap` flag wins).
    public var keymap: String?
    /// chatgpt: seconds a WebSocket answer's socket may stay silent before the answer is read
    /// from the conversation instead (`websocket_silence_seconds`); nil keeps the client's default.
    public var webSocketSilenceSeconds: Double?

    /// Creates a profile.
    public init(
        name: String, kind: BackendKind, baseURL: String? = nil, model: String? = nil, tokenEnv: String? = nil,
        tokenFile: String? = nil, cookieFile: String? = nil, botID: String? = nil, user: String? = nil,
        api: String? = nil, conversationPath: String? = nil, historyDisabled: Bool = false, theme: String? = nil,
        keymap: String? = nil, webSocketSilenceSeconds: Double? = nil
    ) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.model = model
        self.tokenEnv = tokenEnv
        self.tokenFile = tokenFile
        self.cookieFile = cookieFile
        self.botID = botID
        self.user = user
        self.api = api
        self.conversationPath = conversationPath
        self.historyDisabled = historyDisabled
        self.theme = theme
        self.keymap = keymap
        self.webSocketSilenceSeconds = webSocketSilenceSeconds
    }

    /// The variable read when the profile names none.
    public static let defaultTokenVariable = "CHATTERM_ACCESS_TOKEN"

    /// The base URL to use.
    public var effectiveBaseURL: String? { baseURL ?? kind.defaultBaseURL }

    /// Where the token comes from, for listings: `$VAR`, a file path, or `none`. Never the token.
    public var tokenSourceDescription: String {
        if let tokenFile { return tokenFile }
        if kind == .local { return "none" }
        return "$" + (tokenEnv ?? Self.defaultTokenVariable)
    }

    /// The token: from `token_file` when set, else from `token_env` (or `$CHATTERM_ACCESS_TOKEN`).
    /// Nil when none is set and the kind works without one (or a cookie file is given).
    /// - Throws: ``ProfileError`` with one line naming the profile and the variable or file.
    public func token(environment: [String: String], home: URL? = nil) throws -> String? {
        if let tokenFile {
            return try SecretFile.read(tokenFile, profile: name, home: home)
        }
        let variable = tokenEnv ?? Self.defaultTokenVariable
        if let value = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
            return value
        }
        if kind.tokenOptional || cookieFile != nil { return nil }
        throw ProfileError(profile: name, reason: .missingToken(variable: variable))
    }
}

/// Reading secrets from files: they must exist, be non-empty, and be readable by their owner only.
public enum SecretFile {
    /// The trimmed contents of `path` (`~` expanded against `home`).
    /// - Throws: ``ProfileError`` (unreadable, empty, or readable by group or others).
    public static func read(_ path: String, profile: String, home: URL? = nil) throws -> String {
        let expanded = expand(path, home: home)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: expanded),
            let data = FileManager.default.contents(atPath: expanded)
        else {
            throw ProfileError(profile: profile, reason: .unreadableTokenFile(path: expanded))
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw ProfileError(profile: profile, reason: .tokenFileTooOpen(path: expanded, mode: mode & 0o777))
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ProfileError(profile: profile, reason: .emptyTokenFile(path: expanded)) }
        return text
    }

    /// `path` with a leading `~` replaced by `home` (or the user's home folder).
    public static func expand(_ path: String, home: URL? = nil) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let base = home?.path ?? NSHomeDirectory()
        return base + String(path.dropFirst())
    }
}

/// Why a profile cannot be used: `profile "qwen": no token: set $DIFY_API_KEY or token_file`.
public struct ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// `config.toml` is not valid TOML, or an entry has the wrong type.
        case invalid(String)
        /// No profile of this name; the names there are.
        case unknown(available: [String])
        /// The token variable is unset or empty.
        case missingToken(variable: String)
        /// The token file cannot be read.
        case unreadableTokenFile(path: String)
        /// The token file is empty.
        case emptyTokenFile(path: String)
        /// The token file can be read by group or others.
        case tokenFileTooOpen(path: String, mode: Int)
        /// A required setting is missing (`bot_id` for coze, `model` for openai).
        case missingSetting(String)
    }

    /// The profile (or `config.toml` for file-level problems).
    public var profile: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(profile: String, reason: Reason) {
        self.profile = profile
        self.reason = reason
    }

    /// One line.
    public var description: String {
        let name = "profile \"\(profile)\""
        switch reason {
        case .invalid(let why): return "\(profile): \(why)"
        case .unknown(let available):
            let known = available.isEmpty ? "config.toml defines none" : "known: " + available.joined(separator: ", ")
            return "no \(name) (\(known))"
        case .missingToken(let variable):
            return "\(name): no token: set $\(variable) (or token_file in config.toml)"
        case .unreadableTokenFile(let path): return "\(name): cannot read the token file \(path)"
        case .emptyTokenFile(let path): return "\(name): the token file \(path) is empty"
        case .tokenFileTooOpen(let path, let mode):
            return
                "\(name): the token file \(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)"
        case .missingSetting(let key): return "\(name): \(key) is required"
        }
    }
}
