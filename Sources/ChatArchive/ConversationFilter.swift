/// A mark a conversation can be filtered by: `is:NAME` in the browser's title filter,
/// `--tag NAME` for `chatterm ls`.
public enum ConversationMark: String, Sendable, Hashable, CaseIterable {
    /// Pinned, by the export, the server or here (`p`).
    case pinned
    /// Starred.
    case starred
    /// A temporary chat.
    case temporary
    /// In study mode.
    case study
    /// With a custom GPT.
    case gpt
    /// In a project.
    case project
    /// Shared by link.
    case shared

    /// The mark a name stands for, in any case (`custom-gpt` is `gpt` too); nil for none.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == ConversationTag.customGPT.rawValue {
            self = .gpt
        } else {
            self.init(rawValue: lower)
        }
    }

    /// The kind of conversation it stands for, when it is one.
    public var tag: ConversationTag? {
        switch self {
        case .temporary: .temporary
        case .study: .study
        case .gpt: .customGPT
        case .project: .project
        case .pinned, .starred, .shared: nil
        }
    }

    /// Every name, as a reader types them: `pinned, starred, …`.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// What the title filter asks for: words every title must contain, and marks every
/// conversation must have (`rust is:pinned is:study`).
public struct ConversationFilter: Sendable, Hashable {
    /// Words the title must contain, each anywhere, in any ASCII case.
    public var words: [String]
    /// Marks the conversation must all have, each once, in the order first given.
    public var marks: [ConversationMark]

    /// A filter of `words` and `marks`.
    public init(words: [String] = [], marks: [ConversationMark] = []) {
        self.words = words
        self.marks = []
        for mark in marks where !self.marks.contains(mark) { self.marks.append(mark) }
    }

    /// Reads a typed filter: words split at white space; `is:NAME` with a known name
    /// (``ConversationMark/init(name:)``) is a mark, anything else a title word.
    public init(parsing text: String) {
        var words: [String] = []
        var marks: [ConversationMark] = []
        for token in text.split(whereSeparator: \.isWhitespace) {
            let word = String(token)
            if word.lowercased().hasPrefix("is:"), let mark = ConversationMark(name: String(word.dropFirst(3))) {
                marks.append(mark)
            } else {
                words.append(word)
            }
        }
        self.init(words: words, marks: marks)
    }

    /// Whether it lets every conversation through.
    public var isEmpty: Bool { words.isEmpty && marks.isEmpty }

    /// Whether `summary` passes (the same test ``Archive/summaries(archived:matching:limit:)``
    /// makes in SQL; titles compared in ASCII case, as SQLite's `LIKE` does).
    public func matches(_ summary: ConversationSummary) -> Bool {
        let title = Self.asciiLowercased(summary.title ?? "")
        guard words.allSatisfy({ title.contains(Self.asciiLowercased($0)) }) else { return false }
        return marks.allSatisfy { mark in
            switch mark {
            case .pinned: summary.facts.pinnedTime != nil
            case .starred: summary.facts.isStarred
            case .shared: summary.facts.isShared
            case .temporary, .study, .gpt, .project: mark.tag.map(summary.facts.tags.contains) ?? false
            }
        }
    }

    private static func asciiLowercased(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            out.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
        }
        return String(out)
    }
}
