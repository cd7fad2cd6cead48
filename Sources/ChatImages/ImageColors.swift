/// The colours a preview is drawn in, as the terminal shows them (the same four steps as
/// CursesTerminal's `ColorDepth` and ChatConfig's `ColorSupport`).
public enum ImageColors: String, Sendable, Hashable, CaseIterable {
    /// No colour (`NO_COLOR`, or a terminal without): symbols in the default colours, shaded by
    /// how light each part of the image is.
    case monochrome
    /// The 16 ANSI colours: ``TerminalCanvas/Color/ansi(_:)``.
    case ansi16
    /// The xterm 256-colour palette: ``TerminalCanvas/Color/indexed(_:)``, from its 240 fixed
    /// colours (16–255) only, since the first 16 are whatever the terminal's theme makes them.
    case palette256
    /// 24-bit colour: ``TerminalCanvas/Color/rgb(_:_:_:)``.
    case truecolor
}
