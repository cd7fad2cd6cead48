import TerminalCanvas
import Testing

@testable import ChatRender

/// Golden lines: what each construct looks like, literally, at a width.
@Suite struct BlockLayoutTests {
    static func lines(_ markdown: String, width: Int) -> [String] {
        MessageRender(markdown, width: width).lines.map(\.text)
    }

    @Test func headingsInlineStylesAndRules() {
        #expect(
            Self.lines(MarkdownScreens.headingsAndInline, width: 40) == [
                "Title here",
                "══════════",
                "",
                "Some bold, italic, code, gone and a link",
                "in one paragraph that wraps.",
                "",
                "Section",
                "───────",
                "",
                "Smaller",
            ])
    }

    @Test func listsHaveHangingIndentsNestingAndTaskBoxes() {
        #expect(
            Self.lines(MarkdownScreens.lists, width: 30) == [
                "• one",
                "• two with a long line that",
                "  keeps going and going",
                "  ◦ nested item",
                "",
                "1. first",
                "2. second",
                "",
                "[x] done",
                "[ ] todo",
            ])
    }

    @Test func quotesRulesAndHTMLAsText() {
        #expect(
            Self.lines(MarkdownScreens.quoteRuleHTML, width: 20) == [
                "│ quoted text more",
                "│ of it",
                "",
                "────────────────────",
                "",
                "<b>html stays",
                "text</b>",
            ])
    }

    @Test func tablesAreBoxedSizedByDisplayWidthAndAligned() {
        #expect(
            Self.lines(MarkdownScreens.table, width: 80) == [
                "┌──────────────┬──────┬───────┐",
                "│ Name         │ 数量 │ Price │",
                "├──────────────┼──────┼───────┤",
                "│ apple        │  三  │   1.5 │",
                "│ banana split │ 十二 │   100 │",
                "└──────────────┴──────┴───────┘",
            ])
    }

    @Test func aTableWiderThanThePaneWrapsItsCellsKeepingWordsWhole() {
        #expect(
            Self.lines(MarkdownScreens.table, width: 25) == [
                "┌────────┬──────┬───────┐",
                "│ Name   │ 数量 │ Price │",
                "├────────┼──────┼───────┤",
                "│ apple  │  三  │   1.5 │",
                "│ banana │ 十二 │   100 │",
                "│ split  │      │       │",
                "└────────┴──────┴───────┘",
            ])
    }

    @Test func aTableTooNarrowForColumnsIsStackedRowByRow() {
        #expect(
            Self.lines(MarkdownScreens.table, width: 12) == [
                "Name: apple", "数量: 三", "Price: 1.5", "────────────", "Name: banana", "split", "数量: 十二",
                "Price: 100",
            ])
    }

    @Test func codeBlocksAreNumberedAndKeptRaw() {
        let render = MessageRender(MarkdownScreens.code, width: 30)
        #expect(
            render.lines.map(\.text) == [
                "Run this:", "", "[1] python", "  print(\"hi\")", "", "[2] code", "  indented code",
            ])
        #expect(
            render.codeBlocks == [
                CodeBlockText(language: "python", text: "print(\"hi\")"),
                CodeBlockText(language: "", text: "indented code"),
            ])
        #expect(render.lines[2].kind == .codeHeader(block: 1))
        #expect(render.lines[3].kind == .code(block: 1))
    }

    @Test func everyLineFitsAtEveryWidth() {
        for width in [12, 20, 40, 80] {
            for line in MessageRender(MarkdownScreens.everything, width: width).lines {
                #expect(line.width <= width, "width \(width): \(line.text)")
            }
        }
    }

    @Test func stylesFollowTheMarkup() {
        let render = MessageRender(MarkdownScreens.headingsAndInline, width: 80)
        let heading = render.lines[0].runs
        #expect(heading.allSatisfy { $0.slot == "markup.heading.1" && $0.attributes.contains(.bold) })
        let runs = render.lines[3].runs
        func run(_ text: String) -> StyledRun? { runs.first { $0.text == text } }
        #expect(run("bold")?.slot == "markup.bold" && run("bold")?.attributes.contains(.bold) == true)
        #expect(run("italic")?.attributes.contains(.italic) == true)
        #expect(run("code")?.slot == "markup.raw.inline")
        #expect(run("link")?.slot == "markup.link.text" && run("link")?.attributes.contains(.underline) == true)
        #expect(run("gone")?.slot == "markup.strikethrough")
        #expect(!render.lines.contains { $0.text.contains("**") || $0.text.contains("`") || $0.text.contains("~~") })
    }

    @Test func aLoneTildeIsNotStrikethrough() {
        #expect(Self.lines("about ~5 minutes, ~10 at most", width: 80) == ["about ~5 minutes, ~10 at most"])
    }

    @Test func controlSequencesNeverReachALine() {
        let lines = Self.lines(
            "# T\u{1b}]0;x\u{07}itle\n\ntext \u{1b}[2J here\n\n| a\u{9b}1m |\n|---|\n| b |", width: 40)
        for line in lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }, "\(line)")
        }
        #expect(lines.first == "Title")
    }
}

