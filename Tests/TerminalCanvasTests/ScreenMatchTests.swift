import ChatTestSupport
import Testing

@testable import TerminalCanvas

/// The whole-screen comparison view tests use: what it accepts, what it catches, and how it
/// reports.
@Suite struct ScreenMatchTests {
    /// A 12×3 screen: a box with a wide title.
    static func boxed() -> Buffer {
        var buffer = Buffer(width: 12, height: 3)
        buffer.write("┌ 中文 ────┐", x: 0, y: 0, style: .plain)
        buffer.write("│ hi", x: 0, y: 1, style: Style(attributes: .bold))
        buffer.put("│", x: 11, y: 1, style: .plain)
        buffer.write("└──────────┘", x: 0, y: 2, style: .plain)
        return buffer
    }

    @Test func theSameScreenMatchesWithoutItsTrailingSpaces() {
        #expect(ScreenMatch.mismatch(Self.boxed(), expected: "┌ 中文 ────┐\n│ hi       │\n└──────────┘") == nil)
        var open = Buffer(width: 6, height: 2)
        open.write("ab", x: 0, y: 0, style: .plain)
        #expect(
            ScreenMatch.mismatch(open, expected: "ab\n") == nil, "blank rows and trailing spaces need not be written")
    }

    @Test func aMovedColumnALostBorderOrAMissingRowIsCaughtAndMarked() throws {
        let moved = try #require(
            ScreenMatch.mismatch(Self.boxed(), expected: "┌ 中文 ────┐\n│  hi      │\n└──────────┘"))
        #expect(moved.hasPrefix("The screen differs in row(s) 1."))
        #expect(moved.contains("✗ 1 |│  hi      │|"), "the expected row, marked: \(moved)")
        #expect(moved.contains("✗ 1 |│ hi       │|"), "the actual row, marked")
        #expect(moved.contains("\n  0 |┌ 中文 ────┐|"), "a matching row is shown unmarked")
        let lost = try #require(
            ScreenMatch.mismatch(Self.boxed(), expected: "┌ 中文 ────┐\n│ hi\n└──────────┘"))
        #expect(lost.hasPrefix("The screen differs in row(s) 1."))
        let short = try #require(ScreenMatch.mismatch(Self.boxed(), expected: "┌ 中文 ────┐\n│ hi       │"))
        #expect(short.contains("(expected 2 rows, got 3)"))
        let wide = try #require(
            ScreenMatch.mismatch(Self.boxed(), expected: "┌ 中文 ────┐x\n│ hi       │\n└──────────┘"))
        #expect(wide.hasPrefix("The screen differs in row(s) 0."), "a row wider than the screen")
    }

    @Test func aRowThatDoesNotMeasureTheWidthIsCaughtEvenWhenItsTextMatches() throws {
        let lines = ["┌ 中文 ───┐", "│ hi       │"]
        let report = try #require(ScreenMatch.mismatch(lines, width: 12, expected: lines.joined(separator: "\n")))
        #expect(report.contains("row(s) 0 do not measure 12 columns"))
    }

    @Test func stylesAreCheckedByTextOrColumn() {
        let buffer = Self.boxed()
        #expect(
            ScreenMatch.styleMismatches(
                buffer,
                [
                    .text("hi", row: 1, .has(.bold)), .cell(column: 11, row: 1, .style(.plain)),
                    .cells(0..<2, row: 1, .has(.bold)), .text("中文", row: 0, .lacks(.bold)),
                ]
            ).isEmpty)
        let problems = ScreenMatch.styleMismatches(
            buffer,
            [
                .text("hi", row: 1, .has(.reverse)), .text("bye", row: 1, .has(.bold)),
                .cell(column: 12, row: 0, .has(.bold)),
            ])
        #expect(problems.count == 3)
        #expect(problems[0].hasPrefix("row 1, column 2 (“h”): expected has"))
        #expect(problems[0].hasSuffix("(2 of 2 cells differ)"))
        #expect(problems[1] == "“bye” is not on row 1")
        #expect(problems[2].contains("off the 12×3 screen"))
    }
}
