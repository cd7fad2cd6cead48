import ArgumentParser
import ChatConfig
import ChatModel
import ChatRender
import Foundation
import TerminalCanvas

/// `--color auto|always|never`, as git and ls spell it.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never

    /// Whether styles are written: `auto` on a terminal (and without `NO_COLOR`), `always`
    /// everywhere, `never` nowhere.
    var styles: Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: Output.stdoutIsTerminal
        }
    }
}

/// Rendered lines as terminal text: each run with SGR codes for its theme slot's colour (the
/// 256-colour palette; none with `NO_COLOR`) and attributes. The runs are already sanitised
/// (``MessageRender``), so only the codes written here reach the terminal.
struct StyledText {
    let theme: Theme
    let colours: Bool

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        colours = environment["NO_COLOR"].map(\.isEmpty) ?? true
        // Without colours, slots told apart by colour alone get attributes of their own.
        theme = Theme.builtinDark.reduced(to: colours ? .palette256 : .monochrome)
    }

    /// One line of runs with codes, reset at its end.
    func line(_ runs: [StyledRun]) -> String {
        var out = ""
        for run in runs {
            let style =
                run.slot.isEmpty ? Style(attributes: run.attributes) : theme.style(run.slot).adding(run.attributes)
            let codes = sgr(style)
            out += codes.isEmpty ? run.text : "\u{1b}[\(codes)m" + run.text + "\u{1b}[0m"
        }
        return out
    }

    /// A plain line (already sanitised) in one slot's style.
    func line(_ text: String, slot: String, extra: Attributes = []) -> String {
        line([StyledRun(text, slot: slot, attributes: extra)])
    }

    private func sgr(_ style: Style) -> String {
        var codes: [String] = []
        let a = style.attributes
        if a.contains(.bold) { codes.append("1") }
        if a.contains(.dim) { codes.append("2") }
        if a.contains(.italic) { codes.append("3") }
        if a.contains(.underline) { codes.append("4") }
        if a.contains(.reverse) { codes.append("7") }
        if colours {
            switch style.fg {
            case .ansi(let n): codes.append(n < 8 ? "\(30 + Int(n))" : "\(90 + Int(n) - 8)")
            case .indexed(let n): codes.append("38;5;\(n)")
            case .rgb(let r, let g, let b): codes.append("38;2;\(r);\(g);\(b)")
            default: break
            }
        }
        return codes.joined(separator: ";")
    }

    /// The terminal's width in columns (standard output's), else `$COLUMNS`, else 80.
    static var terminalWidth: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(0x5413), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
    }
}
