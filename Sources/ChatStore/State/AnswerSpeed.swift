/// How fast an answer came, in tokens a second, and whether the tokens were counted by the
/// service or estimated here (``ChatModel/TokenEstimate``).
public struct AnswerSpeed: Sendable, Hashable {
    /// Tokens a second.
    public var tokensPerSecond: Double
    /// Whether the token count is an estimate (the service reported none).
    public var isEstimate: Bool

    /// Creates a speed.
    public init(tokensPerSecond: Double, isEstimate: Bool = false) {
        self.tokensPerSecond = tokensPerSecond
        self.isEstimate = isEstimate
    }

    /// `38 tok/s` for a reported count, `≈38 tok/s` for an estimate.
    public var text: String {
        let rounded = tokensPerSecond.isFinite ? Int(min(max(tokensPerSecond, 0), 1e9).rounded()) : 0
        return (isEstimate ? "≈" : "") + "\(rounded) tok/s"
    }
}
