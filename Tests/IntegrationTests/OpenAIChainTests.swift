import ChatClient
import ChatModel
import ChatProtocol
import ChatServer
import ChatTestPeers
import ChatTestSupport
import Foundation
import Hummingbird
import Synchronization
import Testing

/// The built `chatterm` binary, or nil (the chain test is skipped) when it has not been built.
enum ChattermBinary {
    static var path: String? {
        let path = Fixtures.packageRoot.appendingPathComponent(".build/debug/chatterm").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}

/// The whole OpenAI-compatible chain: the project's `ChatGPTClient` → an in-process
/// `BackendServer` (which owns the tree) whose `OpenAICompatibleEngine` points at the `/v1`
/// of a separate `chatterm serve --engine openai` process → an in-test OpenAI-compatible peer.
@Suite(
    "OpenAI-compatible chain through a serve process", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: ChattermBinary.path != nil, "needs a built .build/debug/chatterm"))
struct OpenAIChainTests {
    static let apiKey = "sk-chain-peer-secret"

    /// Runs `body` with a client of an in-process server that answers through a `chatterm
    /// serve` process forwarding to the peer.
    static func withChain(_ log: OpenAIPeerLog, _ body: (ChatGPTClient) async throws -> Void) async throws {
        try await withPeer(OpenAIPeer.router(log: log)) { peer in
            let serve = try await ServeProcess(upstream: peer)
            defer { serve.stop() }
            let engine = try OpenAICompatibleEngine(upstream: serve.v1, model: "numbered", apiKey: serve.token)
            try await TestServer(engine: engine).serve { server in
                try await body(server.client())
            }
        }
    }

    static func user(_ text: String) -> [String: String] { ["role": "user", "content": text] }
    static func assistant(_ text: String) -> [String: String] { ["role": "assistant", "content": text] }

    @Test func sendRegenerateAndEditKeepTheTreeHereAndTheBranchUpstream() async throws {
        let log = OpenAIPeerLog()
        try await Self.withChain(log) { client in
            // Send: the peer's answer arrives through serve, with its usage.
            let u1 = UUID().uuidString.lowercased()
            let first = await receive(client.send(nextRequest("Name a tree", userID: u1)))
            #expect(first.error == nil && first.completion == .complete)
            let answer1 = OpenAIPeer.numberedAnswer(1, [Self.user("Name a tree")])
            #expect(first.transcript.answerText == answer1)
            let conversationID = try #require(first.conversationID)
            let a1 = try #require(first.transcript.answerID)
            var c = try await client.conversation(id: conversationID).conversation
            let usage1 = try #require(c.mapping[a1]?.message?.tokenUsage)
            let words1 = answer1.split(separator: " ").count
            #expect(usage1.promptTokens == 10 && usage1.completionTokens == words1)
            #expect(usage1.totalTokens == 10 + words1)
            #expect(usage1.latency != nil)

            // Regenerate: an assistant sibling ‹2/2› under the same question.
            let second = await receive(
                client.send(
                    ChatRequest(action: .variant, conversationID: conversationID, parentMessageID: u1, messages: [])))
            #expect(second.error == nil && second.completion == .complete)
            let answer2 = OpenAIPeer.numberedAnswer(2, [Self.user("Name a tree")])
            #expect(second.transcript.answerText == answer2)
            let a2 = try #require(second.transcript.answerID)

            // A follow-up on the regenerated answer, then an edit of it: a user sibling ‹2/2›.
            let u2 = UUID().uuidString.lowercased()
            let third = await receive(
                client.send(nextRequest("Name a bush", userID: u2, conversationID: conversationID, parent: a2)))
            #expect(third.error == nil && third.completion == .complete)
            let u3 = UUID().uuidString.lowercased()
            let fourth = await receive(
                client.send(nextRequest("Name a vine", userID: u3, conversationID: conversationID, parent: a2)))
            #expect(fourth.error == nil && fourth.completion == .complete)
            let answer4 = OpenAIPeer.numberedAnswer(
                4, [Self.user("Name a tree"), Self.assistant(answer2), Self.user("Name a vine")])
            #expect(fourth.transcript.answerText == answer4)
            let a4 = try #require(fourth.transcript.answerID)

            c = try await client.conversation(id: conversationID).conversation
            let tree = ConversationTree(c)
            #expect(tree.siblingPosition(of: a2).index == 2 && tree.siblingPosition(of: a2).count == 2)
            #expect(tree.siblings(of: a2) == [a1, a2])
            #expect(tree.siblingPosition(of: u3).index == 2 && tree.siblingPosition(of: u3).count == 2)
            #expect(tree.siblings(of: u3) == [u2, u3])
            #expect(c.mapping[a4]?.message?.content.displayText == answer4)
            #expect(c.mapping[a4]?.message?.tokenUsage?.promptTokens == 30)
            #expect(c.mapping[a4]?.message?.status == "finished_successfully")

            // Upstream, each answer saw the whole branch it belongs to, and nothing else.
            let calls = log.answerCalls
            #expect(
                calls.map(\.messages) == [
                    [Self.user("Name a tree")],
                    [Self.user("Name a tree")],
                    [Self.user("Name a tree"), Self.assistant(answer2), Self.user("Name a bush")],
                    [Self.user("Name a tree"), Self.assistant(answer2), Self.user("Name a vine")],
                ])
            #expect(calls.allSatisfy { $0.stream && $0.includeUsage })
            #expect(calls.allSatisfy { $0.authorization == "Bearer \(Self.apiKey)" })
        }
    }
}

/// `chatterm serve --engine openai` as a separate process forwarding to `upstream` with
/// ``OpenAIChainTests/apiKey``, in a scratch data folder: its `/v1` URL and bearer token.
struct ServeProcess {
    let process: BackgroundProcess
    let home: URL
    /// `http://127.0.0.1:PORT/v1`.
    let v1: String
    let token: String

    init(upstream: String) async throws {
        let binary = try #require(ChattermBinary.path)
        home = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-serve-\(UUID())")
        let environment = ["CHATTERM_HOME": home.path, "OPENAI_API_KEY": OpenAIChainTests.apiKey]
        process = try Spawn.start(
            [binary, "serve", "--port", "0", "--engine", "openai", "--upstream", upstream, "--model", "numbered"],
            environment: environment)
        let line = try await process.waitForLine(startingWith: "listening on http://127.0.0.1:")
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0) })
        v1 = "http://127.0.0.1:\(port)/v1"
        let printed = try Spawn.run([binary, "serve", "--print-token"], environment: environment)
        token = printed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(printed.status == 0 && !token.isEmpty, "\(printed.stderr)")
    }

    /// Stops the process and removes its data folder.
    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: home)
    }
}
