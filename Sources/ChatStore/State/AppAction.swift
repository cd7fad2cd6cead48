import ChatConfig

/// What happened, grouped by where it came from: a key's command, another choice of the
/// user's, the terminal, data read for the screen, an answer's stream, the backend, the drafts
/// on disk, or a failure. ``Reducer`` switches over every group, and over ``Command``, with no
/// `default`, so a case nothing handles does not compile.
public enum AppAction: Sendable, Equatable {
    /// A key's command, with what the key adds to it (the digit of `copy_code_block`).
    case command(Command, CommandArgument? = nil)
    /// A choice of the user's that is not a keymap command: a typed character, a prompt's
    /// answer, a numbered suggestion.
    case user(UserIntent)
    /// Something the terminal reported, or did for the store.
    case terminal(TerminalEvent)
    /// Data read for the screen: from the archive, or the backend's lists.
    case loaded(Loaded)
    /// News of the answer stream `id`.
    case stream(id: String, StreamUpdate)
    /// The backend did what an effect asked of it.
    case backend(BackendResult)
    /// The drafts held in memory reached the disk, or did not.
    case drafts(DraftSaving)
    /// An effect failed; the words say why (shown in the status line).
    case failed(String)
}

/// What a key adds to its command.
public enum CommandArgument: Sendable, Hashable {
    /// The key's digit: the block number of `copy_code_block` (1–9).
    case digit(Int)
}
