import ChatArchive
import ChatClient
import ChatConfig
import ChatModel
import ChatRender
import ChatStore
import Foundation
import TerminalCanvas

/// Windows over the panes: help, tree overview, search, quit confirmation.
enum OverlayView {
    /// Draws the overlay; returns the caret position (the search query) or nil.
    static func render(_ overlay: Overlay, _ state: AppState, _ context: RenderContext, into buffer: inout Buffer)
        -> Frame.Position?
    {
        let screen = Rect(x: 0, y: 0, width: state.width, height: state.height - 2)
        switch overlay {
        case .help(let scroll):
            let rect = screen.centered(width: min(76, screen.width - 4), height: screen.height - 2)
            renderHelp(scroll: scroll, state, rect, context, into: &buffer)
            return nil
        case .tree(let tree):
            let rect = screen.centered(width: screen.width - 6, height: screen.height - 2)
            return TreeOverviewView.render(tree, rect, context, into: &buffer)
        case .search(let search):
            let rect = screen.centered(width: min(100, screen.width - 4), height: screen.height - 2)
            return renderSearch(search, rect, context, into: &buffer)
        case .confirmQuit:
            renderConfirmQuit(state.draftSaveFailure, screen, context, into: &buffer)
            return nil
        case .confirmDelete(_, let title):
            let rect = screen.centered(width: min(60, screen.width - 4), height: 5)
            let theme = context.theme
            let inner = Draw.window(&buffer, rect, title: "Delete", theme: theme)
            buffer.write(
                "Delete “\(TextSanitizer.cleanLine(title))”?", x: inner.x + 1, y: inner.y,
                style: theme.style("ui.help"),
                maxX: inner.maxX)
            buffer.write("y", x: inner.x + 1, y: inner.y + 2, style: theme.style("ui.help.key"))
            buffer.write(" delete   ", x: inner.x + 2, y: inner.y + 2, style: theme.style("ui.help"))
            buffer.write("n", x: inner.x + 12, y: inner.y + 2, style: theme.style("ui.help.key"))
            buffer.write(" keep", x: inner.x + 13, y: inner.y + 2, style: theme.style("ui.help"))
            return nil
        case .rename(let rename):
            let rect = screen.centered(width: min(70, screen.width - 4), height: 3)
            let theme = context.theme
            let inner = Draw.window(&buffer, rect, title: "Rename · Enter saves · Esc cancels", theme: theme)
            Draw.row(&buffer, inner, y: inner.y, left: rename.title.text, style: theme.style("ui.input"))
            let caret = rename.title.textBeforeCursor
            return Frame.Position(x: min(inner.maxX - 1, inner.x + DisplayWidth.of(caret)), y: inner.y)
        case .models(let picker):
            let rect = screen.centered(width: min(70, screen.width - 4), height: min(screen.height - 2, 12))
            renderModels(picker, state, rect, context, into: &buffer)
            return nil
        case .profiles(let selected):
            let rect = screen.centered(
                width: min(70, screen.width - 4), height: min(screen.height - 2, state.profiles.count + 2))
            renderProfiles(selected, state, rect, context, into: &buffer)
            return nil
        case .links(let picker):
            let rect = screen.centered(
                width: min(90, screen.width - 4), height: min(screen.height - 2, picker.count + 4))
            renderLinks(picker, rect, context, into: &buffer)
            return nil
        case .image(let viewer):
            ImageViewerView.render(viewer, state, context, into: &buffer)
            return nil
        case .compare(let compare):
            CompareView.render(compare, state, context, into: &buffer)
            return nil
        case .label(let label):
            let rect = screen.centered(width: min(70, screen.width - 4), height: 3)
            let theme = context.theme
            let inner = Draw.window(
                &buffer, rect, title: "Label · Enter saves · empty removes · Esc cancels", theme: theme)
            Draw.row(&buffer, inner, y: inner.y, left: label.text.text, style: theme.style("ui.input"))
            let caret = label.text.textBeforeCursor
            return Frame.Position(x: min(inner.maxX - 1, inner.x + DisplayWidth.of(caret)), y: inner.y)
        case .bookmarks(let list):
            let rect = screen.centered(
                width: min(90, screen.width - 4), height: min(screen.height - 2, max(3, list.bookmarks.count + 2)))
            renderBookmarks(list, rect, context, into: &buffer)
            return nil
        case .fork(let picker):
            let rect = screen.centered(
                width: min(70, screen.width - 4), height: min(screen.height - 2, ForkPickerView.height(picker) + 2))
            ForkPickerView.render(picker, rect, context, into: &buffer)
            return nil
        }
    }

