import ChatTestSupport
import TerminalCanvas
import Testing

@testable import ChatRender

/// A paragraph wrapped again with more text resumes from its last settled line: the lines
/// must always be exactly those of wrapping it from the start.
@Suite struct StyledWrapResumeTests {
    /// Words and separators that meet at every kind of break: spaces, hard breaks, wide
    /// characters, combining marks that join the character before them, a joined emoji, long
    /// words that must be cut.
    static let pieces = [
        "word", "a", "streamed", " ", " ", "  ", "\n", "介绍", "模型", "😀", "👩\u{200D}💻", "\u{301}", "e\u{301}",
        "supercalifragilisticexpialidocious", "—", ",", ".", "x",
    ]
    static let looks: [(slot: String, attributes: Attributes)] = [
        ("", []), ("", .bold), ("markup.raw.inline", []), ("markup.link.text", .underline),
    ]

    /// A paragraph as runs: pieces in a few looks, neighbours of one look joined as the
    /// Markdown renderer joins them.
    private func paragraph(_ random: inout SplitMix64, pieces count: Int) -> [StyledRun] {
        var runs: [StyledRun] = []
        for _ in 0..<count {
            let text = Self.pieces.randomElement(using: &random)!
            let look = Bool.random(using: &random) && !runs.isEmpty ? nil : Self.looks.randomElement(using: &random)
            if let look {
                runs.append(StyledRun(text, slot: look.slot, attributes: look.attributes))
            } else {
                runs[runs.count - 1].text += text
            }
        }
        return runs
    }

    /// The first `bytes` bytes of `runs` (cut on a character boundary), as a streaming answer has them.
    private func prefix(_ runs: [StyledRun], characters: Int) -> [StyledRun] {
        var left = characters
        var out: [StyledRun] = []
        for run in runs {
            guard left > 0 else { break }
            var cut = run
            cut.text = String(run.text.prefix(left))
            left -= cut.text.count
            out.append(cut)
        }
        return out
    }

    @Test func wrappingMoreOfAParagraphEqualsWrappingItWhole() {
        var random = SplitMix64(state: 2026)
        for round in 0..<400 {
            let whole = paragraph(&random, pieces: Int.random(in: 1...80, using: &random))
            let total = whole.reduce(0) { $0 + $1.text.count }
            let width = Int.random(in: 1...30, using: &random)
            var memo: WrapMemo?
            var shown = 0
            while shown < total {
                shown = min(total, shown + Int.random(in: 1...12, using: &random))
                let runs = prefix(whole, characters: shown)
                let resumed = StyledWrap.wrap(runs, width: width, memo: &memo)
                let fresh = StyledWrap.wrap(runs, width: width)
                #expect(resumed == fresh, "round \(round), width \(width), \(shown) of \(total) characters")
                if resumed != fresh { return }
            }
        }
    }

    @Test func aChangeEarlierInTheParagraphWrapsFromThere() {
        var random = SplitMix64(state: 77)
        for _ in 0..<400 {
            let before = paragraph(&random, pieces: Int.random(in: 1...60, using: &random))
            var after = before
            // The renderer may restyle or rewrite earlier text (an emphasis closed, a link completed).
            let i = Int.random(in: 0..<after.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: after[i].attributes = after[i].attributes.contains(.italic) ? [] : .italic
            case 1: after[i].text = String(after[i].text.dropLast())
            default: after[i].text += Self.pieces.randomElement(using: &random)!
            }
            after += paragraph(&random, pieces: Int.random(in: 0...10, using: &random))
            let width = Int.random(in: 1...24, using: &random)
            var memo: WrapMemo?
            _ = StyledWrap.wrap(before, width: width, memo: &memo)
            let resumed = StyledWrap.wrap(after, width: width, memo: &memo)
            #expect(resumed == StyledWrap.wrap(after, width: width))
            if resumed != StyledWrap.wrap(after, width: width) { return }
        }
    }

    @Test func aLongParagraphResumesNearItsEnd() {
        let text = String(repeating: "the answer keeps streaming in one long paragraph ", count: 400)
        var memo: WrapMemo?
        let lines = StyledWrap.wrap([StyledRun(text)], width: 60, memo: &memo)
        let point = memo?.resumePoint(for: [StyledRun(text + "and more")])
        #expect(lines.count > 300)
        // Only the last line or two are wrapped again.
        #expect((point?.line ?? 0) >= lines.count - 2)
        #expect(memo?.resumePoint(for: [StyledRun("x" + text)]) == nil)
        #expect(memo?.resumePoint(for: [StyledRun(text, attributes: .bold)]) == nil)
    }

    @Test func aCombiningMarkAfterTheLastSpaceIsNotResumedPast() {
        // "a " then "\u{301}": the space and the mark are one character, so "a" and the mark's
        // base are one word and no line may begin after that space.
        var memo: WrapMemo?
        let width = 3
        _ = StyledWrap.wrap([StyledRun("abc de ")], width: width, memo: &memo)
        let runs = [StyledRun("abc de \u{301}fg")]
        #expect(StyledWrap.wrap(runs, width: width, memo: &memo) == StyledWrap.wrap(runs, width: width))
    }

    @Test func aStreamedParagraphWhoseEmphasisClosesLateRendersAsAWholeOneAtEveryStep() {
        // The emphasis opened early is plain text until its closer arrives, then restyles
        // everything back to its opener: the kept wrap must not survive that.
        let text =
            "Start *emphasis " + String(repeating: "that runs on and on, ", count: 12) + "ends here* and `code "
            + String(repeating: "x", count: 40) + "` then 介绍模型 **bold** done."
        for width in [7, 20, 33] {
            var streamed = MessageRender("", width: width)
            var index = text.startIndex
            while index < text.endIndex {
                let end = text.index(index, offsetBy: 5, limitedBy: text.endIndex) ?? text.endIndex
                streamed.append(String(text[index..<end]))
                index = end
                let whole = MessageRender(String(text[..<end]), width: width)
                #expect(streamed.lines == whole.lines, "width \(width) after \(text[..<end].count) characters")
                if streamed.lines != whole.lines { return }
            }
        }
    }
}
