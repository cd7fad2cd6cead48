/// A starter prompt for an empty chat (`GET /backend-api/prompt_library/`).
public struct StarterPrompt: Sendable, Hashable {
    /// The short title shown.
    public var title: String
    /// The prompt it fills in.
    public var prompt: String

    /// Creates a starter prompt.
    public init(title: String, prompt: String) {
        self.title = title
        self.prompt = prompt
    }
}
