import ChatConfig
import ChatModel
import ChatStore
import Foundation
import TerminalCanvas

/// Key names for hints, read from the active keymap so a rebinding shows everywhere.
enum KeyHints {
    /// The first key bound to a command in a context, e.g. `Enter`; `—` when unbound.
    static func first(_ command: Command, _ context: KeyContext, _ keymap: Keymap) -> String {
        keymap.firstKey(for: command, in: context)?.description ?? "—"
    }

    /// The footer's (keys, label) pairs for what has the keys now: the current ``KeyTable``'s
    /// hints that apply, leaving out those whose command is disabled (``Availability``) or
    /// has no key.
    static func footer(_ state: AppState, _ keymap: Keymap) -> [(String, String)] {
        let table = KeyTable.current(state)
        return table.hints.compactMap { hint in
            guard applies(hint.condition, state) else { return nil }
            let commands = hint.commands
            if !commands.isEmpty, commands.allSatisfy({ Availability.disabledReason($0, in: state) != nil }) {
                return nil
            }
            return keys(hint.keys, table.context, keymap).map { ($0, hint.label) }
        }
    }

    /// The keys a hint names, or nil when none of them is bound.
    static func keys(_ keys: FooterHint.Keys, _ context: KeyContext, _ keymap: Keymap) -> String? {
        switch keys {
        case .command(let command):
            let key = first(command, context, keymap)
            return key == "—" ? nil : key
        case .pair(let a, let b):
            let pair = (first(a, context, keymap), first(b, context, keymap))
            return pair == ("—", "—") ? nil : pair.0 + " " + pair.1
        case .digits(let command):
            let digits = keymap.keys(for: command, in: context).compactMap(Command.codeBlockNumber(for:))
            guard let low = digits.min(), let high = digits.max() else { return nil }
            return low == high ? "\(low)" : "\(low)-\(high)"
        case .fixed(let key):
            return key
        }
    }

    private static func applies(_ condition: FooterHint.Condition, _ state: AppState) -> Bool {
        switch condition {
        case .always: true
        case .streaming: state.streams.values.contains { $0.openKey == state.open?.id }
        case .listingActive: !state.sidebar.showArchived
        case .listingArchived: state.sidebar.showArchived
        }
    }
}
