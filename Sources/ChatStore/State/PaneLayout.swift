import ChatModel
import Foundation
import TerminalCanvas

/// One line of the message pane, before styling: the view picks colours by `kind` and `role`.
public struct PaneLine: Sendable, Hashable {
    /// What the line shows.
    public enum Kind: Sendable, Hashable {
        /// The author line of a message.
        case header
        /// Wrapped prose.
        case text
        /// The line above a fenced code block: `[n] language`.
        case codeHeader(block: Int)
        /// A line of code (hard-wrapped, never re-flowed).
        case code(block: Int)
        /// Reasoning text, shown on request.
        case reasoning
        /// Space between messages.
        case blank
    }

    /// What the line shows.
    public var kind: Kind
    /// The text (already sanitised).
    public var text: String
    /// The index of the turn it belongs to.
    public var turn: Int
    /// The author role of that turn.
    public var role: Role
    /// The sibling marker `‹i/n›` on a header of a message with siblings.
    public var marker: String?
}

/// A fenced code block of a message, numbered from 1 in the order it appears.
public struct CodeBlock: Sendable, Hashable {
    /// The fence's language tag (may be empty).
    public var language: String
    /// The code, without fences.
    public var text: String
}

/// The message pane laid out for a width: every line of every turn, and where each turn starts.
public struct PaneLayout: Sendable {
    /// The width it was laid out for.
    public let width: Int
    /// All lines, top to bottom.
    public private(set) var lines: [PaneLine] = []
    /// The lines of each turn (header to last line, without the blank after it).
    public private(set) var turnRanges: [Range<Int>] = []
    /// The code blocks of each turn.
    public private(set) var codeBlocks: [[CodeBlock]] = []

    /// Columns of indentation for message bodies.
    public static let indent = 2

    /// Lays out `turns` for a pane `width` columns wide.
    public init(turns: [Turn], width: Int, showReasoning: Bool = false) {
        self.width = max(1, width)
        for (index, turn) in turns.enumerated() {
            let start = lines.count
            let marker = turn.siblingCount > 1 ? "‹\(turn.siblingIndex)/\(turn.siblingCount)›" : nil
            lines.append(
                PaneLine(
                    kind: .header, text: Self.label(for: turn), turn: index, role: turn.author.role, marker: marker))
            let blocks = appendBody(of: turn, index: index)
            codeBlocks.append(blocks)
            turnRanges.append(start..<lines.count)
            if index < turns.count - 1 {
                lines.append(PaneLine(kind: .blank, text: "", turn: index, role: turn.author.role))
            }
        }
    }

    /// The index of the turn shown on a line, if any.
    public func turn(atLine line: Int) -> Int? {
        guard line >= 0, line < lines.count else { return nil }
        return lines[line].turn
    }

    /// The author label of a turn: `You`, `ChatGPT · gpt-4o`, `Reasoning`, or the role name.
    public static func label(for turn: Turn) -> String {
        if turn.isReasoning { return "Reasoning" }
        switch turn.author.role {
        case .user: return "You"
        case .assistant:
            if let model = turn.modelSlug, !model.isEmpty { return "ChatGPT · \(TextSanitizer.cleanLine(model))" }
            return "ChatGPT"
        case .system: return "System"
        case .tool: return "Tool \(turn.author.name ?? "")"
        case .other(let name): return TextSanitizer.cleanLine(name)
        }
    }

    private mutating func appendBody(of turn: Turn, index: Int) -> [CodeBlock] {
        let text = TextSanitizer.clean(turn.text)
        let bodyWidth = max(1, width - Self.indent)
        let pad = String(repeating: " ", count: Self.indent)
        var blocks: [CodeBlock] = []
        var inCode = false
        var fence = ""
        var codeLines: [String] = []
        var language = ""
        let role = turn.author.role
        let proseKind: PaneLine.Kind = turn.isReasoning ? .reasoning : .text
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.drop(while: { $0 == " " })
            if !inCode, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inCode = true
                fence = String(trimmed.prefix(3))
                language = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                codeLines = []
                let number = blocks.count + 1
                let title = language.isEmpty ? "[\(number)] code" : "[\(number)] \(language)"
                lines.append(
                    PaneLine(kind: .codeHeader(block: number), text: pad + title, turn: index, role: role))
                continue
            }
            if inCode {
                if trimmed.hasPrefix(fence) && trimmed.trimmingCharacters(in: .whitespaces) == String(fence) {
                    inCode = false
                    blocks.append(CodeBlock(language: language, text: codeLines.joined(separator: "\n")))
                    continue
                }
                codeLines.append(line)
                for piece in TextWrap.hardWrap(line, width: max(1, bodyWidth - 2)) {
                    lines.append(
                        PaneLine(
                            kind: .code(block: blocks.count + 1), text: pad + "  " + piece, turn: index, role: role))
                }
                continue
            }
            if line.isEmpty {
                lines.append(PaneLine(kind: proseKind, text: "", turn: index, role: role))
                continue
            }
            for piece in TextWrap.wrap(line, width: bodyWidth) {
                lines.append(PaneLine(kind: proseKind, text: pad + piece, turn: index, role: role))
            }
        }
        if inCode {
            blocks.append(CodeBlock(language: language, text: codeLines.joined(separator: "\n")))
        }
        if text.isEmpty {
            lines.append(PaneLine(kind: proseKind, text: pad + "(empty)", turn: index, role: role))
        }
        return blocks
    }
}
