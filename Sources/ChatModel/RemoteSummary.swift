/// A conversation as the list endpoint describes it (no mapping).
public struct RemoteSummary: Sendable, Hashable {
    /// The id.
    public var id: String
    /// The title, if any.
    public var title: String?
    /// Seconds since 1970.
    public var createTime: Double?
    /// Seconds since 1970.
    public var updateTime: Double?
    /// Whether it is archived.
    public var isArchived: Bool

    /// Creates a summary.
    public init(id: String, title: String?, createTime: Double?, updateTime: Double?, isArchived: Bool) {
        self.id = id
        self.title = title
        self.createTime = createTime
        self.updateTime = updateTime
        self.isArchived = isArchived
    }
}
