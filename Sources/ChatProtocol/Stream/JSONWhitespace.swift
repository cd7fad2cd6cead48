extension String {
    /// The text without the spaces, tabs and line breaks JSON allows around a value.
    ///
    /// Stream decoders call this on every event, so it looks at bytes and uses no Foundation
    /// (`trimmingCharacters(in:)` bridges through `NSString`, which cost more than parsing a
    /// delta's JSON). The text itself is returned when there is nothing to trim, as an event's
    /// data usually has none.
    public func trimmingJSONWhitespace() -> String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, Self.isJSONWhitespace(bytes[start]) { bytes.formIndex(after: &start) }
        while start < end {
            let last = bytes.index(before: end)
            guard Self.isJSONWhitespace(bytes[last]) else { break }
            end = last
        }
        if start == bytes.startIndex && end == bytes.endIndex { return self }
        return String(self[start..<end])
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
