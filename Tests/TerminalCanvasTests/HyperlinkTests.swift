import Testing

@testable import TerminalCanvas

/// Link addresses made safe for an OSC 8 sequence and a browser's command line.
@Suite struct HyperlinkTests {
    @Test(arguments: [
        ("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"),
        ("HTTP://Example.com/", "http://Example.com/"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/\u{1b}]8;;evil\u{07}", "https://example.com/%1B]8;;evil%07"),
        ("https://example.com/\u{1b}\\x", "https://example.com/%1B%5Cx"),
        ("https://example.com/\u{9c}", "https://example.com/%C2%9C"),
        ("https://example.com/\r\nx", "https://example.com/%0D%0Ax"),
        ("https://例え.jp/パス", "https://%E4%BE%8B%E3%81%88.jp/%E3%83%91%E3%82%B9"),
        ("https://example.com/100%", "https://example.com/100%25"),
        ("https://example.com/%41%zz", "https://example.com/%41%25zz"),
        ("https://example.com/<\"{|}`^>", "https://example.com/%3C%22%7B%7C%7D%60%5E%3E"),
    ])
    func addressesAreEncodedToPrintableASCII(input: String, expected: String) throws {
        let link = try #require(Hyperlink(input))
        #expect(link.url == expected)
        #expect(link.url.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7f })
    }

    @Test(arguments: [
        "javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/", "data:text/html,x", "example.com",
        "https://", "https:///", "mailto:", "", "://x", " https://example.com",
    ])
    func otherSchemesAndEmptyAddressesAreRefused(input: String) {
        #expect(Hyperlink(input) == nil)
    }

    @Test func aTooLongAddressIsRefusedNotCut() {
        let path = String(repeating: "a", count: Hyperlink.maxLength - "https://x/".utf8.count)
        #expect(Hyperlink("https://x/" + path)?.url.utf8.count == Hyperlink.maxLength)
        #expect(Hyperlink("https://x/" + path + "a") == nil)
        // Encoding counts: 700 bytes of 'é' are 1,400 bytes, 4,200 once percent-encoded.
        #expect(Hyperlink("https://x/" + String(repeating: "é", count: 700)) == nil)
    }

    @Test func theSequencesOpenAndCloseWithStringTerminators() throws {
        let link = try #require(Hyperlink("https://example.com/"))
        #expect(link.opening == "\u{1b}]8;;https://example.com/\u{1b}\\")
        #expect(Hyperlink.closing == "\u{1b}]8;;\u{1b}\\")
    }
}
