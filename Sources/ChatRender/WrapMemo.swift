import Foundation

/// A place in a sequence of runs: the run and a UTF-8 offset in its text.
struct WrapPosition: Sendable, Hashable, Comparable {
    var run: Int
    var offset: Int

    static func < (a: WrapPosition, b: WrapPosition) -> Bool {
        a.run != b.run ? a.run < b.run : a.offset < b.offset
    }
}

/// A line of a wrap that a later wrap can start from: line `line` begins at `restart` with
/// nothing carried over, and that was decided by the text before `settledBy`.
struct WrapCheckpoint: Sendable, Hashable {
    var line: Int
    var restart: WrapPosition
    var settledBy: WrapPosition
}

/// One paragraph's last wrap, kept so the paragraph with more text wraps only its new end
/// (see ``BlockLayout/paragraphMemo``).
public struct WrapMemo: Sendable {
    var width: Int
    var runs: [StyledRun]
    var lines: [[StyledRun]]
    var checkpoints: [WrapCheckpoint]

    /// The last checkpoint `runs` can resume from: everything before its `settledBy` and the
    /// whole character starting there (grapheme breaks look one character ahead) are the same
    /// bytes in the same looks as in the kept runs. Nil when none is.
    func resumePoint(for newRuns: [StyledRun]) -> WrapCheckpoint? {
        guard let common = Self.commonPrefix(runs, newRuns) else { return nil }
        for checkpoint in checkpoints.reversed() {
            let at = checkpoint.settledBy
            guard at.run < runs.count, at < common else { continue }
            let bytes = runs[at.run].text.utf8
            guard at.offset < bytes.count else { continue }
            let lead = bytes[bytes.index(bytes.startIndex, offsetBy: at.offset)]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            if WrapPosition(run: at.run, offset: at.offset + length - 1) < common { return checkpoint }
        }
        return nil
    }

    /// Where two run sequences first differ (in bytes or looks); nil when they differ at once.
    static func commonPrefix(_ a: [StyledRun], _ b: [StyledRun]) -> WrapPosition? {
        var run = 0
        while run < min(a.count, b.count), a[run].hasSameLook(as: b[run]) {
            let shared = sharedBytes(a[run].text, b[run].text)
            if shared < a[run].text.utf8.count || shared < b[run].text.utf8.count {
                return run == 0 && shared == 0 ? nil : WrapPosition(run: run, offset: shared)
            }
            run += 1
        }
        return run == 0 ? nil : WrapPosition(run: run, offset: 0)
    }

    /// How many leading bytes two strings share.
    static func sharedBytes(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                guard n > 0, let px = x.baseAddress, let py = y.baseAddress else { return 0 }
                if memcmp(px, py, n) == 0 { return n }
                var i = 0
                while i < n, px[i] == py[i] { i += 1 }
                return i
            }
        }
    }
}
