import Foundation
import TerminalCanvas

/// Whole-screen comparisons for view tests, after ratatui's `assert_buffer_lines`: every row
/// of a rendered buffer against a screen written out in the test, and the looks of chosen
/// cells. The functions return what differs (nil or empty when nothing does), so any test
/// framework can report it.
public enum ScreenMatch {
    /// Compares each row of `buffer` with the same line of `expected` (one line per row, as a
    /// multi-line string literal writes them). Trailing spaces are ignored on both sides, so a
    /// test need not write them; everything else must be equal, and every row must measure
    /// the screen's width (a wide grapheme measured wrong shifts the rest). On a difference, returns both
    /// screens with their row numbers, each row framed by `|` and the differing rows marked ✗.
    public static func mismatch(_ buffer: Buffer, expected: String) -> String? {
        mismatch(buffer.lines, width: buffer.width, expected: expected)
    }

    /// ``mismatch(_:expected:)`` for the rows of a screen `width` columns wide.
    public static func mismatch(_ lines: [String], width: Int, expected: String) -> String? {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let count = max(want.count, lines.count)
        var differing: Set<Int> = []
        for row in 0..<count {
            let a = row < lines.count ? trimmed(lines[row]) : nil
            let e = row < want.count ? trimmed(want[row]) : nil
            if a != e || (e.map { DisplayWidth.of($0) > width } ?? false) { differing.insert(row) }
        }
        // A row whose text does not measure the screen's width holds a wide grapheme measured wrong.
        let mismeasured = lines.indices.filter { DisplayWidth.of(lines[$0]) != width }
        differing.formUnion(mismeasured)
        guard !differing.isEmpty else { return nil }
        var report = "The screen differs in row(s) \(differing.sorted().map(String.init).joined(separator: ", "))"
        if want.count != lines.count { report += " (expected \(want.count) rows, got \(lines.count))" }
        if !mismeasured.isEmpty {
            report += "; row(s) \(mismeasured.map(String.init).joined(separator: ", ")) do not measure \(width) columns"
        }
        report += ".\nExpected:\n" + framed(want, width: width, marked: differing)
        report += "\nActual (\(width)×\(lines.count)):\n" + framed(lines, width: width, marked: differing)
        return report
    }

    /// Where a look is expected: columns of a row, or the first place a text is on a row.
    public enum Place: Sendable, Hashable {
        /// Cells `columns` of row `row`.
        case cells(row: Int, columns: Range<Int>)
        /// The cells of the first occurrence of `text` on row `row`.
        case text(String, row: Int)
    }

    /// What a cell is expected to look like.
    public enum Look: Sendable, Hashable {
        /// Exactly this style.
        case style(Style)
        /// At least these attributes.
        case has(Attributes)
        /// None of these attributes.
        case lacks(Attributes)
        /// This foreground colour.
        case fg(Color)
        /// This background colour.
        case bg(Color)

        func matches(_ style: Style) -> Bool {
            switch self {
            case .style(let expected): style == expected
            case .has(let attributes): style.attributes.isSuperset(of: attributes)
            case .lacks(let attributes): style.attributes.isDisjoint(with: attributes)
            case .fg(let color): style.fg == color
            case .bg(let color): style.bg == color
            }
        }
    }

    /// One expectation on some cells' looks.
    public struct StyleExpectation: Sendable, Hashable {
        /// The cells.
        public var place: Place
        /// How each of them must look.
        public var look: Look

        /// Every cell of the first `text` on `row` looks like `look`.
        public static func text(_ text: String, row: Int, _ look: Look) -> StyleExpectation {
            StyleExpectation(place: .text(text, row: row), look: look)
        }

        /// The cell at `column`, `row` looks like `look`.
        public static func cell(column: Int, row: Int, _ look: Look) -> StyleExpectation {
            StyleExpectation(place: .cells(row: row, columns: column..<(column + 1)), look: look)
        }

        /// Cells `columns` of `row` look like `look`.
        public static func cells(_ columns: Range<Int>, row: Int, _ look: Look) -> StyleExpectation {
            StyleExpectation(place: .cells(row: row, columns: columns), look: look)
        }
    }

    /// The expectations `buffer` does not meet, one sentence each.
    public static func styleMismatches(_ buffer: Buffer, _ expectations: [StyleExpectation]) -> [String] {
        expectations.compactMap { expectation in
            let columns: Range<Int>
            let row: Int
            switch expectation.place {
            case .cells(let y, let range):
                (row, columns) = (y, range)
            case .text(let text, let y):
                guard y >= 0, y < buffer.height, let x = column(of: text, in: buffer.line(y)) else {
                    return "“\(text)” is not on row \(y)"
                }
                (row, columns) = (y, x..<(x + DisplayWidth.of(text)))
            }
            guard row >= 0, row < buffer.height, columns.lowerBound >= 0, columns.upperBound <= buffer.width else {
                return "cells \(columns) of row \(row) are off the \(buffer.width)×\(buffer.height) screen"
            }
            let wrong = columns.filter { !expectation.look.matches(buffer[$0, row].style) }
            guard let x = wrong.first else { return nil }
            return "row \(row), column \(x) (“\(buffer[x, row].text)”): expected \(expectation.look), "
                + "got \(buffer[x, row].style) (\(wrong.count) of \(columns.count) cells differ)"
        }
    }

    /// The column (in cells) where `needle` first starts in a row's text.
    public static func column(of needle: String, in line: String) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return DisplayWidth.of(line[..<range.lowerBound])
    }

    private static func trimmed(_ line: String) -> String {
        var line = Substring(line)
        while line.last == " " { line.removeLast() }
        return String(line)
    }

    private static func framed(_ lines: [String], width: Int, marked: Set<Int>) -> String {
        lines.enumerated().map { row, line in
            let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(line)))
            let number = row < 10 ? " \(row)" : "\(row)"
            return (marked.contains(row) ? "✗" : " ") + number + " |" + line + pad + "|"
        }.joined(separator: "\n")
    }
}
