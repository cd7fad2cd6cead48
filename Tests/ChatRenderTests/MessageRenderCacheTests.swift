import Testing

@testable import ChatRender

/// Kept renders are the renders, are found again, and the least recently used go first.
struct MessageRenderCacheTests {
    static let texts = (1...6).map { "## Part \($0)\n\nSome **bold** text, `code` and a list:\n\n- one\n- two \($0)" }

    @Test func aKeptRenderIsTheRenderAndIsFoundAgain() {
        let cache = MessageRenderCache(limit: 1 << 20)
        let first = cache.render(Self.texts[0], width: 40)
        #expect(first.lines == MessageRender(Self.texts[0], width: 40).lines)
        #expect(cache.count == 1)
        #expect(cache.render(Self.texts[0], width: 40).lines == first.lines)
        #expect(cache.count == 1)
        // Another width is another render.
        #expect(cache.render(Self.texts[0], width: 20).lines == MessageRender(Self.texts[0], width: 20).lines)
        #expect(cache.count == 2)
    }

    @Test func theLeastRecentlyUsedGoFirstPastTheLimit() {
        let size = Self.texts[0].utf8.count
        let cache = MessageRenderCache(limit: size * 4)
        for text in Self.texts.prefix(4) { _ = cache.render(text, width: 30) }
        #expect(cache.count == 4)
        _ = cache.render(Self.texts[0], width: 30)  // used again: now the newest
        _ = cache.render(Self.texts[4], width: 30)  // past the limit: down to three quarters
        #expect(cache.count == 3)
        let before = cache.count
        _ = cache.render(Self.texts[0], width: 30)
        #expect(cache.count == before, "the text used last was dropped")
        _ = cache.render(Self.texts[1], width: 30)
        #expect(cache.count == before + 1, "the oldest text was kept")
    }

    @Test func aTextLongerThanTheLimitIsRenderedButNotKept() {
        let cache = MessageRenderCache(limit: 10)
        #expect(cache.render(Self.texts[0], width: 30).lines == MessageRender(Self.texts[0], width: 30).lines)
        #expect(cache.count == 0)
    }

    @Test func preparingRendersEveryMissingTextOnce() {
        let cache = MessageRenderCache(limit: 1 << 20)
        _ = cache.render(Self.texts[0], width: 50)
        cache.prepare(Self.texts + [Self.texts[2]], width: 50)
        #expect(cache.count == Self.texts.count)
        for text in Self.texts {
            #expect(cache.render(text, width: 50).lines == MessageRender(text, width: 50).lines)
        }
        #expect(cache.count == Self.texts.count)
    }
}
