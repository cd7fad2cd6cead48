import ChatModel
import ChatProtocol
import Foundation
import Testing

/// Files a message carries: uploads, generated images and recordings, read from the parts and
/// `metadata.attachments` of every export generation, and shown with the turn they belong to.
@Suite struct AttachmentTests {
    @Test(
        arguments: [
            ("file-service://file-AbC123", "file-AbC123"),
            ("sediment://file_00000000ab126230b0e3c7d2", "file_00000000ab126230b0e3c7d2"),
            ("sediment://file_00ab#frame=2", "file_00ab"),
            ("file-service://bucket/file-Xy9?download=1", "file-Xy9"),
            ("file-Plain", "file-Plain"),
        ] as [(String, String)])
    func aPointerNamesItsFileID(pointer: String, id: String) {
        #expect(Attachment.fileID(fromPointer: pointer) == id)
    }

    @Test func aPointerWithNothingAfterItsSchemeNamesNoFile() {
        #expect(Attachment.fileID(fromPointer: "sediment://") == nil)
    }

    /// A 2026-shaped conversation: no `children`, an upload, a DALL·E call, its image and answer.
    static let exportJSON = #"""
        {"id": "c1", "title": "Pictures", "current_node": "a2", "default_model_slug": "gpt-4o", "mapping": {
          "root": {"id": "root", "message": null, "parent": null},
          "u1": {"id": "u1", "parent": "root", "message": {"id": "u1", "author": {"role": "user"},
            "content": {"content_type": "multimodal_text", "parts": [
              {"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_0000aa11",
               "size_bytes": 204800, "width": 1024, "height": 768, "fovea": null, "metadata": null},
              "What is in this picture?"]},
            "metadata": {"attachments": [{"id": "file_0000aa11", "name": "Screenshot 2026-01-02.png",
              "mime_type": "image/png", "size": 204800, "width": 1024, "height": 768},
              {"id": "file-Pdf42", "name": "report.pdf", "mime_type": "application/pdf", "size": 5000}]}}},
          "a1": {"id": "a1", "parent": "u1", "message": {"id": "a1", "author": {"role": "assistant"},
            "content": {"content_type": "text", "parts": ["A fox on a map."]}, "metadata": {}}},
          "u2": {"id": "u2", "parent": "a1", "message": {"id": "u2", "author": {"role": "user"},
            "content": {"content_type": "text", "parts": ["Draw it"]}, "metadata": {}}},
          "call": {"id": "call", "parent": "u2", "message": {"id": "call", "author": {"role": "assistant"},
            "recipient": "dalle.text2im", "content": {"content_type": "code", "language": "json",
            "text": "{\"prompt\": \"a fox reading a map, watercolor\", \"size\": \"1024x1024\"}"}, "metadata": {}}},
          "img": {"id": "img", "parent": "call", "message": {"id": "img",
            "author": {"role": "tool", "name": "dalle.text2im"},
            "content": {"content_type": "multimodal_text", "parts": [
              {"content_type": "image_asset_pointer", "asset_pointer": "file-service://file-Gen1",
               "width": 1024, "height": 1024, "metadata": {"dalle": {"gen_id": "x", "prompt": "A fox, watercolor"}}},
              {"content_type": "image_asset_pointer", "asset_pointer": "sediment://file_0000gen2",
               "width": 1024, "height": 1536, "metadata": {"generation": {"gen_id": "y"}}}]},
            "metadata": {}}},
          "a2": {"id": "a2", "parent": "img", "message": {"id": "a2", "author": {"role": "assistant"},
            "content": {"content_type": "text", "parts": ["Here it is."]}, "metadata": {}}}
        }}
        """#

    static func turns() throws -> [Turn] {
        let conversation = try ConversationJSON.decode(Data(exportJSON.utf8))
        let tree = ConversationTree(conversation)
        return tree.turns(to: tree.currentLeaf)
    }

    @Test func anUploadIsAFileOfItsMessageNotAPlaceholderInItsText() throws {
        let prompt = try #require(try Self.turns().first)
        #expect(prompt.text == "What is in this picture?")
        #expect(prompt.attachments.count == 2)
        let image = prompt.attachments[0]
        #expect(image.fileID == "file_0000aa11")
        #expect(image.kind == .image)
        #expect(image.name == "Screenshot 2026-01-02.png")
        #expect(image.mimeType == "image/png")
        #expect(image.sizeBytes == 204800)
        #expect(image.width == 1024 && image.height == 768)
        #expect(!image.isGenerated)
        let pdf = prompt.attachments[1]
        #expect(pdf.fileID == "file-Pdf42")
        #expect(pdf.kind == .file)
        #expect(pdf.name == "report.pdf")
    }

    @Test func imagesAToolMadeAreShownWithTheAnswerThatFollowsWithTheirPrompts() throws {
        let turns = try Self.turns()
        #expect(turns.map(\.text) == ["What is in this picture?", "A fox on a map.", "Draw it", "Here it is."])
        let answer = turns[3]
        #expect(answer.attachments.map(\.fileID) == ["file-Gen1", "file_0000gen2"])
        #expect(answer.attachments.allSatisfy { $0.isGenerated })
        // Its own metadata's prompt first; the call's prompt for one whose metadata has none.
        #expect(answer.attachments.map(\.prompt) == ["A fox, watercolor", "a fox reading a map, watercolor"])
        #expect(turns[1].attachments.isEmpty && turns[2].attachments.isEmpty)
    }

    @Test func everyFileOfEveryBranchIsListedOnce() throws {
        let conversation = try ConversationJSON.decode(Data(Self.exportJSON.utf8))
        #expect(conversation.attachmentFileIDs == ["file_0000aa11", "file-Pdf42", "file-Gen1", "file_0000gen2"])
    }

    @Test func recordingsAreAudioWithTheirFormat() throws {
        let part = try JSONDecoder().decode(
            JSONValue.self,
            from: Data(
                #"{"audio_asset_pointer": {"asset_pointer": "sediment://file_00au", "format": "wav", "size_bytes": 900}}"#
                    .utf8))
        let file = try #require(Attachment(part: "real_time_user_audio_video_asset_pointer", raw: part))
        #expect(file.kind == .audio)
        #expect(file.fileID == "file_00au")
        #expect(file.mimeType == "audio/wav")
        #expect(file.sizeBytes == 900)
        #expect(Attachment(part: "audio_transcription", raw: .object(["text": .string("hi")])) == nil)
    }

    @Test func anAttachmentEntryNamingNothingIsLeftOut() {
        #expect(Attachment(metadataEntry: .object(["size": .number(3)])) == nil)
        #expect(Attachment(metadataEntry: .object(["name": .string("notes.txt")]))?.kind == .file)
    }

    @Test func sizesReadAsPeopleWriteThem() {
        #expect(ByteCountText.text(1) == "1 byte")
        #expect(ByteCountText.text(999) == "999 bytes")
        #expect(ByteCountText.text(1_000) == "1.0 kB")
        #expect(ByteCountText.text(204_800) == "205 kB")
        #expect(ByteCountText.text(1_234_567) == "1.2 MB")
        #expect(ByteCountText.text(999_600) == "1.0 MB")
        #expect(ByteCountText.text(3_000_000_000) == "3.0 GB")
    }
}
