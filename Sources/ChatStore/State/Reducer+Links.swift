import ChatModel
import ChatRender
import TerminalCanvas

/// Copying a message or one of its code blocks, and opening its links.
extension Reducer {
    /// `y`: the selected message's text goes to the clipboard.
    static func copyMessage(_ state: inout AppState) -> [Effect] {
        guard let open = state.open, open.turns.indices.contains(open.selected) else { return [] }
        // Untrusted text: a later paste must not replay escape sequences (code blocks are
        // sanitised when they are laid out).
        let text = TextSanitizer.clean(open.turns[open.selected].text)
        state.message = StatusMessage("Copied message (\(text.count) characters)")
        return [.copy(text)]
    }

    /// A digit: code block `n` of the selected message goes to the clipboard.
    static func copyCodeBlock(_ state: inout AppState, _ n: Int) -> [Effect] {
        guard let open = state.open, open.layout.codeBlocks.indices.contains(open.selected) else { return [] }
        let blocks = open.layout.codeBlocks[open.selected]
        guard blocks.indices.contains(n - 1) else {
            // A message with no code block at all is refused before this (Availability).
            state.message = StatusMessage("No code block \(n) (it has \(blocks.count))", kind: .warning)
            return []
        }
        state.message = StatusMessage("Copied code block \(n)")
        return [.copy(blocks[n - 1].text)]
    }

    /// `o`: the selected message's sources and links in a window, numbered as its Sources list
    /// (a message with none that can be opened is refused before this, by Availability).
    static func showLinks(_ state: inout AppState) -> [Effect] {
        guard let open = state.open, open.layout.sources.indices.contains(open.selected) else { return [] }
        let links = open.layout.sources[open.selected]
        let files = open.turns.indices.contains(open.selected) ? open.turns[open.selected].attachments : []
        guard links.contains(where: { LinkPickerState.address(of: $0) != nil }) || !files.isEmpty else { return [] }
        state.overlay = .links(LinkPickerState(links: links, files: files))
        return []
    }

    /// Enter in the links window: opens the selected entry's address (the store starts the
    /// browser, or copies the address when it cannot), or the selected file with the system's
    /// opener (its path is shown and copied when there is none).
    static func chooseLink(_ state: inout AppState, _ picker: LinkPickerState) -> [Effect] {
        if let file = picker.file(atRow: picker.selected) {
            guard let local = file.local else { return [] }
            state.overlay = nil
            return [.openFile(path: local.path)]
        }
        guard picker.links.indices.contains(picker.selected),
            let address = LinkPickerState.address(of: picker.links[picker.selected])
        else { return [] }
        state.overlay = nil
        return [.openLink(address.url)]
    }

    /// The status line after a file was handled.
    static func fileMessage(path: String, _ outcome: LinkOpener.Outcome) -> StatusMessage {
        switch outcome {
        case .opened(let program):
            return StatusMessage("Opened \(path) with \(program)")
        case .noBrowser:
            return StatusMessage("No program opens files here (install xdg-open); copied its path: \(path)")
        case .failed(let program, let reason):
            return StatusMessage("Copied the path (\(program) could not start: \(reason)): \(path)", kind: .warning)
        }
    }

    /// The status line after a link was handled.
    static func linkMessage(url: String, _ outcome: LinkOpener.Outcome) -> StatusMessage {
        switch outcome {
        case .opened(let program):
            return StatusMessage("Opened \(url) with \(program)")
        case .noBrowser:
            return StatusMessage(
                "Copied the link (no browser: set $BROWSER or install xdg-open): \(url)", kind: .warning)
        case .failed(let program, let reason):
            return StatusMessage("Copied the link (\(program) could not start: \(reason)): \(url)", kind: .warning)
        }
    }
}
