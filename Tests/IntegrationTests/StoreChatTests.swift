import ChatArchive
import ChatClient
import ChatModel
import ChatServer
import ChatStore
import ChatTestPeers
import Foundation
import Testing

/// The store driven as the TUI drives it, against the project's own server over real HTTP:
/// a new chat, a regenerated answer, an edited prompt, a continued answer, a failed send.
@Suite(.timeLimit(.minutes(2))) struct StoreChatTests {
    /// A local server on an ephemeral port, a client for it, and a store using that client.
    struct Rig: StoreDriving {
        let store: Store
        let archive: Archive
        let serverTask: Task<Void, Never>

        static func start(
            pace: Duration = .zero, clientToken: String = TestServer.token, mode: StreamMode = .delta,
            failPrimaryWebSocket: Bool = false, seed: (Archive) throws -> Void = { _ in }
        ) async throws -> Rig {
            let server = try TestServer(engine: OfflineEngine(pace: pace), mode: mode) {
                $0.failPrimaryWebSocket = failPrimaryWebSocket
            }
            try seed(server.archive)
            let running = try await server.start()
            let client = ChatGPTClient(
                configuration: ChatGPTConfiguration(
                    baseURL: running.base, credentials: .accessToken(clientToken),
                    sourceName: "local", retryDelay: .milliseconds(10)))
            let archive = try Archive.inMemory()
            var state = AppState(width: 100, height: 30)
            state.backend = BackendInfo(name: "local", sourceName: "local")
            let store = Store(state: state, environment: StoreEnvironment(archive: archive, backend: client))
            await store.send(.terminal(.started(width: 100, height: 30)))
            return Rig(store: store, archive: archive, serverTask: running.task)
        }

        /// Waits for every stream to end and the server's copy to replace the streamed tree.
        func settle(answers: Int) async -> AppState {
            await waitUntil("\(answers) answers") { state in
                state.streams.isEmpty && state.open?.isPending == false
                    && (state.open?.tree.conversation.mapping.values.filter {
                        $0.message?.author.role == .assistant && $0.message?.status == "finished_successfully"
                    }.count ?? 0) >= answers
            }
        }

        func stop() { serverTask.cancel() }
    }

    @Test func newChatStreamsAnAnswerAndGetsTheServersIDAndTitle() async throws {
        let rig = try await Rig.start()
        defer { rig.stop() }
        await rig.ask("Tell me about chatterm")
        let sent = await rig.store.state
        #expect(sent.input.isEmpty)
        #expect(sent.open?.turns.map(\.text) == ["Tell me about chatterm"])
        #expect(sent.open?.isPending == true)
        let state = await rig.settle(answers: 1)
        let open = try #require(state.open)
        #expect(!open.id.hasPrefix(AppState.pendingConversationPrefix))
        #expect(open.turns.count == 2)
        #expect(open.turns[1].author.role == .assistant)
        #expect(open.turns[1].text.contains("Tell me about chatterm"))
        // The server's copy is cached, and the title generated for the new chat shows.
        let titled = await rig.waitUntil("a title") { $0.open?.hasTitle == true }
        #expect(titled.open?.title.isEmpty == false)
        // The server's tree (with its hidden system message) replaces the streamed one.
        let archive = rig.archive
        let cached = await rig.waitUntil("the server's copy") { state in
            let stored = (try? archive.conversation(id: open.id))?.mapping.count
            return stored != nil && stored == state.open?.tree.conversation.mapping.count
        }
        #expect(cached.open?.tree.conversation.mapping.values.contains { $0.message?.author.role == .system } == true)
        #expect(cached.open?.turns.count == 2)
        #expect(try rig.archive.summary(id: open.id)?.source == "local")
        #expect(try rig.archive.summary(id: open.id)?.title == cached.open?.title)
    }

    @Test(arguments: [false, true])
    func answersArriveOverTheWebSocketHandOff(primaryFails: Bool) async throws {
        // Paced, so the answer still streams when the test looks at its transport.
        let rig = try await Rig.start(pace: .milliseconds(10), mode: .websocket, failPrimaryWebSocket: primaryFails)
        defer { rig.stop() }
        await rig.ask("over the socket")
        let transport = await rig.waitUntil("the transport") { $0.streams.values.first?.transport != nil }
        let how = try #require(transport.streams.values.first?.transport)
        #expect(how.contains("WebSocket"))
        #expect(how.contains("fallback") == primaryFails)
        let state = await rig.settle(answers: 1)
        #expect(state.open?.turns.last?.text.contains("You wrote: \"over the socket\"") == true)
        #expect(state.message?.kind != .error)
    }

    @Test func regenerateAddsASiblingAndSiblingKeysSwitchBetweenAnswers() async throws {
        let rig = try await Rig.start()
        defer { rig.stop() }
        await rig.ask("first prompt")
        let first = await rig.settle(answers: 1)
        let firstAnswer = try #require(first.open?.turns.last?.text)
        await rig.store.send(.user(.focus(.messages)))
        await rig.store.send(.command(.bottom))
        await rig.store.send(.command(.regenerate))
        let second = await rig.settle(answers: 2)
        let open = try #require(second.open)
        #expect(open.turns.count == 2)
        #expect(open.turns[1].siblingIndex == 2)
        #expect(open.turns[1].siblingCount == 2)
        #expect(open.turns[1].text != firstAnswer)
        await rig.store.send(.command(.siblingPrev))
        let back = await rig.store.state
        #expect(back.open?.turns[1].text == firstAnswer)
        #expect(back.open?.turns[1].siblingIndex == 1)
    }

    @Test func editingAPromptMakesASiblingBranch() async throws {
        let rig = try await Rig.start()
        defer { rig.stop() }
        await rig.ask("original prompt")
        _ = await rig.settle(answers: 1)
        await rig.store.send(.user(.focus(.messages)))
        await rig.store.send(.command(.top))
        await rig.store.send(.command(.editPrompt))
        let editing = await rig.store.state
        #expect(editing.input.text == "original prompt")
        #expect(editing.focus == .input)
        await rig.store.send(.command(.inputKillLine))
        await rig.store.send(.user(.type("edited prompt")))
        await rig.store.send(.command(.send))
        let state = await rig.settle(answers: 2)
        let open = try #require(state.open)
        #expect(open.turns[0].text == "edited prompt")
        #expect(open.turns[0].siblingCount == 2)
        #expect(open.turns[0].siblingIndex == 2)
        #expect(open.turns[1].text.contains("edited prompt"))
        await rig.store.send(.user(.focus(.messages)))
        await rig.store.send(.command(.top))
        await rig.store.send(.command(.siblingPrev))
        let back = await rig.store.state
        #expect(back.open?.turns[0].text == "original prompt")
        #expect(back.open?.turns[1].text.contains("original prompt") == true)
    }

    @Test func continueExtendsTheLastAnswer() async throws {
        let rig = try await Rig.start()
        defer { rig.stop() }
        await rig.ask("go on")
        let before = await rig.settle(answers: 1)
        let length = before.open?.turns.last?.text.count ?? 0
        await rig.store.send(.command(.continueAnswer))
        let after = await rig.settle(answers: 2)
        // The continuation joins the answer it continues: still two turns, longer text.
        #expect(after.open?.turns.count == 2)
        #expect((after.open?.turns.last?.text.count ?? 0) > length)
    }

    @Test func aRefusedSendPutsTheMessageBackInTheInputBox() async throws {
        let rig = try await Rig.start(clientToken: "wrong-token")
        defer { rig.stop() }
        await rig.ask("do not lose me")
        let state = await rig.waitUntil("the failure") { $0.streams.isEmpty && $0.message?.kind == .error }
        #expect(state.input.text == "do not lose me")
        #expect(state.open == nil)
        #expect(state.message?.text.contains("401") == true)
        await rig.store.flush()
        #expect(try rig.archive.draft(for: "") == "do not lose me")
    }

    @Test func stopKeepsThePartialAnswer() async throws {
        let rig = try await Rig.start(pace: .milliseconds(30))
        defer { rig.stop() }
        await rig.ask("a long answer please")
        await rig.waitUntil("some text") { state in
            (state.streams.values.first?.answerCharacters ?? 0) > 20 && state.open?.isPending == false
        }
        await rig.store.send(.command(.cancel))
        let state = await rig.waitUntil("the stop") { $0.streams.isEmpty }
        let answer = try #require(state.open?.turns.last)
        #expect(answer.author.role == .assistant)
        #expect(!answer.text.isEmpty)
        #expect(!answer.text.contains("start `chatterm serve`"))  // the offline answer's last line never came
    }

    @Test func renameArchiveAndDeleteReachTheServerAndTheCache() async throws {
        let rig = try await Rig.start()
        defer { rig.stop() }
        await rig.ask("manage me")
        let done = await rig.settle(answers: 1)
        let id = try #require(done.open?.id)
        let archive = rig.archive
        // Let the generated title and the server's copy land first.
        await rig.waitUntil("the cached copy") { state in
            let stored = try? archive.conversation(id: id)
            return state.open?.hasTitle == true && stored?.title != nil
                && stored?.mapping.count == state.open?.tree.conversation.mapping.count
        }
        await rig.store.send(.user(.focus(.messages)))
        await rig.store.send(.command(.rename))
        await rig.store.send(.command(.inputKillLine))
        await rig.store.send(.user(.type("A better title")))
        await rig.store.send(.command(.open))
        let renamed = await rig.waitUntil("the rename") { _ in
            (try? archive.summary(id: id))?.title == "A better title"
        }
        #expect(renamed.message?.kind != .error, "\(renamed.message?.text ?? "")")
        #expect(await rig.store.state.open?.title == "A better title")
        await rig.store.send(.command(.archive))
        await rig.waitUntil("the archive") { _ in (try? archive.summary(id: id))?.isArchived == true }
        await rig.store.send(.command(.delete))
        guard case .confirmDelete = await rig.store.state.overlay else {
            Issue.record("delete must ask first")
            return
        }
        await rig.store.send(.user(.confirm(true)))
        let gone = await rig.waitUntil("the delete") { state in
            (try? archive.summary(id: id)) == nil && state.open == nil
        }
        #expect(gone.message?.text == "Deleted")
        // The server deleted it too: re-reading it fails with "not found".
        await rig.store.send(.user(.open(id: id, focusNode: nil)))
        let after = await rig.store.state
        #expect(after.open == nil)
        #expect(after.message?.kind == .error)
    }

    @Test func modelsAndStarterPromptsComeFromTheServer() async throws {
        let rig = try await Rig.start()
        defer { rig.stop() }
        await rig.store.send(.command(.newChat))
        let starters = await rig.waitUntil("starters") { !$0.starters.isEmpty }
        #expect(starters.starters.count == 4)
        await rig.store.send(.user(.pickStarter(2)))
        let picked = await rig.store.state
        #expect(picked.input.text == starters.starters[1].prompt)
        await rig.store.send(.command(.pickModel))
        await rig.waitUntil("models") { state in
            if case .models(let picker) = state.overlay { return picker.loaded }
            return false
        }
        await rig.store.send(.command(.open))
        let chosen = await rig.store.state
        #expect(chosen.backend?.model == "chatterm-offline")
        #expect(chosen.overlay == nil)
    }

    @Test func theSidebarPagesTheServersListAsTheReaderNearsTheEnd() async throws {
        let rig = try await Rig.start(seed: { archive in
            for n in 0..<230 {
                let c = Conversation(
                    id: String(format: "remote-%03d", n), title: "Remote \(n)", createTime: Double(n),
                    updateTime: 1_000 + Double(n), mapping: ["root": Node(id: "root")], currentNode: "root")
                try archive.upsert(c, raw: Data("{}".utf8), source: BackendServer.localSource)
            }
        })
        defer { rig.stop() }
        // The first page: 100 of the server's 230 (plus nothing local).
        let first = await rig.waitUntil("the first page") { $0.sidebar.count == 100 && !$0.sidebar.remoteLoading }
        #expect(first.sidebar.remoteNextOffset == 100)
        #expect(first.sidebar.row(0)?.id == "remote-229")
        #expect(first.sidebar.row(0)?.nodeCount == 0)  // listed, not cached yet
        await rig.store.send(.user(.focus(.sidebar)))
        await rig.store.send(.command(.bottom))
        await rig.waitUntil("the second page") { $0.sidebar.count == 200 && !$0.sidebar.remoteLoading }
        await rig.store.send(.command(.bottom))
        let last = await rig.waitUntil("the last page") { $0.sidebar.count == 230 && !$0.sidebar.remoteLoading }
        #expect(last.sidebar.remoteNextOffset == nil)
        await rig.store.send(.command(.bottom))
        #expect(await rig.store.state.sidebar.remoteLoading == false)  // nothing more to ask for
    }
}
