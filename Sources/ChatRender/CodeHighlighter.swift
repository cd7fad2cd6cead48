import CSourceHighlight
import Foundation
import Synchronization

/// Syntax highlighting of code blocks with GNU source-highlight: a block's text and fence
/// language in, each line's ``StyledRun``s in theme slots (``CodeSlots``) out, or nil when the
/// language is unknown or missing or source-highlight fails, so the block is drawn plain.
///
/// Loading a language definition takes milliseconds, so each is loaded once per process.
/// Highlighting is incremental: the highlighter keeps, for recently seen blocks, their lines'
/// runs and its state after them, so a code block growing while an answer streams costs its
/// new lines only (the line still arriving is drawn plain until its newline), and laying a
/// block out again (another width) costs no highlighting at all.
/// One lock serialises all of it: source-highlight is not thread-safe.
public final class CodeHighlighter: Sendable {
    /// The process's highlighter.
    public static let shared = CodeHighlighter()

    /// Blocks remembered, and the text they may hold in all, before the least recently used
    /// are forgotten.
    static let maxEntries = 256
    static let maxBytes = 8 << 20

    private let state = Mutex(State())

    /// A highlighter with source-highlight's own languages only, until ``useDefinitions(in:)``.
    public init() {}

    /// Where chatterm's own definition files (`Highlight/*.lang`) are; nil leaves their
    /// languages plain.
    public func useDefinitions(in directory: URL?) {
        state.withLock {
            $0.bundled = directory?.path
            $0.definitions = [:]
        }
    }

    /// Each line's runs for `code` (lines separated by `\n`) in the fence language `language`;
    /// nil to draw it plain. The runs of a line join to the line's text exactly. With
    /// `lastLineOpen` (a block still streaming) the last line is still arriving: it is one
    /// plain run, highlighted once its newline comes.
    public func lines(of code: String, language: String, lastLineOpen: Bool = false) -> [[StyledRun]]? {
        state.withLock { $0.lines(of: code, language: language, lastLineOpen: lastLineOpen) }
    }

    struct State: ~Copyable {
        var bundled: String?
        /// Fence language → definition (nil: plain), resolved once.
        var definitions: [String: HighlightLanguage.Definition?] = [:]
        /// Loaded definitions (nil: failed to load, plain from then on).
        var languages: [HighlightLanguage.Definition: OpaquePointer?] = [:]
        var entries: [Entry] = []
        var clock: UInt64 = 0

        mutating func lines(of code: String, language name: String, lastLineOpen: Bool) -> [[StyledRun]]? {
            guard let definition = definition(name), let language = load(definition) else { return nil }
            clock += 1
            // A finished block's last line is finished too: as if a newline followed it.
            var text = lastLineOpen ? code : code + "\n"
            return text.withUTF8 { bytes in
                let finished = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
                var entry: Entry
                if let index = bestEntry(definition, bytes, finished: finished) {
                    entry = entries.remove(at: index)
                } else {
                    guard let session = HighlightSession(language: language) else { return nil }
                    entry = Entry(definition: definition, session: session)
                }
                entry.extend(with: bytes, through: finished)
                entry.lastUse = clock
                let result =
                    lastLineOpen
                    ? entry.lines + [HighlightSession.plain(UnsafeBufferPointer(rebasing: bytes[finished...]))]
                    : entry.lines
                entries.append(entry)
                evict()
                return result
            }
        }

        private mutating func definition(_ name: String) -> HighlightLanguage.Definition? {
            if let known = definitions[name] { return known }
            let found = HighlightLanguage.definition(
                for: name, bundled: bundled, dataDirectory: HighlightLanguage.dataDirectory)
            definitions[name] = found
            return found
        }

        private mutating func load(_ definition: HighlightLanguage.Definition) -> OpaquePointer? {
            if let known = languages[definition] { return known }
            let loaded = chl_language_load(definition.directory, definition.file, nil, 0)
            languages[definition] = loaded
            return loaded
        }

        /// The remembered block of this language whose finished lines begin `bytes` (within
        /// its first `finished` bytes), the one with most lines when several do.
        private func bestEntry(
            _ definition: HighlightLanguage.Definition, _ bytes: UnsafeBufferPointer<UInt8>, finished: Int
        ) -> Int? {
            var best: Int?
            for (index, entry) in entries.enumerated()
            where entry.definition == definition && entry.finished.count <= finished
                && entry.finished.count >= (best.map { entries[$0].finished.count } ?? 0)
            {
                let matches = entry.finished.withUnsafeBufferPointer { prefix in
                    prefix.isEmpty || memcmp(prefix.baseAddress!, bytes.baseAddress!, prefix.count) == 0
                }
                if matches { best = index }
            }
            return best
        }

        private mutating func evict() {
            var bytes = entries.reduce(0) { $0 + $1.finished.count }
            while entries.count > 1, entries.count > CodeHighlighter.maxEntries || bytes > CodeHighlighter.maxBytes {
                guard let oldest = entries.indices.min(by: { entries[$0].lastUse < entries[$1].lastUse }) else {
                    return
                }
                bytes -= entries[oldest].finished.count
                entries.remove(at: oldest)
            }
        }
    }

    /// A block seen before: its finished lines (up to its last newline), their runs, and the
    /// pass's state after them.
    struct Entry {
        let definition: HighlightLanguage.Definition
        let session: HighlightSession
        var finished: [UInt8] = []
        var lines: [[StyledRun]] = []
        var lastUse: UInt64 = 0

        init(definition: HighlightLanguage.Definition, session: HighlightSession) {
            self.definition = definition
            self.session = session
        }

        /// Highlights the lines of `bytes` after those already finished, up to `end` (just
        /// after a newline).
        mutating func extend(with bytes: UnsafeBufferPointer<UInt8>, through end: Int) {
            var start = finished.count
            while start < end {
                let newline = bytes[start..<end].firstIndex(of: UInt8(ascii: "\n")) ?? end
                lines.append(session.runs(UnsafeBufferPointer(rebasing: bytes[start..<newline])))
                start = newline + 1
            }
            finished.append(contentsOf: bytes[finished.count..<end])
        }
    }
}
