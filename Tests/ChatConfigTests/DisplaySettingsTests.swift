import Foundation
import TerminalCanvas
import Testing

@testable import ChatConfig

/// `hyperlinks = "auto" | "always" | "never"` and `mouse = true | false` in config.toml.
@Suite struct DisplaySettingsTests {
    @Test func hyperlinksDefaultToAutoAndReadEachMode() throws {
        #expect(try DisplaySettings.parse(toml: "").hyperlinks == .auto)
        #expect(try DisplaySettings.parse(toml: "hyperlinks = \"always\"").hyperlinks == .always)
        #expect(try DisplaySettings.parse(toml: "hyperlinks = \"Never\"").hyperlinks == .never)
        let withProfiles = """
            default_profile = "work"
            hyperlinks = "auto"

            [profiles.work]
            kind = "local"
            """
        #expect(try DisplaySettings.parse(toml: withProfiles).hyperlinks == .auto)
        #expect(try ProfileSet.parse(toml: withProfiles).defaultName == "work", "profiles still read the file")
    }

    @Test(arguments: ["hyperlinks = \"yes\"", "hyperlinks = true", "hyperlinks = 1"])
    func anotherValueIsNamedWithTheAllowedOnes(toml: String) {
        #expect(
            throws: DisplaySettingsError(
                file: "config.toml", message: "hyperlinks must be \"auto\", \"always\" or \"never\"")
        ) { try DisplaySettings.parse(toml: toml) }
    }

    @Test func aBrokenFileAndAMissingOne() throws {
        #expect(throws: DisplaySettingsError.self) { try DisplaySettings.parse(toml: "hyperlinks = ") }
        let missing = URL(fileURLWithPath: "/nonexistent/chatterm/config.toml")
        #expect(try DisplaySettings.load(file: missing) == DisplaySettings())
        let folder = try TestFiles.scratch(["config.toml": "hyperlinks = \"never\"\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try DisplaySettings.load(file: folder.appendingPathComponent("config.toml")).hyperlinks == .never)
    }

    @Test func theMouseIsOnUnlessTurnedOff() throws {
        #expect(try DisplaySettings.parse(toml: "").mouse)
        #expect(try DisplaySettings.parse(toml: "mouse = true").mouse)
        #expect(try !DisplaySettings.parse(toml: "mouse = false\nhyperlinks = \"never\"").mouse)
        #expect(try DisplaySettings.parse(toml: "mouse = false\nhyperlinks = \"never\"").hyperlinks == .never)
    }

    @Test(arguments: ["mouse = \"false\"", "mouse = 0", "mouse = \"off\""])
    func aMouseValueThatIsNoBooleanIsNamed(toml: String) {
        #expect(throws: DisplaySettingsError(file: "config.toml", message: "mouse must be true or false")) {
            try DisplaySettings.parse(toml: toml)
        }
    }
}
