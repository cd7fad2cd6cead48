import AsyncHTTPClient
import ChatConfig
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The configuration's lines of `chatterm doctor`: config.toml, keymap.toml, the bundled
/// themes and keymaps, then each profile (its token, whose it is, whether its server answers).
enum DoctorConfig {
    /// config.toml, keymap.toml and the bundled folders; and the profiles to check (nil when
    /// config.toml cannot be read).
    static func checks(paths: Paths) -> (checks: [DoctorCheck], profiles: [Profile]?) {
        func check(_ name: String, _ status: DoctorCheck.Status, _ detail: String, fix: String? = nil) -> DoctorCheck {
            DoctorCheck(section: "config", name: name, status: status, detail: detail, fix: fix)
        }
        var checks: [DoctorCheck] = []
        var profiles: [Profile]?
        let file = paths.configFile
        if !FileManager.default.fileExists(atPath: file.path) {
            checks.append(
                check(
                    "config.toml", .ok,
                    "There is none at \(file.path), so chatterm uses the local profile (the embedded server)."))
            profiles = []
        } else {
            do {
                let set = try ProfileSet.load(file: file)
                _ = try DisplaySettings.load(file: file)
                let names = set.profiles.map(\.name)
                checks.append(
                    check(
                        "config.toml", .ok,
                        "\(file.path) reads well: "
                            + (names.isEmpty ? "no profiles" : "profiles \(names.joined(separator: ", "))")
                            + ", default \(set.defaultName ?? "local")."))
                profiles = set.profiles
            } catch {
                checks.append(
                    check(
                        "config.toml", .problem, "\(error).",
                        fix:
                            "Correct \(file.path): TOML with [profiles.NAME] tables (see the README's profiles section)."
                    ))
            }
        }
        let keymapFile = paths.userKeymapFile
        if FileManager.default.fileExists(atPath: keymapFile.path) {
            do {
                _ = try Keymap.load(nameOrPath: nil, userOverride: keymapFile, searchPaths: paths.keymapsSearchPath)
                checks.append(check("keymap.toml", .ok, "\(keymapFile.path) reads well."))
            } catch {
                checks.append(
                    check(
                        "keymap.toml", .problem, "\(error).",
                        fix: "Correct \(keymapFile.path) (Keymaps/default.toml shows every action), or remove it."))
            }
        }
        if let themes = paths.bundledThemes, let keymaps = paths.bundledKeymaps {
            let folder = themes.deletingLastPathComponent().path
            let same = keymaps.deletingLastPathComponent().path == folder
            checks.append(
                check(
                    "themes and keymaps", .ok,
                    same
                        ? "The bundled ones are in \(folder)."
                        : "The bundled ones are in \(themes.path) and \(keymaps.path)."
                ))
        } else {
            checks.append(
                check(
                    "themes and keymaps", .problem,
                    "The bundled themes and keymaps are not beside the binary (bin/../share/chatterm), "
                        + "so --theme light and --keymap vim cannot be found.",
                    fix:
                        "Install with make install or the .deb, or set CHATTERM_SHARE to a folder holding Themes/ and Keymaps/."
                ))
        }
        return (checks, profiles)
    }

