import Foundation
import Testing

@testable import ChatConfig

/// What a theme or keymap file that loads oddly is told: an empty one (such as /dev/null) is
/// empty, not a permission problem; a slot no view uses is named, with the known ones.
@Suite struct ConfigMessageTests {
    @Test func devNullIsAnEmptyThemeNotAPermissionProblem() {
        #expect(throws: ThemeError(file: "/dev/null", reason: .empty)) {
            try Theme.load(nameOrPath: "/dev/null", searchPaths: [], environment: [:])
        }
        let text = ThemeError(file: "/dev/null", reason: .empty).description
        #expect(text == "/dev/null: the file is empty; a theme file sets slots or inherits a theme")
    }

    @Test func devNullIsAnEmptyKeymapNotAPermissionProblem() {
        #expect(throws: KeymapError(file: "/dev/null", reason: .empty)) {
            try Keymap.load(nameOrPath: "/dev/null", userOverride: nil, searchPaths: [])
        }
    }

    @Test func anEmptyUserKeymapPatchesNothing() throws {
        let folder = try TestFiles.scratch(["keymap.toml": "\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let keymap = try Keymap.load(
            nameOrPath: nil, userOverride: folder.appendingPathComponent("keymap.toml"), searchPaths: [])
        #expect(keymap == .builtin)
    }

    @Test func aFileThatCannotBeReadSaysWhyInTheSystemsWords() throws {
        let folder = try TestFiles.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ThemeError(file: folder.path, reason: .unreadable("Is a directory"))) {
            try ConfigFile(url: folder, label: folder.path, defaultName: "x").read {
                ThemeError(file: folder.path, reason: .unreadable($0))
            }
        }
    }

    @Test func unknownSlotsAreNamedWithTheKnownOnes() throws {
        var warnings: [ThemeWarning] = []
        let toml = """
            "ui.sidbar" = "red"
            "ui.sidebar" = "blue"
            "ui.message" = "green"
            "ui.inputbox" = "yellow"
            """
        let theme = try Theme.parse(toml: toml, name: "mine.toml") { warnings.append($0) }
        #expect(theme.style("ui.sidebar").fg == .ansi(4))
        #expect(warnings == [ThemeWarning(file: "mine.toml", unknownSlots: ["ui.inputbox", "ui.sidbar"])])
        let line = try #require(warnings.first).description
        #expect(
            line.hasPrefix("mine.toml: unknown slots \"ui.inputbox\", \"ui.sidbar\" are ignored; known slots: ui, "))
        #expect(line.contains("ui.sidebar.selected"))
    }

    @Test(arguments: ["dark", "light", "high-contrast"])
    func bundledThemesUseOnlyKnownSlots(name: String) throws {
        var warnings: [ThemeWarning] = []
        _ = try Theme.load(nameOrPath: name, searchPaths: [TestFiles.themes], environment: [:]) { warnings.append($0) }
        #expect(warnings.isEmpty)
    }
}
