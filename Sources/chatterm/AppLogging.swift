import ArgumentParser
import ChatClient
import Foundation
import Logging
import Synchronization

/// Where chatterm's log goes: nowhere unless `--log-file PATH` or `CHATTERM_LOG=LEVEL` asks for
/// it, then swift-log records to that file (never the terminal, so never over the browser's
/// screen), each line with its secrets redacted (``LogRedaction``).
enum AppLogging {
    /// What the command line and environment ask for.
    struct Settings: Equatable {
        var path: String
        var level: Logger.Level
    }

    private static let started = Mutex(false)

    /// Whether records are being written to a file.
    static var isOn: Bool { started.withLock { $0 } }

    /// The settings `--log-file PATH` (or `--log-file=PATH`, before a `--`) and `CHATTERM_LOG`
    /// (`trace`, `debug`, `info`, `notice`, `warning`, `error`) ask for; nil when neither does.
    /// Without `--log-file` the file is `$XDG_STATE_HOME/chatterm/chatterm.log` (else
    /// `~/.local/state/chatterm/chatterm.log`); without `CHATTERM_LOG` the level is info.
    /// - Throws: ``CLIError`` for a level chatterm does not know.
    static func settings(arguments: [String], environment: [String: String]) throws -> Settings? {
        var path: String?
        var index = arguments.startIndex
        while index < arguments.endIndex, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--log-file", index + 1 < arguments.endIndex {
                path = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--log-file=") {
                path = String(argument.dropFirst("--log-file=".count))
            }
            index += 1
        }
        let levelName = environment["CHATTERM_LOG"].flatMap { $0.isEmpty ? nil : $0.lowercased() }
        guard path != nil || levelName != nil else { return nil }
        var level = Logger.Level.info
        if let levelName {
            guard let known = Logger.Level(rawValue: levelName) else {
                throw CLIError("CHATTERM_LOG must be trace, debug, info, notice, warning or error, not \(levelName)")
            }
            level = known
        }
        return Settings(path: path ?? defaultPath(environment: environment), level: level)
    }

    /// `$XDG_STATE_HOME/chatterm/chatterm.log`, else `~/.local/state/chatterm/chatterm.log`.
    static func defaultPath(environment: [String: String]) -> String {
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.local/state")
        return state + "/chatterm/chatterm.log"
    }

    /// Sends every logger's records to the file `settings` names (its folder created 0700).
    static func start(_ settings: Settings) throws {
        let folder = (settings.path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let sink = try FileLogHandler.Sink(path: settings.path)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, level: settings.level) }
        started.withLock { $0 = true }
        Logger(label: "chatterm").info("chatterm \(Chatterm.configuration.version) started (pid \(getpid()))")
    }

    /// A logger for `label`: the file's when logging is on, else one that drops everything
    /// (swift-log's default writes to standard error, over the browser's screen).
    static func logger(_ label: String) -> Logger {
        isOn ? Logger(label: label) : Logger(label: label) { _ in SwiftLogNoOpLogHandler() }
    }
}
