import ArgumentParser
import ChatConfig
import Foundation

/// `chatterm manual` (hidden): prints the man page, chatterm(1), in roff. `make install` and
/// `make deb` write it to `share/man/man1/chatterm.1`.
///
/// The options and commands come from the command definitions: the running executable is asked
/// for argument-parser's `--experimental-dump-help` JSON (what its `generate-manual` plugin
/// reads); KEYS is the built-in default keymap; FILES, ENVIRONMENT and EXIT STATUS are written
/// by hand in ``ManualPage``.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual", abstract: "Print the man page (roff).", shouldDisplay: false)

    @Option(help: "The date the page names (YYYY-MM-DD); the build's date is used by default.")
    var date: String?

    func run() throws {
        let dump = try reportingErrors { try Self.dumpHelp() }
        let tool = try reportingErrors {
            do {
                return try JSONDecoder().decode(ManualToolInfo.self, from: dump)
            } catch {
                throw CLIError("cannot read the command definitions (--experimental-dump-help): \(error)")
            }
        }
        let page = ManualPage(
            command: tool.command, version: Chatterm.configuration.version,
            date: date ?? Self.today(), keymap: .builtin)
        print(page.roff, terminator: "")
    }

    /// The `--experimental-dump-help` JSON of this very executable.
    private static func dumpHelp() throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.currentExecutablePath)
        process.arguments = ["--experimental-dump-help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            throw CLIError("cannot run \(Paths.currentExecutablePath) to read its command definitions: \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("\(Paths.currentExecutablePath) --experimental-dump-help failed")
        }
        return data
    }

    private static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        return formatter.string(from: epoch.map { Date(timeIntervalSince1970: $0) } ?? Date())
    }
}

/// The part of argument-parser's `ToolInfoV0` (the `--experimental-dump-help` JSON) the man page uses.
struct ManualToolInfo: Decodable {
    var command: ManualCommandInfo
}

/// One command of the dump: its name, help texts, arguments and subcommands.
struct ManualCommandInfo: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var subcommands: [ManualCommandInfo]?
    var arguments: [ManualArgumentInfo]?
}

/// One argument, option or flag of the dump.
struct ManualArgumentInfo: Decodable {
    /// `positional`, `option` or `flag`.
    var kind: String
    var shouldDisplay: Bool
    var isOptional: Bool
    var isRepeating: Bool
    var names: [ManualName]?
    var valueName: String?
    var defaultValue: String?
    var allValues: [String]?
    var abstract: String?
    var discussion: String?

    /// A name as typed: `--long`, `-s` or `-long`.
    struct ManualName: Decodable {
        var kind: String
        var name: String

        var typed: String {
            switch kind {
            case "short": "-" + name
            case "longWithSingleDash": "-" + name
            default: "--" + name
            }
        }
    }
}
