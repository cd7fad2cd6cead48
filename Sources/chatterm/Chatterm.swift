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
            ExportCommand.self,
            SearchCommand.self, ServeCommand.self, SendCommand.self, SyncCommand.self, ProfilesCommand.self,
        ],
        defaultSubcommand: BrowseCommand.self
    )
}
