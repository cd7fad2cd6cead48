/// Why an engine could not answer, as the one line the server puts into the stream
/// (`The engine failed: <description>`). Never holds secrets.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The one-line message.
    public var description: String

    /// Creates an error with a one-line message.
    public init(_ description: String) {
        self.description = description
    }
}

/// A secret (an API key) that never shows in `print`, string interpolation, `dump` or a
/// debugger summary.
struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself, for the one place that must send it.
    let value: String

    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }
    var customMirror: Mirror { Mirror(self, children: []) }
}
