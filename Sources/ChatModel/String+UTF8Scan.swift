extension String {
    /// Whether any UTF-8 byte of the string passes `test`: a tight loop over contiguous bytes,
    /// several times faster than iterating `utf8` (a prefilter before a scan by scalars).
    @inlinable
    public func containsUTF8Byte(where test: (UInt8) -> Bool) -> Bool {
        var text = self
        return text.withUTF8 { $0.contains(where: test) }
    }
}
