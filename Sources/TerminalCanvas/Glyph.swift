/// What a cell shows, as plain data: up to three Unicode scalars (a character and the marks on
/// it) packed in one integer, or, for a longer grapheme, a number it was given for the life of
/// the process.
///
/// Two glyphs are equal when they hold the same scalars (not merely canonically equivalent
/// ones, as `String` compares), so a cell is drawn with exactly the scalars it was given.
public struct Glyph: Sendable, Hashable {
    /// Three 21-bit slots, the first scalar in the lowest; an unused slot is all ones. With the
    /// top bit set, the rest is a number in `CellTable.texts`.
    private let raw: UInt64

    private static let slotBits: UInt64 = 21
    private static let unused: UInt64 = 0x1F_FFFF
    private static let stored: UInt64 = 1 << 63
    /// Slots 1 and 2 unused: OR a scalar's value in for a one-scalar glyph.
    private static let oneScalar: UInt64 = (unused << 21) | (unused << 42)

    private init(raw: UInt64) { self.raw = raw }

    /// A glyph of one scalar.
    public init(_ scalar: Unicode.Scalar) {
        raw = Self.oneScalar | UInt64(scalar.value)
    }

    /// A glyph of the scalars of `text` (none for the continuation of a wide grapheme).
    public init(_ text: String) {
        var packed: UInt64 = 0
        var count: UInt64 = 0
        for scalar in text.unicodeScalars {
            guard count < 3 else {
                self.init(raw: Self.stored | UInt64(CellTable.texts.number(for: CellTable.ExactText(text: text))))
                return
            }
            packed |= UInt64(scalar.value) << (count * Self.slotBits)
            count += 1
        }
        while count < 3 {
            packed |= Self.unused << (count * Self.slotBits)
            count += 1
        }
        self.init(raw: packed)
    }

    /// A printable ASCII character (no check).
    static func ascii(_ byte: UInt8) -> Glyph { Glyph(raw: oneScalar | UInt64(byte)) }

    /// A space.
    public static let space = ascii(0x20)

    /// The continuation of a wide grapheme: no scalar.
    public static let empty = Glyph(raw: (unused) | (unused << 21) | (unused << 42))

    /// Whether it holds no scalar.
    public var isEmpty: Bool { self == .empty }

    /// Its first scalar, if any.
    public var first: Unicode.Scalar? {
        if raw & Self.stored != 0 { return CellTable.texts.value(number).text.unicodeScalars.first }
        return Self.scalar(raw & Self.unused)
    }

    /// Whether it holds more than one scalar (marks on a character).
    public var hasMarks: Bool {
        raw & Self.stored != 0 || (raw >> Self.slotBits) & Self.unused != Self.unused
    }

    /// The scalars, in order.
    public var scalars: [Unicode.Scalar] {
        if raw & Self.stored != 0 { return Array(CellTable.texts.value(number).text.unicodeScalars) }
        var out: [Unicode.Scalar] = []
        for slot in 0..<UInt64(3) {
            guard let scalar = Self.scalar((raw >> (slot * Self.slotBits)) & Self.unused) else { break }
            out.append(scalar)
        }
        return out
    }

    /// The scalars as a string.
    public var text: String {
        if raw & Self.stored != 0 { return CellTable.texts.value(number).text }
        var out = String.UnicodeScalarView()
        for slot in 0..<UInt64(3) {
            guard let scalar = Self.scalar((raw >> (slot * Self.slotBits)) & Self.unused) else { break }
            out.append(scalar)
        }
        return String(out)
    }

    private var number: UInt32 { UInt32(truncatingIfNeeded: raw & ~Self.stored) }

    private static func scalar(_ slot: UInt64) -> Unicode.Scalar? {
        slot == unused ? nil : Unicode.Scalar(UInt32(slot))
    }
}
