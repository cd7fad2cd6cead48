import ChatModel
import ChatRender
import TerminalCanvas

/// Two versions of a message as `chatterm diff` writes them.
enum CompareText {
    /// A unified word diff of the two texts as written (Markdown and all): a line naming each
    /// version, then the new text with the old one's removed words before the words that
    /// replaced them. Without styles removed words are in `[-…-]` and added ones in `{+…+}`;
    /// with styles they are marked as the comparison window marks them. The texts are as
    /// stored: the caller makes them safe for where they go, unless `styled`, when they are
    /// sanitised here.
    static func unified(old: Turn, new: Turn, styled: StyledText?) -> String {
        let diff = WordDiff(old: old.text, new: new.text)
        var out = "--- " + name(old) + "\n+++ " + name(new) + "\n"
        guard let styled else { return out + diff.plain + (diff.plain.hasSuffix("\n") ? "" : "\n") }
        out = styled.line(TextSanitizer.cleanLine("--- " + name(old)), slot: "ui.compare.removed") + "\n"
        out += styled.line(TextSanitizer.cleanLine("+++ " + name(new)), slot: "ui.compare.added") + "\n"
        for segment in diff.segments {
            let text = TextSanitizer.clean(segment.text)
            let slot: String? =
                switch segment.change {
                case .equal: nil
                case .removed: "ui.compare.removed"
                case .added: "ui.compare.added"
                }
            guard let slot else {
                out += text
                continue
            }
            // Each line styled by itself, so a style never runs on past a line's end.
            out += text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.isEmpty ? "" : styled.line(String($0), slot: slot)
            }.joined(separator: "\n")
        }
        return out.hasSuffix("\n") ? out : out + "\n"
    }

    /// A version as the header lines name it: `a1b2 · ChatGPT · gpt-4o ‹1/3›`.
    static func name(_ turn: Turn) -> String {
        let marker = turn.siblingCount > 1 ? " ‹\(turn.siblingIndex)/\(turn.siblingCount)›" : ""
        return TextSanitizer.cleanLine(turn.id) + " · " + PaneLayout.label(for: turn) + marker
    }

    /// The two versions side by side in `width` columns, each laid out as the message pane lays
    /// it out, a rule between them, with the differences marked when `styled`.
    static func sideBySide(old: Turn, new: Turn, width: Int, styled: StyledText?) -> String {
        let side = max(10, (width - 3) / 2)
        let layout = CompareLayout(old: old, new: new, width: side)
        var out = ""
        for row in 0..<layout.rowCount {
            let left = cell(layout.old, row, width: side, mark: "ui.compare.removed", styled)
            let right = cell(layout.new, row, width: side, mark: "ui.compare.added", styled)
            let line = left + " │ " + right
            out += (styled == nil ? String(line.reversed().drop { $0 == " " }.reversed()) : line) + "\n"
        }
        return out
    }

    /// Row `row` of one side, padded to `width` columns.
    static func cell(
        _ side: CompareLayout.Side, _ row: Int, width: Int, mark: String, _ styled: StyledText?
    ) -> String {
        guard side.lines.indices.contains(row) else { return String(repeating: " ", count: width) }
        let line = side.lines[row]
        var runs: [StyledRun]
        if line.kind == .header {
            runs = [StyledRun(" " + line.text + (line.marker.map { " " + $0 } ?? ""), slot: "ui.message.header")]
        } else {
            runs = line.runs ?? [StyledRun(line.text, slot: slot(of: line))]
        }
        runs = marked(runs, side.marks[row], slot: mark)
        let text = runs.map(\.text).joined()
        let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        return (styled?.line(runs) ?? text) + pad
    }

    /// The theme slot a plain line is drawn in, as the pane draws it.
    static func slot(of line: PaneLine) -> String {
        switch line.kind {
        case .text: line.role == .user ? "ui.message.user" : ""
        case .codeHeader: "ui.code.header"
        case .code: "ui.code"
        case .reasoning, .note, .ending, .source: "ui.message.reasoning"
        case .error: "ui.message.error"
        case .attachment: "ui.attachment"
        case .followUp: "ui.branch.marker"
        case .header, .preview, .blank: ""
        }
    }

    /// `runs` with the characters in `columns` (sorted column ranges) in the `slot` style.
    static func marked(_ runs: [StyledRun], _ columns: [Range<Int>], slot: String) -> [StyledRun] {
        guard !columns.isEmpty else { return runs }
        var out: [StyledRun] = []
        var column = 0
        for run in runs {
            var piece = ""
            var pieceMarked = false
            for character in run.text {
                let isMarked = columns.contains { $0.contains(column) }
                if isMarked != pieceMarked, !piece.isEmpty {
                    out.append(
                        pieceMarked ? StyledRun(piece, slot: slot, attributes: run.attributes) : withText(run, piece))
                    piece = ""
                }
                pieceMarked = isMarked
                piece.append(character)
                column += DisplayWidth.of(character)
            }
            if !piece.isEmpty {
                out.append(
                    pieceMarked ? StyledRun(piece, slot: slot, attributes: run.attributes) : withText(run, piece))
            }
        }
        return out
    }

    private static func withText(_ run: StyledRun, _ text: String) -> StyledRun {
        var copy = run
        copy.text = text
        return copy
    }
}