    /// The bookmark list: each bookmark's conversation title, its label, and when it was made.
    private static func renderBookmarks(
        _ list: BookmarkListState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) {
        let theme = context.theme
        let inner = Draw.window(&buffer, rect, title: "Bookmarks · Enter opens one", theme: theme)
        guard !inner.isEmpty else { return }
        guard list.loaded else {
            buffer.write("loading…", x: inner.x + 1, y: inner.y, style: theme.style("ui.input.placeholder"))
            return
        }
        if list.bookmarks.isEmpty {
            buffer.write(
                "No bookmarks yet: b on a message bookmarks it", x: inner.x + 1, y: inner.y,
                style: theme.style("ui.help"), maxX: inner.maxX)
            return
        }
        let first = max(0, min(list.selected - inner.height + 1, list.bookmarks.count - inner.height))
        for row in 0..<inner.height where first + row < list.bookmarks.count {
            let bookmark = list.bookmarks[first + row]
            let selected = first + row == list.selected
            let style = theme.style(selected ? "ui.sidebar.selected" : "ui.help")
            let title = TextSanitizer.cleanLine(bookmark.title ?? "Untitled")
            let label = bookmark.label.map { "  [\(TextSanitizer.cleanLine($0))]" } ?? ""
            Draw.row(
                &buffer, inner, y: inner.y + row, left: " " + title + label,
                right: ShortDate.format(bookmark.time, now: context.now, in: context.timeZone) + " ", style: style)
        }
    }

    /// The links window: `[n] title` and its domain per row, numbered as the Sources list, and
    /// under them the whole address of the selected one (what Enter opens).
    private static func renderLinks(
        _ picker: LinkPickerState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) {
        let theme = context.theme
        let title = picker.files.isEmpty ? "Links · Enter opens" : "Links and files · Enter opens"
        let inner = Draw.window(&buffer, rect, title: title, theme: theme)
        guard inner.height > 0 else { return }
        let rows = max(1, inner.height - 2)
        let first = max(0, min(picker.selected - rows + 1, picker.count - rows))
        for row in 0..<rows where first + row < picker.count {
            let index = first + row
            var style = theme.style(index == picker.selected ? "ui.sidebar.selected" : "ui.help")
            if !picker.canOpen(row: index) && index != picker.selected { style = theme.style("ui.input.placeholder") }
            if let file = picker.file(atRow: index) {
                let size = (file.local?.sizeBytes ?? file.sizeBytes).map { ByteCountText.text(Int64($0)) } ?? ""
                Draw.row(
                    &buffer, inner, y: inner.y + row,
                    left: " " + AttachmentText.icon(file) + " " + AttachmentText.name(file),
                    right: [AttachmentText.typeName(file), size].compactMap { $0 }.filter { !$0.isEmpty }
                        .joined(separator: " · ") + " ", style: style)
                continue
            }
            let link = picker.links[index]
            Draw.row(
                &buffer, inner, y: inner.y + row, left: " [\(index + 1)] " + TextSanitizer.cleanLine(link.title),
                right: (link.domain.map(TextSanitizer.cleanLine) ?? "") + " ", style: style)
        }
        guard inner.height >= 3, picker.selected < picker.count else { return }
        let address: String
        if let file = picker.file(atRow: picker.selected) {
            address = file.local?.path ?? "not in the archive: the export did not ship this file"
        } else {
            address =
                LinkPickerState.address(of: picker.links[picker.selected])?.url ?? "no web or mail address to open"
        }
        buffer.write(
            DisplayWidth.truncate(address, to: max(1, inner.width - 1)), x: inner.x + 1, y: inner.maxY - 1,
            style: theme.style("ui.input.placeholder"), maxX: inner.maxX)
    }

    private static func renderProfiles(
        _ selected: Int, _ state: AppState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    ) {
        let theme = context.theme
        let inner = Draw.window(&buffer, rect, title: "Profile · Enter switches", theme: theme)
        let first = max(0, min(selected - inner.height + 1, state.profiles.count - inner.height))
        for row in 0..<inner.height where first + row < state.profiles.count {
            let profile = state.profiles[first + row]
            let current = profile.name == state.backend?.name ? "● " : "  "
            let style = theme.style(first + row == selected ? "ui.sidebar.selected" : "ui.help")
            Draw.row(
                &buffer, inner, y: inner.y + row, left: current + TextSanitizer.cleanLine(profile.name),
                right: TextSanitizer.cleanLine(
                    [profile.kind, profile.model, profile.account, Self.tokenNote(profile, now: context.now)]
                        .compactMap { $0 }.joined(separator: " · "))
                    + " ", style: style)
        }
    }

