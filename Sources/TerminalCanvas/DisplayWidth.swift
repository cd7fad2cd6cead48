/// Terminal column widths of characters, as wcwidth(3) and terminals count them.
///
/// A grapheme cluster takes the width of its first code point (0, 1 or 2); joined emoji
/// sequences are drawn as their first emoji so the layout never drifts from the terminal.
public enum DisplayWidth {
    /// Columns taken by one code point: 0 (combining, format, controls), 1, or 2 (East Asian wide, emoji).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7f { return v >= 0x20 ? 1 : 0 }
        if v < 0xa0 { return 0 }
        if v < 0x300 { return 1 }
        if isWide(v) { return 2 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        if v >= 0x1160 && v <= 0x11ff { return 0 }
        if v == 0x200b { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns taken by one grapheme cluster.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(first)
    }

    /// Columns taken by a string.
    public static func of(_ string: some StringProtocol) -> Int {
        var total = 0
        for c in string {
            total += of(c)
        }
        return total
    }

    /// The longest prefix of `string` that fits in `columns`.
    public static func prefix(_ string: some StringProtocol, fitting columns: Int) -> Substring {
        let s = Substring(string)
        var used = 0
        var end = s.startIndex
        for index in s.indices {
            let w = of(s[index])
            if used + w > columns { break }
            used += w
            end = s.index(after: index)
        }
        return s[s.startIndex..<end]
    }

    /// The string cut to `columns`, with `…` when it was cut.
    public static func truncate(_ string: some StringProtocol, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(string) <= columns { return String(string) }
        return String(prefix(string, fitting: columns - 1)) + "…"
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115f, 0x2e80...0x303e, 0x3041...0x33ff, 0x3400...0x4dbf, 0x4e00...0x9fff, 0xa000...0xa4cf,
        0xa960...0xa97f, 0xac00...0xd7a3, 0xf900...0xfaff, 0xfe10...0xfe19, 0xfe30...0xfe6f, 0xff00...0xff60,
        0xffe0...0xffe6, 0x16fe0...0x16fe4, 0x17000...0x18cff, 0x1b000...0x1b2ff, 0x1f004...0x1f004,
        0x1f0cf...0x1f0cf, 0x1f18e...0x1f18e, 0x1f191...0x1f19a, 0x1f200...0x1f251, 0x1f300...0x1f320,
        0x1f32d...0x1f335, 0x1f337...0x1f37c, 0x1f37e...0x1f393, 0x1f3a0...0x1f3ca, 0x1f3cf...0x1f3d3,
        0x1f3e0...0x1f3f0, 0x1f3f4...0x1f3f4, 0x1f3f8...0x1f43e, 0x1f440...0x1f440, 0x1f442...0x1f4fc,
        0x1f4ff...0x1f53d, 0x1f54b...0x1f54e, 0x1f550...0x1f567, 0x1f57a...0x1f57a, 0x1f595...0x1f596,
        0x1f5a4...0x1f5a4, 0x1f5fb...0x1f64f, 0x1f680...0x1f6c5, 0x1f6cc...0x1f6cc, 0x1f6d0...0x1f6d2,
        0x1f6d5...0x1f6d7, 0x1f6eb...0x1f6ec, 0x1f6f4...0x1f6fc, 0x1f7e0...0x1f7eb, 0x1f90c...0x1f93a,
        0x1f93c...0x1f945, 0x1f947...0x1f9ff, 0x1fa70...0x1faff, 0x20000...0x2fffd, 0x30000...0x3fffd,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0
        var hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound {
                hi = mid - 1
            } else if v > r.upperBound {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
