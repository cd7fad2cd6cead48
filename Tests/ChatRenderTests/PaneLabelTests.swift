import ChatModel
import TerminalCanvas
import Testing

@testable import ChatRender

/// An answer turn saying `text`, from `model`, ended by `ending`.
private func answer(_ text: String = "hi", model: String? = nil, ending: AnswerEnding? = nil) -> Turn {
    var turn = Turn(id: "a", nodeIDs: ["a"], author: Author(role: .assistant), text: text)
    turn.modelSlug = model
    turn.ending = ending
    return turn
}

/// Who an answer is from: ChatGPT only for OpenAI's models, the model's name for any other.
@Suite struct PaneLabelTests {

    @Test(arguments: [
        ("gpt-4o", "ChatGPT · gpt-4o"), ("o3-mini", "ChatGPT · o3-mini"), ("o1", "ChatGPT · o1"),
        ("auto", "ChatGPT · auto"), ("text-davinci-002-render-sha", "ChatGPT · text-davinci-002-render-sha"),
        ("llama3.1", "Assistant · llama3.1"), ("coze-bot-rich", "Assistant · coze-bot-rich"),
        ("ollama", "Assistant · ollama"), ("o", "Assistant · o"), ("qwen-max", "Assistant · qwen-max"),
    ])
    func assistantLabels(model: String, label: String) {
        #expect(PaneLayout.label(for: answer(model: model)) == label)
    }

    @Test func otherAuthors() {
        #expect(PaneLayout.label(for: answer(model: nil)) == "Assistant")
        #expect(PaneLayout.label(for: answer(model: "")) == "Assistant")
        #expect(PaneLayout.label(for: Turn(id: "u", nodeIDs: ["u"], author: Author(role: .user), text: "q")) == "You")
        var thinking = answer(model: "o3")
        thinking.isReasoning = true
        #expect(PaneLayout.label(for: thinking) == "Reasoning")
        // A model name from a server is untrusted: no escape sequences reach the screen.
        #expect(PaneLayout.label(for: answer(model: "evil\u{1b}[2Jmodel")).contains("\u{1b}") == false)
    }

    @Test func aComparedAnswerAndYourThumbAreNamed() {
        var compared = answer(model: "gpt-4")
        compared.isComparedAnswer = true
        #expect(PaneLayout.label(for: compared) == "ChatGPT · gpt-4 · compared answer")
        compared.feedback = "up"
        #expect(PaneLayout.label(for: compared) == "ChatGPT · gpt-4 · compared answer · 👍")
        var disliked = answer(model: nil)
        disliked.feedback = "down"
        #expect(PaneLayout.label(for: disliked) == "Assistant · 👎")
    }
}

@Suite struct PaneEndingTests {
    static func turn(_ ending: AnswerEnding?) -> Turn { answer("half an answer", ending: ending) }

    @Test(arguments: [
        (AnswerEnding.stopped, "⏹ stopped before it was finished"),
        (.interrupted, "⏹ interrupted: the answer was cut off before it was finished"),
        (.cutAtLengthLimit, "⏹ cut at the length limit — c continues"),
    ])
    func anAnswerThatDidNotFinishIsMarkedUnderItsText(ending: AnswerEnding, line: String) {
        let layout = PaneLayout(turns: [Self.turn(ending)], width: 80)
        #expect(layout.lines.map(\.text).dropFirst() == ["  half an answer", "  " + line])
        let kinds = layout.lines.map(\.kind)
        #expect(kinds == [.header, .text, .ending])
        #expect(layout.lines.last?.text == "  " + line)
    }

    @Test func aFinishedAnswerHasNoMark() {
        let layout = PaneLayout(turns: [Self.turn(nil)], width: 80)
        #expect(layout.lines.map(\.kind) == [.header, .text])
    }
}