    /// "token expires in 5 h: renew it soon" a day before, "token expired: sign in again" after;
    /// nothing while more than a day is left (the picker's row is short).
    static func tokenNote(_ profile: BackendInfo, now: Double) -> String? {
        guard let expires = profile.tokenExpires else { return nil }
        let standing = TokenStanding(
            expires: Date(timeIntervalSince1970: expires), now: Date(timeIntervalSince1970: now))
        guard standing.warns else { return nil }
        if case .expired = standing { return "token expired: sign in again" }
        let hours = Int(((expires - now) / 3600).rounded(.down))
        return hours >= 1 ? "token expires in \(hours) h: renew it soon" : "token expires within the hour: renew it"
    }

    private static func renderModels(
        _ picker: ModelPickerState, _ state: AppState, _ rect: Rect, _ context: RenderContext,
        into buffer: inout Buffer
    ) {
        let theme = context.theme
        let inner = Draw.window(&buffer, rect, title: "Model · Enter picks", theme: theme)
        guard picker.loaded else {
            buffer.write("loading…", x: inner.x + 1, y: inner.y, style: theme.style("ui.input.placeholder"))
            return
        }
        if picker.models.isEmpty {
            buffer.write("The server lists no models", x: inner.x + 1, y: inner.y, style: theme.style("ui.help"))
        }
        let first = max(0, min(picker.selected - inner.height + 1, picker.models.count - inner.height))
        for row in 0..<inner.height where first + row < picker.models.count {
            let model = picker.models[first + row]
            let selected = first + row == picker.selected
            let current = model.slug == state.backend?.model ? "● " : "  "
            let style = theme.style(selected ? "ui.sidebar.selected" : "ui.help")
            let title = TextSanitizer.cleanLine(model.title)
            let description = TextSanitizer.cleanLine(model.description)
            Draw.row(
                &buffer, inner, y: inner.y + row, left: current + title + "  " + description,
                right: TextSanitizer.cleanLine(model.slug) + " ", style: style)
        }
    }

    private static func renderSearch(
        _ search: SearchState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer
    )
        -> Frame.Position?
    {
        let theme = context.theme
        let status: String
        if search.query.isEmpty {
            status = "every conversation, every branch"
        } else if search.searched != search.query.text {
            status = "searching…"
        } else {
            let more = search.hits.count >= SearchState.maxHits ? "+" : ""
            status = "\(search.hits.count)\(more) hit\(search.hits.count == 1 ? "" : "s")"
        }
        let inner = Draw.window(&buffer, rect, title: "Search · \(status)", theme: theme)
        guard inner.height >= 3 else { return nil }
        let prompt = "Search: "
        Draw.row(&buffer, inner, y: inner.y, left: prompt + search.query.text, style: theme.style("ui.input"))
        let caretText = prompt + search.query.textBeforeCursor
        let listTop = inner.y + 2
        let rows = inner.height - 2
        let perHit = 2
        let visible = max(1, rows / perHit)
        let first = max(0, min(search.selected - visible + 1, search.hits.count - visible))
        for slot in 0..<visible where first + slot < search.hits.count {
            let index = first + slot
            let hit = search.hits[index]
            let y = listTop + slot * perHit
            let selected = index == search.selected
            let style = theme.style(selected ? "ui.sidebar.selected" : "ui.help")
            let title = TextSanitizer.cleanLine(hit.title ?? "Untitled")
            Draw.row(&buffer, inner, y: y, left: " " + title, right: hit.role + " ", style: style.adding(.bold))
            if y + 1 < inner.maxY {
                Draw.row(
                    &buffer, inner, y: y + 1, left: "   " + MarkdownPlain.line(hit.snippet),
                    style: selected ? style : theme.style("ui.search.match"))
            }
        }
        if search.hits.isEmpty, search.searched == search.query.text, !search.query.isEmpty {
            buffer.write("No matches", x: inner.x + 1, y: listTop, style: theme.style("ui.input.placeholder"))
        }
        return Frame.Position(x: min(inner.maxX - 1, inner.x + DisplayWidth.of(caretText)), y: inner.y)
    }
}
