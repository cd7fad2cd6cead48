import ChatTestSupport
import Foundation
import TerminalCanvas
import Testing

@testable import ChatConfig

private func rgb(_ hex: String) -> Color { Color(name: hex)! }

@Suite struct ThemeFileTests {
    @Test func darkFileIsTheBuiltinTheme() throws {
        let text = try TestFiles.text(TestFiles.themes.appendingPathComponent("dark.toml"))
        let parsed = try Theme.parse(toml: text, name: "dark.toml")
        #expect(parsed == Theme.builtinDark)
        for slot in Theme.slots {
            #expect(parsed.style(slot) == Theme.builtinDark.style(slot), "\(slot)")
        }
    }

    @Test(arguments: ["dark", "light", "high-contrast"])
    func bundledThemesLoadAndDefineEverySlot(name: String) throws {
        let theme = try Theme.load(nameOrPath: name, searchPaths: [TestFiles.themes], environment: [:])
        #expect(theme.name == name)
        #expect(Set(theme.rules.keys) == Set(Theme.slots))
        let text = try TestFiles.text(TestFiles.themes.appendingPathComponent("\(name).toml"))
        for slot in Theme.slots {
            #expect(text.contains("#   \(slot) "), "\(name).toml documents \(slot)")
        }
    }

    @Test func highContrastIsBlackWhiteYellowCyan() throws {
        let theme = try Theme.load(nameOrPath: "high-contrast", searchPaths: [TestFiles.themes], environment: [:])
        #expect(theme.style("ui") == Style(fg: rgb("#ffffff"), bg: rgb("#000000")))
        #expect(theme.style("ui.sidebar.selected") == Style(fg: rgb("#000000"), bg: .ansi(11), attributes: .bold))
        #expect(theme.style("ui.search.match").bg == .ansi(14))
    }

    @Test func builtinsLoadWithoutFiles() throws {
        #expect(try Theme.load(nameOrPath: nil, searchPaths: [], environment: [:]) == .builtinDark)
        #expect(try Theme.load(nameOrPath: "monochrome", searchPaths: [], environment: [:]) == .monochrome)
    }

    @Test(arguments: ["1", "yes"])
    func noColorGivesMonochrome(value: String) throws {
        let theme = try Theme.load(
            nameOrPath: "light", searchPaths: [TestFiles.themes], environment: ["NO_COLOR": value])
        #expect(theme == .monochrome)
    }

    @Test func emptyNoColorIsIgnored() throws {
        let theme = try Theme.load(nameOrPath: "light", searchPaths: [TestFiles.themes], environment: ["NO_COLOR": ""])
        #expect(theme.name == "light")
    }

    @Test func monochromeHasOnlyAttributes() {
        for slot in Theme.slots {
            let style = Theme.monochrome.style(slot)
            #expect(style.fg == .default && style.bg == .default, "\(slot)")
        }
        #expect(Theme.monochrome.style("ui.sidebar.selected").attributes.contains(.reverse))
        #expect(Theme.monochrome.style("ui.message.selected").attributes.contains(.reverse))
        #expect(Theme.monochrome.style("ui.border.focused").attributes == .bold)
        #expect(Theme.monochrome.style("ui") == .plain)
    }
}

@Suite struct ThemeLookupTests {
    let theme = Theme.builtinDark

    @Test func fallsBackAlongTheDots() throws {
        let theme = try Theme.parse(
            toml: """
                "ui" = { fg = "white", bg = "black" }
                "ui.sidebar" = { fg = "cyan", modifiers = ["bold"] }
                "ui.sidebar.selected" = { bg = "blue" }
                """, name: "t")
        #expect(theme.style("ui.sidebar.date") == Style(fg: .ansi(6), bg: .ansi(0), attributes: .bold))
        #expect(theme.style("ui.sidebar.selected") == Style(fg: .ansi(6), bg: .ansi(4)))
        #expect(theme.style("ui.message.user.extra") == Style(fg: .ansi(7), bg: .ansi(0)))
        #expect(theme["ui.sidebar"] == theme.style("ui.sidebar"))
        #expect(theme.style("markup.heading") == .plain)
        #expect(Theme.scopes(of: "ui.sidebar.selected") == ["ui.sidebar.selected", "ui.sidebar", "ui"])
    }

