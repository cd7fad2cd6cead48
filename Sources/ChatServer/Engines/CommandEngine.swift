import ChatModel
import ChatProtocol
import Foundation
import Synchronization

/// Answers with a local command (`ollama run llama3`, `llama-cli -m model.gguf …`, or any
/// filter): `/bin/sh -c <command>` gets the prompt on standard input and its standard
/// output, as it arrives, is the answer.
///
/// **Standard input** (``input(for:)``): a first message alone is sent as it is; a
/// conversation with history is sent as a plain transcript, one `Role: text` entry per
/// message, oldest first, ending with the last prompt:
///
/// ```text
/// User: What is a tree?
/// Assistant: A connected graph without cycles.
/// User: And a forest?
/// ```
///
/// (`System:` entries come first when the conversation has a visible system message; for
/// `continue` the transcript ends with the partial `Assistant:` entry instead.) Either way
/// the input ends with one newline and then EOF. The command also gets `CHATTERM_ACTION`
/// (`next`, `variant`, `continue`) and `CHATTERM_ATTEMPT` (0 for a first answer) in its
/// environment.
///
/// **Output** is decoded as UTF-8 with characters split across reads put back together.
/// A command that exits non-zero (or is killed) without writing anything fails with its
/// status and the last line of its standard error; once it has written output, the output
/// is the answer whatever the exit status. Cancelling the consumer stops the command's
/// whole process group: SIGTERM, then SIGKILL after ``terminationGrace``.
public struct CommandEngine: AnswerEngine {
    /// The shell command line.
    public let command: String
    /// The model slug reported to clients.
    public let modelSlug: String
    /// The shell that runs ``command`` (with `-c`).
    public var shell = "/bin/sh"
    /// How long a cancelled command has between SIGTERM and SIGKILL.
    public var terminationGrace: Duration = .seconds(2)

    /// Creates the engine; throws a one-line ``EngineError`` when `command` is blank.
    public init(command: String, modelSlug: String = "local-command") throws {
        guard !command.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EngineError("the engine command is empty")
        }
        self.command = command
        self.modelSlug = modelSlug
    }

    /// The command's model, tagged `command`; the description names the program only (the
    /// rest of the command line may hold paths or keys).
    public var model: ModelInfo {
        let program = command.split(separator: " ").first.map(String.init) ?? command
        return ModelInfo(
            slug: modelSlug, title: "Local command (\(program))",
            description: "Answers from the local command \(program), run once per answer.",
            tags: ["command"], maxTokens: 8191)
    }

    /// The first words of the prompt (``OfflineEngine/title(for:)``): running the command
    /// again, often loading a model, is too slow for a few words.
    public func title(for prompt: String) async throws -> String {
        OfflineEngine.title(for: prompt)
    }

    /// The text written to the command's standard input for `request` (see the type's
    /// documentation), without the final newline.
    public static func input(for request: EngineRequest) -> String {
        let messages = request.history.filter { !($0.role == .system && $0.text.isEmpty) }
        if messages.count == 1, messages[0].role == .user { return messages[0].text }
        return messages.map { "\(label($0.role.description)): \($0.text)" }.joined(separator: "\n")
    }

    static func label(_ role: String) -> String {
        switch role {
        case "user": "User"
        case "assistant": "Assistant"
        case "system": "System"
        default: role.prefix(1).uppercased() + role.dropFirst()
        }
    }

    /// Runs the command for `request` and streams its standard output.
    public func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        let input = Array((Self.input(for: request) + "\n").utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["CHATTERM_ACTION"] = request.action.rawValue
        environment["CHATTERM_ATTEMPT"] = String(request.attempt)
        let arguments = [shell, "-c", command]
        let grace = terminationGrace
        return AsyncThrowingStream { continuation in
            let run = CommandRun()
            continuation.onTermination = { _ in run.cancel(grace: grace) }
            do {
                let child = try ChildProcess.start(
                    arguments: arguments, environment: environment, input: input,
                    onOutput: { bytes in
                        let text = run.decode(bytes)
                        if !text.isEmpty { continuation.yield(text) }
                    },
                    onExit: { termination, stderrTail in
                        let rest = run.finishDecoding()
                        if !rest.isEmpty { continuation.yield(rest) }
                        if let error = run.failure(termination, stderrTail: stderrTail) {
                            continuation.finish(throwing: error)
                        } else {
                            continuation.finish()
                        }
                    })
                run.started(child, grace: grace)
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }
}

/// The state of one command run shared by the consumer and the child's I/O thread: the
/// UTF-8 decoder, whether output arrived, and the child to stop when the consumer goes away
/// (possibly before the child has started).
final class CommandRun: Sendable {
    private struct State {
        var decoder = UTF8StreamDecoder()
        var sawOutput = false
        var child: ChildProcess?
        var cancelled = false
    }

    private let state = Mutex(State())

    func decode(_ bytes: [UInt8]) -> String {
        state.withLock {
            $0.sawOutput = true
            return $0.decoder.decode(bytes)
        }
    }

    func finishDecoding() -> String {
        state.withLock { $0.decoder.finish() }
    }

    /// Records the started child, stopping it at once if the consumer already went away.
    func started(_ child: ChildProcess, grace: Duration) {
        let cancelled = state.withLock {
            $0.child = child
            return $0.cancelled
        }
        if cancelled { child.terminate(grace: grace) }
    }

    func cancel(grace: Duration) {
        let child = state.withLock {
            $0.cancelled = true
            return $0.child
        }
        child?.terminate(grace: grace)
    }

    /// The error for a child that ended without output and unsuccessfully, else nil.
    func failure(_ termination: ChildProcess.Termination, stderrTail: [UInt8]) -> EngineError? {
        let (sawOutput, cancelled) = state.withLock { ($0.sawOutput, $0.cancelled) }
        if sawOutput || cancelled || termination == .exited(0) { return nil }
        let lastLine =
            String(decoding: stderrTail, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .last { !$0.allSatisfy(\.isWhitespace) }
            .map { ": " + OpenAIErrorBody.oneLine(String($0)) } ?? " and wrote nothing on standard error"
        switch termination {
        case .exited(let status):
            return EngineError("the command exited with status \(status)\(lastLine)")
        case .signaled(let signal):
            return EngineError("the command was killed by signal \(signal)\(lastLine)")
        }
    }
}
