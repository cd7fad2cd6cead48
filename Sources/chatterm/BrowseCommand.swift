import ArgumentParser
import ChatArchive
import ChatClient
import ChatConfig
import ChatStore
import CursesTerminal
import Foundation
import TerminalCanvas

/// The full-screen browser (the default command).
struct BrowseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse", abstract: "Open the full-screen browser (the default).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var backend: BackendOptions

    @Option(help: "Theme name (dark, light, high-contrast) or a .toml path.")
    var theme: String?

    @Option(help: "Keymap name (default, vim, emacs) or a .toml path.")
    var keymap: String?

    @Option(help: "Open this conversation (id or unique prefix) at start.")
    var open: String?

    @MainActor
    func run() async throws {
        var setup = try reportingErrors { try makeSetup() }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            warn("chatterm: the browser needs a terminal; try `chatterm ls` or `chatterm show ID`")
            throw ExitCode(1)
        }
        if let why = CursesScreen.unsupportedTerminalReason(environment: ProcessInfo.processInfo.environment) {
            warn(
                "chatterm: \(why); the commands work on any terminal: chatterm ls, chatterm show ID, chatterm search TEXT"
            )
            throw ExitCode(1)
        }
        do {
            setup.connection = try await backend.connect(paths: global.paths, archive: setup.archive)
            if backend.remote.model == nil, let saved = try? setup.archive.setting(Reducer.modelSetting) {
                setup.connection?.info.model = saved  // the model picked last time (m)
            }
        } catch {
            warn("chatterm: \(error)")
            throw ExitCode(1)
        }
        let holder = ConnectionHolder(setup.connection)
        let profiles = (try? ProfileSet.load(file: global.paths.configFile)) ?? ProfileSet()
        setup.profiles = Self.choices(profiles, current: setup.connection?.info)
        var settings = try backend.embeddedSettings()
        settings.archive = setup.archive  // the browser's: the embedded server stores each conversation once
        let (paths, embedded) = (global.paths, settings)
        setup.connectProfile = { name in
            let connection = try await holder.connection(named: name) {
                let profile = try profiles.select(name) ?? Profile(name: "local", kind: .local)
                return try await Connector.connect(profile, sourceName: profile.name, paths: paths, embedded: embedded)
            }
            return (connection.backend, connection.info)
        }
        let app = TUIApp(setup: setup)
        let signal = await app.run()
        await holder.shutdown()
        if let signal { throw ExitCode(128 + signal) }
    }

    /// The profiles the picker offers: config.toml's, `local`, and the current one when it
    /// came from flags.
    static func choices(_ set: ProfileSet, current: BackendInfo?) -> [BackendInfo] {
        let environment = ProcessInfo.processInfo.environment
        var choices = set.profiles.map { profile in
            // Who the token signs in and when it runs out, read from it here; the token stays here.
            let claims = (try? profile.token(environment: environment)).flatMap { $0 }.flatMap(TokenClaims.init(token:))
            return BackendInfo(
                name: profile.name, sourceName: profile.name, model: profile.model, kind: profile.kind.rawValue,
                account: claims?.account, tokenExpires: claims?.expires?.timeIntervalSince1970)
        }
        if set.profile(named: "local") == nil {
            choices.append(BackendInfo(name: "local", sourceName: "local", kind: "local"))
        }
        if let current, !choices.contains(where: { $0.name == current.name }) { choices.insert(current, at: 0) }
        return choices
    }

    private func makeSetup() throws -> TUISetup {
        let environment = ProcessInfo.processInfo.environment
        let paths = global.paths
        global.useBundledHighlighting()
        // Offline the browser only reads what is stored: a read-only archive opens too.
        let archive = try backend.offline ? global.openArchiveForReading() : global.openArchiveWithDemo()
        let loadedTheme: Theme
        do {
            loadedTheme = try Theme.load(
                nameOrPath: theme, searchPaths: paths.themesSearchPath, environment: environment
            ) { warn("chatterm: warning: theme \($0)") }
        } catch {
            throw CLIError("theme: \(error)")
        }
        let loadedKeymap: Keymap
        do {
            let user = paths.userKeymapFile
            loadedKeymap = try Keymap.load(
                nameOrPath: keymap, userOverride: FileManager.default.fileExists(atPath: user.path) ? user : nil,
                searchPaths: paths.keymapsSearchPath)
        } catch {
            throw CLIError("keymap: \(error)")
        }
        let display: DisplaySettings
        do {
            display = try DisplaySettings.load(file: paths.configFile)
        } catch {
            throw CLIError("\(error)")
        }
        var openID: String? = nil
        if let open {
            openID = try resolveConversation(archive, open)
        } else if let last = try archive.setting(Reducer.lastOpenSetting), try archive.summary(id: last) != nil {
            openID = last
        }
        return TUISetup(
            archive: archive, theme: loadedTheme, keymap: loadedKeymap, openID: openID,
            hyperlinks: display.hyperlinks, mouse: display.mouse)
    }
}

/// What the browser starts with.
struct TUISetup: Sendable {
    var archive: Archive
    var theme: Theme
    var keymap: Keymap
    var openID: String?
    /// `hyperlinks` from config.toml.
    var hyperlinks: HyperlinkMode = .auto
    /// `mouse` from config.toml: whether clicks and the wheel reach the browser.
    var mouse = true
    var connection: Connection? = nil
    /// The profiles `P` offers.
    var profiles: [BackendInfo] = []
    /// Connects a profile by name (`P`).
    var connectProfile: (@Sendable (String) async throws -> (any ChatBackend, BackendInfo))? = nil
}

/// The browser's connections by profile name. A profile switched away from stays connected
/// (its answers still streaming finish, and switching back reuses it rather than starting a
/// second embedded server on the same folder); all shut down when the browser exits.
actor ConnectionHolder {
    private var connections: [String: Connection] = [:]

    init(_ connection: Connection?) {
        if let connection { connections[connection.info.name] = connection }
    }

    /// The connection to the profile `name`, made with `connect` the first time.
    func connection(named name: String, connect: @Sendable () async throws -> Connection) async throws -> Connection {
        if let known = connections[name] { return known }
        let made = try await connect()
        connections[name] = made
        return made
    }

    func shutdown() {
        for connection in connections.values { connection.shutdown() }
        connections = [:]
    }
}
