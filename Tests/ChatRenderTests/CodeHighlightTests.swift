import ChatConfig
import ChatTestSupport
import Foundation
import TerminalCanvas
import Testing

@testable import ChatRender

/// The repository's `Highlight/` folder, and the shared highlighter pointed at it (as
/// `chatterm` does at start), so layouts highlight the shipped languages too.
enum HighlightFolder {
    static let url = Fixtures.packageRoot.appendingPathComponent("Highlight")

    static let sharedReady: Bool = {
        CodeHighlighter.shared.useDefinitions(in: url)
        return true
    }()

    static func highlighter() -> CodeHighlighter {
        let highlighter = CodeHighlighter()
        highlighter.useDefinitions(in: url)
        return highlighter
    }
}

/// The slot of the first run holding `text` on line `line`.
private func slot(_ lines: [[StyledRun]]?, line: Int = 0, of text: String) -> String? {
    lines?[line].first { $0.text.contains(text) }?.slot
}

@Suite(.timeLimit(.minutes(1))) struct CodeHighlightTests {
    let highlighter = HighlightFolder.highlighter()

    @Test func pythonTokensGetTheirSlots() {
        let lines = highlighter.lines(
            of: "def area(r):\n    return 3.14 * r ** 2  # circle\nprint(\"done\")", language: "python")
        #expect(slot(lines, of: "def") == "keyword")
        #expect(slot(lines, of: "area") == "function")
        #expect(slot(lines, line: 1, of: "return") == "keyword")
        #expect(slot(lines, line: 1, of: "3.14") == "constant.numeric")
        #expect(slot(lines, line: 1, of: "*") == "operator")
        #expect(slot(lines, line: 1, of: "circle") == "comment")
        #expect(slot(lines, line: 2, of: "\"done\"") == "string")
        #expect(slot(lines, line: 1, of: "r ") == "ui.code")
    }

    @Test func cAndRustAndShellFromSourceHighlightsOwnDefinitions() {
        let c = highlighter.lines(of: "#include <stdio.h>\nint main(void) { return 0; }", language: "c")
        #expect(slot(c, of: "#include") == "keyword.directive")
        #expect(slot(c, line: 1, of: "int") == "type")
        #expect(slot(c, line: 1, of: "{") == "punctuation.bracket")
        let rust = highlighter.lines(of: "fn main() { let x = \"hi\"; }", language: "rust")
        #expect(slot(rust, of: "fn") == "keyword")
        #expect(slot(rust, of: "\"hi\"") == "string")
        let shell = highlighter.lines(of: "export PATH=\"$HOME/bin:$PATH\"  # mine", language: "bash")
        #expect(slot(shell, of: "mine") == "comment")
        #expect(shell?[0].contains { $0.slot == "variable" } == true)
    }

    @Test func swiftFromTheShippedDefinition() {
        let lines = highlighter.lines(
            of:
                "@MainActor struct Point {\n    let label = \"x = \\(x)\" // note\n    func moved() -> Point? { nil }\n}",
            language: "swift")
        #expect(slot(lines, of: "@MainActor") == "attribute")
        #expect(slot(lines, of: "struct") == "keyword")
        #expect(slot(lines, of: "Point") == "type")
        #expect(slot(lines, line: 1, of: "\"x = ") == "string")
        #expect(slot(lines, line: 1, of: "\\(x)") == "constant.character.escape")
        #expect(slot(lines, line: 1, of: "note") == "comment")
        #expect(slot(lines, line: 2, of: "moved") == "function")
        #expect(slot(lines, line: 2, of: "nil") == "keyword")
    }

    /// Every shipped definition loads and colours a typical snippet (a definition whose rule
    /// can match nothing would hang source-highlight: the time limit catches it).
    @Test(arguments: [
        ("swift", "import Foundation // hi\nlet n = 42", "import", "keyword", "42", "constant.numeric"),
        ("typescript", "const s: string = 'a'; // hi", "const", "keyword", "'a'", "string"),
        ("yaml", "name: build  # hi\nretries: 3", "name", "variable.other.member", "3", "constant.numeric"),
        ("toml", "[server]\nport = 8080 # hi", "[server]", "label", "8080", "constant.numeric"),
        ("kotlin", "fun main() { val s = \"a\" } // hi", "fun", "keyword", "\"a\"", "string"),
        ("dockerfile", "# hi\nFROM swift:6.0 AS build", "FROM", "keyword", "AS", "keyword"),
    ])
    func shippedLanguage(
        _ language: String, _ code: String, _ first: String, _ firstSlot: String, _ second: String,
        _ secondSlot: String
    ) throws {
        let lines = try #require(highlighter.lines(of: code, language: language), "\(language) highlights")
        let runs = lines.flatMap { $0 }
        #expect(runs.first { $0.text.contains(first) }?.slot == firstSlot, "\(language)")
        #expect(runs.first { $0.text.contains(second) }?.slot == secondSlot, "\(language)")
        #expect(runs.first { $0.text.contains("hi") }?.slot == "comment", "\(language)")
    }

    @Test func shippedLanguagesArePlainWithoutTheirFolder() {
        #expect(CodeHighlighter().lines(of: "let x = 1", language: "swift") == nil)
        #expect(CodeHighlighter().lines(of: "x = 1", language: "python") != nil)
    }

    @Test func unknownAndPlainLanguagesAreNotHighlighted() {
        for language in ["", "text", "plaintext", "klingon", "../../etc/passwd", "py thon", "c/../x"] {
            #expect(highlighter.lines(of: "let x = 1", language: language) == nil, "\(language)")
        }
    }

    @Test func runsJoinToTheLineAndNeverSplitACharacter() throws {
        let code = "s = \"日本語 é 👍🏽\"  # 注释 ok\nx = '«»' + 1\n\tindented = \"\"\"\nmulti 日本\n\"\"\""
        let lines = try #require(highlighter.lines(of: code, language: "python"))
        let source = code.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == source.count)
        for (runs, line) in zip(lines, source) {
            #expect(runs.map(\.text).joined() == line)
            #expect(!runs.contains { $0.text.isEmpty || $0.text.unicodeScalars.first == "\u{FFFD}" })
        }
        #expect(slot(lines, of: "日本語") == "string")
        #expect(slot(lines, of: "注释") == "comment")
        #expect(slot(lines, line: 3, of: "multi") == "string")
    }

    @Test func aCommentOrStringCarriesOverLines() {
        let lines = highlighter.lines(of: "/* one\n   two */ int x;\nint y; // z", language: "c")
        #expect(slot(lines, line: 1, of: "two") == "comment")
        #expect(slot(lines, line: 1, of: "int") == "type")
        #expect(slot(lines, line: 2, of: "z") == "comment")
    }

    /// A block growing delta by delta (as it streams) is highlighted exactly as a fresh
    /// highlighter does it, whatever the cut points; the line still arriving is plain.
    @Test func growingBlockEqualsAFreshHighlight() throws {
        let code = """
            def f(x):
                \"\"\"Doc
                string\"\"\"
                return x + 1  # done

            print(f(2), 'a')
            """
        let streaming = HighlightFolder.highlighter()
        var text = ""
        for character in code {
            text.append(character)
            let fresh = HighlightFolder.highlighter().lines(of: text, language: "py", lastLineOpen: true)
            let streamed = streaming.lines(of: text, language: "py", lastLineOpen: true)
            #expect(streamed == fresh, "\(text.debugDescription)")
            let last = try #require(streamed?.last)
            #expect(last.count <= 1 && last.allSatisfy { $0.slot == "ui.code" })
        }
        // The block finished, and laid out again (another width): the same lines.
        let whole = HighlightFolder.highlighter().lines(of: code, language: "py")
        #expect(streaming.lines(of: code, language: "py") == whole)
        #expect(streaming.lines(of: code, language: "py") == whole)
        #expect(whole?.last?.first { $0.text.contains("'a'") }?.slot == "string")
    }

    @Test func aLineLongerThanTheLimitIsPlainAndTheRestStillHighlighted() throws {
        let long = "x = \"" + String(repeating: "a", count: HighlightSession.longestLine) + "\""
        let lines = try #require(highlighter.lines(of: "def f():\n" + long + "\nreturn 1", language: "python"))
        #expect(lines[1] == [StyledRun(long, slot: "ui.code")])
        #expect(slot(lines, line: 2, of: "return") == "keyword")
    }

    @Test func manyBlocksAtOnceStayCorrect() async {
        let shared = HighlightFolder.highlighter()
        let codes = (0..<8).map { "x\($0) = \($0)  # c\nprint(x\($0))" }
        let expected = codes.map { HighlightFolder.highlighter().lines(of: $0, language: "python") }
        await withTaskGroup(of: Bool.self) { group in
            for round in 0..<50 {
                let i = round % codes.count
                group.addTask { shared.lines(of: codes[i], language: "python") == expected[i] }
            }
            for await same in group { #expect(same) }
        }
    }
}

