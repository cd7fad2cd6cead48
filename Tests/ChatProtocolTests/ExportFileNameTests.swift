import ChatModel
import ChatProtocol
import Foundation
import Testing

/// Export file names: stable, safe on every file system, never colliding.
struct ExportFileNameTests {
    static let day = 1_702_641_810.0  // 2023-12-15

    static func item(_ id: String, _ title: String?, _ time: Double? = day) -> ExportFileName.Item {
        ExportFileName.Item(id: id, title: title, createTime: time)
    }

    @Test(arguments: [
        ("Helpful User, Assistant", "helpful-user-assistant"),
        ("a/b: c", "a-b-c"),
        ("..", "untitled"),
        ("../../etc/passwd", "etc-passwd"),
        ("🤖🤖 robots 🤖", "robots"),
        ("❤️ 1️⃣ ok", "ok"),
        ("对齐测试 CJK", "对齐测试-cjk"),
        ("Ünïcödé Naïve café", "ünïcödé-naïve-café"),
        ("  --REDACTED\n", "redacted"),
        ("tab\tand\u{7}bell\u{202E}rtl", "tab-and-bell-rtl"),
        ("", "untitled"),
    ])
    func slugs(title: String, expected: String) {
        #expect(ExportFileName.slug(title) == expected)
    }

    @Test func decomposedAndComposedTitlesGiveTheSameName() {
        #expect(ExportFileName.slug("cafe\u{301}") == ExportFileName.slug("caf\u{E9}"))
    }

    @Test func namesCarryTheDateTheTitleAndAnIDPrefix() {
        let names = ExportFileName.names([
            Self.item("b3779121-1111-2222-3333-444444444444", "Helpful User, Assistant"),
            Self.item("x", nil, nil),
        ])
        #expect(names["b3779121-1111-2222-3333-444444444444"] == "2023-12-15-helpful-user-assistant-b3779121")
        #expect(names["x"] == "undated-untitled-x")
    }

    @Test func longTitlesAreCutAndNamesStayShort() {
        let long = String(repeating: "a very long title ", count: 40)
        let cjk = String(repeating: "长标题", count: 100)
        for title in [long, cjk] {
            let slug = ExportFileName.slug(title)
            #expect(slug.utf8.count <= 90)
            #expect(!slug.hasSuffix("-"))
            let name = ExportFileName.base(Self.item("0123456789abcdef", title))
            #expect(name.utf8.count < 130)
        }
    }

    @Test func unsafeIDsAreNeverPathSegments() {
        let names = ExportFileName.names([
            Self.item("../../etc", "x"), Self.item("a/b", "x"), Self.item("a\\b", "x"), Self.item("....", "x"),
        ])
        #expect(Set(names.values).count == 4)
        for name in names.values {
            #expect(!name.contains("/") && !name.contains("\\") && !name.contains(".."))
            #expect(!name.hasPrefix("."))
        }
    }

    @Test func duplicatesGetDistinctStableNamesWhateverTheOrder() {
        var items = [
            Self.item("abcdefgh-1", "Same"), Self.item("abcdefgh-2", "Same"), Self.item("abcdefgh-3", "same"),
            Self.item("ABCDEFGH-4", "SAME"), Self.item("other", "Same"),
        ]
        let names = ExportFileName.names(items)
        #expect(Set(names.values.map { $0.lowercased() }).count == 5)
        #expect(names["other"] == "2023-12-15-same-other")
        #expect(names["abcdefgh-1"]!.hasPrefix("2023-12-15-same-abcdefgh-"))
        items.reverse()
        #expect(ExportFileName.names(items) == names)
        #expect(ExportFileName.names(items.shuffled()) == names)
    }

    @Test func onlyLettersDigitsAndDashes() {
        let titles = ["a/b", "..", "🤖", "x\u{0}y", "con", "nul.txt", "\u{200D}", "a:b*c?d\"e<f>g|h", "日本語のタイトル"]
        let names = ExportFileName.names(titles.enumerated().map { Self.item("id\($0.offset)", $0.element) })
        for name in names.values {
            #expect(name.allSatisfy { $0 == "-" || $0.isLetter || $0.isNumber }, "\(name)")
        }
    }
}

/// The YAML front matter of exported Markdown.
struct MarkdownFrontMatterTests {
    static func tree(title: String?) throws -> ConversationTree {
        let object: [String: Any] = [
            "id": "conv-1", "title": title ?? NSNull(), "create_time": 1_702_641_810.0,
            "update_time": 1_702_641_900.0, "current_node": "a1", "is_archived": false,
            "mapping": [
                "r": ["id": "r", "parent": NSNull(), "children": ["u1"], "message": NSNull()],
                "u1": [
                    "id": "u1", "parent": "r", "children": ["a1"],
                    "message": [
                        "id": "u1", "author": ["role": "user"], "content": ["content_type": "text", "parts": ["hi"]],
                    ],
                ],
                "a1": [
                    "id": "a1", "parent": "u1", "children": [String](),
                    "message": [
                        "id": "a1", "author": ["role": "assistant"], "metadata": ["model_slug": "gpt-4o-mini"],
                        "content": ["content_type": "text", "parts": ["hello"]],
                    ],
                ],
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: object)
        return ConversationTree(try ConversationJSON.decode(data))
    }

    @Test func withoutFrontMatterTheOutputIsAsBefore() throws {
        let tree = try Self.tree(title: "Plain")
        let md = MarkdownExport.branch(tree, leaf: "a1")
        #expect(md.hasPrefix("# Plain\n\n<sub>id: `conv-1`"))
        #expect(MarkdownExport.allBranches(tree).hasPrefix("# Plain\n\n"))
    }

    @Test func frontMatterNamesTheConversation() throws {
        let tree = try Self.tree(title: "Plain")
        let md = MarkdownExport.branch(tree, leaf: "a1", frontMatter: .init(source: "backend:chatgpt.com"))
        let expected = """
            ---
            id: "conv-1"
            title: "Plain"
            create_time: 2023-12-15T12:03:30Z
            update_time: 2023-12-15T12:05:00Z
            model: "gpt-4o-mini"
            source: "backend:chatgpt.com"
            archived: false
            branches: "current"
            ---

            # Plain

            """
        #expect(md.hasPrefix(expected))
        let all = MarkdownExport.allBranches(tree, frontMatter: .init())
        #expect(all.contains("source: null\narchived: false\nbranches: \"all (1)\"\n---\n\n# Plain\n"))
    }

    @Test func titlesCannotBreakOutOfTheBlock() throws {
        let tree = try Self.tree(title: "x\"\n---\nevil: true\\ \u{1}\u{2028}")
        let md = MarkdownExport.branch(tree, leaf: "a1", frontMatter: .init())
        #expect(md.contains(#"title: "x\"\n---\nevil: true\\ \u0001\u2028""#))
        #expect(md.components(separatedBy: "\n---\n").count == 2)  // the one closing line
        let untitled = try Self.tree(title: nil)
        #expect(MarkdownExport.branch(untitled, leaf: "a1", frontMatter: .init()).contains("\ntitle: null\n"))
    }
}
