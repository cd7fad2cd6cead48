import ChatArchive
import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// The conversation list: only the rows on screen are drawn (and loaded). With pinned
/// conversations the list has headings ("Pinned", then "Chats"); a starred conversation has
/// `★` before its title and a conversation of a kind a short word before its date
/// (``kindTag(_:)``).
enum SidebarView {
    /// Everything the sidebar draws from (besides the context): a frame draws it again only
    /// when this changed (``FrameRenderer``).
    struct Input: Equatable {
        /// The list.
        var sidebar: SidebarState
        /// Whether the sidebar has the keys (its border is drawn focused).
        var focused: Bool
        /// The conversations an answer is streaming into (marked `⋯`).
        var answering: Set<String>
        /// The current backend's source name, nil offline (for the `○` marks and the tags).
        var backendSource: String?

        /// What `state` shows in the sidebar.
        init(_ state: AppState) {
            sidebar = state.sidebar
            focused = state.focus == .sidebar && state.overlay == nil
            answering = Set(state.streams.values.compactMap(\.conversationID))
            backendSource = state.backend?.sourceName
        }
    }

    /// Draws the list inside `rect` only; returns where it drew what a click can land on (the
    /// whole sidebar, and over it each conversation's row).
    @discardableResult
    static func render(
        _ input: Input, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) -> [HitMap.Region] {
        var hits = HitMap()
        hits.add(rect, .sidebar)
        let theme = context.theme
        let sidebar = input.sidebar
        let focused = input.focused
        let kind = sidebar.showArchived ? "Archived" : "Conversations"
        let title = sidebar.loaded ? "\(kind) (\(sidebar.conversationCount))" : kind
        let inner = Draw.box(
            &buffer, rect, title: title, style: theme.style(focused ? "ui.border.focused" : "ui.border"),
            titleStyle: theme.style("ui.title"))
        guard !inner.isEmpty else { return hits.regions }
        buffer.fill(inner, style: theme.style("ui.sidebar"))
        var listRect = inner
        if sidebar.isEditingFilter || sidebar.filtered != nil {
            let prompt = "/" + sidebar.filter.text
            Draw.row(&buffer, inner, y: inner.y, left: prompt, style: theme.style("ui.input"))
            if sidebar.filter.text.isEmpty, inner.width > 1 {
                buffer.write(
                    DisplayWidth.truncate(filterHint, to: inner.width - 1), x: inner.x + 1, y: inner.y,
                    style: theme.style("ui.input.placeholder"), maxX: inner.maxX)
            }
            listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        if sidebar.loaded && sidebar.rowCount == 0 {
            let text =
                sidebar.filtered != nil ? "Nothing matches" : (sidebar.showArchived ? "No archived chats" : "Empty")
            buffer.write(
                text, x: listRect.x + 1, y: listRect.y, style: theme.style("ui.input.placeholder"), maxX: listRect.maxX)
            return hits.regions
        }
        let top = sidebar.filtered != nil ? max(0, sidebar.selected - listRect.height + 1) : sidebar.top
        for row in 0..<listRect.height {
            let index = top + row
            guard index < sidebar.rowCount else { break }
            let y = listRect.y + row
            if let heading = sidebar.heading(index) {
                Draw.row(&buffer, listRect, y: y, left: " " + heading, style: theme.style("ui.sidebar.heading"))
                continue
            }
            hits.add(Rect(x: listRect.x, y: y, width: listRect.width, height: 1), .sidebarRow(index))
            let selected = index == sidebar.selected
            let base = theme.style(selected ? "ui.sidebar.selected" : "ui.sidebar")
            guard let summary = sidebar.row(index) else {
                Draw.row(&buffer, listRect, y: y, left: " …", style: base)
                continue
            }
            let title = TextSanitizer.cleanLine(summary.title ?? "Untitled")
            let date = ShortDate.format(
                summary.updateTime ?? summary.createTime, now: context.now, in: context.timeZone)
            var mark = summary.isArchived && !sidebar.showArchived ? "▪" : " "
            if input.answering.contains(summary.id) {
                mark = "⋯"
            } else if summary.nodeCount == 0, summary.source == input.backendSource {
                mark = "○"  // listed by the server, not cached yet: opens when online
            } else if summary.facts.isStarred, mark == " " {
                mark = "★"
            }
            let source = sourceTag(summary.source, backendSource: input.backendSource)
            let kind = kindTag(summary.facts)
            var right = date
            let tags = [source, kind].compactMap { $0 }.joined(separator: " ")
            if !tags.isEmpty, inner.width >= 16 {
                // The title keeps at least 12 columns: a narrow sidebar shows the tags instead of the date.
                let roomWithDate = inner.width - 2 - DisplayWidth.of(tags) - 1 - DisplayWidth.of(date)
                right = roomWithDate >= 12 ? tags + " " + date : tags
            }
            let markStyle = selected ? base : theme.style("ui.sidebar.mark")
            Draw.row(
                &buffer, listRect, y: y, left: mark + title, right: right, style: base,
                rightStyle: selected ? base : theme.style("ui.sidebar.date"))
            if mark == "★", listRect.width > 1 {
                buffer.write(mark, x: listRect.x, y: y, style: markStyle, maxX: listRect.maxX)
            }
            let rightWidth = DisplayWidth.of(right)
            if let kind, right != date, rightWidth < listRect.width {
                // The kind is the last tag: before the date, or last when the date gave way.
                let after = right.hasSuffix(" " + date) ? 1 + DisplayWidth.of(date) : 0
                let x = listRect.maxX - after - DisplayWidth.of(kind)
                buffer.write(kind, x: x, y: y, style: markStyle, maxX: listRect.maxX - after)
            }
        }
        return hits.regions
    }

    /// A conversation's kind as one short word for a narrow list: `temp` (a temporary chat),
    /// `study` (study mode), `gpt` (a custom GPT's), `proj` (a project's), `shared` (shared by
    /// link); the first of them, with `+` when it has more. Nil for a plain conversation.
    static func kindTag(_ facts: ConversationFacts) -> String? {
        var words = facts.tags.map { tag in
            switch tag {
            case .temporary: "temp"
            case .study: "study"
            case .customGPT: "gpt"
            case .project: "proj"
            }
        }
        if facts.isShared { words.append("shared") }
        guard let first = words.first else { return nil }
        return words.count > 1 ? first + "+" : first
    }

    /// Where a conversation lives, when it is another service's than the current backend's
    /// (offline: any service's): the profile name (`qwen`), the service's host (`chatgpt`) or
    /// kind (`dify`) for one-off sources; at most 7 columns. Imported archives and the demo are
    /// not tagged (they live here, whatever the backend): their titles keep the room.
    static func sourceTag(_ source: String, state: AppState) -> String? {
        sourceTag(source, backendSource: state.backend?.sourceName)
    }

    /// ``sourceTag(_:state:)`` with the current backend's source name (nil offline).
    static func sourceTag(_ source: String, backendSource: String?) -> String? {
        if let backendSource {
            guard source != backendSource else { return nil }
        } else if source == "local" || source == "chatterm-serve" {
            return nil
        }
        guard !Availability.importedSources.contains(source) else { return nil }
        let clean = TextSanitizer.cleanLine(shortName(source))
        return clean.count > 7 ? String(clean.prefix(6)) + "…" : clean
    }

    /// `backend:chatgpt.com` → `chatgpt`, `dify:api.dify.ai` → `dify`, a profile name as it is.
    static func shortName(_ source: String) -> String {
        if source.hasPrefix("backend:") {
            var host = Substring(source.dropFirst(8))
            if host.hasPrefix("www.") { host = host.dropFirst(4) }
            let isAddress = host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
            return isAddress ? String(host) : String(host.prefix { $0 != "." })
        }
        let kinds = ["chatgpt:", "dify:", "coze:", "openai:"]
        if let kind = kinds.first(where: source.hasPrefix) { return String(kind.dropLast()) }
        return source
    }

    /// What an empty filter takes, shown in it until the first key.
    static let filterHint = "title words, is:pinned, is:starred, is:temporary, is:study, is:gpt, is:project, is:shared"

    /// Where the caret goes while the filter is typed.
    static func filterCursor(_ state: AppState, _ rect: Rect) -> Frame.Position? {
        let inner = rect.inset(by: 1)
        let text = "/" + state.sidebar.filter.textBeforeCursor
        return Frame.Position(x: min(inner.maxX - 1, inner.x + DisplayWidth.of(text)), y: inner.y)
    }
}
