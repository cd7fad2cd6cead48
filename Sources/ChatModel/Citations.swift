import Foundation

/// A source an answer cites: a web page, a file, a knowledge-base document.
public struct SourceLink: Sendable, Hashable {
    /// Its title (the URL's host when it has none).
    public var title: String
    /// Where it is, if it has an address.
    public var url: String?
    /// The short name the web page shows on the citation chip (`attribution`, else the host).
    public var attribution: String?
    /// The passage the answer drew on, as the service quoted it (a Dify knowledge-base segment).
    public var snippet: String?
    /// How well the passage matched the question, as the service scored it (Dify: 0–1).
    public var score: Double?

    /// Creates a source.
    public init(
        title: String, url: String? = nil, attribution: String? = nil, snippet: String? = nil, score: Double? = nil
    ) {
        self.title = title
        self.url = url
        self.attribution = attribution
        self.snippet = snippet
        self.score = score
    }

    /// The source as a metadata object (`title`, and `url`, `attribution`, `snippet` and
    /// `score` when known), as ``Citations`` reads sources.
    public var json: JSONValue {
        var o: [String: JSONValue] = ["title": .string(title)]
        if let url { o["url"] = .string(url) }
        if let attribution { o["attribution"] = .string(attribution) }
        if let snippet { o["snippet"] = .string(snippet) }
        if let score { o["score"] = .number(score) }
        return .object(o)
    }

    /// The score in words, two decimals: "relevance 0.98"; nil without one.
    public var relevance: String? {
        guard let score, score.isFinite else { return nil }
        return "relevance " + String(format: "%.2f", score)
    }

    /// The snippet on one line (every run of white space one space), nil when there is none.
    /// Not sanitised: whoever draws it cleans it.
    public var excerpt: String? {
        guard let snippet else { return nil }
        let words = snippet.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The host of ``url`` without `www.`, if it has one.
    public var domain: String? {
        guard let url, let schemeEnd = url.range(of: "://") else { return nil }
        let host = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        guard !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : String(host)
    }

    /// How a Sources list names it: its title, then the site's domain (`Spruce facts —
    /// spruce.example`), or for a source without an address (a knowledge-base document) where it
    /// is kept (`iPhone List — iPhone`). Not sanitised: whoever draws it cleans it.
    /// A scored source adds its score (`iPhone List — iPhone · relevance 0.98`).
    public var listed: String {
        var name = title
        if let domain, domain != title {
            name += " — " + domain
        } else if url == nil, let attribution, !attribution.isEmpty, attribution != title {
            name += " — " + attribution
        }
        if let relevance { name += " · " + relevance }
        return name
    }
}

/// Text with ChatGPT's citation markers resolved: each becomes `[n]`, numbering the distinct
/// sources in the order they are first cited.
public struct CitedText: Sendable, Hashable {
    /// The text with `[n]` marks and no private-use character.
    public var text: String
    /// The sources, `[1]` first.
    public var sources: [SourceLink]
}

/// ChatGPT's citations: markers in the text (`U+E200 cite U+E202 turn0search0 U+E201`, private-use
/// characters) resolved through the message's `metadata.content_references` (each names its
/// `matched_text`, a `type`, and `items` with `title`/`url`/`attribution`, or is `hidden`), and the
/// older `metadata.citations` (`start_ix`/`end_ix` and `metadata.title`/`url`).
public enum Citations {
    /// Resolves `text`, the display text of a message with `metadata`. Markers that name no
    /// source disappear, as does every other private-use character. Numbers continue after
    /// `earlier` (the sources of the messages a turn joins before this one).
    public static func resolve(_ text: String, metadata: [String: JSONValue], after earlier: [SourceLink] = [])
        -> CitedText
    {
        var sources = earlier
        func number(of source: SourceLink) -> Int {
            if let i = sources.firstIndex(where: { ($0.url != nil && $0.url == source.url) || $0 == source }) {
                return i + 1
            }
            sources.append(source)
            return sources.count
        }
        var out = text
        if let references = metadata["content_references"]?.arrayValue, !references.isEmpty {
            // In reading order, so sources are numbered as they are first cited.
            let placed = references.compactMap(\.objectValue).compactMap { reference -> (Int, [String: JSONValue])? in
                guard let matched = reference["matched_text"]?.stringValue, !matched.isEmpty,
                    let range = text.range(of: matched)
                else { return nil }
                return (text.distance(from: text.startIndex, to: range.lowerBound), reference)
            }
            for (_, reference) in placed.sorted(by: { $0.0 < $1.0 }) {
                guard let matched = reference["matched_text"]?.stringValue, out.contains(matched) else { continue }
                let items = (reference["items"]?.arrayValue ?? []).compactMap(source(from:))
                var replacement = ""
                if reference["type"]?.stringValue != "hidden", !items.isEmpty {
                    replacement = items.map { "[\(number(of: $0))]" }.joined()
                    if let first = out.range(of: matched), first.lowerBound > out.startIndex,
                        out[out.index(before: first.lowerBound)] != " "
                    {
                        replacement = " " + replacement
                    }
                }
                out = out.replacingOccurrences(of: matched, with: replacement)
            }
        } else if let citations = metadata["citations"]?.arrayValue, !citations.isEmpty {
            out = resolveOld(out, citations, number: number(of:))
        }
        return CitedText(text: stripPrivateUse(out), sources: sources)
    }

