import ArgumentParser
import ChatArchive
import ChatClient
import ChatConfig
import ChatProtocol
import ChatStore
import Foundation

/// `chatterm sync`: mirrors a server's whole conversation history into the local archive.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Mirror every conversation of a server (every branch) into the local archive.",
        discussion: """
            Reads the server's conversation list (the normal and the archived one) page by page and \
            fetches each conversation the archive lacks or holds an older copy of; the TUI, `show`, \
            `search` and `export --all` then read them offline. A second run fetches only what changed \
            (one list page when nothing did); an interrupted run (Ctrl-C, network loss) is resumed by \
            running again. Rate limits (429) are waited out as the server's Retry-After says; 5xx \
            answers and dropped connections are retried.

            Exit status: 0 when everything was synced, 2 when some conversations could not be fetched \
            (listed at the end; run again to retry them), 1 when the sync stopped on an error (such as \
            an expired token), 130 when interrupted.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var remote: RemoteOptions

    @Flag(help: "Sync only the archived list (default: the normal list, then the archived one).")
    var archived = false

    @Option(help: "Skip conversations last updated before this date (YYYY-MM-DD or ISO 8601, UTC).")
    var since: String?

    @Option(help: "Conversations fetched at once (1-8).")
    var concurrency = 2

    @Flag(help: "Read every list page, not only the ones changed since the last complete sync.")
    var full = false

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    @Option(name: .customLong("retry-delay-ms"), help: .hidden)
    var retryDelayMs = 1000

    func validate() throws {
        guard (1...8).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 8") }
        if let since, Self.parseDate(since) == nil {
            throw ValidationError("--since must be a date like 2024-05-01 or 2024-05-01T12:00:00Z")
        }
        guard retryDelayMs >= 0 else { throw ValidationError("--retry-delay-ms must not be negative") }
    }

    func run() async throws {
        let connection: Connection
        do {
            connection = try await Self.connect(remote, paths: global.paths)
        } catch {
            warn("chatterm: \(ErrorSentence.of(error))")
            throw ExitCode(1)
        }
        defer { connection.shutdown() }
        let backend = connection.backend
        let archive = try reportingErrors { try global.openArchive() }
        let options = SyncOptions(
            lists: archived ? [.archived] : SyncList.allCases, since: since.flatMap(Self.parseDate),
            concurrency: concurrency, full: full,
            retry: SyncRetryPolicy(firstDelay: .milliseconds(retryDelayMs)))
        let sync = HistorySync(backend: backend, archive: archive, options: options)
        let line = SyncProgressLine(enabled: isatty(STDERR_FILENO) == 1)
        let task = Task { await sync.run { line.update($0) } }
        let interrupts = InterruptWatch { task.cancel() }
        let report = await task.value
        interrupts.stop()
        line.finish()
        if json {
            say(SyncSummary.json(report))
        } else {
            SyncSummary.print(report)
        }
        if let code = SyncSummary.exitCode(report) { throw ExitCode(code) }
    }

    /// The backend to mirror: `--backend`/`--base-url`, else `--profile`, else config.toml's
    /// default profile. Only services that keep the history (ChatGPT, Dify) can be mirrored.
    /// The sync retries with its own policy (and shows it), so the client tries once.
    static func connect(_ remote: RemoteOptions, paths: Paths) async throws -> Connection {
        guard let (profile, source) = try remote.selection(paths: paths, useDefault: true) else {
            throw CLIError(
                "give the server to mirror: --profile NAME, or --base-url URL (and --token-file FILE or --cookie-file FILE)"
            )
        }
        guard profile.kind == .chatgpt || profile.kind == .dify else {
            throw CLIError(
                "profile \"\(profile.name)\": \(profile.kind.rawValue) conversations already live in the local store; nothing to sync"
            )
        }
        return try await Connector.connect(
            profile, sourceName: source, paths: paths, embedded: EmbeddedSettings(), getAttempts: 1)
    }

    /// Seconds since 1970 of `YYYY-MM-DD` (midnight UTC) or an ISO-8601 time.
    static func parseDate(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let full = trimmed.count == 10 ? trimmed + "T00:00:00Z" : trimmed
        guard full.count >= 19, Array(full.utf8)[4] == UInt8(ascii: "-"), Array(full.utf8)[10] == UInt8(ascii: "T")
        else { return nil }
        return ISOTime.parse(full)
    }
}
