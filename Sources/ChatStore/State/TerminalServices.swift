/// What the store asks of the terminal it runs in: the clipboard, a browser, an editor. The
/// run loop provides them (Sources/chatterm/TUIApp.swift); tests fake them. The store runs
/// them one after another, and ``Store/send(_:)`` returns once they are done, so the keys
/// after one act on what it left (the editor's text is in the input box).
public struct TerminalServices: Sendable {
    /// Puts text on the clipboard (OSC 52).
    public var copy: @Sendable (String) async -> Void
    /// Opens an address in a browser (``LinkOpener``), or says why it could not.
    public var openLink: @Sendable (String) async -> LinkOpener.Outcome
    /// Edits a draft in `$EDITOR` with the screen suspended: the text saved, or nil when the
    /// editor could not run or failed.
    public var editText: @Sendable (String) async -> String?
    /// Opens a file with the system's opener (``LinkOpener/openFile(_:)``), or says why not.
    public var openFile: @Sendable (String) async -> LinkOpener.Outcome

    /// Services made of these closures (no file opener by default).
    public init(
        copy: @escaping @Sendable (String) async -> Void,
        openLink: @escaping @Sendable (String) async -> LinkOpener.Outcome,
        editText: @escaping @Sendable (String) async -> String?,
        openFile: @escaping @Sendable (String) async -> LinkOpener.Outcome = { _ in .noBrowser }
    ) {
        self.copy = copy
        self.openLink = openLink
        self.editText = editText
        self.openFile = openFile
    }

    /// No terminal: a copy goes nowhere, no browser runs, and the editor fails.
    public static let none = TerminalServices(copy: { _ in }, openLink: { _ in .noBrowser }, editText: { _ in nil })
}
