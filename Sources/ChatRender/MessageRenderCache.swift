import Dispatch
import Foundation
import Synchronization

/// Renders of whole message texts, kept so that laying a conversation out again — a sibling
/// switch, a new message while an answer streams, the server's copy replacing the streamed one,
/// reopening it — renders only the messages whose text or width changed. Least recently used
/// renders go first once the texts held pass ``limit`` bytes.
public final class MessageRenderCache: Sendable {
    /// The cache the message pane uses.
    public static let shared = MessageRenderCache(limit: 4 << 20)

    /// A text and a width, compared by the text's UTF-8 bytes: `String`'s own hashing and
    /// equality normalise Unicode first, which cost more than a whole render's lookup should.
    private struct Key: Hashable {
        let text: String
        let width: Int
        let digest: UInt64

        init(text: String, width: Int) {
            self.text = text
            self.width = width
            digest = Self.digest(text)
        }

        static func == (a: Key, b: Key) -> Bool {
            guard a.digest == b.digest, a.width == b.width, a.text.utf8.count == b.text.utf8.count else { return false }
            var (x, y) = (a.text, b.text)
            return x.withUTF8 { p in
                y.withUTF8 { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 }
            }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest)
            hasher.combine(width)
        }

        /// A 64-bit digest of the UTF-8 bytes: four lanes of eight bytes (an FNV-style multiply
        /// and a shift per word), joined at the end. Reopening a long conversation digests every
        /// answer two or three times; one lane (one word a step, each waiting on the last) was a
        /// twentieth of it, and the byte-at-a-time FNV-1a before that an eighth.
        static func digest(_ text: String) -> UInt64 {
            var text = text
            return text.withUTF8 { bytes in
                let prime: UInt64 = 0x100_0000_01b3
                var lanes: (UInt64, UInt64, UInt64, UInt64) = (
                    0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count), 0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f,
                    0x1656_67b1_9e37_79f9
                )
                guard let base = bytes.baseAddress else { return lanes.0 }
                let raw = UnsafeRawPointer(base)
                func mix(_ lane: inout UInt64, _ offset: Int) {
                    lane = (lane ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
                    lane ^= lane >> 29
                }
                var i = 0
                while i + 32 <= bytes.count {
                    mix(&lanes.0, i)
                    mix(&lanes.1, i + 8)
                    mix(&lanes.2, i + 16)
                    mix(&lanes.3, i + 24)
                    i += 32
                }
                var hash = ((((lanes.0 &* prime) ^ lanes.1) &* prime ^ lanes.2) &* prime) ^ lanes.3
                while i + 8 <= bytes.count {
                    mix(&hash, i)
                    i += 8
                }
                while i < bytes.count {
                    hash = (hash ^ UInt64(bytes[i])) &* prime
                    i += 1
                }
                return hash
            }
        }
    }

    private struct Entry {
        var render: MessageRender
        var used: UInt64
    }

    private struct Entries {
        var renders: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    /// How many bytes of message text the cache keeps renders of.
    public let limit: Int
    private let entries = Mutex(Entries())

    /// A cache keeping renders of up to `limit` bytes of text.
    public init(limit: Int) {
        self.limit = limit
    }

    /// `text` rendered `width` columns wide: the kept render, or a new one (then kept).
    public func render(_ text: String, width: Int) -> MessageRender {
        let key = Key(text: text, width: width)
        if let kept = lookUp(key) { return kept }
        let render = MessageRender(text, width: width)
        keep(render, as: key)
        return render
    }

    /// Renders the texts not kept yet, on every core at once, so that a conversation opened
    /// for the first time waits for its longest share instead of for every message in turn.
    public func prepare(_ texts: [String], width: Int) {
        let missing = Array(Set(texts.filter { lookUp(Key(text: $0, width: width)) == nil }))
        guard missing.count > 1 else {
            for text in missing { _ = render(text, width: width) }
            return
        }
        let renders = Mutex([MessageRender?](repeating: nil, count: missing.count))
        DispatchQueue.concurrentPerform(iterations: missing.count) { i in
            let render = MessageRender(missing[i], width: width)
            renders.withLock { $0[i] = render }
        }
        let done = renders.withLock { $0 }
        for (text, render) in zip(missing, done) {
            if let render { keep(render, as: Key(text: text, width: width)) }
        }
    }

    /// Whether a render of `text` at `width` is kept (without counting as a use).
    public func contains(_ text: String, width: Int) -> Bool {
        let key = Key(text: text, width: width)
        return entries.withLock { $0.renders[key] != nil }
    }

    /// How many renders are kept.
    public var count: Int { entries.withLock { $0.renders.count } }

    private func lookUp(_ key: Key) -> MessageRender? {
        entries.withLock { entries in
            guard var entry = entries.renders[key] else { return nil }
            entries.clock += 1
            entry.used = entries.clock
            entries.renders[key] = entry
            return entry.render
        }
    }

    private func keep(_ render: MessageRender, as key: Key) {
        let size = key.text.utf8.count
        guard size <= limit else { return }
        entries.withLock { entries in
            entries.clock += 1
            if entries.renders.updateValue(Entry(render: render, used: entries.clock), forKey: key) == nil {
                entries.bytes += size
            }
            guard entries.bytes > limit else { return }
            // Drop the least recently used down to three quarters of the limit, in one pass.
            for (old, _) in entries.renders.sorted(by: { $0.value.used < $1.value.used }) {
                guard entries.bytes > limit * 3 / 4 else { break }
                entries.renders[old] = nil
                entries.bytes -= old.text.utf8.count
            }
        }
    }
}
