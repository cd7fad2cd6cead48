import ChatArchive
import ChatModel
import ChatProtocol
import ChatRender
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// `o`: a message's links and sources in a window, numbered as its Sources list, and the
/// chosen one opened in the browser or copied when none can run.
@Suite struct LinkPickerTests {
    /// Records what the store opened and copied.
    final class Desktop: @unchecked Sendable {
        private let lock = NSLock()
        private var openedURLs: [String] = []
        private var copiedTexts: [String] = []
        let outcome: LinkOpener.Outcome
        init(browser: String?) { outcome = browser.map { .opened(program: $0) } ?? .noBrowser }
        init(outcome: LinkOpener.Outcome) { self.outcome = outcome }
        func open(_ url: String) -> LinkOpener.Outcome {
            lock.withLock { openedURLs.append(url) }
            return outcome
        }
        func copy(_ text: String) { lock.withLock { copiedTexts.append(text) } }
        var opened: [String] { lock.withLock { openedURLs } }
        var copied: [String] { lock.withLock { copiedTexts } }
    }

    static let marker = "\u{E200}cite\u{E202}turn0search0\u{E201}"
    static let answer = """
        Spruce grows tall.\(marker) See [the guide](<https://guide.example/spruce?a=b c>) and \
        [mail us](mailto:trees@example.com), not [this](javascript:alert(1)).
        """

    func makeStore(_ desktop: Desktop) throws -> Store {
        let archive = try Archive.inMemory()
        var object = TestJSON.conversation(
            id: "links",
            nodes: [("u1", nil, "user", "tell me https://plain.example"), ("a1", "u1", "assistant", Self.answer)])
        var mapping = object["mapping"] as! [String: [String: Any]]
        var node = mapping["a1"]!
        var message = node["message"] as! [String: Any]
        message["metadata"] = [
            "content_references": [
                [
                    "matched_text": Self.marker, "type": "grouped_webpages",
                    "items": [["title": "Spruce facts", "url": "https://www.spruce.example/a"]],
                ]
            ]
        ]
        node["message"] = message
        mapping["a1"] = node
        object["mapping"] = mapping
        let raw = TestJSON.data(object)
        try archive.upsert(try ConversationJSON.decode(raw), raw: raw, source: "test")
        let terminal = TerminalServices(
            copy: { desktop.copy($0) }, openLink: { desktop.open($0) }, editText: { _ in nil })
        let environment = StoreEnvironment(archive: archive, terminal: terminal)
        return Store(state: AppState(width: 100, height: 30), environment: environment)
    }

    @Test func theWindowListsTheSourcesThenTheLinksAndOpensTheChosenOne() async throws {
        let desktop = Desktop(browser: "firefox")
        let store = try makeStore(desktop)
        var state = await store.send(
            .terminal(.started(width: 100, height: 30)), .user(.open(id: "links", focusNode: nil)))
        #expect(state.open?.selected == 1)
        state = await store.send(.command(.openLink))
        guard case .links(let picker) = state.overlay else {
            Issue.record("no links window: \(String(describing: state.overlay))")
            return
        }
        #expect(picker.links.map(\.title) == ["Spruce facts", "the guide", "mail us"])
        #expect(picker.selected == 0)
        state = await store.send(.command(.selectNext), .command(.open))
        #expect(state.overlay == nil)
        #expect(desktop.opened == ["https://guide.example/spruce?a=b%20c"])
        #expect(desktop.copied == [])
        #expect(state.message?.text == "Opened https://guide.example/spruce?a=b%20c with firefox")
    }

