import Foundation

/// File names for exported conversations: `<date>-<slug of the title>-<id prefix>.<ext>`,
/// e.g. `2023-12-15-helpful-user-assistant-b3779121.md`.
///
/// A name depends only on the conversation (its create date, title and id), so exporting
/// again writes the same files. Names are safe on every common file system: only letters
/// and digits of any script (NFC, lowercased) and `-`; no `/`, `.`, control characters,
/// emoji or leading dot; at most about 120 bytes. Names that would still collide (even
/// only by case) get a hash of the full id appended.
public enum ExportFileName {
    /// What a name is made of.
    public struct Item: Sendable, Hashable {
        /// The conversation id.
        public var id: String
        /// The title, if any.
        public var title: String?
        /// Seconds since 1970.
        public var createTime: Double?

        /// Creates an item.
        public init(id: String, title: String?, createTime: Double?) {
            self.id = id
            self.title = title
            self.createTime = createTime
        }
    }

    /// The most characters a slug keeps.
    static let maxSlugCharacters = 60
    /// The most UTF-8 bytes a slug keeps (CJK letters take three each).
    static let maxSlugBytes = 90

    /// A name (without extension) for every item, keyed by id, all different even when
    /// compared without case.
    public static func names(_ items: [Item]) -> [String: String] {
        var byBase: [String: [Item]] = [:]
        for item in items {
            byBase[base(item).lowercased(), default: []].append(item)
        }
        var names: [String: String] = [:]
        var taken = Set<String>()
        for key in byBase.keys.sorted() {
            let group = byBase[key]!.sorted { $0.id < $1.id }
            for item in group {
                var name = base(item)
                if group.count > 1 { name += "-" + hash(item.id) }
                var candidate = name
                var n = 2
                while !taken.insert(candidate.lowercased()).inserted {
                    candidate = "\(name)-\(n)"
                    n += 1
                }
                names[item.id] = candidate
            }
        }
        return names
    }

    /// The name of one conversation, before collisions are resolved.
    public static func base(_ item: Item) -> String {
        "\(date(item.createTime))-\(slug(item.title))-\(idPart(item.id))"
    }

    /// `YYYY-MM-DD` (UTC) of a time, or `undated`.
    static func date(_ time: Double?) -> String {
        guard let time, time.isFinite, abs(time) < 1e13 else { return "undated" }
        let (y, m, d) = ISOTime.civil(days: Int((time / 86_400).rounded(.down)))
        let pad: (Int, Int) -> String = { n, width in
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The title in lowercase letters and digits joined by `-`, or `untitled`.
    public static func slug(_ title: String?) -> String {
        let text = (title ?? "").precomposedStringWithCanonicalMapping.lowercased()
        var out = ""
        var bytes = 0
        var count = 0
        var pendingDash = false
        for character in text {
            guard isWordCharacter(character) else {
                pendingDash = !out.isEmpty
                continue
            }
            let piece = (pendingDash ? "-" : "") + String(character)
            guard count + piece.count <= maxSlugCharacters, bytes + piece.utf8.count <= maxSlugBytes else { break }
            out += piece
            count += piece.count
            bytes += piece.utf8.count
            pendingDash = false
        }
        return out.isEmpty ? "untitled" : out
    }

    /// Whether a character is a letter or digit of any script (with its combining marks).
    static func isWordCharacter(_ character: Character) -> Bool {
        var first = true
        for scalar in character.unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber:
                break
            case .nonspacingMark, .spacingMark:
                // A mark only after a letter; variation selectors (emoji presentation) never.
                if first || properties.isVariationSelector { return false }
            default:
                return false
            }
            first = false
        }
        return !first
    }

    /// The first 8 characters of the id that are ASCII letters, digits, `-` or `_`.
    static func idPart(_ id: String) -> String {
        let safe = id.unicodeScalars.filter { scalar in
            scalar.isASCII
                && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
        }
        var part = String(String.UnicodeScalarView(safe.prefix(8)))
        while part.hasSuffix("-") { part.removeLast() }
        return part.isEmpty ? hash(id) : part
    }

    /// 8 hex digits of the FNV-1a hash of the id's UTF-8 bytes (stable across runs).
    static func hash(_ id: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h & 0xFFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
