import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import ChatRender
import ChatTestPeers
import Foundation
import Testing

@testable import ChatStore

/// Streamed text waits in the store until the state is read or another action comes, and is
/// then applied as one append: the answer and its layout are exactly those of the deltas
/// applied one by one, in order, whatever comes between them.
@Suite(.timeLimit(.minutes(1))) struct StreamCoalescingTests {
    /// The one answer of a stream the test feeds item by item through a ``FakeBackend``.
    struct Answer {
        let backend: FakeBackend
        let requestID: String

        /// The conversation id and the answer's first (empty) snapshot under `parent`.
        func start(parent: String) {
            let answer = Message(
                id: "a1", author: Author(role: .assistant), content: .text(""), status: "in_progress",
                recipient: "all")
            backend.yield(
                .event(.conversationID("c1")),
                .event(
                    .messageStarted(
                        StreamMessage(message: answer, parentID: parent, conversationID: "c1", kind: .answer))),
                to: requestID)
        }

        func text(_ suffix: String) { yield(.event(.textAppended(messageID: "a1", suffix: suffix))) }

        func yield(_ item: ChatStreamItem) { backend.yield(item, to: requestID) }
    }

    static let answer = """
        # Streaming

        A paragraph with **bold** text, `code` and a [link](https://example.com) that goes on \
        for a while so that it wraps over several lines of the pane.

        | left | right |
        |:-----|------:|
        | 中文 | 42 |

        ```swift
        let x = 1
        print(x)
        ```

        - one
        - two
          - nested

        > quoted \\(x^2\\) and the end.
        """

    /// Cuts text into pieces of 1–7 characters.
    static func deltas(_ text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        var n = 1
        while !rest.isEmpty {
            out.append(String(rest.prefix(n)))
            rest = rest.dropFirst(n)
            n = n % 7 + 1
        }
        return out
    }

    func startStream(copy: @escaping @Sendable (String) -> Void = { _ in }) async throws -> (Store, Answer) {
        let backend = FakeBackend(sourceName: "gated")
        var state = AppState(width: 60, height: 30)
        state.backend = BackendInfo(name: "gated", sourceName: "gated")
        let store = Store(
            state: state,
            environment: StoreEnvironment(
                archive: try Archive.inMemory(), backend: backend,
                terminal: TerminalServices(copy: copy, openLink: { _ in .noBrowser }, editText: { _ in nil })))
        await store.send(.terminal(.started(width: 60, height: 30)))
        let sent = await store.ask("a question")
        let user = try #require(sent.open?.leaf)
        var requests = backend.sentRequests.makeAsyncIterator()
        let request = try #require(await requests.next())
        let answer = Answer(backend: backend, requestID: request.websocketRequestID)
        answer.start(parent: user)
        await store.waitUntil("the answer started") { $0.open?.tree.node("a1") != nil }
        return (store, answer)
    }

    /// The pane as laid out at once from the open conversation's turns, without the list of
    /// links under the answer, which appears when it finishes.
    static func freshLines(_ state: AppState) throws -> [PaneLine] {
        let open = try #require(state.open)
        return PaneLayout(turns: open.turns, width: state.geometry.paneColumns).lines.filter { $0.kind != .source }
    }

    @Test func deltasReadOnceAtTheEndMakeTheWholeAnswerAndItsLayout() async throws {
        let (store, answer) = try await startStream()
        let pieces = Self.deltas(Self.answer)
        for piece in pieces { answer.text(piece) }
        let state = await store.waitUntil("every delta") { $0.open?.streamedText(of: "a1") == Self.answer }
        #expect(state.open?.turns.last?.text == Self.answer)
        #expect(state.open?.layout.lines == (try Self.freshLines(state)))
        // Finished, the answer is laid out anew, with its links listed: the same body.
        answer.yield(.event(.messageFinished(messageID: "a1", status: "finished_successfully", endTurn: true)))
        let finished = await store.waitUntil("the end") {
            $0.open?.tree.node("a1")?.message?.status == "finished_successfully"
        }
        let lines = try #require(finished.open?.layout.lines)
        #expect(lines.filter { $0.kind != .source } == (try Self.freshLines(finished)))
        #expect(lines.contains { $0.kind == .source && $0.text.contains("example.com") })
        #expect(state.streams.values.first?.answerCharacters == Self.answer.count)
    }

    /// Copies the key `y` made.
    final class Clipboard: @unchecked Sendable {
        private let lock = NSLock()
        private var copied: [String] = []
        var last: String? { lock.withLock { copied.last } }
        func copy(_ text: String) { lock.withLock { copied.append(text) } }
    }

    /// The answer's text the store has received: applied, and waiting to be.
    static func received(_ store: Store) async -> String {
        let applied = await store.current.open?.streamedText(of: "a1") ?? ""
        return applied + (await store.coalescedText.map(\.text).joined())
    }

    @Test func aKeyBetweenDeltasActsOnEveryDeltaBeforeIt() async throws {
        let clipboard = Clipboard()
        let (store, answer) = try await startStream(copy: clipboard.copy)
        await store.send(.user(.focus(.messages)))
        let pieces = Self.deltas(Self.answer)
        var sent = ""
        var keysWhileTextWaited = 0
        for (i, piece) in pieces.enumerated() {
            answer.text(piece)
            sent += piece
            guard i % 9 == 8 else { continue }
            // Without reading the state (which would apply the waiting text itself).
            for _ in 0..<2000 where await Self.received(store) != sent { try await Task.sleep(for: .milliseconds(1)) }
            if await !store.coalescedText.isEmpty { keysWhileTextWaited += 1 }
            await store.send(.command(.bottom))
            let state = await store.send(.command(.copyMessage))
            #expect(clipboard.last == sent)
            #expect(state.open?.layout.lines == (try Self.freshLines(state)))
        }
        #expect(keysWhileTextWaited > 0, "no key came while streamed text waited")
        let state = await store.waitUntil("every delta") { $0.open?.streamedText(of: "a1") == Self.answer }
        #expect(state.open?.layout.lines == (try Self.freshLines(state)))
    }

    @Test func theFirstTextKeepsItsOwnTime() async throws {
        let (store, answer) = try await startStream()
        answer.text("First")
        let first = await store.waitUntil("the first text") { $0.streams.values.first?.firstTextAt != nil }
        let firstAt = try #require(first.streams.values.first?.firstTextAt)
        try await Task.sleep(for: .milliseconds(50))
        answer.text(" and more")
        let later = await store.waitUntil("more text") { $0.open?.streamedText(of: "a1") == "First and more" }
        #expect(later.streams.values.first?.firstTextAt == firstAt)
        #expect((later.streams.values.first?.lastTextAt ?? 0) >= firstAt + 0.04)
    }
}
