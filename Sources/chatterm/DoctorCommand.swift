import ArgumentParser
import ChatConfig
import Foundation
import NIOCore
import TerminalCanvas

/// `chatterm doctor`: what works and what is broken in this setup, each with its fix.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check the terminal, configuration, profiles, archive and helpers.",
        discussion: """
            Each line is ✔ (works), ✗ (broken, with the fix under it) or – (missing, and chatterm works \
            without it). Exits 1 when something is broken. It changes nothing: the archive is opened for \
            reading only. --json prints the same checks for a bug report; tokens are never printed.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Do not try to reach each profile's base URL.")
    var offline = false

    @Option(help: "Seconds to wait for each profile's base URL (1 to 30).")
    var timeout = 3

    func validate() throws {
        guard (1...30).contains(timeout) else { throw ValidationError("--timeout must be 1 to 30 seconds") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = global.paths
        let hyperlinks = (try? DisplaySettings.load(file: paths.configFile))?.hyperlinks ?? .auto
        var checks = DoctorTerminal.checks(TerminalFacts.gather(environment: environment, hyperlinks: hyperlinks))
        let config = DoctorConfig.checks(paths: paths)
        checks += config.checks
        if let profiles = config.profiles {
            checks += await DoctorConfig.profileChecks(
                profiles, environment: environment, reach: !offline, timeout: .seconds(Int64(timeout)))
        }
        checks += DoctorArchive.checks(paths: paths)
        checks += DoctorHelpers.checks(environment: environment)
        let report = DoctorReport(checks: checks)
        if json {
            Output.writeJSON(report.json)
        } else {
            say(report.text)
        }
        if !report.isHealthy { throw ExitCode(1) }
    }
}
