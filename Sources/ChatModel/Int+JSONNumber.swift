extension Int {
    /// A JSON number read as a count: cut toward zero like `Int(_:)`, but nil when it is not
    /// finite or does not fit in an Int, where `Int(_:)` traps (a server or file may send any
    /// number, `1e300` included).
    public init?(jsonNumber value: Double) {
        guard let whole = Int(exactly: value.rounded(.towardZero)) else { return nil }
        self = whole
    }
}