@Suite struct PaneSourcesTests {
    @Test func anAnswerThatCitesListsItsSourcesUnderIt() {
        var turn = Turn(id: "a", nodeIDs: ["a"], author: Author(role: .assistant), text: "Tall trees. [1]")
        turn.sources = [SourceLink(title: "Spruce facts", url: "https://www.spruce.example/x")]
        let layout = PaneLayout(turns: [turn], width: 60)
        #expect(
            layout.lines.map(\.text).suffix(3) == [
                "  Tall trees. [1]", "  Sources", "  [1] Spruce facts — spruce.example",
            ])
        #expect(layout.lines.suffix(2).allSatisfy { $0.kind == .source })
    }

    @Test func unresolvedMarkersNeverReachTheScreen() {
        let turn = Turn(
            id: "a", nodeIDs: ["a"], author: Author(role: .assistant),
            text: "Streaming\u{E200}cite\u{E202}turn0search0\u{E201} text\u{E203}")
        let layout = PaneLayout(turns: [turn], width: 60)
        #expect(layout.lines.last?.text == "  Streaming text")
    }
}

@Suite struct PaneLinkTests {
    @Test func anAnswersLinksFollowItsCitedSources() {
        var turn = Turn(
            id: "a", nodeIDs: ["a"], author: Author(role: .assistant),
            text: "Read [the guide](https://guide.example/x) and [the facts](https://facts.example/) [1]")
        turn.sources = [SourceLink(title: "Facts", url: "https://facts.example/")]
        let layout = PaneLayout(turns: [turn], width: 60)
        #expect(
            layout.lines.map(\.text).suffix(3) == [
                "  Sources", "  [1] Facts — facts.example", "  [2] the guide — guide.example",
            ])
    }
}

@Suite struct PaneKnowledgeSourceTests {
    @Test func aSourceWithoutAnAddressNamesItsDataset() {
        // A Dify knowledge-base segment (the fixtures' `retriever_resources`): document and dataset.
        var turn = Turn(id: "a", nodeIDs: ["a"], author: Author(role: .assistant), text: "The 13 Pro.")
        turn.sources = [SourceLink(title: "iPhone List", attribution: "iPhone"), SourceLink(title: "Notes")]
        let layout = PaneLayout(turns: [turn], width: 60)
        #expect(layout.lines.map(\.text).suffix(3) == ["  Sources", "  [1] iPhone List — iPhone", "  [2] Notes"])
    }

    /// A scored segment says its relevance, and the passage drawn on is one quoted line under
    /// it, cut to the pane with "…" and cleaned of control characters.
    @Test func aScoredSegmentShowsItsRelevanceAndOneLineOfItsPassage() {
        var turn = Turn(id: "a", nodeIDs: ["a"], author: Author(role: .assistant), text: "The 13 Pro.")
        let passage = "\"Model\",\"Release Date\"\n\"iPhone 13 Pro Max\",\"September 24, 2021\"\u{1B}[31m red"
        turn.sources = [SourceLink(title: "iPhone List", attribution: "iPhone", snippet: passage, score: 0.98457545)]
        let layout = PaneLayout(turns: [turn], width: 60)
        let lines = Array(layout.lines.map(\.text).suffix(3))
        #expect(lines.prefix(2) == ["  Sources", "  [1] iPhone List — iPhone · relevance 0.98"])
        let quoted = lines.last ?? ""
        #expect(quoted.hasPrefix("      “\"Model\",\"Release Date\" \"iPhone"), "\(quoted)")
        #expect(quoted.hasSuffix("…”") && DisplayWidth.of(quoted) <= 60, "\(quoted)")
        #expect(!quoted.contains("\u{1B}"))
    }

    @Test func aNoteWithoutTextIsItsLabelAlone() {
        var turn = Turn(id: "a", nodeIDs: ["a"], author: Author(role: .assistant), text: "Yes.")
        turn.notes = [
            AnswerNote(kind: "verbose", label: "memory recall", text: "nothing found"),
            AnswerNote(kind: "thought", label: "getWeather", text: ""),
        ]
        let layout = PaneLayout(turns: [turn], width: 60, showReasoning: true)
        #expect(
            layout.lines.filter { $0.kind == .note }.map(\.text) == [
                "  · verbose memory recall: nothing found", "  · thought getWeather",
            ])
    }
}