    @Test func paletteReferencesResolve() {
        #expect(theme.style("ui.sidebar.selected") == Style(fg: rgb("#cdd6f4"), bg: rgb("#45475a"), attributes: .bold))
        #expect(theme.style("ui.message.selected") == Style(fg: rgb("#cdd6f4"), bg: rgb("#313244")))
        #expect(theme.style("ui.sidebar.date") == Style(fg: rgb("#6c7086"), bg: rgb("#181825")))
        #expect(theme.rules["ui.border"] == ThemeRule(fg: .palette("surface1")))
    }

    @Test func paletteEntriesMayNameOtherEntriesAndANSIColours() throws {
        let theme = try Theme.parse(
            toml: """
                "ui" = { fg = "accent", bg = "zbg" }
                "ui.title" = "208"
                [palette]
                accent = "zbg"
                zbg = "#102030"
                ansi = "bright-blue"
                """, name: "t")
        #expect(theme.style("ui") == Style(fg: rgb("#102030"), bg: rgb("#102030")))
        #expect(theme.palette["ansi"] == .ansi(12))
        #expect(theme.style("ui.title").fg == .indexed(208))
    }

    @Test func inheritsPatchesSlotsAndPalette() throws {
        let child = try Theme.parse(
            toml: """
                inherits = "dark"
                name = "darker"
                "ui.title" = { fg = "red", modifiers = ["underline"] }
                [palette]
                base = "#000000"
                """, name: "darker.toml")
        #expect(child.name == "darker")
        #expect(child.style("ui").bg == rgb("#000000"))
        #expect(child.style("ui.title") == Style(fg: rgb("#f38ba8"), bg: rgb("#000000"), attributes: .underline))
        #expect(child.style("ui.sidebar") == Theme.builtinDark.style("ui.sidebar"))
    }

    @Test func inheritsFromAFileOnTheSearchPath() throws {
        let folder = try TestFiles.scratch([
            "mine.toml": "inherits = \"light\"\n\"ui.branch.marker\" = \"magenta\"\n"
        ])
        let theme = try Theme.load(nameOrPath: "mine", searchPaths: [folder, TestFiles.themes], environment: [:])
        let light = try Theme.load(nameOrPath: "light", searchPaths: [TestFiles.themes], environment: [:])
        #expect(theme.name == "mine")
        #expect(theme.style("ui.branch.marker") == Style(fg: .ansi(5), bg: light.style("ui").bg))
        #expect(theme.style("ui.sidebar") == light.style("ui.sidebar"))
    }

    @Test func alacrittySchemeIsABasePalette() throws {
        let theme = try Theme.parse(
            toml: """
                "ui" = { fg = "foreground", bg = "background" }
                "ui.error" = "red"
                "ui.warning" = "bright-yellow"
                "ui.title" = "accent"
                [palette]
                accent = "blue"
                [colors.primary]
                background = "#282a36"
                foreground = "0xf8f8f2"
                [colors.normal]
                red = "#ff5555"
                blue = "#bd93f9"
                [colors.bright]
                yellow = "#ffffa5"
                """, name: "dracula.toml")
        #expect(theme.style("ui") == Style(fg: rgb("#f8f8f2"), bg: rgb("#282a36")))
        #expect(theme.style("ui.error").fg == rgb("#ff5555"))
        #expect(theme.style("ui.warning").fg == rgb("#ffffa5"))
        #expect(theme.style("ui.title").fg == rgb("#bd93f9"))
    }
}

@Suite struct ThemeReductionTests {
    let theme = Theme.builtinDark

    @Test func truecolorKeepsRGB() {
        #expect(theme.reduced(to: .truecolor) == theme)
    }

    @Test func palette256MapsRGBToIndices() {
        let reduced = theme.reduced(to: .palette256)
        for slot in Theme.slots {
            let style = reduced.style(slot)
            // A colour the theme leaves to the terminal (markup slots lay theirs over the
            // message's) stays the terminal's; every colour it sets is reduced.
            let original = theme.style(slot)
            for (color, was) in [(style.fg, original.fg), (style.bg, original.bg)] where was != .default {
                guard case .indexed = color else {
                    Issue.record("\(slot): \(color)")
                    continue
                }
            }
            #expect(style.attributes == theme.style(slot).attributes)
        }
        // #1e1e2e (30, 30, 46) is nearest to the grey ramp's 235 (#262626).
        #expect(reduced.style("ui").bg == .indexed(235))
    }

