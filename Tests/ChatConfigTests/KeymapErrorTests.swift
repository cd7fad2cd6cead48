import Foundation
import TerminalCanvas
import Testing

@testable import ChatConfig

@Suite struct KeymapErrorTests {
    private func parseError(_ toml: String, base: Keymap? = .builtin) -> KeymapError? {
        do {
            _ = try Keymap.parse(toml: toml, name: "mine.toml", base: base)
            return nil
        } catch let error as KeymapError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func unknownActionNamesFileTableAndEntry() throws {
        let error = try #require(parseError("[messages]\nsibling_previous = [\"[\"]\n"))
        #expect(
            error
                == KeymapError(file: "mine.toml", table: "messages", entry: "sibling_previous", reason: .unknownAction))
        #expect(error.description.hasPrefix("mine.toml: [messages] sibling_previous: unknown action"))
    }

    @Test func unknownContext() throws {
        let error = try #require(parseError("[mesages]\nquit = \"q\"\n"))
        #expect(error.table == "mesages")
        #expect(error.reason == .unknownContext)
        #expect(error.description.contains("[mesages]"))
        #expect(error.description.contains("sidebar"))
    }

    @Test func unknownTopLevelSetting() throws {
        let error = try #require(parseError("nmae = \"x\"\n"))
        #expect(error.entry == "nmae")
        #expect(error.reason == .unknownSetting)
    }

