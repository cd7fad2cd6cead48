/// A web or mail address that cells link to (an OSC 8 hyperlink), made safe to write inside
/// an escape sequence and to hand to a browser as one argument.
///
/// Only `http`, `https` and `mailto` addresses are taken. The scheme is lower-cased, and every
/// byte that is not printable ASCII or that a URI may not hold as is (controls, space, `"`,
/// `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, a `%` not starting an escape, every non-ASCII
/// byte) is percent-encoded, so no ESC, BEL, C1 string terminator or line break can end the
/// sequence early. An address longer than ``maxLength`` bytes once encoded is refused rather
/// than cut (terminals drop longer ones: VTE's limit is 2083 bytes).
public struct Hyperlink: Sendable, Hashable {
    /// The longest address kept, in bytes after encoding.
    public static let maxLength = 2048

    /// The address: printable ASCII only, without `;` in its scheme.
    public let url: String

    /// The safe form of `address`, or nil when it is not an `http`, `https` or `mailto`
    /// address with something after the scheme, or is too long.
    public init?(_ address: String) {
        guard let colon = address.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = String(address[..<colon]).lowercased()
        guard Self.schemes.contains(scheme) else { return nil }
        let rest = address.utf8[address.utf8.index(after: colon)...]
        var out = scheme + ":"
        let bytes = Array(rest)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count, Self.isHex(bytes[i + 1]), Self.isHex(bytes[i + 2]) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else if Self.isKept(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += Self.percentEncoded(byte)
            }
            guard out.utf8.count <= Self.maxLength else { return nil }
            i += 1
        }
        let body = out.dropFirst(scheme.count + 1)
        guard body.contains(where: { $0 != "/" }) else { return nil }
        url = out
    }

    private static let schemes: Set<String> = ["http", "https", "mailto"]

    /// Printable ASCII that a URI may hold as is (RFC 3986's reserved and unreserved
    /// characters); `%` only before two hex digits, which the caller checks.
    private static func isKept(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7f else { return false }
        return !"\"<>\\^`{|}%".utf8.contains(byte)
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func percentEncoded(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0f)])
    }

    /// The sequence that starts the link: `ESC ] 8 ; ; <url> ESC \`.
    public var opening: String { "\u{1b}]8;;\(url)\u{1b}\\" }

    /// The sequence that ends any link: `ESC ] 8 ; ; ESC \`.
    public static let closing = "\u{1b}]8;;\u{1b}\\"
}

/// When link text is drawn as an OSC 8 hyperlink (`hyperlinks` in config.toml).
public enum HyperlinkMode: String, Sendable, Hashable, CaseIterable {
    /// On in terminals known to take OSC 8, off elsewhere (see `HyperlinkSupport` in
    /// CursesTerminal for the table).
    case auto
    /// On in every terminal but the Linux console and `dumb` ones, which print the sequence.
    case always
    /// Never: link text is only underlined.
    case never
}
