import ChatModel

/// The image window: a message's images shown large, one at a time.
extension Reducer {
    /// `v`: the selected message's images that the archive holds, over the whole window, the
    /// first shown (a message with none is refused before this, by Availability).
    static func showImages(_ state: inout AppState) -> [Effect] {
        guard let open = state.open, open.turns.indices.contains(open.selected) else { return [] }
        let images = ImageViewerState.viewable(open.turns[open.selected].attachments)
        guard !images.isEmpty else { return [] }
        state.overlay = .image(ImageViewerState(images: images))
        return []
    }

    /// Enter in the image window: the image shown opens with the system's opener (its path is
    /// shown and copied when there is none), and the window closes.
    static func openImageFile(_ state: inout AppState, _ viewer: ImageViewerState) -> [Effect] {
        guard let path = viewer.current?.local?.path else { return [] }
        state.overlay = nil
        return [.openFile(path: path)]
    }
}
