extension AppAction {
    /// A choice of the user's that no keymap names: the key router makes these from keys that
    /// are text, answers and numbers, the mouse router from clicks and wheel turns, and the run
    /// loop from the command line.
    public enum UserIntent: Sendable, Equatable {
        /// Text typed into the focused text field (a plain character).
        case type(String)
        /// The answer to the open question ("Quit chatterm?", "Delete …?").
        case confirm(Bool)
        /// A digit on an empty new chat: the n-th starter prompt fills the input box.
        case pickStarter(Int)
        /// Alt+digit on an answer with follow-up suggestions: the n-th fills the input box.
        case pickFollowUp(Int)
        /// Opens a conversation, on the branch holding `focusNode` when one is given.
        case open(id: String, focusNode: String?)
        /// Moves the keys to a pane.
        case focus(Focus)
        /// A click on the sidebar's row `row` (headings counted): the sidebar takes the keys
        /// and the row is selected (a heading selects nothing).
        case selectRow(Int)
        /// A click on message `turn` of the open branch: the pane takes the keys and the
        /// message is selected where it is, without scrolling.
        case selectMessage(Int)
        /// A wheel turn over a pane: it scrolls `lines` lines (up when negative); the keys stay
        /// where they are.
        case scroll(Focus, lines: Int)
    }
}
