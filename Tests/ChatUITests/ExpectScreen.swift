import ChatTestSupport
import ChatUI
import TerminalCanvas
import Testing

/// Records an issue unless every row of `buffer` is `expected` (trailing spaces aside) and the
/// chosen cells look as `styles` say; the issue shows both screens with the differing rows
/// marked (see ``ScreenMatch``).
func expectScreen(
    _ buffer: Buffer, _ expected: String, styles: [ScreenMatch.StyleExpectation] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let report = ScreenMatch.mismatch(buffer, expected: expected) {
        Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
    }
    for problem in ScreenMatch.styleMismatches(buffer, styles) {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
}

/// ``expectScreen(_:_:styles:sourceLocation:)`` for a frame, and where its cursor is (nil: hidden).
func expectScreen(
    _ frame: Frame, _ expected: String, cursor: (x: Int, y: Int)?, styles: [ScreenMatch.StyleExpectation] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectScreen(frame.buffer, expected, styles: styles, sourceLocation: sourceLocation)
    let actual = frame.cursor.map { "\($0.x),\($0.y)" } ?? "hidden"
    let wanted = cursor.map { "\($0.x),\($0.y)" } ?? "hidden"
    #expect(actual == wanted, "the cursor", sourceLocation: sourceLocation)
}
