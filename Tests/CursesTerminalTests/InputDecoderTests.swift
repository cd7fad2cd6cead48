import Testing

@testable import CursesTerminal
@testable import TerminalCanvas

/// Raw input for a string: each scalar as `.character`.
private func chars(_ s: String) -> [RawInput] { s.unicodeScalars.map { .character($0.value) } }

private func key(_ name: String) -> InputEvent { .key(Key(name: name)!) }

private func decode(_ inputs: [RawInput]) -> [InputEvent] {
    var d = InputDecoder()
    return d.feed(inputs)
}

@Suite struct InputDecoderTests {
    @Test func printableCharacters() {
        #expect(decode(chars("aZ介😀") + [.none]) == [key("a"), key("Z"), key("介"), .key(Key(.char("😀")))])
    }

    @Test func combiningMarkJoinsThePreviousCharacter() {
        #expect(decode(chars("e\u{301}x")) == [.key(Key(.char("e\u{301}"))), key("x")])
    }

    @Test func controlCharacters() {
        let events = decode([1, 11, 7, 17, 26, 9, 10, 13, 8, 127, 0, 31].map { .character($0) })
        #expect(
            events == [
                key("ctrl+a"), key("ctrl+k"), key("ctrl+g"), key("ctrl+q"), key("ctrl+z"), key("tab"), key("enter"),
                key("enter"), key("backspace"), key("backspace"), key("ctrl+space"), key("ctrl+_"),
            ])
    }

    @Test func c1ControlsAreIgnored() {
        #expect(decode([.character(0x85), .character(0x9b)]).isEmpty)
    }

    @Test func escFollowedByNothingIsEsc() {
        var d = InputDecoder()
        #expect(d.feed(.character(27)).isEmpty)
        #expect(d.isAwaitingMore)
        #expect(d.feed(.none) == [key("esc")])
        #expect(!d.isAwaitingMore)
    }

    @Test func escEscIsTwoEscapes() {
        #expect(decode([.character(27), .character(27), .none]) == [key("esc"), key("esc")])
    }

    @Test func escThenCharacterIsAlt() {
        #expect(decode([.character(27), .character(0x78)]) == [key("alt+x")])
        #expect(decode([.character(27), .character(13)]) == [key("alt+enter")])
        #expect(decode([.character(27), .character(127)]) == [key("alt+backspace")])
        #expect(decode([.character(27), .character(2)]) == [.key(Key(.char("b"), [.ctrl, .alt]))])
        #expect(decode([.character(27)] + chars("介")) == [key("alt+介")])
    }

    @Test func escThenFunctionKeyIsAltKey() {
        #expect(decode([.character(27), .function(CursesKeyCode.up)]) == [key("alt+up")])
    }

    @Test func noneInGroundDoesNothing() {
        #expect(decode([.none, .none]).isEmpty)
    }

    @Test(arguments: [
        (CursesKeyCode.up, "up"), (CursesKeyCode.down, "down"), (CursesKeyCode.left, "left"),
        (CursesKeyCode.right, "right"), (CursesKeyCode.home, "home"), (CursesKeyCode.end, "end"),
        (CursesKeyCode.previousPage, "pgup"), (CursesKeyCode.nextPage, "pgdn"), (CursesKeyCode.deleteCharacter, "del"),
        (CursesKeyCode.insertCharacter, "ins"), (CursesKeyCode.backTab, "shift+tab"),
        (CursesKeyCode.backspace, "backspace"), (CursesKeyCode.enter, "enter"), (CursesKeyCode.f0 + 1, "f1"),
        (CursesKeyCode.f0 + 12, "f12"), (CursesKeyCode.f0 + 13, "shift+f1"), (CursesKeyCode.f0 + 29, "ctrl+f5"),
        (CursesKeyCode.scrollReverse, "shift+up"), (CursesKeyCode.shiftRight, "shift+right"),
    ])
    func functionCodes(code: Int32, name: String) {
        #expect(decode([.function(code)]) == [key(name)])
    }

    @Test func resizeIsAMarker() {
        #expect(decode([.function(CursesKeyCode.resize)]) == [.resize(width: 0, height: 0)])
    }

    @Test func unknownFunctionCodesAreDroppedUnlessNamed() {
        #expect(decode([.function(CursesKeyCode.mouse), .function(1000)]).isEmpty)
        var d = InputDecoder()
        d.extendedKeys[1000] = CursesKeyCode.key(forExtendedName: "kUP3")
        #expect(d.feed(.function(1000)) == [key("alt+up")])
    }

    @Test func extendedCapabilityNames() {
        #expect(CursesKeyCode.key(forExtendedName: "kUP3") == Key(name: "alt+up"))
        #expect(CursesKeyCode.key(forExtendedName: "kDC5") == Key(name: "ctrl+del"))
        #expect(CursesKeyCode.key(forExtendedName: "kRIT6") == Key(.right, [.ctrl, .shift]))
        #expect(CursesKeyCode.key(forExtendedName: "kNXT2") == Key(name: "shift+pgdn"))
        #expect(CursesKeyCode.key(forExtendedName: "kFOO3") == nil)
        #expect(CursesKeyCode.key(forExtendedName: "kUP") == nil)
    }

    @Test(arguments: [
        ("[Z", "shift+tab"), ("[A", "up"), ("[1;3A", "alt+up"), ("[1;5C", "ctrl+right"), ("[1;2D", "shift+left"),
        ("[H", "home"), ("[F", "end"), ("[1;5H", "ctrl+home"), ("[3~", "del"), ("[3;5~", "ctrl+del"),
        ("[5~", "pgup"), ("[6;3~", "alt+pgdn"), ("[2~", "ins"), ("[1~", "home"), ("[4~", "end"),
        ("[15~", "f5"), ("[24;2~", "shift+f12"), ("[1;2P", "shift+f1"), ("[13;2u", "shift+enter"),
        ("[13;5u", "ctrl+enter"), ("[97;5u", "ctrl+a"), ("[97;2u", "A"), ("[27;5;13~", "ctrl+enter"),
        ("[9;2u", "shift+tab"), ("OA", "up"), ("OP", "f1"), ("OS", "f4"), ("OH", "home"),
    ])
    func csiAndSs3Sequences(sequence: String, name: String) {
        #expect(decode([.character(27)] + chars(sequence) + [.none]) == [key(name)])
    }

    @Test func unknownCsiSequencesAreDropped() {
        // Focus in, a device attributes answer, a mouse report in a form not asked for (urxvt's).
        #expect(decode(chars("\u{1b}[I\u{1b}[?1;2c\u{1b}[32;3;4Mx")) == [key("x")])
    }

    /// Found by fuzzing (`Fuzz/run.sh input`): a code point past UInt32 trapped.
    @Test func csiUWithAnOutOfRangeCodeIsDropped() {
        #expect(decode(chars("\u{1b}[20321333321332u\u{1b}[4294967296;5ux")) == [key("x")])
    }

    /// Found by fuzzing (`Fuzz/run.sh input`): the smallest Int as a modifier parameter trapped.
    @Test func csiWithTheSmallestModifierParameterHasNoModifiers() {
        #expect(decode(chars("\u{1b}[1;-9223372036854775808A") + [.none]) == [key("up")])
    }

    /// Found while writing the fuzz target for this decoder: `Character("SS")` trapped.
    @Test func shiftedLetterWhoseCapitalIsTwoLettersKeepsShift() {
        #expect(decode(chars("\u{1b}[223;2u") + [.none]) == [.key(Key(.char("ß"), .shift))])
    }

    @Test func unfinishedCsi() {
        #expect(decode([.character(27), .character(0x5b), .none]) == [key("alt+[")])
        #expect(decode([.character(27)] + chars("[1;") + [.none] + chars("a")) == [key("a")])
        #expect(decode([.character(27)] + chars("[1") + chars("\n")) == [key("enter")])
    }

    @Test func escOThenOtherIsAltO() {
        #expect(decode([.character(27), .character(0x4f), .none]) == [.key(Key(.char("O"), .alt))])
        #expect(decode([.character(27), .character(0x4f)] + chars("k")) == [.key(Key(.char("O"), .alt)), key("k")])
    }

    @Test func bracketedPaste() {
        let text = "line one\n介绍 😀\nend"
        let events = decode(chars("a\u{1b}[200~\(text)\u{1b}[201~b"))
        #expect(events == [key("a"), .paste(text), key("b")])
    }

    @Test func pasteKeepsEscapeLikeTextAndControls() {
        let events = decode(chars("\u{1b}[200~x\u{1b}[20y\u{1b}[201\tz\u{1b}[201~"))
        #expect(events == [.paste("x\u{1b}[20y\u{1b}[201\tz")])
    }

    @Test func pasteTurnsCarriageReturnsIntoNewlines() {
        let events = decode(chars("\u{1b}[200~a\rb\r\nc\u{1b}[201~"))
        #expect(events == [.paste("a\nb\nc")])
        #expect(
            decode(chars("\u{1b}[200~") + [.function(CursesKeyCode.enter)] + chars("\u{1b}[201~")) == [.paste("\n")])
    }

    @Test func pasteArrivesOverSeveralDrains() {
        var d = InputDecoder()
        #expect(d.feed(chars("\u{1b}[200~hel") + [.none]).isEmpty)
        #expect(d.isInPaste && !d.isAwaitingMore)
        #expect(d.feed(chars("lo 世") + [.none]).isEmpty)
        #expect(d.feed(chars("界\u{1b}[2") + [.none]).isEmpty)
        #expect(d.feed(chars("01~") + [.none]) == [.paste("hello 世界")])
        #expect(!d.isInPaste)
        #expect(d.feed(chars("q")) == [key("q")])
    }

    @Test func emptyPaste() {
        #expect(decode(chars("\u{1b}[200~\u{1b}[201~")) == [.paste("")])
    }

    @Test func resizeDuringPasteIsReportedAndPasteContinues() {
        let events = decode(chars("\u{1b}[200~ab") + [.function(CursesKeyCode.resize)] + chars("c\u{1b}[201~"))
        #expect(events == [.resize(width: 0, height: 0), .paste("abc")])
    }

    @Test func aPasteLongerThanFourMebibytesArrivesWhole() {
        // Pastes used to be cut to 4,194,304 characters without a word.
        let line = Array("a pasted line of text, forty characters\n".unicodeScalars.map(\.value))
        let lines = 130_000  // 5.2 million characters
        var d = InputDecoder()
        #expect(d.feed(chars("\u{1b}[200~")).isEmpty)
        let raw: [RawInput] = line.map { .character($0) }
        var early = 0
        for _ in 0..<lines { early += d.feed(raw).count }
        #expect(early == 0)
        let events = d.feed(chars("\u{1b}[201~"))
        guard events.count == 1, case .paste(let text) = events[0] else {
            Issue.record("expected one paste, got \(events.count) events")
            return
        }
        #expect(text.unicodeScalars.count == lines * line.count)
        #expect(text.hasSuffix("forty characters\n"))
    }
}
