import ChatConfig
import ChatStore
import ChatUI
import TerminalCanvas
import Testing

@Suite struct ScreenTests {
    @Test func sidebarListsConversationsNewestFirst() async throws {
        let world = try UITestWorld()
        await world.send(.terminal(.started(width: 100, height: 30)))
        let lines = await world.render().buffer.lines
        #expect(lines[0].contains("Conversations (2)"))
        #expect(lines[1].contains("Branching test"))
        #expect(lines[2].contains("中文"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) == 100 })
    }

    @Test func openConversationShowsTheCurrentBranchWithMarkers() async throws {
        let world = try UITestWorld()
        await world.send(.terminal(.started(width: 100, height: 30)), .command(.open))
        let screen = await world.screen()
        #expect(screen.contains("You"))
        #expect(screen.contains("Tell me about trees"))
        #expect(screen.contains("ChatGPT · gpt-4o ‹2/3›"))
        #expect(screen.contains("Version two: pine"))
        #expect(screen.contains("[1] swift"))
        #expect(screen.contains("let tree = \"pine\""))
        #expect(!screen.contains("```"))
        #expect(!screen.contains("oak"))
        #expect(screen.contains("branch 2/3"))
        #expect(screen.contains("2 other branches off this path"))
    }

    @Test func switchingSiblingChangesOnlyThePaneAndStatus() async throws {
        let world = try UITestWorld()
        await world.send(.terminal(.started(width: 100, height: 30)), .command(.open))
        let before = await world.render().buffer
        await world.send(.command(.siblingNext))
        let after = await world.render().buffer
        let screen = after.lines.joined(separator: "\n")
        #expect(screen.contains("Version three: birch"))
        #expect(screen.contains("‹3/3›"))
        let geometry = await world.store.state.geometry
        let changes = after.diff(from: before)
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { $0.x >= geometry.pane.x || $0.y >= geometry.status.y })
        #expect(after.diff(from: after).isEmpty)
    }

    @Test func cjkRowsFitTheWidthAndHostileTextIsNeutralised() async throws {
        let world = try UITestWorld(width: 60, height: 20)
        await world.send(.terminal(.started(width: 60, height: 20)), .command(.selectNext), .command(.open))
        let frame = await world.render()
        let lines = frame.buffer.lines
        #expect(lines.contains { $0.contains("介绍下你自己") })
        for line in lines {
            #expect(DisplayWidth.of(line) == 60, "\(line)")
        }
        let paneRows = lines.filter { $0.contains("终端") || $0.contains("介绍") }
        #expect(paneRows.allSatisfy { $0.hasSuffix("│") })
        for cell in frame.buffer.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f })
        }
        #expect(lines.joined().contains("done"))
        #expect(!lines.joined().contains("52;c"))
    }

    @Test func helpIsGeneratedFromTheKeymap() async throws {
        let world = try UITestWorld()
        await world.send(.terminal(.started(width: 100, height: 30)), .command(.help))
        let screen = await world.screen()
        #expect(screen.contains("Keys · default"))
        #expect(screen.contains("Ctrl-K"))
        #expect(screen.contains(Command.search.summary))
    }

    @Test func treeOverviewListsEveryBranch() async throws {
        let world = try UITestWorld()
        await world.send(.terminal(.started(width: 100, height: 30)), .command(.open), .command(.treeOverview))
        let screen = await world.screen()
        #expect(screen.contains("3 leaves"))
        for word in ["oak", "pine", "birch"] { #expect(screen.contains(word)) }
        await world.send(.command(.selectPrev), .command(.open))
        let after = await world.screen()
        #expect(after.contains("Version one: oak"))
        #expect(after.contains("‹1/3›"))
    }

    @Test func searchOverlayShowsHitsAndOpensOnTheirBranch() async throws {
        let world = try UITestWorld()
        await world.send(.terminal(.started(width: 100, height: 30)), .command(.search))
        for c in "birch" { await world.send(.user(.type(String(c)))) }
        let screen = await world.screen()
        #expect(screen.contains("1 hit"))
        #expect(screen.contains("Branching test"))
        await world.send(.command(.open))
        let opened = await world.screen()
        #expect(opened.contains("Version three: birch"))
    }

    @Test func inputBoxGrowsWithLinesAndShowsTheCaret() async throws {
        let world = try UITestWorld()
        await world.send(
            .terminal(.started(width: 100, height: 30)), .command(.open), .user(.focus(.input)),
            .terminal(.paste("one\ntwo\nthree")))
        let frame = await world.render()
        let state = await world.store.state
        #expect(state.geometry.input.height == 5)
        let screen = frame.buffer.lines.joined(separator: "\n")
        #expect(screen.contains("one") && screen.contains("three"))
        #expect(frame.cursor?.y == state.geometry.input.y + 3)
        #expect(frame.cursor?.x == state.geometry.input.x + 1 + 5)
    }

    @Test func tinyTerminalsDoNotCrash() async throws {
        for (w, h) in [(1, 1), (10, 5), (20, 8), (30, 10)] {
            let world = try UITestWorld(width: w, height: h)
            await world.send(.terminal(.started(width: w, height: h)), .command(.open), .command(.help))
            let frame = await world.render()
            #expect(frame.buffer.width == w)
        }
    }
}
