extension AppAction {
    /// What the terminal reported, or did for the store (``TerminalServices``).
    public enum TerminalEvent: Sendable, Equatable {
        /// The browser started on a terminal of this size.
        case started(width: Int, height: Int)
        /// The terminal has a new size.
        case resized(width: Int, height: Int)
        /// Text pasted (bracketed paste) into the focused text field.
        case paste(String)
        /// The text `$EDITOR` saved (nil when the editor failed: the draft is kept).
        case editorFinished(String?)
        /// What became of a link chosen in the links window (opened, or copied instead).
        case linkHandled(url: String, LinkOpener.Outcome)
        /// A file was opened, or its path copied, and how.
        case fileHandled(path: String, LinkOpener.Outcome)
    }
}
