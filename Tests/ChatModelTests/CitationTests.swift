import ChatModel
import Foundation
import Testing

/// ChatGPT's citation markers resolved to `[n]` with a sources list, as the web page shows them.
struct CitationTests {
    static let marker0 = "\u{E200}cite\u{E202}turn0search0\u{E201}"
    static let marker1 = "\u{E200}cite\u{E202}turn0search1\u{E202}turn0news2\u{E201}"

    static func reference(_ matched: String, type: String = "grouped_webpages", _ items: [(String, String)])
        -> JSONValue
    {
        .object([
            "matched_text": .string(matched), "type": .string(type),
            "items": .array(
                items.map { .object(["title": .string($0.0), "url": .string($0.1), "attribution": .string("Site")]) }),
        ])
    }

    @Test func markersBecomeNumberedMarksInReadingOrder() {
        let text = "Spruce is tall.\(Self.marker0) Birch is white.\(Self.marker1)"
        let metadata: [String: JSONValue] = [
            "content_references": .array([
                Self.reference(
                    Self.marker1, [("Birch facts", "https://www.birch.example/a"), ("News", "https://news.example/n")]),
                Self.reference(Self.marker0, [("Spruce", "https://spruce.example/")]),
            ])
        ]
        let cited = Citations.resolve(text, metadata: metadata)
        #expect(cited.text == "Spruce is tall. [1] Birch is white. [2][3]")
        #expect(!cited.text.unicodeScalars.contains { (0xE000...0xF8FF).contains($0.value) })
        #expect(cited.sources.map(\.title) == ["Spruce", "Birch facts", "News"])
        #expect(cited.sources.first(where: { $0.title == "Birch facts" })?.domain == "birch.example")
    }

    @Test func aSourceCitedTwiceKeepsItsNumber() {
        let again = "\u{E200}cite\u{E202}turn0search0\u{E202}again\u{E201}"
        let text = "One.\(Self.marker0) Two.\(again)"
        let metadata: [String: JSONValue] = [
            "content_references": .array([
                Self.reference(Self.marker0, [("Same", "https://same.example/")]),
                Self.reference(again, [("Same", "https://same.example/")]),
            ])
        ]
        let cited = Citations.resolve(text, metadata: metadata)
        #expect(cited.text == "One. [1] Two. [1]")
        #expect(cited.sources.count == 1)
    }

    @Test func hiddenAndUnresolvableMarkersDisappearCleanly() {
        let hidden = "\u{E200}filecite\u{E202}turn0file0\u{E201}"
        let unknown = "\u{E200}cite\u{E202}turn9search9\u{E201}"
        let text = "Kept text\(hidden) and more\(unknown)."
        let metadata: [String: JSONValue] = [
            "content_references": .array([Self.reference(hidden, type: "hidden", [("x", "https://x.example")])])
        ]
        let cited = Citations.resolve(text, metadata: metadata)
        #expect(cited.text == "Kept text and more.")
        #expect(cited.sources.isEmpty)
        #expect(Citations.resolve("no metadata\(unknown)", metadata: [:]).text == "no metadata")
    }

