import ChatModel
import Foundation
import Testing

/// Continuation joining, hidden and reasoning messages, and multimodal text in turns.
struct TurnTests {
    static let maxTokens: [String: JSONValue] = [
        "finish_details": .object(["type": .string("max_tokens")]), "model_slug": .string("gpt-4"),
    ]
    static let continued: [String: JSONValue] = [
        "message_type": .string("continue"), "model_slug": .string("gpt-4o"),
    ]

    @Test func continueAnswerIsOneTurnJoinedDirectly() throws {
        var first = T.message("assistant", "Hello wor", id: "a1", time: 2, metadata: Self.maxTokens, endTurn: false)
        first.status = "finished_partial_completion"
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1"], "user", "Say hello", time: 1),
            Node(id: "a1", message: first, parent: "u", children: ["a2"]),
            T.node("a2", parent: "a1", [], "assistant", "ld!", time: 3, metadata: Self.continued),
        ])
        let turns = tree.turns(to: "a2")
        try #require(turns.count == 2)
        #expect(turns[1].id == "a1")
        #expect(turns[1].nodeIDs == ["a1", "a2"])
        #expect(turns[1].text == "Hello world!")
        #expect(turns[1].modelSlug == "gpt-4o")
        #expect(turns[1].createTime == 2)
        #expect(turns[1].status == "finished_partial_completion")
        #expect(turns[1].author.role == .assistant)
    }

    @Test func joinedTurnCountsSiblingsOnItsFirstNode() throws {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1", "b1"], "user", "q", time: 1),
            T.node("a1", parent: "u", ["a2"], "assistant", "part one ", time: 2, metadata: Self.maxTokens),
            T.node("a2", parent: "a1", [], "assistant", "part two", time: 3, metadata: Self.continued),
            T.node("b1", parent: "u", [], "assistant", "regenerated", time: 4),
        ])
        let turns = tree.turns(to: "a2")
        try #require(turns.count == 2)
        #expect(turns[1].nodeIDs == ["a1", "a2"])
        #expect(turns[1].text == "part one part two")
        #expect((turns[1].siblingIndex, turns[1].siblingCount) == (1, 2))
        #expect(tree.branchPoints(to: "a2") == ["a1"])
        #expect(tree.switchSibling(of: "a1", by: 1, memory: BranchMemory()) == "b1")
        #expect(tree.switchSibling(of: "b1", by: -1, memory: BranchMemory()) == "a2")
        #expect(tree.siblings(of: "a2") == ["a2"])
    }

    @Test func plainConsecutiveAnswersJoinWithABlankLine() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1"], "user", "q", time: 1),
            T.node("a1", parent: "u", ["a2"], "assistant", "First.", time: 2),
            T.node("a2", parent: "a1", [], "assistant", "Second.", time: 3),
        ])
        let turns = tree.turns(to: "a2")
        #expect(turns.map(\.text) == ["q", "First.\n\nSecond."])
        #expect(turns.last?.nodeIDs == ["a1", "a2"])
    }

    @Test func answersAroundHiddenToolCallsJoin() {
        var call = T.message("assistant", "", id: "call", time: 3, recipient: "python")
        call.content = MessageContent(type: "code", text: "print(1)", language: "python")
        var output = T.message("tool", "1", id: "out", time: 4)
        output.content = MessageContent(type: "execution_output", text: "1")
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1"], "user", "run it", time: 1),
            Node(
                id: "a1", message: T.message("assistant", "Running.", id: "a1", time: 2, endTurn: false), parent: "u",
                children: ["call"]),
            Node(id: "call", message: call, parent: "a1", children: ["out"]),
            Node(id: "out", message: output, parent: "call", children: ["a2"]),
            T.node("a2", parent: "out", [], "assistant", "It printed 1.", time: 5),
        ])
        let turns = tree.turns(to: "a2")
        #expect(turns.map(\.nodeIDs) == [["u"], ["a1", "a2"]])
        #expect(turns.last?.text == "Running.\n\nIt printed 1.")
        #expect(tree.path(to: "a2") == ["root", "u", "a1", "call", "out", "a2"])
    }

    @Test func alternativeContinuationsStaySeparateTurns() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1"], "user", "q", time: 1),
            T.node("a1", parent: "u", ["c1", "c2"], "assistant", "start", time: 2, metadata: Self.maxTokens),
            T.node("c1", parent: "a1", [], "assistant", "one", time: 3, metadata: Self.continued),
            T.node("c2", parent: "a1", [], "assistant", "two", time: 4, metadata: Self.continued),
        ])
        let turns = tree.turns(to: "c2")
        #expect(turns.map(\.id) == ["u", "a1", "c2"])
        #expect((turns.last?.siblingIndex, turns.last?.siblingCount) == (2, 2))
        #expect(tree.switchSibling(of: "c2", by: -1, memory: BranchMemory()) == "c1")
    }

    @Test func reasoningIsShownOnlyOnRequestAndNeverJoined() {
        let thoughts = MessageContent(
            type: "thoughts",
            raw: .object([
                "content_type": .string("thoughts"),
                "thoughts": .array([.object(["summary": .string("Plan"), "content": .string("Think first.")])]),
            ]))
        let recap = MessageContent(type: "reasoning_recap", text: "Thought for 4s")
        var t = T.message("assistant", content: thoughts, time: 2)
        t.id = "t"
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["t"], "user", "hard question", time: 1),
            Node(id: "t", message: t, parent: "u", children: ["r"]),
            Node(id: "r", message: T.message("assistant", content: recap, time: 3), parent: "t", children: ["a"]),
            T.node("a", parent: "r", [], "assistant", "The answer.", time: 4),
        ])
        #expect(tree.turns(to: "a").map(\.id) == ["u", "a"])
        let shown = tree.turns(to: "a", showReasoning: true)
        #expect(shown.map(\.id) == ["u", "t", "r", "a"])
        #expect(shown.map(\.isReasoning) == [false, true, true, false])
        #expect(shown[1].text == "Plan\nThink first.")
        #expect(shown[2].text == "Thought for 4s")
        #expect(!tree.isVisible("t", showReasoning: false))
        #expect(tree.isVisible("t", showReasoning: true))
        #expect(tree.siblings(of: "t") == ["t"])
    }

    @Test func hiddenMessagesAreSkippedButTheirChildrenWalked() {
        let hiddenMeta: [String: JSONValue] = ["is_visually_hidden_from_conversation": .bool(true)]
        let context = MessageContent(
            type: "user_editable_context",
            raw: .object(["user_profile": .string("I am a cat"), "user_instructions": .string("Meow")]))
        let tree = T.tree([
            T.node("root", parent: nil, ["sys"]),
            T.node("sys", parent: "root", ["ctx"], "system", "", time: nil),
            Node(id: "ctx", message: T.message("user", content: context, time: 1), parent: "sys", children: ["inj"]),
            T.node("inj", parent: "ctx", ["u"], "user", "secret injected prompt", time: 2, metadata: hiddenMeta),
            T.node("u", parent: "inj", ["note"], "user", "visible prompt", time: 3),
            Node(
                id: "note",
                message: T.message("assistant", "thinking aloud", id: "note", time: 4, channel: "commentary"),
                parent: "u", children: ["a"]),
            T.node("a", parent: "note", [], "assistant", "visible answer", time: 5),
        ])
        for showReasoning in [false, true] {
            #expect(
                tree.turns(to: "a", showReasoning: showReasoning).map(\.text) == ["visible prompt", "visible answer"])
        }
        #expect(!tree.isVisible("ctx", showReasoning: true))
        #expect(!tree.isVisible("inj", showReasoning: true))
        #expect(!tree.isVisible("note", showReasoning: true))
        #expect(tree.outline().map(\.nodeID) == ["u", "a"])
    }

    @Test func blankMessagesAreNotTurns() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a"], "user", "q", time: 1),
            T.node("a", parent: "u", [], "assistant", " \n\t", time: 2, metadata: [:]),
        ])
        #expect(!tree.isVisible("a", showReasoning: true))
        #expect(tree.turns(to: "a").map(\.id) == ["u"])
    }

    @Test func multimodalPartsAreFilesBesideTheText() throws {
        let image = JSONValue.object([
            "content_type": .string("image_asset_pointer"), "asset_pointer": .string("file-service://file-xyz"),
            "width": .number(1024),
        ])
        let audio = JSONValue.object([
            "content_type": .string("audio_transcription"), "text": .string("spoken words"),
        ])
        let content = MessageContent(
            type: "multimodal_text",
            parts: [
                .object(type: "image_asset_pointer", raw: image), .text("What is this?"),
                .object(type: "audio_transcription", raw: audio),
            ])
        let imageOnly = MessageContent(
            type: "multimodal_text", parts: [.object(type: "image_asset_pointer", raw: image)])
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            Node(id: "u", message: T.message("user", content: content, time: 1), parent: "root", children: ["a"]),
            Node(id: "a", message: T.message("assistant", content: imageOnly, time: 2), parent: "u"),
        ])
        let turns = tree.turns(to: "a")
        try #require(turns.count == 2)
        // The image is a file of the turn, not a placeholder in its text (the pane shows it as a
        // line of its own); the tree overview's one-line preview still names it.
        #expect(turns[0].text == "What is this?\nspoken words")
        #expect(turns[0].attachments.map(\.fileID) == ["file-xyz"])
        #expect(turns[1].text == "")
        #expect(turns[1].attachments.map(\.width) == [1024])
        #expect(tree.outline().first?.preview == "[image: file-xyz]")
    }

    @Test func previewIsTheFirstNonBlankLineCut() throws {
        let long = String(repeating: "長", count: 100)
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a"], "user", "\n  \n   padded line  \nsecond", time: 1),
            T.node("a", parent: "u", [], "assistant", long, time: 2),
        ])
        let rows = tree.outline()
        try #require(rows.count == 2)
        #expect(rows[0].preview == "padded line")
        #expect(rows[1].preview.count == 80)
        #expect(rows[1].preview == String(repeating: "長", count: 79) + "…")
    }
}
