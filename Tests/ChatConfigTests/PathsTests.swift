import Foundation
import Testing

@testable import ChatConfig

@Suite struct PathsTests {
    let home = ["HOME": "/home/ann"]
    let exe = "/nonexistent/bin/chatterm"

    private func paths(_ dataDir: String? = nil, _ environment: [String: String]) -> Paths {
        Paths(dataDirOverride: dataDir, environment: environment, executablePath: exe)
    }

    @Test func dataDirectoryPrecedence() {
        let all = home.merging(["CHATTERM_HOME": "/srv/ct", "XDG_DATA_HOME": "/xdg/data"]) { $1 }
        #expect(paths("/tmp/d", all).dataDirectory.path == "/tmp/d")
        #expect(paths("~/d", all).dataDirectory.path == "/home/ann/d")
        #expect(paths(nil, all).dataDirectory.path == "/srv/ct")
        #expect(paths("", all).dataDirectory.path == "/srv/ct")
        #expect(
            paths(nil, home.merging(["XDG_DATA_HOME": "/xdg/data"]) { $1 }).dataDirectory.path == "/xdg/data/chatterm")
        #expect(paths(nil, home).dataDirectory.path == "/home/ann/.local/share/chatterm")
    }

    @Test func emptyOrRelativeXDGValuesAreIgnored() {
        let env = home.merging(["XDG_DATA_HOME": "relative", "XDG_CONFIG_HOME": "", "CHATTERM_HOME": ""]) { $1 }
        #expect(paths(nil, env).dataDirectory.path == "/home/ann/.local/share/chatterm")
        #expect(paths(nil, env).configDirectory.path == "/home/ann/.config/chatterm")
    }

    @Test func configDirectoryAndFiles() {
        let p = paths(nil, home.merging(["XDG_CONFIG_HOME": "/xdg/cfg", "CHATTERM_HOME": "/srv/ct"]) { $1 })
        #expect(p.configDirectory.path == "/xdg/cfg/chatterm")
        #expect(p.userKeymapFile.path == "/xdg/cfg/chatterm/keymap.toml")
        #expect(p.configFile.path == "/xdg/cfg/chatterm/config.toml")
        #expect(paths(nil, home).configDirectory.path == "/home/ann/.config/chatterm")
    }

    @Test func searchPathsPutTheUserFolderFirst() {
        let share = TestFiles.repoRoot.path
        let p = paths(nil, home.merging(["CHATTERM_SHARE": share]) { $1 })
        #expect(p.themesSearchPath.map(\.path) == ["/home/ann/.config/chatterm/themes", share + "/Themes"])
        #expect(p.keymapsSearchPath.map(\.path) == ["/home/ann/.config/chatterm/keymaps", share + "/Keymaps"])
        #expect(paths(nil, home).themesSearchPath.map(\.path) == ["/home/ann/.config/chatterm/themes"])
    }

    @Test func bundledDirectoryWalksUpFromABuildFolder() throws {
        let exe = TestFiles.repoRoot.appendingPathComponent(".build/debug/chatterm").path
        for name in ["Themes", "Keymaps"] {
            let found = try #require(Paths.bundledDirectory(named: name, executablePath: exe, environment: [:]))
            #expect(found.standardizedFileURL.path == TestFiles.repoRoot.appendingPathComponent(name).path)
        }
        #expect(Paths.bundledDirectory(named: "NoSuchFolder", executablePath: exe, environment: [:]) == nil)
    }

    @Test func bundledDirectoryFromTheRunningTestBinary() throws {
        let found = try #require(
            Paths.bundledDirectory(named: "Keymaps", executablePath: Paths.currentExecutablePath, environment: [:]))
        #expect(FileManager.default.fileExists(atPath: found.appendingPathComponent("default.toml").path))
    }

    @Test func bundledDirectoryPrefersShareThenInstallPrefix() throws {
        let prefix = try TestFiles.scratch(["share/chatterm/Themes/x.toml": "", "bin/.keep": ""])
        let exe = prefix.appendingPathComponent("bin/chatterm").path
        let installed = try #require(Paths.bundledDirectory(named: "Themes", executablePath: exe, environment: [:]))
        #expect(installed.path == prefix.appendingPathComponent("share/chatterm/Themes").standardizedFileURL.path)
        let share = try TestFiles.scratch(["Themes/y.toml": ""])
        let shared = try #require(
            Paths.bundledDirectory(named: "Themes", executablePath: exe, environment: ["CHATTERM_SHARE": share.path]))
        #expect(shared.path == share.appendingPathComponent("Themes").path)
    }

    @Test func pathsLoadTheBundledFiles() throws {
        let exe = TestFiles.repoRoot.appendingPathComponent(".build/debug/chatterm").path
        let p = Paths(dataDirOverride: nil, environment: ["HOME": "/nonexistent"], executablePath: exe)
        let vim = try Keymap.load(nameOrPath: "vim", userOverride: p.userKeymapFile, searchPaths: p.keymapsSearchPath)
        #expect(vim.name == "vim")
        let light = try Theme.load(nameOrPath: "light", searchPaths: p.themesSearchPath, environment: [:])
        #expect(light.name == "light")
    }
}