/// Streaming: appending delta by delta ends in exactly the lines of the whole text.
@Suite struct StreamingRenderTests {
    @Test(arguments: [1, 3, 7, 64])
    func deltaByDeltaEqualsWhole(chunk: Int) {
        let text = MarkdownScreens.everything
        for width in [24, 80] {
            var streamed = MessageRender("", width: width)
            var index = text.startIndex
            while index < text.endIndex {
                let end = text.index(index, offsetBy: chunk, limitedBy: text.endIndex) ?? text.endIndex
                streamed.append(String(text[index..<end]))
                index = end
            }
            let whole = MessageRender(text, width: width)
            #expect(streamed.lines == whole.lines, "chunk \(chunk) width \(width)")
            #expect(streamed.codeBlocks == whole.codeBlocks)
        }
    }

    @Test func finishedBlocksStayWhileTheTailGrows() {
        var render = MessageRender("# Head\n\nFirst paragraph.\n\nSecond", width: 40)
        #expect(render.stableLineCount > 0)
        let stable = Array(render.lines.prefix(render.stableLineCount))
        render.append(" paragraph grows")
        #expect(Array(render.lines.prefix(stable.count)) == stable)
        #expect(render.lines.last?.text == "Second paragraph grows")
    }

    @Test func anUnclosedFenceIsCodeAtOnceAndAHalfTableShowsItsRows() {
        var render = MessageRender("```swift\nlet a = 1", width: 40)
        #expect(render.lines.map(\.text) == ["[1] swift", "  let a = 1"])
        render = MessageRender("| a | b |\n|---|---|\n| 1 | 2 |", width: 40)
        #expect(render.lines.map(\.text).contains("│ 1 │ 2 │"))
    }
}

/// Glimpses of a message (tree overview, search hits) without their markup.
@Suite struct MarkdownPlainTests {
    @Test(arguments: [
        ("# A **bold** title", "A bold title"),
        ("Use `git rebase` with *care*", "Use git rebase with care"),
        ("- first item", "first item"),
        ("> quoted", "quoted"),
        ("plain words only", "plain words only"),
        ("price ~5 and [a link](https://x.example)", "price ~5 and a link"),
        ("cited\u{E200}cite\u{E202}turn0search0\u{E201} text\u{1b}[31m", "cited text"),
    ])
    func markupIsRemoved(markdown: String, plain: String) {
        #expect(MarkdownPlain.line(markdown) == plain)
    }
}

/// An answer's own links, numbered with its sources: only those a person may open.
@Suite struct MarkdownLinkTests {
    @Test func webAndMailLinksAreCollectedOnceInOrder() {
        let text = """
            See [the docs](https://docs.example/a) and [mail us](mailto:hi@example.com).

            - again [the docs](https://docs.example/a)
            - [a script](javascript:alert(1)) and [a file](file:///etc/passwd)
            - <https://auto.example/link>
            """
        let links = MessageRender(text, width: 60).links
        #expect(links.map(\.url) == ["https://docs.example/a", "mailto:hi@example.com", "https://auto.example/link"])
        #expect(links.first?.title == "the docs")
    }
}

/// cmark-gfm's extension characters live in one process-wide table: parses on several threads
/// at once must still all see `~~` and `|` (they did not before parses took turns).
@Suite struct ConcurrentParseTests {
    @Test func parsesOnManyThreadsKeepTheirExtensions() async {
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<2000).allSatisfy { i in
                        let filler = String(repeating: "word ", count: i % 50)
                        let blocks = MarkdownParser.parse("a ~~b~~ c \(filler)\n\n| x | y |\n|---|---|\n| 1 | 2 |")
                        guard case .paragraph(let runs)? = blocks.first, case .table? = blocks.last else {
                            return false
                        }
                        return runs.contains { $0.style.contains(.strikethrough) }
                    }
                }
            }
            var all: [Bool] = []
            for await ok in group { all.append(ok) }
            return all
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
