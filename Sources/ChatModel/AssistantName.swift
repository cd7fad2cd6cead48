/// What to call the author of an answer: ChatGPT for OpenAI's models, Assistant for any other
/// model (Dify, Coze, a local llama) or when the model is not known.
public enum AssistantName {
    /// `ChatGPT` or `Assistant`, from a model slug.
    public static func of(model: String?) -> String {
        guard let model, isOpenAIModel(model) else { return "Assistant" }
        return "ChatGPT"
    }

    /// Whether a model slug names one of ChatGPT's models (`gpt-4o`, `o3-mini`, `auto`, …).
    public static func isOpenAIModel(_ slug: String) -> Bool {
        let lower = slug.lowercased()
        if ["gpt-", "chatgpt", "text-davinci"].contains(where: lower.hasPrefix) || lower == "auto" { return true }
        // o1, o3-mini, o4-mini-high: an "o", digits, then the end or a dash.
        guard lower.hasPrefix("o") else { return false }
        let digits = lower.dropFirst().prefix { $0.isNumber }
        return !digits.isEmpty && (lower.count == digits.count + 1 || lower.dropFirst(digits.count + 1).hasPrefix("-"))
    }
}