    /// Each profile's lines (the local one too, when config.toml names none): the token and whose
    /// it is, then, when `reach`, whether its base URL answers within `timeout`.
    static func profileChecks(
        _ profiles: [Profile], environment: [String: String], reach: Bool, timeout: TimeAmount
    ) async -> [DoctorCheck] {
        var all = profiles
        if !all.contains(where: { $0.name == "local" }) { all.append(Profile(name: "local", kind: .local)) }
        return await withTaskGroup(of: (Int, [DoctorCheck]).self) { group in
            for (index, profile) in all.enumerated() {
                group.addTask {
                    var checks = token(profile, environment: environment)
                    if reach, profile.kind != .local { checks.append(await reachable(profile, timeout: timeout)) }
                    return (index, checks)
                }
            }
            var results: [(Int, [DoctorCheck])] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// The profile's token: where it comes from, that its file is private, whose it is and
    /// whether it has run out. Never the token itself.
    static func token(_ profile: Profile, environment: [String: String], now: Date = Date()) -> [DoctorCheck] {
        let section = "profile \(profile.name)"
        guard profile.kind != .local else {
            return [
                DoctorCheck(
                    section: section, name: "server", status: .ok,
                    detail: "The embedded offline server: no token and no network needed.")
            ]
        }
        let token: String?
        do {
            token = try profile.token(environment: environment)
        } catch let error as ProfileError {
            return [
                DoctorCheck(section: section, name: "token", status: .problem, detail: "\(error).", fix: fix(error))
            ]
        } catch {
            return [DoctorCheck(section: section, name: "token", status: .problem, detail: "\(error).")]
        }
        guard let token else {
            let detail =
                profile.cookieFile.map { "None; a session cookie is read from \($0)." }
                ?? "None needed (\(profile.kind.rawValue) works without one)."
            return [DoctorCheck(section: section, name: "token", status: .ok, detail: detail)]
        }
        let source =
            profile.tokenFile.map { "from \(SecretFile.expand($0)), readable by you only" }
            ?? "from $\(profile.tokenEnv ?? Profile.defaultTokenVariable)"
        var checks = [DoctorCheck(section: section, name: "token", status: .ok, detail: "Present, \(source).")]
        if let claims = TokenClaims(token: token) {
            if let account = claims.account {
                checks.append(
                    DoctorCheck(section: section, name: "account", status: .ok, detail: "Signed in as \(account)."))
            }
            if let expires = claims.expires {
                let standing = TokenStanding(expires: expires, now: now)
                let status: DoctorCheck.Status
                switch standing {
                case .valid: status = .ok
                case .expiresSoon: status = .note
                case .expired: status = .problem
                }
                checks.append(
                    DoctorCheck(
                        section: section, name: "token expiry", status: status,
                        detail: "The token " + standing.sentence(now: now) + "."))
            }
        }
        return checks
    }

    /// What to do about a profile's token error.
    static func fix(_ error: ProfileError) -> String? {
        switch error.reason {
        case .missingToken(let variable):
            return "Set $\(variable), or token_file = \"PATH\" (a file of mode 0600) in the profile."
        case .tokenFileTooOpen(let path, _): return "Run chmod 600 \(path)."
        case .unreadableTokenFile(let path): return "Create \(path) holding the token, then chmod 600 \(path)."
        case .emptyTokenFile(let path): return "Put the token in \(path)."
        case .missingSetting(let key): return "Add \(key) to the profile in config.toml."
        case .invalid, .unknown: return nil
        }
    }

    /// Whether the profile's base URL answers an HTTP request (any status) within `timeout`.
    static func reachable(_ profile: Profile, timeout: TimeAmount) async -> DoctorCheck {
        let section = "profile \(profile.name)"
        guard let base = profile.effectiveBaseURL, let url = URL(string: base),
            url.scheme == "http" || url.scheme == "https", url.host != nil
        else {
            return DoctorCheck(
                section: section, name: "server", status: .problem,
                detail: "The base URL \(profile.effectiveBaseURL ?? "(none)") is not an http(s) address.",
                fix: "Set base_url = \"https://…\" in the profile.")
        }
        var request = HTTPClientRequest(url: base)
        request.method = .GET
        let started = ContinuousClock.now
        do {
            let response = try await HTTPClient.shared.execute(
                request, timeout: timeout,
                logger: Logger(label: "chatterm.doctor", factory: { _ in SwiftLogNoOpLogHandler() }))
            let elapsed = ContinuousClock.now - started
            let milliseconds = Int(
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            return DoctorCheck(
                section: section, name: "server", status: .ok,
                detail: "\(base) answered (HTTP \(response.status.code)) in \(milliseconds) ms.")
        } catch {
            let seconds = timeout.nanoseconds / 1_000_000_000
            return DoctorCheck(
                section: section, name: "server", status: .problem,
                detail: "\(base) did not answer within \(seconds) s: \(DoctorConfig.words(error)).",
                fix: "Check base_url in config.toml, that the server is running, and the network or proxy.")
        }
    }

    /// A transport error in words (AsyncHTTPClient's and NIO's describe themselves as code).
    static func words(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout: return "it timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .invalidURL, .emptyHost: return "the address is not a valid URL"
            default: return "the connection failed"
            }
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") {
            return "the connection was refused"
        }
        if text.contains("NXDOMAIN") || text.lowercased().contains("lookup") || text.contains("resolve") {
            return "its host name could not be looked up"
        }
        return "the connection failed"
    }
}
