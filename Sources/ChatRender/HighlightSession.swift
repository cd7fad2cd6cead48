import CSourceHighlight

/// One pass of source-highlight over a code block, line by line, carrying its state (an open
/// multi-line comment or string) from one line to the next. Not thread-safe: its owner
/// (``CodeHighlighter``) holds a lock around every use.
final class HighlightSession {
    private let session: OpaquePointer

    /// A pass starting outside every construct, nil when source-highlight fails.
    init?(language: OpaquePointer) {
        guard let session = chl_session_new(language) else { return nil }
        self.session = session
    }

    deinit { chl_session_free(session) }

    /// Lines longer than this (in bytes) are drawn plain and skipped: source-highlight's cost
    /// grows with the square of a line's length (1 KB about 20 ms, 20 KB seconds).
    static let longestLine = 500

    /// The runs of the next line (UTF-8, no newline in it), in their slots; adjacent tokens of
    /// one slot are one run. A line source-highlight fails on, or a longer one than
    /// ``longestLine``, is one plain run and leaves the state as it was.
    func runs(_ line: UnsafeBufferPointer<UInt8>) -> [StyledRun] {
        var count = 0
        let tokens =
            line.count > Self.longestLine
            ? nil
            : line.withMemoryRebound(to: CChar.self) { chl_session_line(session, $0.baseAddress, $0.count, &count) }
        guard let tokens else { return Self.plain(line) }
        return Self.runs(line, UnsafeBufferPointer(start: tokens, count: count))
    }

    /// A line as one plain run (none when empty).
    static func plain(_ line: UnsafeBufferPointer<UInt8>) -> [StyledRun] {
        line.isEmpty ? [] : [StyledRun(String(decoding: line, as: UTF8.self), slot: CodeSlots.plain)]
    }

    /// Runs from tokens' byte ranges: gaps are plain, boundaries are moved forward to the next
    /// character boundary (source-highlight matches bytes), overlaps are cut.
    static func runs(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<chl_token>) -> [StyledRun] {
        let boundaries = characterBoundaries(bytes)
        func snapped(_ offset: Int) -> Int {
            let offset = min(max(0, offset), bytes.count)
            guard let boundaries else { return offset }
            var low = 0
            var high = boundaries.count - 1
            while low < high {
                let middle = (low + high) / 2
                if boundaries[middle] < offset { low = middle + 1 } else { high = middle }
            }
            return boundaries[low]
        }
        var out: [StyledRun] = []
        var cursor = 0
        func add(_ end: Int, _ slot: String) {
            guard end > cursor else { return }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor..<end]), as: UTF8.self)
            if let last = out.last, last.slot == slot {
                out[out.count - 1].text += text
            } else {
                out.append(StyledRun(text, slot: slot))
            }
            cursor = end
        }
        let slots = CodeSlots.byIndex
        for token in tokens {
            let start = snapped(Int(token.start))
            let end = snapped(Int(token.start) + Int(token.length))
            if start > cursor { add(start, CodeSlots.plain) }
            add(end, Int(token.element) < slots.count ? slots[Int(token.element)] : CodeSlots.plain)
        }
        add(bytes.count, CodeSlots.plain)
        return out
    }

    /// The UTF-8 offsets where characters start, and the end; nil for ASCII (every offset).
    private static func characterBoundaries(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int]? {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var offsets: [Int] = []
        var offset = 0
        for character in text {
            offsets.append(offset)
            offset += character.utf8.count
        }
        offsets.append(offset)
        return offsets
    }
}