    @Test func aMarkerThatNeverClosesDropsOnlyItself() {
        #expect(Citations.stripPrivateUse("Cut\u{E200} here, the rest stays.") == "Cut here, the rest stays.")
        #expect(
            Citations.stripPrivateUse("a\u{E200}cite\u{E202}x\u{E201} b\u{E200} c\u{E203}") == "a b c",
            "a closed marker goes whole, a lone start alone")
    }

    @Test(arguments: [
        ("plain text", false),
        ("emoji with a selector ❤\u{FE0F} and CJK punctuation，。", false),
        ("U+F900 is a CJK compatibility ideograph: \u{F900}", false),
        ("the first private-use scalar \u{E000}", true),
        ("the last \u{F8FF}", true),
        ("the first of EF's share \u{F000}", true),
        ("a marker \u{E200}cite\u{E202}turn0search0\u{E201}", true),
        ("", false),
    ])
    func privateUseIsFoundFromTheBytes(text: String, holds: Bool) {
        #expect(Citations.containsPrivateUse(text) == holds)
        #expect(
            Citations.containsPrivateUse(text) == text.unicodeScalars.contains { (0xE000...0xF8FF).contains($0.value) })
        #expect((Citations.stripPrivateUse(text) == text) == !holds)
    }

    @Test func the2023CitationsReplaceTheirRanges() {
        let text = "Fact one【3†source】 and fact two【7†source】."
        let first = text.unicodeScalars.map { $0 }.firstIndex(of: "【")!
        let scalars = Array(text.unicodeScalars)
        let second = scalars.lastIndex(of: "【")!
        let firstEnd = scalars.firstIndex(of: "】")! + 1
        let secondEnd = scalars.lastIndex(of: "】")! + 1
        let metadata: [String: JSONValue] = [
            "citations": .array([
                .object([
                    "start_ix": .number(Double(second)), "end_ix": .number(Double(secondEnd)),
                    "metadata": .object(["title": .string("Second"), "url": .string("https://two.example")]),
                ]),
                .object([
                    "start_ix": .number(Double(first)), "end_ix": .number(Double(firstEnd)),
                    "metadata": .object(["title": .string("First"), "url": .string("https://one.example")]),
                ]),
            ])
        ]
        let cited = Citations.resolve(text, metadata: metadata)
        #expect(cited.text == "Fact one[1] and fact two[2].")
        #expect(cited.sources.map(\.title) == ["First", "Second"])
    }

    @Test func aTurnCarriesItsSources() {
        var answer = T.message("assistant", "Tall trees.\(Self.marker0)", id: "a")
        answer.metadata["content_references"] = .array([Self.reference(Self.marker0, [("Spruce", "https://s.example")])]
        )
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a"], "user", "trees?"),
            Node(id: "a", message: answer, parent: "u", children: []),
        ])
        let turn = tree.turns(to: "a").last
        #expect(turn?.text == "Tall trees. [1]")
        #expect(turn?.sources == [SourceLink(title: "Spruce", url: "https://s.example", attribution: "Site")])
    }
}

/// How a Sources list names a source, in the pane and in `chatterm show` alike.
@Suite struct SourceListedTests {
    @Test func aWebSourceIsItsTitleAndDomain() {
        let source = SourceLink(title: "Spruce facts", url: "https://www.spruce.example/a", attribution: "Spruce")
        #expect(source.listed == "Spruce facts — spruce.example")
    }

    @Test func aKnowledgeBaseDocumentNamesItsDataset() {
        // Dify's retriever_resources (PROTOCOL.md §5): document_name as title, dataset_name kept.
        let source = SourceLink(title: "iPhone List", url: nil, attribution: "iPhone")
        #expect(source.listed == "iPhone List — iPhone")
    }

    @Test func aScoredSourceSaysItsRelevanceAndItsPassageOnOneLine() {
        let source = SourceLink(
            title: "iPhone List", attribution: "iPhone", snippet: " \"Model\",\"RAM\"\n\"iPhone 13\",  \"6 GB\" ",
            score: 0.98457545)
        #expect(source.listed == "iPhone List — iPhone · relevance 0.98")
        #expect(source.excerpt == #""Model","RAM" "iPhone 13", "6 GB""#)
        // Kept through the message's metadata as the archive and the wire carry it.
        var message = Message(id: "m", author: Author(role: .assistant), content: .text("x"))
        message.sources = [source]
        #expect(message.sources == [source])
        #expect(SourceLink(title: "Notes", snippet: " \n ").excerpt == nil)
    }

    @Test func nothingIsSaidTwice() {
        #expect(
            SourceLink(title: "spruce.example", url: "https://spruce.example", attribution: nil).listed
                == "spruce.example")
        #expect(SourceLink(title: "iPhone", url: nil, attribution: "iPhone").listed == "iPhone")
        #expect(SourceLink(title: "Notes", url: nil, attribution: "").listed == "Notes")
    }
}