    /// The 2023 form: character ranges of the text, replaced from the end so earlier offsets stay.
    static func resolveOld(_ text: String, _ citations: [JSONValue], number: (SourceLink) -> Int) -> String {
        var scalars = Array(text.unicodeScalars)
        var marks: [(start: Int, end: Int, source: SourceLink)] = []
        for citation in citations {
            guard let c = citation.objectValue, let start = c["start_ix"]?.doubleValue.map({ Int($0) }),
                let end = c["end_ix"]?.doubleValue.map({ Int($0) }), 0 <= start, start <= end, end <= scalars.count,
                let meta = c["metadata"], let source = source(from: meta)
            else { continue }
            marks.append((start, end, source))
        }
        // Number in reading order, replace from the end.
        let numbered = marks.sorted { $0.start < $1.start }.map { ($0.start, $0.end, number($0.source)) }
        var lastStart = Int.max
        for (start, end, n) in numbered.reversed() where end <= lastStart {
            scalars.replaceSubrange(start..<end, with: Array("[\(n)]".unicodeScalars))
            lastStart = start
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func source(from value: JSONValue) -> SourceLink? {
        guard let o = value.objectValue else { return nil }
        let url = o["url"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let title = o["title"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let attribution = o["attribution"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        guard url != nil || title != nil else { return nil }
        var link = SourceLink(
            title: title ?? url ?? "", url: url, attribution: attribution,
            snippet: o["snippet"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, score: o["score"]?.doubleValue)
        if title == nil, let domain = link.domain { link.title = domain }
        return link
    }

    /// The text without unresolved markers (`U+E200 … U+E201`) and other private-use characters.
    /// A `U+E200` that no `U+E201` follows is dropped alone, keeping the text after it.
    public static func stripPrivateUse(_ text: String) -> String {
        guard containsPrivateUse(text) else { return text }
        var out = String.UnicodeScalarView()
        var inMarker = false
        let lastEnd = text.unicodeScalars.lastIndex { $0.value == 0xE201 }
        for (index, s) in zip(text.unicodeScalars.indices, text.unicodeScalars) {
            if s.value == 0xE200 {
                inMarker = lastEnd.map { index < $0 } ?? false
            } else if s.value == 0xE201 {
                inMarker = false
            } else if !inMarker && !isPrivateUse(s) {
                out.append(s)
            }
        }
        return String(out)
    }

    static func isPrivateUse(_ s: Unicode.Scalar) -> Bool { (0xE000...0xF8FF).contains(s.value) }

    /// Whether `text` holds a private-use scalar (U+E000–U+F8FF), read from its UTF-8 bytes: such
    /// a scalar starts with EE, or with EF and a second byte up to A3. Looking at the bytes alone
    /// matters because EF also starts the variation selector of every emoji and the full-width
    /// punctuation of CJK text (U+FE0F, U+FF0C), for which scanning the scalars made reopening a
    /// long conversation a twelfth slower.
    public static func containsPrivateUse(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            let count = bytes.count
            if memchr(base, 0xEE, count) != nil { return true }
            var from = 0
            while from < count, let hit = memchr(base + from, 0xEF, count - from) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if i + 1 < count, base[i + 1] <= 0xA3 { return true }
                from = i + 1
            }
            return false
        }
    }
}
