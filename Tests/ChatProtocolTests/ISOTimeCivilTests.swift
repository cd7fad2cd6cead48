import ChatProtocol
import Testing

@Suite struct ISOTimeCivilTests {
    @Test func civilDatesOfKnownDays() {
        #expect(ISOTime.civil(days: 0) == (1970, 1, 1))
        #expect(ISOTime.civil(days: 19_723) == (2024, 1, 1))
        #expect(ISOTime.civil(days: 19_782) == (2024, 2, 29))
        #expect(ISOTime.civil(days: -1) == (1969, 12, 31))
    }

    @Test func civilInvertsParsing() throws {
        for text in ["2023-04-06T12:05:36", "2000-02-29T00:00:00", "2026-11-25T23:59:59", "1999-12-31T00:00:00"] {
            let seconds = try #require(ISOTime.parse(text))
            let date = ISOTime.civil(days: Int((seconds / 86_400).rounded(.down)))
            let expected = text.prefix(10).split(separator: "-").compactMap { Int($0) }
            #expect([date.year, date.month, date.day] == expected, "\(text)")
        }
    }
}
