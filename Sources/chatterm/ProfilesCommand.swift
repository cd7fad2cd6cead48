import ArgumentParser
import ChatArchive
import ChatClient
import ChatConfig
import Foundation

/// `chatterm profiles`: the profiles of config.toml, which one is the default, and where
/// each one's token comes from (never the token itself).
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "List the profiles in config.toml.",
        discussion: """
            Profiles live in $XDG_CONFIG_HOME/chatterm/config.toml as [profiles.NAME] tables with kind \
            (chatgpt, dify, coze, openai, local), base_url, model, token_env or token_file, bot_id, user. \
            `local` (the embedded offline server) is always there. With --check, each ChatGPT and Dify \
            profile's service is asked who its credentials sign in as.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Ask each ChatGPT and Dify service who the profile signs in as (all at once, 10 s at most).")
    var check = false

    func run() async throws {
        let paths = global.paths
        let set = try reportingErrors { try ProfileSet.load(file: paths.configFile) }
        var profiles = set.profiles
        if set.profile(named: "local") == nil { profiles.append(Profile(name: "local", kind: .local)) }
        let defaultName = set.defaultName ?? "local"
        let environment = ProcessInfo.processInfo.environment
        /// ok, none needed, missing, or refused with the reason.
        func tokenState(_ p: Profile) -> (state: String, why: String?) {
            do {
                return (try p.token(environment: environment) == nil ? "none needed" : "ok", nil)
            } catch let error as ProfileError {
                guard let why = Self.refusal(error.reason) else { return ("missing", nil) }
                return ("refused", why)
            } catch {
                return ("missing", nil)
            }
        }
        let now = Date()
        let checked = check ? await AccountCheck.run(profiles, paths: paths) : [:]
        /// The service's own account, when --check asked it and it answered.
        func asked(_ p: Profile) -> AccountInfo? {
            if case .account(let info)? = checked[p.name] { return info }
            return nil
        }
        /// Why --check could not ask the service, in words.
        func failure(_ p: Profile) -> String? {
            if case .failed(let why)? = checked[p.name] { return why }
            return nil
        }
        /// Who the token signs in and when it runs out, when it is a JWT (never the token).
        func tokenClaims(_ p: Profile) -> TokenClaims? {
            guard p.kind != .local, let token = try? p.token(environment: environment) else { return nil }
            return TokenClaims(token: token)
        }
        if json {
            let rows: [[String: Any]] = profiles.map { p in
                let token = tokenState(p)
                let claims = tokenClaims(p)
                let expires = claims?.expires ?? asked(p)?.expires
                let standing = expires.map { TokenStanding(expires: $0, now: now) }
                return [
                    "account": claims?.account ?? asked(p)?.who ?? NSNull(),
                    "account_check_failed_because": failure(p) ?? NSNull(),
                    "token_expires": expires.map { ISO8601DateFormatter().string(from: $0) } ?? NSNull(),
                    "token_standing": standing?.sentence(now: now) ?? NSNull(),
                    "name": p.name, "kind": p.kind.rawValue, "base_url": p.effectiveBaseURL ?? NSNull(),
                    "model": p.model ?? NSNull(), "token_source": p.tokenSourceDescription,
                    "token": token.state, "token_refused_because": token.why ?? NSNull(),
                    "default": p.name == defaultName,
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys, .prettyPrinted])
            Output.writeJSON(data)
            return
        }
        if set.profiles.isEmpty {
            say("no profiles in \(paths.configFile.path); using the embedded local server")
        }
        let nameWidth = max(4, profiles.map(\.name.count).max() ?? 0)
        for p in profiles {
            let mark = p.name == defaultName ? "*" : " "
            let name = p.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let kind = p.kind.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            var line = "\(mark) \(name)  \(kind)  \(p.effectiveBaseURL ?? "embedded")"
            if let model = p.model { line += "  model \(model)" }
            if let bot = p.botID { line += "  bot \(bot)" }
            if p.kind != .local {
                let token = tokenState(p)
                if token.state == "none needed", let cookie = p.cookieFile {
                    line += "  session cookie \(cookie)"
                } else {
                    line += "  token \(p.tokenSourceDescription) (\(token.why.map { "refused: \($0)" } ?? token.state))"
                }
            }
            let claims = tokenClaims(p)
            if let account = claims?.account ?? asked(p)?.who { line += "  signed in as \(account)" }
            if let why = failure(p) { line += "  (could not ask who: \(why))" }
            let standing = (claims?.expires ?? asked(p)?.expires).map { TokenStanding(expires: $0, now: now) }
            // A token's own expiry, else the session's (a cookie's, as the service said).
            let signIn = claims?.expires == nil ? "session" : "token"
            if let standing, !standing.warns { line += "  \(signIn) \(standing.sentence(now: now))" }
            say(line)
            // A sign-in about to run out, or out: a warning of its own, with what to do.
            if let standing, standing.warns { warn("chatterm: \(p.name)'s \(signIn) \(standing.sentence(now: now))") }
        }
        if let account = Self.importedAccount(paths: paths) {
            say("the archive holds the ChatGPT export of \(account.description)")
        }
    }

    /// The account whose export the archive holds, read without changing the archive.
    static func importedAccount(paths: Paths) -> ExportAccount? {
        let folder = paths.dataDirectory
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(Archive.fileName).path),
            let archive = try? Archive(readingOnly: folder)
        else { return nil }
        return try? archive.exportAccount()
    }

    /// Why a token file is refused, in words for the listing (so that it does not pass for a
    /// missing token), or nil when the problem is not the file.
    static func refusal(_ reason: ProfileError.Reason) -> String? {
        switch reason {
        case .tokenFileTooOpen(let path, let mode):
            "readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)"
        case .unreadableTokenFile: "the file cannot be read"
        case .emptyTokenFile: "the file is empty"
        default: nil
        }
    }
}
