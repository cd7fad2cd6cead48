import ArgumentParser
import Foundation

/// chatterm: a keyboard-driven terminal client for ChatGPT-style conversations.
@main
struct Chatterm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chatterm",
        abstract: "A keyboard-driven terminal client for ChatGPT-style conversations.",
        discussion: """
            With no subcommand, opens the full-screen browser on the local archive (the bundled demo \
            archive while nothing has been imported).
            """,
        version: "0.1.0",
        subcommands: [
            BrowseCommand.self, ImportCommand.self, ListCommand.self, ShowCommand.self, DiffCommand.self,
            ExportCommand.self, ForkCommand.self,
            SearchCommand.self, ServeCommand.self, SendCommand.self, SyncCommand.self, ProfilesCommand.self,
            DoctorCommand.self, ManualCommand.self,
        ],
        defaultSubcommand: BrowseCommand.self
    )

    /// Starts the log file `--log-file` or `CHATTERM_LOG` asks for, then runs the command.
    static func main() async {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let settings = try AppLogging.settings(
                arguments: arguments, environment: ProcessInfo.processInfo.environment)
            {
                do {
                    try AppLogging.start(settings)
                } catch {
                    throw CLIError("cannot write the log file \(settings.path): \(error.localizedDescription)")
                }
            }
        } catch {
            warn("chatterm: \(error)")
            Foundation.exit(1)
        }
        await main(nil)
    }
}
