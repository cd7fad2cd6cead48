import ChatModel
import Foundation
import Testing

@testable import ChatProtocol

/// `export --format md` links the attachments the archive holds by their path under `assets/`,
/// names the missing ones, and quotes a generated image's prompt.
@Suite struct MarkdownExportAttachmentTests {
    static func tree() throws -> ConversationTree {
        let json = #"""
            {"id": "c", "title": "Pictures", "current_node": "a1", "mapping": {
              "root": {"id": "root", "message": null, "parent": null, "children": ["u1"]},
              "u1": {"id": "u1", "parent": "root", "children": ["t1"], "message": {"id": "u1",
                "author": {"role": "user"}, "content": {"content_type": "multimodal_text", "parts": [
                  {"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00aa"},
                  {"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_00gone"},
                  "What is [this]?"]},
                "metadata": {"attachments": [{"id": "file-Doc1", "name": "notes [v2].pdf", "mime_type": "application/pdf"}]}}},
              "t1": {"id": "t1", "parent": "u1", "children": ["a1"], "message": {"id": "t1",
                "author": {"role": "tool", "name": "dalle.text2im"}, "content": {"content_type": "multimodal_text",
                "parts": [{"content_type": "image_asset_pointer", "asset_pointer": "file-service://file-Gen",
                  "metadata": {"dalle": {"prompt": "a fox\nwith a map"}}}]}}},
              "a1": {"id": "a1", "parent": "t1", "children": [], "message": {"id": "a1",
                "author": {"role": "assistant"}, "content": {"content_type": "text", "parts": ["Here."]}}}
            }}
            """#
        return ConversationTree(try ConversationJSON.decode(Data(json.utf8)))
    }

    @Test func filesAreLinkedUnderAssetsAndMissingOnesNamed() throws {
        let tree = try Self.tree()
        let markdown = MarkdownExport.branch(
            tree, leaf: "a1",
            assets: [
                "file_00aa": .init(path: "assets/ab/ab12.png", originalName: "cat photo.png"),
                "file-Doc1": .init(path: "assets/cd/cd34.pdf"),
                "file-Gen": .init(
                    path: "assets/ef/ef56.webp",
                    originalName: "dalle-generations/4f0c2d1e-1111-2222-3333-444455556666.webp"),
            ])
        #expect(markdown.contains("### You\n\n![cat photo.png](assets/ab/ab12.png)\n\n"))
        #expect(markdown.contains("_Image file_00gone: not in the archive_\n\n"))
        #expect(markdown.contains("[notes \\[v2\\].pdf](assets/cd/cd34.pdf)\n\nWhat is [this]?\n\n"))
        #expect(markdown.contains("![Generated image](assets/ef/ef56.webp)\n> a fox with a map\n\nHere."))
        #expect(!markdown.contains("[image:"))
    }

    @Test func withoutTheArchivesFilesEveryAttachmentIsNamedAsMissing() throws {
        let markdown = MarkdownExport.branch(try Self.tree(), leaf: "a1")
        #expect(markdown.contains("_Image file_00aa: not in the archive_"))
        #expect(markdown.contains("_Generated image: not in the archive_\n> a fox with a map"))
        #expect(markdown.contains("_notes \\[v2\\].pdf: not in the archive_"))
    }
}
