import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// The conversation list: only the rows on screen are drawn (and loaded).
enum SidebarView {
    static func render(_ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer) {
        let theme = context.theme
        let sidebar = state.sidebar
        let focused = state.focus == .sidebar && state.overlay == nil
        let kind = sidebar.showArchived ? "Archived" : "Conversations"
        let title = sidebar.loaded ? "\(kind) (\(sidebar.rowCount))" : kind
        let inner = Draw.box(
            &buffer, rect, title: title, style: theme.style(focused ? "ui.border.focused" : "ui.border"),
            titleStyle: theme.style("ui.title"))
        guard !inner.isEmpty else { return }
        buffer.fill(inner, style: theme.style("ui.sidebar"))
        var listRect = inner
        if sidebar.isEditingFilter || sidebar.filtered != nil {
            let prompt = "/" + sidebar.filter.text
            Draw.row(&buffer, inner, y: inner.y, left: prompt, style: theme.style("ui.input"))
            listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        if sidebar.loaded && sidebar.rowCount == 0 {
            let text =
                sidebar.filtered != nil ? "No titles match" : (sidebar.showArchived ? "No archived chats" : "Empty")
            buffer.write(text, x: listRect.x + 1, y: listRect.y, style: theme.style("ui.input.placeholder"))
            return
        }
        let top = sidebar.filtered != nil ? max(0, sidebar.selected - listRect.height + 1) : sidebar.top
        for row in 0..<listRect.height {
            let index = top + row
            guard index < sidebar.rowCount else { break }
            let y = listRect.y + row
            let selected = index == sidebar.selected
            let base = theme.style(selected ? "ui.sidebar.selected" : "ui.sidebar")
            guard let summary = sidebar.row(index) else {
                Draw.row(&buffer, listRect, y: y, left: " …", style: base)
                continue
            }
            let title = TextSanitizer.cleanLine(summary.title ?? "Untitled")
            let date = ShortDate.format(summary.updateTime ?? summary.createTime, now: context.now)
            var mark = summary.isArchived && !sidebar.showArchived ? "▪" : " "
            if state.streams.values.contains(where: { $0.conversationID == summary.id }) {
                mark = "⋯"
            } else if summary.nodeCount == 0, summary.source == state.backend?.sourceName {
                mark = "○"  // listed by the server, not cached yet: opens when online
            }
            var right = date
            if let tag = sourceTag(summary.source, state: state), inner.width >= 20 { right = tag + " " + date }
            Draw.row(
                &buffer, listRect, y: y, left: mark + title, right: right, style: base,
                rightStyle: selected ? base : theme.style("ui.sidebar.date"))
        }
    }

    /// Where a conversation lives, shown when it belongs to another service than the current
    /// backend's: the profile name (`qwen`) or the host, at most 7 columns. Offline nothing is
    /// tagged, and neither are imported archives and the demo (they live here, whatever the
    /// backend): the title keeps its room.
    static func sourceTag(_ source: String, state: AppState) -> String? {
        guard let backend = state.backend, source != backend.sourceName else { return nil }
        guard !Self.importedSources.contains(source) else { return nil }
        let tag = source.hasPrefix("backend:") ? String(source.dropFirst(8)) : source
        let clean = TextSanitizer.cleanLine(tag)
        return clean.count > 7 ? String(clean.prefix(6)) + "…" : clean
    }

    /// Archives read from files rather than kept by a service.
    static let importedSources: Set<String> = ["chatgpt-export", "demo"]

    /// Where the caret goes while the filter is typed.
    static func filterCursor(_ state: AppState, _ rect: Rect) -> Frame.Position? {
        let inner = rect.inset(by: 1)
        let text = "/" + String(state.sidebar.filter.characters.prefix(state.sidebar.filter.cursor))
        return Frame.Position(x: min(inner.maxX - 1, inner.x + DisplayWidth.of(text)), y: inner.y)
    }
}
