import Foundation
import TerminalCanvas
import Testing

@testable import ChatArchive
@testable import ChatStore
@testable import ChatUI

/// The input box: its border tells the truth about the draft, and a long draft shows the rows
/// around the caret exactly as wrapping the whole text would.
@Suite(.timeLimit(.minutes(1)))
struct InputBoxTests {
    /// The text inside the input box's border, row by row (ASCII drafts only).
    func boxRows(_ frame: Frame, _ state: AppState) -> [String] {
        let box = state.geometry.input
        return ((box.y + 1)..<(box.maxY - 1)).map { y in
            let line = Array(frame.buffer.lines[y])
            return String(line[(box.x + 1)..<(box.maxX - 1)]).replacingOccurrences(
                of: " +$", with: "", options: .regularExpression)
        }
    }

    /// The input box's bottom border.
    func bottomBorder(_ frame: Frame, _ state: AppState) -> String {
        frame.buffer.lines[state.geometry.input.maxY - 1]
    }

    @Test func aDraftThatCannotBeSavedSaysSoInTheBorder() async throws {
        let world = try UITestWorld()
        await world.send(.terminal(.started(width: 100, height: 30)), .command(.open), .user(.focus(.input)))
        try world.archive.fillDisk()
        await world.send(.terminal(.paste(String(repeating: "a thought worth keeping ", count: 3000))))
        let deadline = ContinuousClock.now + .seconds(20)
        var border = ""
        while ContinuousClock.now < deadline {
            border = bottomBorder(await world.render(), await world.store.state)
            if border.contains("not saved") { break }  // waiting: the save fails off the key path
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(
            border
                == "└───────────────────────┘└─────────────────────────────────────────────────── not saved: disk full ┘"
        )
        try world.archive.freeDisk()
        await world.send(.user(.type("!")))
    }

    @Test func aLongLineShowsTheRowsThatWrappingItWholeGives() async throws {
        let world = try UITestWorld()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-")
        let line = String((0..<200_000).map { alphabet[$0 % alphabet.count] })
        // Five short lines first, so the box is six rows high.
        var state = await world.send(
            .terminal(.started(width: 100, height: 30)), .command(.open), .user(.focus(.input)),
            .terminal(.paste("1\n2\n3\n4\n5\n" + line)))
        let width = state.geometry.input.width - 3  // the inner width, less a column for the caret
        let wrapped = TextWrap.hardWrap(line, width: width)
        let height = state.geometry.input.height - 2
        #expect(height == 6)
        #expect(boxRows(await world.render(), state) == Array(wrapped.suffix(height)))
        for _ in 0..<5000 { state = await world.send(.command(.inputLeft)) }
        let caretRow = (line.count - 5000) / width
        let frame = await world.render()
        #expect(boxRows(frame, state) == Array(wrapped[(caretRow - height + 1)...caretRow]))
        #expect(frame.cursor?.x == state.geometry.input.x + 1 + (line.count - 5000) % width)
        #expect(frame.cursor?.y == state.geometry.input.maxY - 2)
    }

    @Test func aTenMegabyteDraftShowsItsLastLinesTheCaretAndTheEditorKey() async throws {
        let world = try UITestWorld()
        let draft = String(repeating: "forty characters of a long pasted text.\n", count: 262_144) + "the end"
        let state = await world.send(
            .terminal(.started(width: 100, height: 30)), .command(.open), .user(.focus(.input)),
            .terminal(.paste(draft)))
        let frame = await world.render()
        let rows = boxRows(frame, state)
        #expect(rows.last == "the end")
        #expect(rows.dropLast().allSatisfy { $0 == "forty characters of a long pasted text." })
        #expect(frame.cursor?.x == state.geometry.input.x + 1 + 7)
        #expect(
            bottomBorder(frame, state)
                == "└───────────────────────┘└────────────── 10485767 chars · draft saved · Ctrl-G opens it in $EDITOR ┘"
        )
    }
}
