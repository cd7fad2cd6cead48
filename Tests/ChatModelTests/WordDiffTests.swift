import ChatModel
import ChatTestSupport
import Testing

/// The word diff behind the comparison view and `chatterm diff`.
@Suite struct WordDiffTests {
    /// The pieces of a text as strings.
    static func pieces(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return WordTokens(text).ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func wordsPunctuationAndCJKAreSeparatePieces() {
        #expect(Self.pieces("Hello, world!") == ["Hello", ",", "world", "!"])
        #expect(Self.pieces("  snake_case x2\tλx\n") == ["snake_case", "x2", "λx"])
        #expect(Self.pieces("你好世界") == ["你", "好", "世", "界"])
        #expect(Self.pieces("ChatGPT问答。") == ["ChatGPT", "问", "答", "。"])
        #expect(Self.pieces("こんにちは 안녕") == ["こ", "ん", "に", "ち", "は", "안", "녕"])
        #expect(Self.pieces("a🌳b") == ["a", "🌳", "b"])
        // Marks, skin tones and joined emoji stay with what they modify.
        #expect(Self.pieces("cafe\u{301} 👍🏽 👩‍💻!") == ["cafe\u{301}", "👍🏽", "👩‍💻", "!"])
        #expect(Self.pieces("❤️ ok") == ["❤️", "ok"])
        #expect(Self.pieces("f(x) -> [1]") == ["f", "(", "x", ")", "-", ">", "[", "1", "]"])
        #expect(Self.pieces("") == [])
        #expect(Self.pieces(" \n\t ") == [])
    }

    @Test func emptyTexts() {
        #expect(WordDiff(old: "", new: "").isEqual)
        #expect(WordDiff(old: "", new: "").segments == [])
        #expect(WordDiff(old: "", new: "new words").plain == "{+new words+}")
        #expect(WordDiff(old: "old words", new: "").plain == "[-old words-]")
        #expect(WordDiff(old: "", new: "new words").added == [0..<9])
        #expect(WordDiff(old: "old words", new: "").removed == [0..<9])
    }

    @Test func identicalTextsHaveNoChanges() {
        let text = "Same text,\n\nwith *Markdown* and `code`.\n"
        let diff = WordDiff(old: text, new: text)
        #expect(diff.isEqual)
        #expect(diff.removed.isEmpty && diff.added.isEmpty)
        #expect(diff.segments == [WordDiff.Segment(.equal, text)])
        #expect(diff.counts == (0, 0))
    }

    @Test func whitespaceAloneIsNoChange() {
        let diff = WordDiff(old: "one two\nthree", new: "one   two three\n")
        #expect(diff.isEqual)
        #expect(diff.plain == "one   two three\n")
    }

    @Test func replacementInsertionAndRemoval() {
        #expect(WordDiff(old: "a b c", new: "a x c").plain == "a [-b-]{+x+} c")
        #expect(WordDiff(old: "a c", new: "a b c").plain == "a {+b+} c")
        #expect(WordDiff(old: "a b c", new: "a c").plain == "a [-b-] c")
        #expect(WordDiff(old: "a b", new: "a").plain == "a [-b-]")
        #expect(WordDiff(old: "b a", new: "a").plain == "[-b-] a")
        #expect(WordDiff(old: " b c a", new: " a").plain == " [-b c-] a")
        #expect(WordDiff(old: "a", new: "x a").plain == "{+x+} a")
        #expect(WordDiff(old: "The cat sat.", new: "The big dog sat!").plain == "The [-cat-]{+big dog+} sat[-.-]{+!+}")
    }

    @Test func rangesCoverTheChangedWordsAndTheSpacesBetweenThem() {
        let old = "keep this old phrase here"
        let new = "keep a new phrase here"
        let diff = WordDiff(old: old, new: new)
        #expect(diff.removed.map { Self.slice(old, $0) } == ["this old"])
        #expect(diff.added.map { Self.slice(new, $0) } == ["a new"])
        #expect(diff.counts == (2, 2))
    }

    @Test func cjkDiffersByCharacter() {
        let diff = WordDiff(old: "我喜欢猫。", new: "我喜欢狗。")
        #expect(diff.plain == "我喜欢[-猫-]{+狗+}。")
        #expect(diff.removed.map { Self.slice("我喜欢猫。", $0) } == ["猫"])
    }

    @Test func codeDiffersByIdentifierAndPunctuation() {
        let old = "```swift\nlet total = items.count + 1\n```"
        let new = "```swift\nlet total = items.count - offset\n```"
        #expect(WordDiff(old: old, new: new).plain == "```swift\nlet total = items.count [-+ 1-]{+- offset+}\n```")
    }

    @Test func multibyteTextKeepsItsBytes() {
        let diff = WordDiff(old: "café — naïve", new: "café — naïf")
        #expect(diff.plain == "café — [-naïve-]{+naïf+}")
    }

    /// On random short word sequences the diff keeps as many words as the longest common
    /// subsequence (worked out here the slow way), and each side's words read back in order.
    @Test func matchesALongestCommonSubsequence() {
        var random = SplitMix64(state: 16)
        let vocabulary = ["a", "b", "c", "d", "e"]
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0...12, using: &random)).map { _ in vocabulary.randomElement(using: &random)!
            }
            let new = (0..<Int.random(in: 0...12, using: &random)).map { _ in vocabulary.randomElement(using: &random)!
            }
            let diff = WordDiff(old: old.joined(separator: " "), new: new.joined(separator: " "))
            let (removed, added) = diff.counts
            let common = Self.lcsLength(old, new)
            #expect(old.count - removed == common, "\(old) → \(new)")
            #expect(new.count - added == common, "\(old) → \(new)")
            let oldSide = diff.segments.filter { $0.change != .added }.map(\.text).joined()
            let newSide = diff.segments.filter { $0.change != .removed }.map(\.text).joined()
            #expect(Self.pieces(oldSide) == old, "\(old) → \(new): \(diff.plain)")
            #expect(Self.pieces(newSide) == new)
        }
    }

    /// Two 20 KB answers, all different but for common words: the diff still reads back
    /// both sides (and, being linear in memory, does not need the product of their sizes).
    @Test func longDifferentTexts() {
        var random = SplitMix64(state: 20)
        let words = ["the", "a", "answer", "model", "token", "branch", "diff", "view", "of", "to", "is", "and"]
        func text(_ count: Int) -> String {
            (0..<count).map { _ in words.randomElement(using: &random)! + "." }.joined(separator: " ")
        }
        let old = text(3_000)
        let new = text(3_000)
        #expect(old.utf8.count > 15_000)
        let diff = WordDiff(old: old, new: new)
        let newSide = diff.segments.filter { $0.change != .removed }.map(\.text).joined()
        let oldSide = diff.segments.filter { $0.change != .added }.map(\.text).joined()
        #expect(Self.pieces(newSide) == Self.pieces(new))
        #expect(Self.pieces(oldSide) == Self.pieces(old))
        #expect(!diff.isEqual)
    }

    @Test func longTextWithOneChangedWord() {
        let base = (0..<4_000).map { "word\($0)" }
        var changed = base
        changed[2_500] = "changed"
        let diff = WordDiff(old: base.joined(separator: " "), new: changed.joined(separator: " "))
        #expect(diff.counts == (1, 1))
        #expect(diff.segments.filter { $0.change != .equal }.map(\.text) == ["word2500", "changed"])
    }

    static func slice(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    static func lcsLength(_ a: [String], _ b: [String]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in a.indices.reversed() {
            for j in b.indices.reversed() {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}
