/// The role of a message's author. Unknown roles are kept by name.
public enum Role: Sendable, Hashable, CustomStringConvertible {
    case system
    case user
    case assistant
    case tool
    case other(String)

    /// Parses a wire role name.
    public init(_ name: String) {
        switch name {
        case "system": self = .system
        case "user": self = .user
        case "assistant": self = .assistant
        case "tool": self = .tool
        default: self = .other(name)
        }
    }

    /// The wire name.
    public var description: String {
        switch self {
        case .system: "system"
        case .user: "user"
        case .assistant: "assistant"
        case .tool: "tool"
        case .other(let name): name
        }
    }
}

/// Who wrote a message: a role and, for tools, a name such as `python` or `browser`.
public struct Author: Sendable, Hashable {
    /// The author's role.
    public var role: Role
    /// The tool or plugin name, if any.
    public var name: String?

    /// Creates an author.
    public init(role: Role, name: String? = nil) {
        self.role = role
        self.name = name
    }
}
