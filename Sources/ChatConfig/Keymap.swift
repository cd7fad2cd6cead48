import TerminalCanvas

/// Which keys run which ``Command`` in each ``KeyContext``: data, so the help overlay, the footer
/// and the tests all read the same table.
///
/// A key is looked up in the focused context first and then in ``KeyContext/global``, so a context
/// may shadow a global key (`ctrl+u` is `half_page_up` in the message pane and `input_kill_line` in
/// the input box). Within one context a key runs at most one command.
public struct Keymap: Sendable, Equatable {
    /// The keymap's name (`default`, `vim`, `emacs`, or the file's `name`).
    public var name: String
    /// Context → command → keys, the first key being the one shown in hints. Commands without keys
    /// are absent.
    public private(set) var table: [KeyContext: [Command: [Key]]]

    /// Creates a keymap from a table, checking it as a file would be checked.
    /// - Throws: ``KeymapError`` for a command bound outside its contexts, a conflict, or a
    ///   printable key in `global`; `file` is the keymap's name.
    public init(name: String, table: [KeyContext: [Command: [Key]]]) throws {
        self.name = name
        self.table = [:]
        for (context, commands) in table {
            for (command, keys) in commands {
                guard command.contexts.contains(context) else {
                    throw KeymapError(
                        file: name, table: context.rawValue, entry: command.rawValue,
                        reason: .actionNotInContext(command.contexts))
                }
                setKeys(keys, for: command, in: context)
            }
        }
        try validate(file: name, changed: [])
    }

    /// The command a key runs in a context: the context's own binding, else the global one.
    public func command(for key: Key, in context: KeyContext) -> Command? {
        if let found = lookup(key, in: context) { return found }
        return context == .global ? nil : lookup(key, in: .global)
    }

    /// The keys bound to a command in a context itself (without the global table), first key first.
    public func keys(for command: Command, in context: KeyContext) -> [Key] {
        table[context]?[command] ?? []
    }

    /// The first key that runs a command in a context: the context's own, else a global one;
    /// nil when nothing runs it there.
    public func firstKey(for command: Command, in context: KeyContext) -> Key? {
        keys(for: command, in: context).first ?? keys(for: command, in: .global).first
    }

    /// The commands bound in a context, in ``Command`` order, with their keys: the rows of the help
    /// overlay and the footer hints. Global bindings are listed under ``KeyContext/global`` only.
    public func bindings(in context: KeyContext) -> [(command: Command, keys: [Key])] {
        guard let commands = table[context] else { return [] }
        return Command.allCases.compactMap { command in
            commands[command].map { (command: command, keys: $0) }
        }
    }

    /// Replaces a command's keys in a context; an empty list unbinds it. Does not check conflicts.
    mutating func setKeys(_ keys: [Key], for command: Command, in context: KeyContext) {
        var unique: [Key] = []
        for key in keys where !unique.contains(key) { unique.append(key) }
        table[context, default: [:]][command] = unique.isEmpty ? nil : unique
        if table[context]?.isEmpty == true { table[context] = nil }
    }

    private func lookup(_ key: Key, in context: KeyContext) -> Command? {
        guard let commands = table[context] else { return nil }
        return Command.allCases.first { commands[$0]?.contains(key) == true }
    }

    /// Checks that no key runs two commands in one context and that `global` holds no printable key.
    /// A problem is reported at an entry in `changed` when one is involved, so a patch file is blamed
    /// for the conflict it introduces rather than the default it collides with.
    func validate(file: String, changed: Set<Binding>) throws {
        for context in KeyContext.allCases {
            var owner: [Key: Command] = [:]
            // Unchanged bindings claim their keys first, so the changed one is blamed.
            let all = bindings(in: context)
            let isChanged = { (row: (command: Command, keys: [Key])) in changed.contains(Binding(context, row.command))
            }
            let rows = all.filter { !isChanged($0) } + all.filter(isChanged)
            for (command, keys) in rows {
                for key in keys {
                    if context == .global, Self.isPrintable(key) {
                        throw KeymapError(
                            file: file, table: context.rawValue, entry: command.rawValue,
                            reason: .printableGlobalKey(key.description))
                    }
                    if let other = owner[key], other != command {
                        throw KeymapError(
                            file: file, table: context.rawValue, entry: command.rawValue,
                            reason: .conflict(key: key.description, with: other))
                    }
                    owner[key] = command
                }
            }
        }
    }

    /// A key that types a character when no modifier but Shift is held.
    static func isPrintable(_ key: Key) -> Bool {
        guard case .char = key.code else { return false }
        return key.modifiers.isDisjoint(with: [.ctrl, .alt])
    }

    /// One command in one context: the unit a keymap file sets.
    struct Binding: Hashable {
        var context: KeyContext
        var command: Command
        init(_ context: KeyContext, _ command: Command) {
            self.context = context
            self.command = command
        }
    }
}
