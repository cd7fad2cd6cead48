import Foundation
import TerminalCanvas

/// Where the command-line tools write, and how text that came from a server or a file is made
/// safe on the way. Every line a person reads goes through here:
///
/// - to a terminal, through ``TextSanitizer/clean(_:tabWidth:)``, the sanitiser the TUI and
///   `send` use: no escape sequence, control character or bidi override reaches the screen;
/// - to a pipe or a file, with control characters escaped visibly
///   (``TextSanitizer/escapeVisibly(_:)``), so `cat` of the output later is safe too;
/// - JSON with the characters JSON may carry raw but a terminal acts on written as `\u`
///   escapes (``TextSanitizer/escapingInJSON(_:)``): the same JSON value, safe anywhere.
enum Output {
    /// Whether standard output is a terminal.
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    /// Whether standard error is a terminal.
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Human-readable `text` made safe for a terminal (`toTerminal`) or for a pipe or file.
    static func safe(_ text: String, toTerminal: Bool) -> String {
        toTerminal ? TextSanitizer.clean(text) : TextSanitizer.escapeVisibly(text)
    }

    /// Writes human-readable text to standard output as it is, made safe.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(safe(text, toTerminal: stdoutIsTerminal).utf8))
    }

    /// Writes JSON to standard output (and a newline), with unsafe characters escaped.
    static func writeJSON(_ data: Data) {
        let text = TextSanitizer.escapingInJSON(String(decoding: data, as: UTF8.self))
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes text that is not for reading on a screen (an answer sent to a pipe) as it is.
    static func writeVerbatim(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Writes a line of human-readable text to standard output, made safe (see ``Output``).
func say(_ text: String) {
    Output.write(text + "\n")
}

/// Writes a line to standard error, made safe like ``say(_:)``: errors and warnings quote
/// titles, ids and server messages.
func warn(_ text: String) {
    let safe = Output.safe(text + "\n", toTerminal: Output.stderrIsTerminal)
    FileHandle.standardError.write(Data(safe.utf8))
}