    @Test func unparseableKey() throws {
        let error = try #require(parseError("[input]\nsend = [\"enter\", \"ctrl+\"]\n"))
        #expect(
            error == KeymapError(file: "mine.toml", table: "input", entry: "send", reason: .unparseableKey("ctrl+")))
        #expect(error.description == "mine.toml: [input] send: cannot parse key \"ctrl+\"")
    }

    @Test func wrongValueType() throws {
        let error = try #require(parseError("[input]\nsend = 3\n"))
        #expect(error.entry == "send")
        guard case .invalidValue = error.reason else {
            Issue.record("\(error)")
            return
        }
    }

    @Test func actionOutsideItsContexts() throws {
        let error = try #require(parseError("[sidebar]\nsend = \"s\"\n"))
        #expect(error.reason == .actionNotInContext([.input]))
        #expect(error.description.contains("[sidebar] send:"))
    }

    @Test func conflictInOneContextBlamesTheNewEntry() throws {
        let error = try #require(parseError("[messages]\ncopy_message = [\"h\"]\n"))
        #expect(
            error
                == KeymapError(
                    file: "mine.toml", table: "messages", entry: "copy_message",
                    reason: .conflict(key: "h", with: .siblingPrev)))
        #expect(error.description.contains("already bound to sibling_prev"))
    }

    @Test func conflictWithinOneFile() throws {
        let error = try #require(parseError("[sidebar]\nquit = \"x\"\nfilter = \"x\"\n", base: nil))
        #expect(error.table == "sidebar")
        guard case .conflict(let key, _) = error.reason else {
            Issue.record("\(error)")
            return
        }
        #expect(key == "x")
    }

    @Test func sameKeyInDifferentContextsIsNoConflict() throws {
        let keymap = try Keymap.parse(toml: "[sidebar]\nquit = \"x\"\n[messages]\nquit = \"x\"\n", name: "t", base: nil)
        #expect(keymap.command(for: Key(name: "x")!, in: .messages) == .quit)
    }

    @Test func printableKeyCannotBeGlobal() throws {
        let error = try #require(parseError("[global]\nsearch = [\"ctrl+k\", \"s\"]\n"))
        #expect(error.reason == .printableGlobalKey("s"))
        #expect(error.entry == "search")
    }

    @Test func invalidTOML() throws {
        let error = try #require(parseError("[messages\n"))
        guard case .syntax(let message) = error.reason else {
            Issue.record("\(error)")
            return
        }
        #expect(message.contains("line 1"))
    }

    /// Found by fuzzing (`Fuzz/run.sh theme`, same parser): `[[[` and a lone `[` aborted the program.
    @Test func tableHeadersTheParserCannotReadAreSyntaxErrors() throws {
        for (toml, line) in [("[[[global]]]\n", 1), ("a = 1\n[\n", 2), ("  [[ =\n", 1)] {
            let error = try #require(parseError(toml))
            guard case .syntax(let message) = error.reason else {
                Issue.record("\(error)")
                continue
            }
            #expect(message.contains("a table name must start") && message.contains("line \(line)"), "\(message)")
        }
        // A `[` opening a line inside a multi-line array is not a header.
        let error = try #require(parseError("[messages]\ncopy_message = [\n[ \"y\" ]\n]\n"))
        #expect(error.reason == .invalidValue("a list holding array"))
    }

    /// Found by fuzzing (`Fuzz/run.sh keymap`): toml++ aborted the program on `}` or U+2028 where an
    /// array expects a value.
    @Test func arrayHoldingABraceOrAUnicodeLineBreakIsASyntaxError() throws {
        for toml in ["[messages]\ncopy_message = [}\n", "[messages]\ncopy_message = [\"y\",\n\u{2028}]\n"] {
            let error = try #require(parseError(toml))
            guard case .syntax(let message) = error.reason else {
                Issue.record("\(error)")
                continue
            }
            #expect(message.hasPrefix("expected a value or ] in the array (line"), "\(message)")
        }
        #expect(parseError("[messages]\ncopy_message = [\"y\", # }\n]\n") == nil)
    }

    @Test func unknownInheritsInParse() throws {
        let error = try #require(parseError("inherits = \"nope\"\n"))
        #expect(error.entry == "inherits")
    }

    @Test func loadErrorsNameTheBundledFile() throws {
        let folder = try TestFiles.scratch(["bad.toml": "inherits = \"default\"\n[tree]\nbogus = \"b\"\n"])
        #expect(throws: KeymapError(file: "bad.toml", table: "tree", entry: "bogus", reason: .unknownAction)) {
            try Keymap.load(nameOrPath: "bad", userOverride: nil, searchPaths: [folder])
        }
    }

    @Test func userOverrideErrorsNameTheUserFile() throws {
        let folder = try TestFiles.scratch(["keymap.toml": "[messages]\ncopy_message = \"l\"\n"])
        let path = folder.appendingPathComponent("keymap.toml")
        #expect(
            throws: KeymapError(
                file: path.path, table: "messages", entry: "copy_message",
                reason: .conflict(key: "l", with: .siblingNext))
        ) {
            try Keymap.load(nameOrPath: nil, userOverride: path, searchPaths: [TestFiles.keymaps])
        }
    }

    @Test func missingKeymapListsTheSearchedPaths() throws {
        let folder = try TestFiles.scratch()
        #expect(
            throws: KeymapError(
                file: "nope", reason: .notFound(searched: [folder.appendingPathComponent("nope.toml").path]))
        ) {
            try Keymap.load(nameOrPath: "nope", userOverride: nil, searchPaths: [folder])
        }
    }

    @Test func inheritanceCycle() throws {
        let folder = try TestFiles.scratch(["a.toml": "inherits = \"b\"\n", "b.toml": "inherits = \"a\"\n"])
        #expect(throws: KeymapError(file: "b", entry: "inherits", reason: .inheritanceCycle(["a", "b", "a"]))) {
            try Keymap.load(nameOrPath: "a", userOverride: nil, searchPaths: [folder])
        }
    }

    @Test func initValidatesTables() {
        #expect(throws: KeymapError.self) {
            try Keymap(name: "x", table: [.global: [.search: [Key(name: "s")!]]])
        }
        #expect(throws: KeymapError.self) {
            try Keymap(name: "x", table: [.global: [.quit: [Key(name: "ctrl+x")!]]])
        }
    }
}
