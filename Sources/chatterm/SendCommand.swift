import ArgumentParser
import ChatClient
import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import Foundation
import TerminalCanvas

/// `chatterm send`: one prompt (or a regenerate, or a continue) from the command line, the
/// answer streamed to stdout as it arrives.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send", abstract: "Send a message and stream the answer to stdout.",
        discussion: """
            Talks to the embedded local server unless a profile or --backend/--base-url names another. \
            On a terminal the answer is written as it streams; to a pipe its final text is written once \
            (where a service's final message differs from its deltas, the final message wins). The conversation and message ids follow on stderr (or, with --json, one JSON \
            object is printed at the end instead, its "finish" saying how the answer ended: stop, length, \
            stopped or interrupted). Exit status: 0 complete, 1 failed, 2 incomplete \
            (the partial answer is kept on the server).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var backend: BackendOptions

    @Option(help: "Continue this conversation (default: a new one).")
    var conversation: String?

    @Option(help: "The node to answer under (default: the conversation's current node).")
    var parent: String?

    @Option(help: "next (a new message), variant (regenerate the answer to --parent) or continue.")
    var action = "next"

    @Flag(help: "Print one JSON object at the end instead of streaming text.")
    var json = false

    @Argument(help: "The message, or - to read it from stdin.")
    var text: String?

    func run() async throws {
        guard let chatAction = ChatAction(rawValue: action) else {
            warn("chatterm: --action must be next, variant or continue")
            throw ExitCode(1)
        }
        var prompt = ""
        if chatAction == .next {
            guard let text else {
                warn("chatterm: give the message as an argument, or - to read stdin")
                throw ExitCode(1)
            }
            prompt =
                text == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : text
            guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                warn("chatterm: the message is empty")
                throw ExitCode(1)
            }
        } else if conversation == nil {
            warn("chatterm: --action \(action) needs --conversation")
            throw ExitCode(1)
        }
        let connection: Connection
        do {
            // The archive the embedded server keeps its chats in, opened as every command opens
            // it (so archives kept apart before are moved in, and it says so).
            let archive = backend.offline ? nil : try? global.openArchive()
            guard let connected = try await backend.connect(paths: global.paths, archive: archive) else {
                warn("chatterm: send needs a backend (drop --offline)")
                throw ExitCode(1)
            }
            connection = connected
        } catch let error as ExitCode {
            throw error
        } catch {
            warn("chatterm: \(error)")
            throw ExitCode(1)
        }
        defer { connection.shutdown() }
        let status = await send(connection.backend, model: connection.info.model, action: chatAction, prompt: prompt)
        if status != 0 { throw ExitCode(status) }
    }

    private func send(_ client: any ChatBackend, model: String?, action: ChatAction, prompt: String) async -> Int32 {
        do {
            let request = try await makeRequest(client, model: model, action: action, prompt: prompt)
            var output = SendOutput(json: json, streaming: !json && SendOutput.stdoutIsTerminal)
            do {
                for try await item in client.send(request) { output.apply(item) }
            } catch {
                output.failure = "\(error)"
            }
            if request.conversationID == nil, output.title == nil, let conversation = output.conversationID,
                let answer = output.answerID
            {
                // A new chat gets its title as the web page does: gen_title after the first answer.
                output.title = try? await client.generateTitle(conversationID: conversation, messageID: answer)
            }
            output.finish(parent: request.parentMessageID)
            return output.status
        } catch {
            warn("chatterm: \(error)")
            return 1
        }
    }

    /// The request: ids, the parent (the current node by default; for `variant`, the prompt
    /// above an answer).
    private func makeRequest(
        _ client: any ChatBackend, model: String?, action: ChatAction, prompt: String
    ) async throws -> ChatRequest {
        var parentID = parent
        if let conversation, parentID == nil || action == .variant {
            let fetched = try await client.conversation(id: conversation).conversation
            let tree = ConversationTree(fetched)
            let node = parentID ?? tree.currentLeaf
            guard tree.node(node) != nil else { throw CLIError("no node \(node) in conversation \(conversation)") }
            parentID = node
            if action == .variant, tree.node(node)?.message?.author.role == .assistant {
                parentID = tree.parent(of: node)  // regenerate the answer: ask again under its prompt
            }
        }
        let messages = action == .next ? [TextMessage(id: UUID().uuidString.lowercased(), text: prompt)] : []
        return ChatRequest(
            action: action, conversationID: conversation,
            parentMessageID: parentID ?? ChatGPTClient.newConversationParent, messages: messages,
            model: model)
    }
}

/// Writes an answer: on a terminal its text as it grows, to a pipe the final text once (so a
/// service's final message wins over its deltas: Coze's completed message, Dify's
/// `message_replace`), or one JSON object; then the ids on stderr.
struct SendOutput {
    let json: Bool
    let streaming: Bool
    var conversationID: String?
    var answerID: String?
    /// The answer as last seen (status, `end_turn`, `finish_details`), for ``finish``.
    var answer: Message?
    var text = ""
    var title: String?
    var completion: StreamCompletion?
    var failure: String?
    var serverErrors: [String] = []

    init(json: Bool, streaming: Bool) {
        self.json = json
        self.streaming = streaming
    }

    mutating func apply(_ item: ChatStreamItem) {
        guard case .event(let event) = item else {
            if case .finished(let c) = item { completion = c }
            return
        }
        switch event {
        case .conversationID(let id): conversationID = id
        case .messageStarted(let started) where started.kind == .answer:
            answerID = started.message.id
            answer = started.message
            text = ""
            write(started.message.content.streamedText)
        case .textAppended(let id, let suffix) where id == answerID:
            write(suffix)
        case .textReplaced(let id, let whole) where id == answerID:
            // Already printed text cannot be taken back: print the new text on a fresh line.
            if streaming { FileHandle.standardOutput.write(Data("\n".utf8)) }
            text = ""
            write(whole)
        case .messageUpdated(let message) where message.id == answerID:
            answer = message
        case .messageFinished(let id, let status, let endTurn) where id == answerID:
            if let status { answer?.status = status }
            if let endTurn { answer?.endTurn = endTurn }
        case .title(let t): title = t
        case .serverError(let why): serverErrors.append(why)
        default: break
        }
    }

    private mutating func write(_ s: String) {
        text += s
        guard streaming, !s.isEmpty else { return }
        // Only a terminal gets a stream: server text without control sequences (a pipe gets the
        // final text once, verbatim, in `finish`).
        Output.write(s)
    }

    static var stdoutIsTerminal: Bool { Output.stdoutIsTerminal }

    var complete: Bool { completion == .complete && failure == nil }

    /// How the answer ended, for `--json`'s `finish`: `stop` (finished), `length` (cut at the
    /// length limit), `stopped`, `interrupted`; nil when no answer arrived.
    var finish: String? {
        guard answerID != nil else { return nil }
        if let ending = answer?.ending { return ending.finishName }
        return complete ? "stop" : AnswerEnding.interrupted.finishName
    }

    var status: Int32 {
        if failure != nil && text.isEmpty { return 1 }
        return complete ? 0 : 2
    }

    func finish(parent: String) {
        if json {
            var object: [String: Any] = [
                "text": text, "complete": complete, "parent_message_id": parent,
            ]
            object["conversation_id"] = conversationID ?? NSNull()
            object["message_id"] = answerID ?? NSNull()
            object["title"] = title ?? NSNull()
            object["finish"] = finish ?? NSNull()
            if let failure { object["error"] = failure }
            if !serverErrors.isEmpty { object["server_errors"] = serverErrors }
            if case .incomplete(let reason)? = completion { object["incomplete"] = "\(reason)" }
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                Output.writeJSON(data)
            }
        } else if streaming {
            if !text.isEmpty { FileHandle.standardOutput.write(Data("\n".utf8)) }
        } else if !text.isEmpty {
            // To a pipe the answer is data for the next program: as the model wrote it.
            Output.writeVerbatim(text + "\n")
        }
        if answer?.ending == .cutAtLengthLimit, !json {
            warn("chatterm: the answer was cut at the length limit (--action continue goes on)")
        }
        for why in serverErrors { warn("chatterm: the server reported: \(why)") }
        if let failure { warn("chatterm: \(failure)") }
        if case .incomplete(let reason)? = completion, failure == nil {
            warn("chatterm: the answer is incomplete (\(reason))")
        }
        if !json {
            if let title { warn("title: \(title)") }
            warn("conversation: \(conversationID ?? "?")")
            warn("message: \(answerID ?? "?")")
        }
    }
}
