import ChatArchive
import ChatModel
import ChatProtocol
import ChatRender
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// A message's files: shown with where the archive keeps them, listed by `o` after its links,
/// and opened with the system's opener (or their path copied).
@Suite struct AttachmentPickerTests {
    final class Desktop: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [String] = []
        private var copies: [String] = []
        let outcome: LinkOpener.Outcome
        init(_ outcome: LinkOpener.Outcome) { self.outcome = outcome }
        func openFile(_ path: String) -> LinkOpener.Outcome {
            lock.withLock { files.append(path) }
            return outcome
        }
        func copy(_ text: String) { lock.withLock { copies.append(text) } }
        var opened: [String] { lock.withLock { files } }
        var copied: [String] { lock.withLock { copies } }
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 500)

    /// An archive holding one conversation whose prompt carries a kept image and a missing one.
    func makeStore(_ temp: TempDir, _ desktop: Desktop) throws -> (Store, Archive) {
        let archive = try Archive(directory: temp.url.appendingPathComponent("data"))
        let object = TestJSON.withParts(
            TestJSON.conversation(
                id: "pics", nodes: [("u1", nil, "user", "what is this?"), ("a1", "u1", "assistant", "A cat.")]),
            node: "u1",
            [
                [
                    "content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00cat", "width": 640,
                    "height": 480,
                ],
                ["content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00gone"],
                "what is this?",
            ])
        let zip = temp.file(
            "export.zip",
            StoredZip.make([
                ("conversations.json", TestJSON.data([object])), ("file_00cat.dat", Self.png),
                ("conversation_asset_file_names.json", TestJSON.data(["file_00cat.dat": "cat on the sofa.png"])),
            ]))
        _ = try Importer(archive: archive).importFile(at: zip)
        let terminal = TerminalServices(
            copy: { desktop.copy($0) }, openLink: { _ in .noBrowser }, editText: { _ in nil },
            openFile: { desktop.openFile($0) })
        let store = Store(
            state: AppState(width: 100, height: 30), environment: StoreEnvironment(archive: archive, terminal: terminal)
        )
        return (store, archive)
    }

    @Test func theOpenConversationKnowsWhereItsFilesAreAndThePaneShowsThem() async throws {
        let temp = TempDir()
        let (store, archive) = try makeStore(temp, Desktop(.opened(program: "xdg-open")))
        let state = await store.send(
            .terminal(.started(width: 100, height: 30)), .user(.open(id: "pics", focusNode: nil)))
        let open = try #require(state.open)
        let files = open.turns[0].attachments
        #expect(files.map(\.fileID) == ["file_00cat", "file_00gone"])
        let kept = try #require(files[0].local)
        #expect(kept.originalName == "cat on the sofa.png")
        #expect(kept.path.hasPrefix(archive.assetsDirectory.path))
        #expect(files[1].local == nil)
        let lines = open.layout.lines.filter {
            if case .attachment = $0.kind { return true }
            return false
        }.map(\.text)
        #expect(
            lines == [
                "  📷 cat on the sofa.png · PNG image · 508 bytes · 640×480",
                "  📷 Image file_00gone — not in the archive",
            ])
        #expect(open.turns[0].text == "what is this?")
    }

    @Test func oListsTheFilesAndEnterOpensTheChosenOne() async throws {
        let temp = TempDir()
        let desktop = Desktop(.opened(program: "xdg-open"))
        let (store, _) = try makeStore(temp, desktop)
        await store.send(.terminal(.started(width: 100, height: 30)), .user(.open(id: "pics", focusNode: nil)))
        var state = await store.send(.user(.focus(.messages)), .command(.selectPrev), .command(.openLink))
        guard case .links(let picker) = state.overlay else {
            Issue.record("no window: \(String(describing: state.overlay)) \(String(describing: state.message))")
            return
        }
        #expect(picker.links.isEmpty)
        #expect(picker.files.count == 2)
        #expect(picker.selected == 0)
        let path = try #require(picker.files[0].local?.path)
        state = await store.send(.command(.open))
        #expect(state.overlay == nil)
        #expect(desktop.opened == [path])
        #expect(desktop.copied.isEmpty)
        #expect(state.message?.text == "Opened \(path) with xdg-open")
    }

    @Test func aMissingFileCannotBeOpenedAndWithoutAnOpenerThePathIsCopied() async throws {
        let temp = TempDir()
        let desktop = Desktop(.noBrowser)
        let (store, _) = try makeStore(temp, desktop)
        await store.send(.terminal(.started(width: 100, height: 30)), .user(.open(id: "pics", focusNode: nil)))
        var state = await store.send(
            .user(.focus(.messages)), .command(.selectPrev), .command(.openLink), .command(.selectNext),
            .command(.open))
        #expect(state.message?.text == "This file is not in the archive")
        #expect(desktop.opened.isEmpty)
        state = await store.send(.command(.selectPrev), .command(.open))
        let path = try #require(desktop.copied.first)
        #expect(path.hasSuffix(".png"))
        #expect(state.message?.text == "No program opens files here (install xdg-open); copied its path: \(path)")
    }

    @Test func theFileOpenerIsTheSystemsNeverTheBrowser() {
        let opener = LinkOpener(environment: ["BROWSER": "/bin/echo", "PATH": "/nonexistent"])
        #expect(opener.fileCommand(for: "/tmp/x.png") == nil)
        #expect(opener.command(for: "https://example.com") == ["/bin/echo", "https://example.com"])
    }
}
