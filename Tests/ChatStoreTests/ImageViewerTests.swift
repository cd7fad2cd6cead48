import ChatConfig
import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

@testable import ChatStore

/// `v`: the selected message's images that the archive holds, one at a time over the whole
/// window; `[ ]` and j/k step through them, Enter opens the one shown, Esc and q close, and a
/// message with nothing to show is refused with a sentence.
@Suite struct ImageViewerTests {
    static let cat = LocalAsset(
        path: "/data/assets/ca/cat.png", originalName: "cat.png", sizeBytes: 508, mimeType: "image/png", width: 640,
        height: 480)
    static let sketch = LocalAsset(
        path: "/data/assets/5e/sketch.webp", originalName: "sketch.webp", sizeBytes: 900, mimeType: "image/webp",
        width: 32, height: 32)
    static let notes = LocalAsset(path: "/data/assets/ab/notes.pdf", sizeBytes: 300, mimeType: "application/pdf")

    /// An image part pointing at `id`.
    static func image(_ id: String) -> [String: Any] {
        ["content_type": "image_asset_pointer", "asset_pointer": "sediment://\(id)", "width": 10, "height": 10]
    }

    /// u1 (a kept photo, a missing one, a kept drawing) → a1 (no file) → u2 (a missing image)
    /// → a2 → u3 (a kept PDF), with the archive holding `cat`, `sketch` and `notes`.
    static func opened(selected: Int) -> AppState {
        var object = TestJSON.conversation(
            id: "c1",
            nodes: [
                ("u1", nil, "user", "what are these?"), ("a1", "u1", "assistant", "A cat and a sketch."),
                ("u2", "a1", "user", "and this?"), ("a2", "u2", "assistant", "I cannot see it."),
                ("u3", "a2", "user", "read this"),
            ])
        var mapping = object["mapping"] as! [String: [String: Any]]
        let parts: [String: [Any]] = [
            "u1": [image("file_cat"), image("file_gone"), image("file_sketch"), "what are these?"],
            "u2": [image("file_lost"), "and this?"],
        ]
        for (id, content) in parts {
            var node = mapping[id]!
            var message = node["message"] as! [String: Any]
            message["content"] = ["content_type": "multimodal_text", "parts": content]
            node["message"] = message
            mapping[id] = node
        }
        var u3 = mapping["u3"]!
        var message = u3["message"] as! [String: Any]
        message["metadata"] = [
            "attachments": [["id": "file_notes", "name": "notes.pdf", "mime_type": "application/pdf"]]
        ]
        u3["message"] = message
        mapping["u3"] = u3
        object["mapping"] = mapping
        let conversation = try! ConversationJSON.decode(TestJSON.data(object))
        let tree = ConversationTree(conversation)
        var state = AppState(width: 100, height: 30)
        state.focus = .messages
        var open = OpenConversation(
            id: "c1", title: "Pictures", source: "chatgpt-export", tree: tree, leaf: tree.currentLeaf,
            memory: BranchMemory(), width: state.geometry.paneColumns, showReasoning: false,
            assets: ["file_cat": cat, "file_sketch": sketch, "file_notes": notes])
        open.selected = selected
        state.open = open
        return state
    }

    /// The images of the first prompt the window shows: the photo and the drawing.
    static var shown: [ChatModel.Attachment] {
        let files = opened(selected: 0).open!.turns[0].attachments
        return [files[0], files[2]]
    }

    @Test func vShowsTheFirstImageAndTheKeysStepThroughThem() {
        let store = TestStore(Self.opened(selected: 0))
        #expect(Self.shown.map(\.local) == [Self.cat, Self.sketch])
        store.send(.command(.viewImage)) {
            $0.overlay = .image(ImageViewerState(images: Self.shown))
        }
        store.expectEffects([])
        store.send(.command(.siblingNext)) {
            $0.overlay = .image(ImageViewerState(images: Self.shown, selected: 1))
        }
        store.expectEffects([])
        // No image after the last: the key says so and changes nothing else.
        store.send(.command(.siblingNext)) {
            $0.message = StatusMessage("This is the message's last image", kind: .warning)
        }
        store.expectEffects([])
        store.send(.command(.selectPrev)) {
            $0.overlay = .image(ImageViewerState(images: Self.shown, selected: 0))
            $0.message = nil
        }
        store.expectEffects([])
        store.send(.command(.siblingPrev)) {
            $0.message = StatusMessage("This is the message's first image", kind: .warning)
        }
        store.expectEffects([])
        store.send(.command(.bottom)) {
            $0.overlay = .image(ImageViewerState(images: Self.shown, selected: 1))
            $0.message = nil
        }
        store.expectEffects([])
        store.send(.command(.cancel)) {
            $0.overlay = nil
        }
        store.expectEffects([])
    }

    @Test func enterOpensTheImageShownWithTheSystemsOpener() {
        let store = TestStore(Self.opened(selected: 0))
        store.send(.command(.viewImage)) {
            $0.overlay = .image(ImageViewerState(images: Self.shown))
        }
        store.expectEffects([])
        store.send(.command(.selectNext)) {
            $0.overlay = .image(ImageViewerState(images: Self.shown, selected: 1))
        }
        store.expectEffects([])
        store.send(.command(.open)) {
            $0.overlay = nil
        }
        store.expectEffects([.openFile(path: Self.sketch.path)])
    }

    @Test func oneImageHasNowhereToStep() {
        var state = Self.opened(selected: 0)
        let only = [Self.shown[0]]
        state.overlay = .image(ImageViewerState(images: only))
        let store = TestStore(state)
        store.send(.command(.siblingNext)) {
            $0.message = StatusMessage("This message has only one image", kind: .warning)
        }
        store.expectEffects([])
        // j/k stay silent at the ends, as in every list.
        store.send(.command(.selectNext)) {
            $0.message = nil
        }
        store.expectEffects([])
    }

    @Test func aMessageWithNoImageTheArchiveHoldsIsRefusedWithASentence() {
        for (selected, sentence) in [
            (1, "This message has no image to view"),
            (2, "This image is not in the archive"),
            (4, "This message has no image to view"),
        ] {
            let store = TestStore(Self.opened(selected: selected))
            store.send(.command(.viewImage)) {
                $0.message = StatusMessage(sentence, kind: .warning)
            }
            store.expectEffects([])
        }
        var none = AppState(width: 100, height: 30)
        none.focus = .messages
        #expect(Availability.disabledReason(.viewImage, in: none) == "No conversation is open")
    }

    @Test func theWindowShowsOnlyTheImagesTheArchiveHolds() {
        let files = Self.opened(selected: 0).open!.turns[0].attachments
        #expect(files.count == 3)
        #expect(ImageViewerState.viewable(files) == Self.shown)
        let pdf = Self.opened(selected: 4).open!.turns[4].attachments
        #expect(pdf.map(\.kind) == [.file])
        #expect(ImageViewerState.viewable(pdf).isEmpty)
        #expect(ImageViewerState(images: []).current == nil)
    }
}