    @Test func withoutABrowserTheLinkIsCopiedAndTheStatusLineSaysSo() async throws {
        let desktop = Desktop(browser: nil)
        let store = try makeStore(desktop)
        await store.send(.terminal(.started(width: 100, height: 30)), .user(.open(id: "links", focusNode: nil)))
        let state = await store.send(.command(.openLink), .command(.bottom), .command(.open))
        #expect(desktop.copied == ["mailto:trees@example.com"])
        #expect(
            state.message?.text
                == "Copied the link (no browser: set $BROWSER or install xdg-open): mailto:trees@example.com")
    }

    @Test func aBrowserThatCannotStartLeavesTheLinkCopied() async throws {
        let desktop = Desktop(outcome: .failed(program: "firefox", reason: "Permission denied"))
        let store = try makeStore(desktop)
        await store.send(.terminal(.started(width: 100, height: 30)), .user(.open(id: "links", focusNode: nil)))
        let state = await store.send(.command(.openLink), .command(.open))
        #expect(desktop.opened == ["https://www.spruce.example/a"])
        #expect(desktop.copied == ["https://www.spruce.example/a"])
        #expect(
            state.message?.text
                == "Copied the link (firefox could not start: Permission denied): https://www.spruce.example/a")
    }

    @Test func aMessageWithoutLinksSaysSo() async throws {
        let store = try makeStore(Desktop(browser: "firefox"))
        await store.send(.terminal(.started(width: 100, height: 30)), .user(.open(id: "links", focusNode: nil)))
        let state = await store.send(.user(.focus(.messages)), .command(.selectPrev), .command(.openLink))
        #expect(state.overlay == nil)
        #expect(state.message?.text == "This message has no links to open")
    }

    @Test func escClosesTheWindowWithoutOpening() async throws {
        let desktop = Desktop(browser: "firefox")
        let store = try makeStore(desktop)
        await store.send(.terminal(.started(width: 100, height: 30)), .user(.open(id: "links", focusNode: nil)))
        let state = await store.send(.command(.openLink), .command(.cancel))
        #expect(state.overlay == nil)
        #expect(desktop.opened.isEmpty)
    }

    @Test func aStreamedAnswerListsItsLinksAsTheyArrive() {
        var layout = PaneLayout(
            turns: [Turn(id: "a", nodeIDs: ["a"], author: Author(role: .assistant), text: "")], width: 60)
        layout.appendToLastTurn("Read [the docs](https://docs.example/) first")
        #expect(layout.sources == [[SourceLink(title: "the docs", url: "https://docs.example/")]])
    }
}

/// Which program opens an address, and that it gets the address as one argument.
@Suite struct LinkOpenerTests {
    func folder(with programs: [String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("link-opener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for name in programs {
            let path = url.appendingPathComponent(name).path
            _ = FileManager.default.createFile(
                atPath: path, contents: Data("#!/bin/sh\nprintf '%s' \"$1\" > \"$0.out\"\n".utf8),
                attributes: [.posixPermissions: 0o755])
        }
        return url
    }

    @Test func browserComesFirstThenXdgOpen() throws {
        let bin = try folder(with: ["xdg-open", "firefox"])
        defer { try? FileManager.default.removeItem(at: bin) }
        let url = "https://example.com/a"
        let xdg = LinkOpener(environment: ["PATH": bin.path])
        #expect(xdg.command(for: url) == [bin.path + "/xdg-open", url])
        let browser = LinkOpener(environment: ["PATH": bin.path, "BROWSER": "nonexistent:firefox --new-tab"])
        #expect(browser.command(for: url) == [bin.path + "/firefox", "--new-tab", url])
        let placeholder = LinkOpener(environment: ["PATH": bin.path, "BROWSER": "firefox -url=%s"])
        #expect(placeholder.command(for: url) == [bin.path + "/firefox", "-url=" + url])
        #expect(LinkOpener(environment: ["PATH": "/nonexistent"]).command(for: url) == nil)
        #expect(
            LinkOpener(environment: ["PATH": bin.path, "BROWSER": bin.path + "/firefox"]).command(for: url)?.first
                == bin.path + "/firefox")
    }

    @Test func theProgramGetsTheAddressAsOneArgumentWithoutAShell() throws {
        let bin = try folder(with: ["browser"])
        defer { try? FileManager.default.removeItem(at: bin) }
        let url = "https://example.com/a;touch%20x$(id)"
        let outcome = LinkOpener(environment: ["PATH": bin.path, "BROWSER": "browser"]).open(url)
        #expect(outcome == .opened(program: "browser"))
        let written = bin.appendingPathComponent("browser.out").path
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOfFile: written, encoding: .utf8)) != url, Date() < deadline {
            usleep(20_000)
        }
        #expect(try String(contentsOfFile: written, encoding: .utf8) == url)
        #expect(LinkOpener(environment: ["PATH": "/nonexistent"]).open(url) == .noBrowser)
    }
}
