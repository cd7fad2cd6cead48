import Foundation

/// A grid of styled cells: views draw into it, tests read it, the terminal flushes its diff.
public struct Buffer: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells, row by row.
    public private(set) var cells: [Cell]

    /// A buffer of blank cells.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole area.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a column and row.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    /// Whether a position is inside the buffer.
    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Puts one grapheme at a position, keeping wide graphemes whole: a wide grapheme that
    /// would not fit is drawn as a space, and any wide grapheme it overlaps is blanked. Both
    /// halves of a wide grapheme carry `link`.
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style, link: Hyperlink? = nil) {
        put(character, x: x, y: y, style: style, linkNumber: Self.number(of: link))
    }

    private mutating func put(_ character: Character, x: Int, y: Int, style: Style, linkNumber: UInt32) {
        guard contains(x: x, y: y) else { return }
        var w = DisplayWidth.of(character)
        var glyph = Self.drawable(character)
        if w == 2 && x + 1 >= width {
            w = 1
            glyph = .space
        }
        if w == 0 { return }
        clearOverlap(x: x, y: y)
        cells[y * width + x] = Cell(glyph: glyph, width: UInt8(w), style: style, linkNumber: linkNumber)
        if w == 2 {
            clearOverlap(x: x + 1, y: y)
            cells[y * width + x + 1] = Cell(glyph: .empty, width: 0, style: style, linkNumber: linkNumber)
        }
    }

    /// One printable ASCII character (no wide grapheme, no drawable form to work out).
    private mutating func putASCII(_ byte: UInt8, x: Int, y: Int, style: Style, linkNumber: UInt32) {
        guard y >= 0, y < height, x < width else { return }
        clearOverlap(x: x, y: y)
        cells[y * width + x] = Cell(glyph: .ascii(byte), width: 1, style: style, linkNumber: linkNumber)
    }

    /// The number cells carry for `link` (0 for none).
    private static func number(of link: Hyperlink?) -> UInt32 {
        link.map(CellTable.links.number(for:)) ?? 0
    }

    /// Writes text from a column, clipped at `maxX` (default: the right edge) and at the left
    /// edge. Zero-width and control characters are never written; a wide grapheme that does not
    /// fit before the limit ends the write (its columns are left untouched), one cut by the left
    /// edge leaves a space. Every cell written links to `link`. Returns the column after the
    /// last one written.
    @discardableResult
    public mutating func write(
        _ text: some StringProtocol, x: Int, y: Int, style: Style, maxX: Int? = nil, link: Hyperlink? = nil
    ) -> Int {
        let limit = min(maxX ?? width, width)
        let linkNumber = Self.number(of: link)
        var column = x
        // Printable ASCII goes byte by byte: a grapheme boundary lies between any two ASCII
        // characters but CR LF (both skipped) and after any control, so only the text from the
        // first non-ASCII character on needs grapheme breaking and width lookups.
        let bytes = text.utf8
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte >= 0x80 { break }
            if byte < 0x20 || byte == 0x7F {
                index = next
                continue
            }
            if next != bytes.endIndex, bytes[next] >= 0x80 { break }
            if column + 1 > limit { return column }
            if column >= 0 { putASCII(byte, x: column, y: y, style: style, linkNumber: linkNumber) }
            column += 1
            index = next
        }
        guard index != bytes.endIndex else { return column }
        return writeGraphemes(text[index...], x: column, y: y, style: style, limit: limit, linkNumber: linkNumber)
    }

    /// ``write(_:x:y:style:maxX:link:)`` one grapheme at a time, with its width looked up.
    mutating func writeGraphemes(
        _ text: some StringProtocol, x: Int, y: Int, style: Style, limit: Int, link: Hyperlink? = nil
    ) -> Int {
        writeGraphemes(text, x: x, y: y, style: style, limit: limit, linkNumber: Self.number(of: link))
    }

    private mutating func writeGraphemes(
        _ text: some StringProtocol, x: Int, y: Int, style: Style, limit: Int, linkNumber: UInt32
    ) -> Int {
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > limit { break }
            if column < 0 && column + w > 0 {
                put(" ", x: 0, y: y, style: style, linkNumber: linkNumber)
            } else {
                put(character, x: column, y: y, style: style, linkNumber: linkNumber)
            }
            column += w
        }
        return column
    }

    /// Fills a rectangle with a character in a style. A wide character is repeated every two
    /// columns; a column too narrow for it gets a space.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        let w = DisplayWidth.of(character)
        if w <= 1 {
            // One column each: the same cell everywhere, made once.
            let cell = Cell(glyph: w == 0 ? .space : Self.drawable(character), width: 1, style: style)
            for y in r.y..<r.maxY {
                for x in r.x..<r.maxX {
                    clearOverlap(x: x, y: y)
                    cells[y * width + x] = cell
                }
            }
            return
        }
        for y in r.y..<r.maxY {
            var x = r.x
            while x < r.maxX {
                if w == 2 && x + 1 >= r.maxX {
                    put(" ", x: x, y: y, style: style)
                } else {
                    put(w == 0 ? " " : character, x: x, y: y, style: style)
                }
                x += max(1, w)
            }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the text. A wide grapheme cut by
    /// the rectangle's edge is restyled whole, since a terminal draws it in one style.
    public mutating func restyle(_ rect: Rect, _ change: (Style) -> Style) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            var x0 = r.x
            var x1 = r.maxX
            if cells[y * width + x0].isContinuation && x0 > 0 { x0 -= 1 }
            if cells[y * width + x1 - 1].width == 2 && x1 < width { x1 += 1 }
            for x in x0..<x1 {
                cells[y * width + x].style = change(cells[y * width + x].style)
            }
        }
    }

    /// Sets every cell of `rect` (clipped) to `cell`, touching nothing outside it (a wide
    /// grapheme its edge cuts is left as it is): a part of the screen drawn again starts from the
    /// cells a new buffer holds.
    public mutating func reset(_ rect: Rect, to cell: Cell) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            let start = y * width + r.x
            cells.replaceSubrange(start..<start + r.width, with: repeatElement(cell, count: r.width))
        }
    }

    /// Copies the cells of `rect` in `source`, a buffer of the same size, as they are into the
    /// same columns here from row `y` on: a row drawn in the last frame, shown again elsewhere.
    /// Nothing happens when the sizes differ or the rows do not fit.
    public mutating func copy(_ rect: Rect, from source: Buffer, toRow y: Int) {
        let r = clip(rect)
        guard source.width == width, source.height == height, !r.isEmpty, y >= 0, y + r.height <= height else {
            return
        }
        for row in 0..<r.height {
            let from = (r.y + row) * width + r.x
            let to = (y + row) * width + r.x
            cells.replaceSubrange(to..<to + r.width, with: source.cells[from..<from + r.width])
        }
    }

    /// The text of each row; continuation cells add nothing, so a row of CJK reads naturally.
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    /// Whether `count` bytes at `a` and `b` are the same, eight at a time.
    @inline(__always)
    static func sameBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        while offset < count {
            if a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            offset += 1
        }
        return true
    }

    /// The text of one row.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation {
            s += self[x, y].text
        }
        return s
    }

    /// The cells that differ from `previous` (everything when the sizes differ), in row order.
    /// A changed wide cell is reported once, with its continuation implied.
    public func diff(from previous: Buffer) -> [CellChange] {
        guard previous.width == width && previous.height == height else {
            var changes: [CellChange] = []
            changes.reserveCapacity(cells.count)
            for y in 0..<height {
                for x in 0..<width where !self[x, y].isContinuation {
                    changes.append(CellChange(x: x, y: y, cell: self[x, y]))
                }
            }
            return changes
        }
        var changes: [CellChange] = []
        let stride = MemoryLayout<Cell>.stride
        cells.withUnsafeBufferPointer { now in
            previous.cells.withUnsafeBufferPointer { before in
                guard let nowBytes = UnsafeRawPointer(now.baseAddress),
                    let beforeBytes = UnsafeRawPointer(before.baseAddress)
                else { return }
                for y in 0..<height {
                    // A cell is plain data: a row whose bytes are the same is the same (most rows
                    // of a frame), and so is a cell. Bytes that differ are checked as values.
                    let row = y * width * stride
                    if memcmp(nowBytes + row, beforeBytes + row, width * stride) == 0 { continue }
                    for x in 0..<width {
                        let i = y * width + x
                        if Self.sameBytes(nowBytes + i * stride, beforeBytes + i * stride, count: stride) { continue }
                        let cell = now[i]
                        guard cell != before[i] else { continue }
                        if cell.isContinuation {
                            // The wide cell on its left carries it; report only when its partner is
                            // unchanged but this half differs (e.g. it replaced two narrow cells).
                            if x > 0, now[i - 1] == before[i - 1] {
                                changes.append(CellChange(x: x - 1, y: y, cell: now[i - 1]))
                            }
                            continue
                        }
                        changes.append(CellChange(x: x, y: y, cell: cell))
                    }
                }
            }
        }
        return changes
    }

    private func clip(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x)
        let y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX)
        let y1 = min(height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Blanks the wide grapheme that a write at (x, y) would cut in half.
    private mutating func clearOverlap(x: Int, y: Int) {
        let i = y * width + x
        let cell = cells[i]
        if cell.isContinuation, x > 0 {
            cells[i - 1] = Cell.blank(cells[i - 1].style)
        } else if cell.width == 2, x + 1 < width {
            cells[i + 1] = Cell.blank(cell.style)
        }
    }

    /// The grapheme reduced to what a terminal cell can hold: the first code point and the
    /// zero-width marks after it (a joined emoji sequence keeps only its first emoji). A
    /// variation selector 16 after a narrow symbol (`❤️`) is dropped: terminals disagree on
    /// whether it widens the symbol, and without it every terminal draws one column.
    private static func drawable(_ character: Character) -> Glyph {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first { return Glyph(only) }
        var out = String.UnicodeScalarView()
        var baseWidth = 0
        for (i, s) in scalars.enumerated() {
            if i == 0 {
                out.append(s)
                baseWidth = DisplayWidth.of(s)
            } else if s.value == 0x200d {
                break
            } else if s.value == 0xfe0f && baseWidth == 1 {
                continue
            } else if DisplayWidth.of(s) == 0 {
                out.append(s)
            } else {
                break
            }
        }
        return Glyph(String(out))
    }
}
