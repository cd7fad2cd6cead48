import ChatConfig
import ChatModel
import ChatStore
import TerminalCanvas

/// The fork window: one row a scope, with how many messages the fork would hold, then the
/// profiles that can continue the fork, the chosen one highlighted.
enum ForkPickerView {
    /// Rows the window needs inside its border: the scopes, a blank row, the profiles, and the
    /// note about a current profile that is not offered.
    static func height(_ picker: ForkPickerState) -> Int {
        ForkScope.allCases.count + 2 + (picker.notOffered == nil ? 0 : 1)
    }

    /// Draws the window in `rect`.
    static func render(_ picker: ForkPickerState, _ rect: Rect, _ context: RenderContext, into buffer: inout Buffer) {
        let theme = context.theme
        let title = "Fork from this message" + (picker.profiles.count > 1 ? " · [ ] profile" : "") + " · Enter forks"
        let inner = Draw.window(&buffer, rect, title: title, theme: theme)
        guard !inner.isEmpty else { return }
        for (row, scope) in ForkScope.allCases.enumerated() where row < inner.height {
            let style = theme.style(row == picker.selected ? "ui.sidebar.selected" : "ui.help")
            let count = picker.messageCounts.indices.contains(row) ? picker.messageCounts[row] : 0
            Draw.row(
                &buffer, inner, y: inner.y + row,
                left: " " + scope.summary.prefix(1).uppercased()
                    + scope.summary.dropFirst(),
                right: (count == 1 ? "1 message" : "\(count) messages") + " ", style: style)
        }
        let profileRow = inner.y + ForkScope.allCases.count + 1
        if profileRow < inner.maxY { renderProfiles(picker, inner, y: profileRow, theme: theme, into: &buffer) }
        if let name = picker.notOffered, profileRow + 1 < inner.maxY {
            Draw.row(
                &buffer, inner, y: profileRow + 1,
                left: " \(TextSanitizer.cleanLine(name)) keeps its chats on its server, so it is not offered",
                style: theme.style("ui.help"))
        }
    }

    /// How a profile is named in the window: `local`, or `llama (openai)`.
    static func label(_ profile: ForkProfile) -> String {
        let name = TextSanitizer.cleanLine(profile.name)
        guard let kind = profile.kind, !(kind == "local" && profile.name == "local") else { return name }
        return "\(name) (\(kind))"
    }

    /// "Continue with: local · llama (openai) · bot (coze)", the chosen one highlighted; when
    /// they do not all fit, the ones before the chosen one give way to "…".
    private static func renderProfiles(
        _ picker: ForkPickerState, _ inner: Rect, y: Int, theme: Theme, into buffer: inout Buffer
    ) {
        let plain = theme.style("ui.help")
        Draw.row(&buffer, inner, y: y, left: " Continue with: ", style: plain)
        let start = inner.x + DisplayWidth.of(" Continue with: ")
        let limit = inner.maxX - 1
        let labels = picker.profiles.map(label)
        var first = 0
        func width(from index: Int) -> Int {
            labels[index...picker.profileIndex].reduce(0) { $0 + DisplayWidth.of($1) + 3 } - 3
                + (index > 0 ? 2 : 0)
        }
        while first < picker.profileIndex, start + width(from: first) > limit { first += 1 }
        var x = start
        if first > 0 { x = buffer.write("… ", x: x, y: y, style: plain, maxX: limit) }
        for index in first..<labels.count {
            if index > first { x = buffer.write(" · ", x: x, y: y, style: plain, maxX: limit) }
            let style = theme.style(index == picker.profileIndex ? "ui.sidebar.selected" : "ui.help")
            x = buffer.write(labels[index], x: x, y: y, style: style, maxX: limit)
        }
    }
}
