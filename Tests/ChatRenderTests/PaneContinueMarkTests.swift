import ChatModel
import Testing

@testable import ChatRender

/// The mark under an answer that did not simply finish: what it says and where `c` is offered.
@Suite struct PaneContinueMarkTests {
    static func turn(_ id: String, _ role: Role, _ text: String, ending: AnswerEnding? = nil) -> Turn {
        var turn = Turn(id: id, nodeIDs: [id], author: Author(role: role), text: text)
        turn.ending = ending
        return turn
    }

    static func endings(_ turns: [Turn], continueKey: String? = "c") -> [String] {
        PaneLayout(turns: turns, width: 80, continueKey: continueKey).lines.filter { $0.kind == .ending }
            .map { $0.text.trimmingCharacters(in: .whitespaces) }
    }

    @Test func theLastAnswerCutAtItsLimitOffersContinue() {
        let turns = [
            Self.turn("u", .user, "Say hello"), Self.turn("a", .assistant, "Hello wor", ending: .cutAtLengthLimit),
        ]
        #expect(Self.endings(turns) == ["⏹ cut at the length limit — c continues"])
    }

    /// The offer names the key the keymap binds, and is left out when none is bound.
    @Test func theOfferNamesTheBoundKey() {
        let turns = [
            Self.turn("u", .user, "Say hello"), Self.turn("a", .assistant, "Hello wor", ending: .cutAtLengthLimit),
        ]
        #expect(Self.endings(turns, continueKey: "Ctrl-G") == ["⏹ cut at the length limit — Ctrl-G continues"])
        #expect(Self.endings(turns, continueKey: nil) == ["⏹ cut at the length limit"])
    }

    /// `continue_answer` acts on the last answer only: an earlier cut answer just says so.
    @Test func anEarlierCutAnswerDoesNotOfferContinue() {
        let turns = [
            Self.turn("u", .user, "Say hello"), Self.turn("a", .assistant, "Hello wor", ending: .cutAtLengthLimit),
            Self.turn("u2", .user, "Again"), Self.turn("a2", .assistant, "Hello", ending: .stopped),
        ]
        #expect(Self.endings(turns) == ["⏹ cut at the length limit", "⏹ stopped before it was finished"])
    }

    @Test func aFinishedAnswerHasNoMark() {
        #expect(Self.endings([Self.turn("a", .assistant, "Done")]).isEmpty)
    }
}
