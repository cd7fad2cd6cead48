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
            warn("chatterm: \(ErrorSentence.of(error))")
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
                output.failure = ErrorSentence.of(error)
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
            warn("chatterm: \(ErrorSentence.of(error))")
            return 1
        }
    }

    /// The request: ids, the parent (the current node by default; for `variant`, the prompt
    /// above an answer).
    private func makeRequest(
        _ client: any ChatBackend, model: String?, action: ChatAction, prompt: String
    ) async throws -> ChatRequest {
        func request(_ parentID: String?, _ gizmoID: String?) -> ChatRequest {
            let messages = action == .next ? [TextMessage(id: UUID().uuidString.lowercased(), text: prompt)] : []
            return ChatRequest(
                action: action, conversationID: conversation,
                parentMessageID: parentID ?? ChatGPTClient.newConversationParent, messages: messages,
                model: model, gizmoID: gizmoID)
        }
        var parentID = parent
        var gizmoID: String?
        if let conversation {
            // Fetched also for its custom GPT (`gizmo_id`), so the answer comes from that GPT.
            let fetched = try await client.conversation(id: conversation).conversation
            gizmoID = fetched.gizmoID
            guard parentID == nil || action == .variant else { return request(parentID, gizmoID) }
            let tree = ConversationTree(fetched)
            let node = parentID ?? tree.currentLeaf
            guard tree.node(node) != nil else { throw CLIError("no node \(node) in conversation \(conversation)") }
            parentID = node
            if action == .variant, tree.node(node)?.message?.author.role == .assistant {
                parentID = tree.parent(of: node)  // regenerate the answer: ask again under its prompt
            }
        }
        return request(parentID, gizmoID)
    }
}
