import ChatConfig
import TerminalCanvas

/// Pressing commands rather than keys: a test says what it does (`.regenerate` in the message
/// pane), and the key comes from the keymap the program runs with, so changing a default
/// binding does not break the test.
extension TmuxSession {
    /// Presses the key ``key(for:in:keymap:)`` finds for `command` in `context` (one input).
    /// - Throws: ``UnboundCommand`` when no key the terminal can send runs it there.
    public func press(_ command: Command, in context: KeyContext) throws {
        guard let key = Self.key(for: command, in: context, keymap: keymap), let name = TmuxKeyName.name(for: key)
        else { throw UnboundCommand(command: command, context: context, keymap: keymap.name) }
        try send(name)
    }

    /// The first key bound to `command` in `context` (then in ``KeyContext/global``) that runs it
    /// there (a context's own binding shadows a global one) and that tmux can send
    /// (``TmuxKeyName``); nil when there is none.
    public static func key(for command: Command, in context: KeyContext, keymap: Keymap) -> Key? {
        let global = context == .global ? [] : keymap.keys(for: command, in: .global)
        return (keymap.keys(for: command, in: context) + global).first { key in
            keymap.command(for: key, in: context) == command && TmuxKeyName.name(for: key) != nil
        }
    }
}

/// No key that tmux can send runs a command in a context of the keymap.
public struct UnboundCommand: Error, CustomStringConvertible {
    /// The command pressed.
    public var command: Command
    /// Where it was pressed.
    public var context: KeyContext
    /// The keymap's name.
    public var keymap: String
    /// A message naming all three.
    public var description: String {
        "no key tmux can send runs \(command.rawValue) in [\(context.rawValue)] of the keymap \(keymap)"
    }
}