    @Test func ansi16MapsEverythingToANSI() throws {
        let reduced = theme.reduced(to: .ansi16)
        #expect(reduced.style("ui").bg == .ansi(0))
        #expect(reduced.style("ui").fg == .ansi(7))
        for slot in Theme.slots {
            let style = reduced.style(slot)
            let original = theme.style(slot)
            for (color, was) in [(style.fg, original.fg), (style.bg, original.bg)] where was != .default {
                guard case .ansi(let i) = color, i < 16 else {
                    Issue.record("\(slot): \(color)")
                    continue
                }
            }
        }
        let indexed = try Theme.parse(toml: "\"ui\" = { fg = \"196\", bg = \"default\" }", name: "t")
        #expect(indexed.reduced(to: .ansi16).style("ui") == Style(fg: .ansi(9), bg: .default))
    }

    @Test func monochromeDropsColoursKeepsAttributesAndReversesSelections() {
        let reduced = theme.reduced(to: .monochrome)
        for slot in Theme.slots {
            let style = reduced.style(slot)
            #expect(style.fg == .default && style.bg == .default, "\(slot)")
            let expected =
                Theme.colourlessAttributes[slot]
                ?? (Theme.highlightSlots.contains(slot)
                    ? theme.style(slot).attributes.union(.reverse) : theme.style(slot).attributes)
            #expect(style.attributes == expected, "\(slot)")
        }
        #expect(reduced.style("ui.sidebar.selected").attributes == [.bold, .reverse])
        #expect(reduced.style("ui.message.selected").attributes == .reverse)
        // The comparison's marks differ by colour; without it, by attributes.
        #expect(reduced.style("ui.compare.added").attributes == [.bold, .underline])
        #expect(reduced.style("ui.compare.removed").attributes == .reverse)
    }

    @Test func detectColorSupport() {
        #expect(ColorSupport.detect(colors: 256, environment: ["COLORTERM": "truecolor"]) == .truecolor)
        #expect(ColorSupport.detect(colors: 256, environment: [:]) == .palette256)
        #expect(ColorSupport.detect(colors: 16, environment: ["COLORTERM": "24bit"]) == .ansi16)
        #expect(ColorSupport.detect(colors: 8, environment: [:]) == .ansi16)
        #expect(ColorSupport.detect(colors: 0, environment: [:]) == .monochrome)
        #expect(ColorSupport.detect(colors: 256, environment: ["NO_COLOR": "1"]) == .monochrome)
    }
}