@Suite struct HighlightLanguageTests {
    static let data = HighlightLanguage.dataDirectory

    static func file(_ fence: String) -> String? {
        HighlightLanguage.definition(for: fence, bundled: "/bundled", dataDirectory: data)?.file
    }

    @Test(arguments: [
        ("py", "python.lang"), ("python3", "python.lang"), ("js", "javascript.lang"), ("jsx", "javascript.lang"),
        ("ts", "typescript.lang"), ("tsx", "typescript.lang"), ("sh", "sh.lang"), ("bash", "sh.lang"),
        ("zsh", "sh.lang"), ("shell", "sh.lang"), ("console", "sh.lang"), ("c++", "cpp.lang"),
        ("cpp", "cpp.lang"), ("rs", "rust.lang"), ("rust", "rust.lang"), ("yml", "yaml.lang"),
        ("kt", "kotlin.lang"), ("go", "go.lang"), ("golang", "go.lang"), ("Dockerfile", "dockerfile.lang"),
        ("Swift", "swift.lang"), ("{.python}", "python.lang"), ("language-rb", "ruby.lang"),
        ("json", "json.lang"), ("diff", "diff.lang"), ("sql", "sql.lang"), ("java", "java.lang"),
    ])
    func aliasesNameTheirDefinition(_ fence: String, _ file: String) {
        #expect(Self.file(fence) == file, "\(fence)")
    }

