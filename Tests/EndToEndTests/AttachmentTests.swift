import ChatTestSupport
import Foundation
import Testing

/// A person imports an export whose prompts carry images, opens the conversation and sees them:
/// each file a line with its name, type, size and pixel size, a generated image with its prompt,
/// `o` listing them, and `export --with-assets` copying them beside the Markdown.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct AttachmentEndToEndTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 1, count: 2_000)

    /// A 2026-shaped export: no `children`, a `.dat` upload, a DALL·E image, one file left out.
    static func export() throws -> Data {
        let json = #"""
            [{"id": "pics-1", "title": "Pictures", "create_time": 1700000000, "update_time": 1700000100,
              "current_node": "a2", "default_model_slug": "gpt-4o", "mapping": {
              "root": {"id": "root", "message": null, "parent": null},
              "u1": {"id": "u1", "parent": "root", "message": {"id": "u1", "author": {"role": "user"},
                "create_time": 1700000000, "content": {"content_type": "multimodal_text", "parts": [
                  {"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00cat",
                   "width": 640, "height": 480},
                  {"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00gone"},
                  "what is this?"]}, "metadata": {}}},
              "a1": {"id": "a1", "parent": "u1", "message": {"id": "a1", "author": {"role": "assistant"},
                "create_time": 1700000010, "content": {"content_type": "text", "parts": ["A cat on a sofa."]},
                "metadata": {}}},
              "u2": {"id": "u2", "parent": "a1", "message": {"id": "u2", "author": {"role": "user"},
                "create_time": 1700000020, "content": {"content_type": "text", "parts": ["draw one"]},
                "metadata": {}}},
              "t1": {"id": "t1", "parent": "u2", "message": {"id": "t1",
                "author": {"role": "tool", "name": "dalle.text2im"}, "create_time": 1700000030,
                "content": {"content_type": "multimodal_text", "parts": [
                  {"content_type": "image_asset_pointer", "asset_pointer": "file-service://file-Gen7",
                   "width": 1024, "height": 1024, "metadata": {"dalle": {"prompt": "a cat asleep on a red sofa"}}}]},
                "metadata": {}}},
              "a2": {"id": "a2", "parent": "t1", "message": {"id": "a2", "author": {"role": "assistant"},
                "create_time": 1700000040, "content": {"content_type": "text", "parts": ["Here it is."]},
                "metadata": {}}}
            }}]
            """#
        return StoredZip.make([
            ("conversations-000.json", Data(json.utf8)),
            ("file_00cat.dat", png),
            ("file-Gen7.dat", png + Data([9])),
            (
                "conversation_asset_file_names.json",
                Data(
                    #"{"file_00cat.dat": "cat on the sofa.png", "file-Gen7.dat": "dalle-generations/5e1c7d7e-0d7e-4a4e-9a43-6c0d2b1f0a11.webp"}"#
                        .utf8)
            ),
        ])
    }

    @Test func importedImagesAreShownListedAndExported() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let zip = fixture.home.appendingPathComponent("export.zip")
        try Self.export().write(to: zip)
        let imported = try fixture.run(["import", zip.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 attachments found: 2 stored — 4.0 kB"), "\(imported.stdout)")
        #expect(
            imported.stdout.contains(
                "1 attachment the conversations point at is not in the export (shown as missing)"),
            "\(imported.stdout)")

        let tui = try fixture.browse(cols: 100, rows: 30, extra: "--open pics-1")
        defer { tui.close() }
        var screen = try tui.settle()
        #expect(screen.contains("📷 cat on the sofa.png · PNG image · 2.0 kB · 640×480"), "screen:\n\(screen)")
        #expect(screen.contains("📷 Image file_00gone — not in the archive"), "screen:\n\(screen)")
        #expect(screen.contains("🎨 Generated image · PNG image · 2.0 kB · 1024×1024"), "screen:\n\(screen)")
        #expect(screen.contains("“a cat asleep on a red sofa”"), "screen:\n\(screen)")
        #expect(!screen.contains("[image"), "screen:\n\(screen)")

        // `o` on the first prompt lists its files; the missing one cannot be opened.
        try tui.press(.top, in: .messages)
        try tui.press(.openLink, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("Links and files · Enter opens"), "screen:\n\(screen)")
        #expect(screen.contains("/assets/"), "the selected file's path:\n\(screen)")
        try tui.press(.selectNext, in: .tree)
        try tui.press(.open, in: .tree)
        screen = try tui.settle()
        #expect(screen.contains("This file is not in the archive"), "screen:\n\(screen)")
        try tui.press(.forceQuit, in: .tree)
        try tui.waitForExit()

        let folder = fixture.home.appendingPathComponent("md")
        let exported = try fixture.run(["export", "--all", "-o", folder.path, "--with-assets"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        let markdown = try String(contentsOf: folder.appendingPathComponent(try #require(names.first)), encoding: .utf8)
        let link = try #require(markdown.firstMatch(of: /!\[cat on the sofa.png\]\((assets\/[^)]+)\)/)?.output.1)
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(String(link)).path) == Self.png)
    }
}