@Suite struct ThemeErrorTests {
    private func parseError(_ toml: String) -> ThemeError? {
        do {
            _ = try Theme.parse(toml: toml, name: "bad.toml")
            return nil
        } catch let error as ThemeError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func unknownColourNamesTheSlot() throws {
        let error = try #require(parseError("\"ui.sidebar\" = { fg = \"blu\" }"))
        #expect(error == ThemeError(file: "bad.toml", entry: "ui.sidebar", reason: .unknownColor("blu")))
        #expect(error.description.hasPrefix("bad.toml: \"ui.sidebar\": unknown colour \"blu\""))
    }

    @Test func unknownModifierAndField() throws {
        #expect(parseError("\"ui\" = { modifiers = [\"blink\"] }")?.reason == .unknownModifier("blink"))
        #expect(parseError("\"ui\" = { fgg = \"red\" }")?.reason == .unknownField("fgg"))
    }

    @Test func badPaletteEntry() throws {
        let error = try #require(parseError("[palette]\nbg = \"nope\"\n"))
        #expect(error.entry == "palette.bg")
        #expect(error.reason == .unknownColor("nope"))
    }

    /// Found by fuzzing (`Fuzz/run.sh theme`): TOMLKit's toml++ aborted the program on a table
    /// header like `[ {` instead of reporting it.
    @Test func tableHeaderStartingWithABraceIsASyntaxError() throws {
        let error = try #require(parseError("name = \"a\"\n[ { fg = \"red\" }\n"))
        #expect(
            error.reason
                == .syntax("a table name must start with a letter, a digit, _, - or a quote (line 2, column 3)"))
        // After a byte order mark too (found by fuzzing as well).
        let marked = try #require(parseError("\u{FEFF} [\u{FFFD}]\n"))
        #expect(
            marked.reason
                == .syntax("a table name must start with a letter, a digit, _, - or a quote (line 1, column 4)"))
        let theme = try Theme.parse(toml: "name = \"\"\"\n[ {\n\"\"\"\n[palette]\nx = \"red\"\n", name: "t.toml")
        #expect(theme.name == "[ {\n")
    }

    /// Found by fuzzing (`Fuzz/run.sh theme`): toml++ aborted the program on a date with `T` and
    /// no time after it.
    @Test func dateWithoutTimeAfterTIsASyntaxError() throws {
        let error = try #require(parseError("name = 1979-05-27T'07:32:00Z\n"))
        #expect(error.reason == .syntax("a date and time needs the time right after T (line 1, column 19)"))
        // Or by a space and one digit (found by fuzzing as well).
        let spaced = try #require(parseError("name = 1978-=7-20 5 197\n"))
        #expect(
            spaced.reason == .syntax("a date and time needs hours and minutes after the space (line 1, column 19)"))
        // Ended by U+FEFF, which toml++ counts as a space.
        let marked = try #require(parseError("name = 3958-05-27 0\u{FEFF}9\n"))
        #expect(
            marked.reason == .syntax("a date and time needs hours and minutes after the space (line 1, column 19)"))
        let theme = try Theme.parse(toml: "name = \"1979-05-27Tx\"\n1979-05-27Tx = \"red\"\n", name: "t.toml")
        #expect(theme.name == "1979-05-27Tx" && theme.rules["1979-05-27Tx"] != nil)
    }

    /// Found by fuzzing (`Fuzz/run.sh theme`): a multi-line string closed by four or five quotes
    /// (the first one or two are text) was taken to end early, so the `}` after it, where the
    /// array expects a value and toml++ aborts, went unseen.
    @Test func stringsClosedByMoreThanThreeQuotesAreFollowedToTheirEnd() throws {
        let crash = "n =[[[[[[['''\u{A7}'''',}''g''''\u{FFFD}\u{FFFD}de[%00"
        let error = try #require(parseError(crash))
        #expect(error.reason == .syntax("expected a value or ] in the array (line 1, column 20)"))
        let cases = [
            ("name = '''a''''\n", "a'"), ("name = '''a'''''\n", "a''"), ("name = \"\"\"a\"\"\"\"\"\n", "a\"\""),
        ]
        for (toml, name) in cases {
            #expect(try Theme.parse(toml: toml, name: "t.toml").name == name)
        }
    }

    /// Found by fuzzing (`Fuzz/run.sh theme`): TOMLKit reads an escaped U+0000 in a key as the
    /// key's end and then traps on the key it cannot find.
    @Test func anEscapedNULInAStringOrKeyIsASyntaxError() throws {
        for toml in [
            "\"ui\\u0000x\" = \"red\"\n", "[\"ui\\U00000000\"]\nx = 1\n", "name = \"a\\u0000\"\n",
            "[palette]\nx = { \"a\\u0000\" = 1 }\n",
        ] {
            let error = try #require(parseError(toml), "\(toml)")
            guard case .syntax(let message) = error.reason else {
                Issue.record("\(error)")
                continue
            }
            #expect(message.hasPrefix("a string or key may not hold the character U+0000"), "\(message)")
        }
        let crash = try Data(
            contentsOf: Fixtures.packageRoot.appendingPathComponent("Fuzz/corpus/theme/regression-nul-key"))
        #expect(parseError(String(decoding: crash, as: UTF8.self)) != nil)
        // An escaped backslash before u0000 is text, and other escapes are fine.
        #expect(try Theme.parse(toml: "name = \"a\\\\u0000\"\n", name: "t.toml").name == "a\\u0000")
        #expect(try Theme.parse(toml: "name = 'a\\u0000'\n", name: "t.toml").name == "a\\u0000")
        #expect(try Theme.parse(toml: "name = \"a\\u0041\"\n", name: "t.toml").name == "aA")
    }

    @Test func invalidTOMLAndMissingTheme() throws {
        guard case .syntax = parseError("\"ui\" = {")?.reason else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(throws: ThemeError.self) {
            try Theme.load(nameOrPath: "nope", searchPaths: [TestFiles.themes], environment: [:])
        }
    }
}