    @Test func shippedDefinitionsComeFromTheBundledFolder() {
        let swift = HighlightLanguage.definition(for: "swift", bundled: "/bundled", dataDirectory: Self.data)
        #expect(swift?.directory == "/bundled")
        #expect(HighlightLanguage.definition(for: "swift", bundled: nil, dataDirectory: Self.data) == nil)
        #expect(HighlightLanguage.definition(for: "py", bundled: nil, dataDirectory: Self.data)?.directory == Self.data)
    }

    @Test func everyShippedFileExists() {
        for file in HighlightLanguage.bundledFiles {
            #expect(
                FileManager.default.fileExists(atPath: HighlightFolder.url.appendingPathComponent(file).path), "\(file)"
            )
        }
    }

    @Test func unknownNamesHaveNoDefinition() {
        for fence in ["klingon", "text", "", "a/b", "..", "x y"] {
            #expect(Self.file(fence) == nil, "\(fence)")
        }
    }
}

@Suite struct CodeBlockLayoutTests {
    init() { _ = HighlightFolder.sharedReady }

    @Test func codeLinesCarryTokenRunsHardWrappedWithTheirTextUnchanged() {
        let markdown = "```swift\nlet total = values.reduce(0, +) // sum\n```"
        let render = MessageRender(markdown, width: 24)
        #expect(
            render.lines.map(\.text) == ["[1] swift", "  let total = values.red", "  uce(0, +) // sum"])
        #expect(render.codeBlocks == [CodeBlockText(language: "swift", text: "let total = values.reduce(0, +) // sum")])
        let first = render.lines[1].runs
        #expect(first.first == StyledRun("  ", slot: "ui.code"))
        #expect(first.first { $0.text == "let" }?.slot == "keyword")
        let second = render.lines[2].runs
        #expect(second.first { $0.text.contains("sum") }?.slot == "comment")
        #expect(second.first { $0.text.hasPrefix("uce") }?.slot == "function")
        #expect(render.lines[1].kind == .code(block: 1) && render.lines[2].kind == .code(block: 1))
    }

    @Test func whileStreamingTheArrivingLineIsPlainUntilItsNewline() {
        var render = MessageRender("Here:\n\n```python\nx = 1", width: 40)
        #expect(render.lines[3].runs == [StyledRun("  x = 1", slot: "ui.code")])
        render.append("\n")
        #expect(render.lines[3].runs.contains { $0.slot == "constant.numeric" })
        render.append("y = 'a")
        #expect(render.lines[3].runs.contains { $0.slot == "constant.numeric" })
        #expect(render.lines[4].runs == [StyledRun("  y = 'a", slot: "ui.code")])
        render.append("'\n```\n")
        #expect(render.lines[4].runs.contains { $0.slot == "string" })
        #expect(render.lines == MessageRender("Here:\n\n```python\nx = 1\ny = 'a'\n```\n", width: 40).lines)
    }

    @Test func anUnknownLanguageIsOnePlainRunPerLine() {
        let render = MessageRender("```klingon\nQapla' batlh\n```", width: 40)
        #expect(render.lines.map(\.text) == ["[1] klingon", "  Qapla' batlh"])
        #expect(render.lines[1].runs == [StyledRun("  Qapla' batlh", slot: "ui.code")])
    }
}

@Suite struct CodeSlotThemeTests {
    /// Every slot a code token can take is a theme slot that every bundled theme colours and
    /// the NO_COLOR theme leaves without colour.
    @Test(arguments: ["dark", "light", "high-contrast"])
    func everyCodeSlotResolvesInEveryTheme(name: String) throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("Themes")
        let theme = try Theme.load(nameOrPath: name, searchPaths: [folder], environment: [:])
        for slot in CodeSlots.all.union([CodeSlots.plain]) {
            #expect(Theme.slots.contains(slot), "\(slot)")
            #expect(theme.rules[slot] != nil, "\(name) sets \(slot)")
            #expect(theme.style(slot).fg != .default, "\(name) colours \(slot)")
            let monochrome = Theme.monochrome.style(slot)
            #expect(monochrome.fg == .default && monochrome.bg == .default, "\(slot)")
        }
        #expect(Theme.monochrome.style("keyword").attributes.contains(.bold))
        #expect(Theme.monochrome.style("comment").attributes.contains(.italic))
    }
}
