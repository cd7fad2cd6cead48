/// What the reader put on a message here: a short label and a bookmark. Kept only in the local
/// archive, never sent to a service.
public struct MessageMark: Sendable, Hashable {
    /// The label, nil when there is none (never empty).
    public var label: String?
    /// When the message was bookmarked (seconds since 1970), nil when it is not.
    public var bookmarkedAt: Double?

    /// A mark with `label` and a bookmark made at `bookmarkedAt`.
    public init(label: String? = nil, bookmarkedAt: Double? = nil) {
        self.label = label
        self.bookmarkedAt = bookmarkedAt
    }

    /// Whether it holds neither a label nor a bookmark (such a mark is not stored).
    public var isEmpty: Bool { label == nil && bookmarkedAt == nil }

    /// The longest label, in characters.
    public static let maxLabelLength = 60

    /// `text` as a label: one line, control characters and surrounding blanks removed, at most
    /// ``maxLabelLength`` characters; nil when nothing is left (an empty label clears it).
    public static func cleanLabel(_ text: String) -> String? {
        let line = text.unicodeScalars.map { scalar -> String in
            scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
                ? " " : String(scalar)
        }.joined()
        let words = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !words.isEmpty else { return nil }
        return String(words.prefix(maxLabelLength))
    }
}
