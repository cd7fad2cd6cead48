import ChatArchive
import ChatClient
import ChatConfig
import ChatModel
import ChatProtocol
import ChatStore
import ChatTestSupport
import ChatUI
import Foundation
import TerminalCanvas
import Testing

/// A ``FrameRenderer`` keeps the last frame and leaves the parts whose inputs did not change:
/// each test draws states one after another with one renderer and checks every frame against
/// one drawn whole (`Screen.render`), so a part left stale fails the test.
@Suite struct FrameRendererTests {
    let context = UITestWorld.context

    /// Records an issue for each state that `renderer`, having drawn the ones before it, draws
    /// otherwise than a frame drawn whole; returns the frames.
    @discardableResult
    func expectFrames(
        _ states: [AppState], renderer: inout FrameRenderer, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [Frame] {
        states.enumerated().map { i, state in
            let kept = renderer.render(state)
            let whole = Screen.render(state, context: context)
            if let report = ScreenMatch.mismatch(kept.buffer, expected: whole.buffer.lines.joined(separator: "\n")) {
                Issue.record(Comment(rawValue: "frame \(i): \(report)"), sourceLocation: sourceLocation)
            } else if let cell = Self.firstDifference(kept.buffer, whole.buffer) {
                Issue.record(
                    Comment(rawValue: "frame \(i): the cell at \(cell) differs"), sourceLocation: sourceLocation)
            }
            #expect(kept.cursor == whole.cursor, "frame \(i): the cursor", sourceLocation: sourceLocation)
            return kept
        }
    }

    func expectFrames(_ states: [AppState], sourceLocation: SourceLocation = #_sourceLocation) {
        var renderer = FrameRenderer(context: context)
        expectFrames(states, renderer: &renderer, sourceLocation: sourceLocation)
    }

    static func firstDifference(_ a: Buffer, _ b: Buffer) -> (x: Int, y: Int)? {
        guard a.width == b.width, a.height == b.height else { return (0, 0) }
        for y in 0..<a.height {
            for x in 0..<a.width where a[x, y] != b[x, y] { return (x, y) }
        }
        return nil
    }

    /// A loaded sidebar of `count` conversations, the first `count / 5` titled in Chinese.
    static func sidebar(_ count: Int) -> [ConversationSummary] {
        (0..<count).map { (i: Int) -> ConversationSummary in
            let title = i % 5 == 0 ? "流式输出 \(i)" : "Conversation number \(i)"
            return ConversationSummary(
                id: "c\(i)", title: title,
                createTime: 1_699_000_000 - 86_400 * Double(i), updateTime: nil, isArchived: i == 3,
                source: "test", nodeCount: 2)
        }
    }

    /// A state whose answer streams: the sidebar loaded, a prompt sent, the answer begun.
    static func streaming(width: Int = 100, height: Int = 24) -> (AppState, String) {
        var state = AppState(width: width, height: height)
        state.now = 1_700_100_000
        state.backend = BackendInfo(name: "test", sourceName: "test", model: "test-model")
        let rows = sidebar(30)
        _ = Reducer.reduce(&state, .terminal(.started(width: width, height: height)))
        _ = Reducer.reduce(
            &state, .loaded(.sidebar(ConversationListing(count: rows.count, pinnedCount: 0, offset: 0, rows: rows))))
        _ = Reducer.reduce(&state, .command(.newChat))
        _ = Reducer.reduce(&state, .user(.type("How are frames drawn?")))
        _ = Reducer.reduce(&state, .command(.send))
        let request = state.streams.values.first!.request
        let id = request.websocketRequestID
        let prompt = request.messages[0]
        let echo = Message(
            id: prompt.id, author: Author(role: .user), createTime: 1_700_100_000, content: .text(prompt.text),
            status: "finished_successfully", recipient: "all")
        let answer = Message(
            id: "answer", author: Author(role: .assistant), createTime: 1_700_100_001, content: .text(""),
            status: "in_progress", recipient: "all")
        let head: [ChatStreamItem] = [
            .transport("test"), .event(.conversationID("c-new")),
            .event(
                .messageStarted(
                    StreamMessage(
                        message: echo, parentID: request.parentMessageID, conversationID: "c-new", kind: .echo))),
            .event(
                .messageStarted(
                    StreamMessage(message: answer, parentID: prompt.id, conversationID: "c-new", kind: .answer))),
        ]
        for item in head { _ = Reducer.reduce(&state, .stream(id: id, .item(item))) }
        return (state, id)
    }

    static let answer = """
        ## Frames

        A frame is drawn at most every **16 ms**, however fast the text comes; `Buffer.diff` \
        sends only the cells that changed. 中文段落也要按显示宽度换行，每个字占两列。

        - the sidebar is left as it was
        - the input box too
        - the pane copies the rows it showed before

        ```swift
        var renderer = FrameRenderer(context: context)
        let frame = renderer.render(state)  // only what changed is drawn again
        ```

        That is all, and [a link](https://example.com/frames) at the end.
        """

    /// The states of `answer` streaming in pieces of `size` characters, then ending.
    static func streamingStates(width: Int = 100, height: Int = 24, size: Int = 7) -> [AppState] {
        var (state, id) = streaming(width: width, height: height)
        var states = [state]
        var rest = Substring(answer)
        while !rest.isEmpty {
            let piece = String(rest.prefix(size))
            rest = rest.dropFirst(size)
            state.now += 0.05
            let item = ChatStreamItem.event(.textAppended(messageID: "answer", suffix: piece))
            _ = Reducer.reduce(&state, .stream(id: id, .item(item)))
            states.append(state)
        }
        for item: ChatStreamItem in [
            .event(.messageFinished(messageID: "answer", status: "finished_successfully", endTurn: true)),
            .event(.done), .finished(.complete),
        ] {
            _ = Reducer.reduce(&state, .stream(id: id, .item(item)))
        }
        states.append(state)
        return states
    }

    @Test func aStreamingAnswerDrawsWhatAWholeFrameDraws() {
        expectFrames(Self.streamingStates())
        expectFrames(Self.streamingStates(width: 60, height: 12, size: 3))
        expectFrames(Self.streamingStates(width: 140, height: 50, size: 40))
    }

    @Test func theSidebarIsDrawnAgainWhenItChanges() {
        let states = Self.streamingStates()
        var renderer = FrameRenderer(context: context)
        let before = renderer.render(states[10])
        var moved = states[10]
        moved.sidebar.selected = 2
        var renamed = moved
        renamed.sidebar.window[1].title = "Renamed while an answer streams"
        var narrowed = renamed
        narrowed.sidebar.filtered = [renamed.sidebar.window[4]]
        let frames = expectFrames([moved, renamed, narrowed], renderer: &renderer)
        #expect(frames[0].buffer.line(2) != before.buffer.line(2) || frames[0].buffer[1, 3] != before.buffer[1, 3])
        #expect(frames[1].buffer.line(2).contains("Renamed"))
        #expect(frames[2].buffer.line(2).contains("Conversation nu… 10-30"), "the filter on row 1, its match below")
    }

    @Test func theStreamingMarkComesAndGoesWithTheStream() {
        var state = Self.streaming().0
        state.sidebar.window[0].id = "c-new"
        var ended = state
        ended.streams = [:]
        var renderer = FrameRenderer(context: context)
        let frames = expectFrames([state, ended, state], renderer: &renderer)
        #expect(frames[0].buffer.line(1).contains("⋯"))
        #expect(!frames[1].buffer.line(1).contains("⋯"))
    }

    @Test func typingFocusAndMessagesRedrawTheirParts() {
        let streamed = Self.streamingStates().last!
        var typed = streamed
        typed.focus = .input
        _ = Reducer.reduce(&typed, .user(.type("a next question")))
        var more = typed
        _ = Reducer.reduce(&more, .user(.type(" 与中文")))
        var failed = more
        failed.draftSaveFailure = "disk full"
        var toSidebar = failed
        toSidebar.focus = .sidebar
        var toPane = toSidebar
        toPane.focus = .messages
        var told = toPane
        _ = Reducer.reduce(&told, .failed("the server is gone"))
        var grown = told
        _ = Reducer.reduce(&grown, .command(.inputNewline))
        expectFrames([streamed, typed, more, failed, toSidebar, toPane, told, grown, told])
    }

    @Test func scrollingAndSelectingCopyOnlyRowsThatLookTheSame() {
        var state = Self.streamingStates(height: 16).last!
        state.focus = .messages
        var states = [state]
        for command: Command in [.top, .selectNext, .pageDown, .halfPageUp, .bottom, .selectPrev, .toggleReasoning] {
            _ = Reducer.reduce(&state, .command(command))
            states.append(state)
        }
        for top in [0, 3, 1, 9, 2, 2] {
            state.open?.scrollTop = top
            states.append(state)
        }
        state.focus = .input
        states.append(state)
        expectFrames(states)
    }

    @Test func overlaysAndNewSizesDrawTheWholeFrame() {
        let state = Self.streamingStates().last!
        var help = state
        help.overlay = .help(scroll: 0)
        var quit = state
        quit.overlay = .confirmQuit
        var wide = state
        _ = Reducer.reduce(&wide, .terminal(.resized(width: 120, height: 30)))
        var tiny = wide
        tiny.width = 15
        expectFrames([state, help, help, state, quit, state, wide, tiny, wide, state])
    }

    @Test func aWorldsFramesMatchThroughEveryCommand() async throws {
        // Random keys through the store: every frame a renderer draws after the others is the
        // frame drawn whole (UITestWorld.render checks it for every test too).
        let world = try UITestWorld(width: 90, height: 20, extra: [UITestWorld.archived, UITestWorld.emoji])
        await world.send(.terminal(.started(width: 90, height: 20)))
        let commands: [Command] = [
            .selectNext, .selectPrev, .open, .focusNext, .focusPrev, .siblingNext, .siblingPrev, .pageDown, .top,
            .bottom, .toggleArchived, .toggleReasoning, .help, .cancel, .treeOverview, .newChat, .halfPageUp,
        ]
        var random = SystemRandomNumberGenerator()
        for step in 0..<120 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: await world.send(.user(.type(["x", "中", " ", "ab"].randomElement(using: &random)!)))
            case 1: await world.send(.command(.inputBackspace))
            default: await world.send(.command(commands.randomElement(using: &random)!))
            }
            _ = await world.render()
            if step % 40 == 39 { await world.send(.terminal(.resized(width: 70 + step % 50, height: 20))) }
        }
    }
}
