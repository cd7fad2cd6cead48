/// Every way a value shows itself in a log or a crash report: `description`, `debugDescription`
/// and `dump`, joined, for a test that a secret it holds shows in none of them.
public func everyDescription(of value: Any) -> String {
    var dumped = ""
    dump(value, to: &dumped)
    return ["\(value)", String(reflecting: value), dumped].joined(separator: "\n")
}
