/// A model a backend offers, as `GET /backend-api/models` lists it: what a client's model
/// picker shows and what a server's engine answers as.
public struct ModelInfo: Sendable, Hashable {
    /// The slug sent back as `model`.
    public var slug: String
    /// The name to show.
    public var title: String
    /// One line about it.
    public var description: String
    /// Tags (the offline engine's model is tagged `offline`); empty when the service names none.
    public var tags: [String]
    /// The context size, when the service tells it.
    public var maxTokens: Int?

    /// Creates a model description.
    public init(slug: String, title: String, description: String = "", tags: [String] = [], maxTokens: Int? = nil) {
        self.slug = slug
        self.title = title
        self.description = description
        self.tags = tags
        self.maxTokens = maxTokens
    }
}
