import ChatConfig
import ChatImages
import ChatModel
import ChatRender
import ChatStore
import TerminalCanvas

/// The image window (`v`): one image of the selected message over the whole window, as large
/// as fits, in chafa's symbols (cached by ``ImagePreviewCache``). Where the terminal takes
/// pixels, the run loop also writes the image as kitty or sixel graphics over the same cells
/// (``ImageGraphics``).
public enum ImageViewerView {
    /// Where the image shown goes: its file, and the inside of the window it is centred in;
    /// nil when no image window is open.
    public static func imageArea(_ state: AppState) -> (path: String, area: Rect)? {
        guard case .image(let viewer) = state.overlay, let path = viewer.current?.local?.path,
            state.width >= Screen.minimumWidth, state.height >= Screen.minimumHeight
        else { return nil }
        let area = Draw.inside(window(state))
        return area.isEmpty ? nil : (path, area)
    }

    /// `columns × rows` cells centred in `area`: where an image of that size is drawn.
    public static func centered(columns: Int, rows: Int, in area: Rect) -> Rect {
        Rect(
            x: area.x + max(0, area.width - columns) / 2, y: area.y + max(0, area.height - rows) / 2,
            width: min(columns, area.width), height: min(rows, area.height))
    }

    /// The title: the image's name, which of the message's images it is, and its pixel size
    /// when known (`cat.png · 2/3 · 640×480`).
    static func title(_ viewer: ImageViewerState) -> String {
        guard let image = viewer.current else { return "Image" }
        var fields = [AttachmentText.name(image), "\(viewer.selected + 1)/\(viewer.images.count)"]
        if let width = image.local?.width ?? image.width, let height = image.local?.height ?? image.height,
            width > 0, height > 0
        {
            fields.append("\(width)×\(height)")
        }
        return fields.joined(separator: " · ")
    }

    /// The window: the whole screen above the status line and the footer.
    static func window(_ state: AppState) -> Rect {
        Rect(x: 0, y: 0, width: state.width, height: max(0, state.height - 2))
    }

    /// Draws the window and the image in symbols, or why it cannot be drawn.
    static func render(
        _ viewer: ImageViewerState, _ state: AppState, _ context: RenderContext, into buffer: inout Buffer
    ) {
        let theme = context.theme
        let inner = Draw.window(&buffer, window(state), title: title(viewer), theme: theme)
        guard let placed = imageArea(state) else { return }
        let (path, area) = placed
        do {
            let preview = try ImagePreviewCache.shared.preview(
                contentsOfFile: path, columns: area.width, rows: area.height, colors: context.imageColors,
                cellAspect: context.cellAspect)
            let box = centered(columns: preview.columns, rows: preview.rows, in: area)
            for (row, cells) in preview.cells.enumerated() where row < box.height {
                var x = box.x
                for cell in cells where !cell.isContinuation {
                    guard x < area.maxX else { break }
                    if let character = cell.text.first {
                        buffer.put(character, x: x, y: box.y + row, style: cell.style)
                    }
                    x += Int(max(1, cell.width))
                }
            }
        } catch {
            let text = "This image cannot be shown: \(error.description)"
            for (row, line) in TextWrap.wrap(text, width: max(1, inner.width - 2)).prefix(inner.height).enumerated() {
                buffer.write(line, x: inner.x + 1, y: inner.y + row, style: theme.style("ui.help"), maxX: inner.maxX)
            }
        }
    }
}
