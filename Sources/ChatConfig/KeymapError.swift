/// Why a keymap file failed to load, and where: the file, the table (`[messages]`) and the entry
/// (`sibling_prev`). The description reads
/// `vim.toml: [messages] sibling_prev: cannot parse key "ctrl+"`.
public struct KeymapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Equatable, Sendable {
        /// The file is not valid TOML.
        case syntax(String)
        /// The file could not be read.
        case unreadable(String)
        /// The file holds nothing.
        case empty
        /// A table that is not a ``KeyContext``.
        case unknownContext
        /// A top-level key that is neither `name`, `inherits` nor a context table.
        case unknownSetting
        /// An entry that names no ``Command``.
        case unknownAction
        /// The command cannot be bound in this context (see ``Command/contexts``).
        case actionNotInContext([KeyContext])
        /// A key name that `Key(name:)` does not understand.
        case unparseableKey(String)
        /// A value that is neither a key name nor a list of key names.
        case invalidValue(String)
        /// The key is already bound to another command in the same context.
        case conflict(key: String, with: Command)
        /// A plain printable key in `[global]`, which would stop it being typed in the input box.
        case printableGlobalKey(String)
        /// No keymap of this name was found; the paths that were tried.
        case notFound(searched: [String])
        /// `inherits` leads back to a keymap already being loaded.
        case inheritanceCycle([String])
    }

    /// The file name or path (or the keymap name) the problem was found in.
    public var file: String
    /// The table, without brackets, when the problem is inside one.
    public var table: String?
    /// The entry, when the problem is one entry.
    public var entry: String?
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(file: String, table: String? = nil, entry: String? = nil, reason: Reason) {
        self.file = file
        self.table = table
        self.entry = entry
        self.reason = reason
    }

    /// `file: [table] entry: problem`.
    public var description: String {
        var location = file + ":"
        if let table { location += " [\(table)]" }
        if let entry { location += " \(entry):" }
        return location + " " + problem
    }

    private var problem: String {
        switch reason {
        case .syntax(let message): "invalid TOML: \(message)"
        case .unreadable(let message): "cannot read the file: \(message)"
        case .empty: "the file is empty; a keymap file binds keys or inherits a keymap"
        case .unknownContext:
            "unknown context; expected one of \(KeyContext.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownSetting: "unknown setting; expected name, inherits or a context table"
        case .unknownAction: "unknown action (see the help overlay, ?, for the action names)"
        case .actionNotInContext(let contexts):
            "this action cannot be bound here; it belongs to \(contexts.map(\.rawValue).joined(separator: ", "))"
        case .unparseableKey(let key): "cannot parse key \"\(key)\""
        case .invalidValue(let type): "expected a key name or a list of key names, found \(type)"
        case .conflict(let key, let other):
            "key \"\(key)\" is already bound to \(other.rawValue) in this context; unbind it there first"
        case .printableGlobalKey(let key):
            "key \"\(key)\" cannot be global: it would no longer type in the input box; bind it per context"
        case .notFound(let searched): "no such keymap; looked in \(searched.joined(separator: ", "))"
        case .inheritanceCycle(let chain): "inherits forms a cycle: \(chain.joined(separator: " → "))"
        }
    }
}
