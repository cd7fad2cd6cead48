import ChatConfig
import ChatImages
import CursesTerminal
import Foundation
import TerminalCanvas

/// What `chatterm doctor` finds out about the terminal before judging it (``DoctorTerminal``).
struct TerminalFacts: Sendable {
    var environment: [String: String]
    /// Whether standard output is a terminal (else the checks describe `$TERM` only).
    var isTerminal: Bool
    /// Why the browser cannot draw on `$TERM` (``CursesScreen/unsupportedTerminalReason(environment:)``).
    var unsupportedReason: String?
    /// terminfo's `colors` for `$TERM` (`tput colors`), when it could be read.
    var colors: Int?
    /// The locale's character set is UTF-8.
    var localeIsUTF8: Bool
    /// `C.UTF-8` can be switched to (what the browser does when the locale is not UTF-8).
    var fallbackUTF8: Bool
    /// `hyperlinks` in config.toml.
    var hyperlinks: HyperlinkMode
    /// tmux's `set-clipboard` and `allow-passthrough`, inside tmux.
    var tmux: TmuxOptions?

    /// The two tmux options chatterm's copies and images depend on (nil: tmux did not say).
    struct TmuxOptions: Sendable {
        var setClipboard: String?
        var allowPassthrough: String?
    }

    /// Reads the facts from the running process.
    static func gather(environment: [String: String], hyperlinks: HyperlinkMode) -> TerminalFacts {
        let localeName = setlocale(LC_CTYPE, "")
        let isUTF8 = localeName != nil && String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        let fallback = setlocale(LC_CTYPE, "C.UTF-8") != nil
        var tmux: TmuxOptions?
        if !(environment["TMUX"] ?? "").isEmpty {
            tmux = TmuxOptions(
                setClipboard: DoctorProgram.output(["tmux", "show", "-gv", "set-clipboard"]),
                allowPassthrough: DoctorProgram.output(["tmux", "show", "-gv", "allow-passthrough"]))
        }
        let hasTerm = !(environment["TERM"] ?? "").isEmpty
        return TerminalFacts(
            environment: environment, isTerminal: isatty(STDOUT_FILENO) == 1,
            unsupportedReason: CursesScreen.unsupportedTerminalReason(environment: environment),
            colors: hasTerm ? DoctorProgram.output(["tput", "colors"]).flatMap { Int($0) } : nil,
            localeIsUTF8: isUTF8, fallbackUTF8: fallback, hyperlinks: hyperlinks, tmux: tmux)
    }
}

/// The terminal's lines of `chatterm doctor`: TERM, colours, locale, and whether copies (OSC 52),
/// links (OSC 8), images as pixels, bracketed paste and synchronized output are likely to work.
enum DoctorTerminal {
    static func checks(_ facts: TerminalFacts) -> [DoctorCheck] {
        let environment = facts.environment
        let term = environment["TERM"] ?? ""
        func check(_ name: String, _ status: DoctorCheck.Status, _ detail: String, fix: String? = nil) -> DoctorCheck {
            DoctorCheck(section: "terminal", name: name, status: status, detail: detail, fix: fix)
        }
        var checks: [DoctorCheck] = []
        if !facts.isTerminal {
            checks.append(
                check(
                    "output", .note,
                    "standard output is not a terminal, so the lines below describe $TERM and the environment only"))
        }
        if let why = facts.unsupportedReason {
            checks.append(
                check(
                    "TERM", .problem, why + ".",
                    fix: term.isEmpty
                        ? "Run chatterm in a terminal, or set TERM to its name (for example xterm-256color)."
                        : "Set TERM to a type this system knows (for example xterm-256color), or install ncurses-term.")
            )
        } else {
            checks.append(check("TERM", .ok, "\(term) is in this system's terminfo database."))
        }
        checks.append(colours(facts))
        if facts.localeIsUTF8 {
            checks.append(check("locale", .ok, "The locale's characters are UTF-8."))
        } else if facts.fallbackUTF8 {
            checks.append(
                check(
                    "locale", .note,
                    "The locale is not UTF-8; chatterm switches to C.UTF-8 for characters, but your editor may not.",
                    fix: "Set LANG=C.UTF-8 (or your language's UTF-8 locale, such as en_US.UTF-8)."))
        } else {
            checks.append(
                check(
                    "locale", .problem, "The locale is not UTF-8 and this system has no C.UTF-8 locale either.",
                    fix: "Install the locales package and set LANG to a UTF-8 locale, such as en_US.UTF-8."))
        }
        checks.append(clipboard(facts))
        if let tmux = facts.tmux { checks.append(passthrough(tmux)) }
        if HyperlinkSupport.isEnabled(facts.hyperlinks, environment: environment) {
            checks.append(check("links (OSC 8)", .ok, "Links are drawn as clickable hyperlinks."))
        } else {
            checks.append(
                check(
                    "links (OSC 8)", .note,
                    facts.hyperlinks == .never
                        ? "Hyperlinks are off (hyperlinks = \"never\" in config.toml); o lists a message's links."
                        : "This terminal is not known to take hyperlinks, so links are drawn as text; o lists them.",
                    fix: facts.hyperlinks == .never
                        ? nil : "If your terminal shows OSC 8 links, set hyperlinks = \"always\" in config.toml."))
        }
        switch GraphicsProtocol.choose(environment: environment) {
        case .kitty: checks.append(check("images", .ok, "Images are shown as pixels (kitty's graphics protocol)."))
        case .sixel: checks.append(check("images", .ok, "Images are shown as pixels (sixel)."))
        case .symbols:
            checks.append(
                check(
                    "images", .note,
                    facts.tmux != nil || term.hasPrefix("screen") || term.hasPrefix("tmux")
                        ? "Images are drawn as coloured symbols: inside tmux or screen chatterm never sends pixels."
                        : "Images are drawn as coloured symbols: this terminal is not known to show kitty or sixel graphics."
                ))
        }
        let console = term == "linux" || term.hasPrefix("linux-") || term == "dumb"
        checks.append(
            console
                ? check(
                    "bracketed paste", .note,
                    "The Linux console does not mark pastes, so a pasted line break sends the message.",
                    fix: "Paste with Alt-Enter between lines, or use a terminal emulator.")
                : check(
                    "bracketed paste", .ok,
                    "Pasted text is likely marked as a paste, so its line breaks stay in the input box."))
        checks.append(synchronizedOutput(facts))
        return checks
    }

    private static func colours(_ facts: TerminalFacts) -> DoctorCheck {
        let environment = facts.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return DoctorCheck(
                section: "terminal", name: "colours", status: .note,
                detail: "NO_COLOR is set, so nothing is coloured (bold, reverse and underline only).",
                fix: "Unset NO_COLOR to see the theme's colours.")
        }
        guard let colors = facts.colors else {
            return DoctorCheck(
                section: "terminal", name: "colours", status: .note,
                detail: "The number of colours could not be read from terminfo (tput colors).")
        }
        switch ColorDepth.detect(environment: environment, hasColors: colors >= 8, colors: colors) {
        case .truecolor:
            return DoctorCheck(
                section: "terminal", name: "colours", status: .ok,
                detail: "24-bit colour (COLORTERM=\(environment["COLORTERM"] ?? "")), drawn with \(colors) colours.")
        case .palette256:
            return DoctorCheck(section: "terminal", name: "colours", status: .ok, detail: "256 colours.")
        case .ansi16:
            return DoctorCheck(
                section: "terminal", name: "colours", status: .note, detail: "\(colors) colours only.",
                fix: "For the themes' full colours use a TERM with 256 colours, such as xterm-256color.")
        case .monochrome:
            return DoctorCheck(
                section: "terminal", name: "colours", status: .note,
                detail: "This terminal type has no colours, so chatterm draws with bold, reverse and underline.")
        }
    }

    private static func clipboard(_ facts: TerminalFacts) -> DoctorCheck {
        let environment = facts.environment
        if let tmux = facts.tmux {
            let clipboard = tmux.setClipboard ?? "unknown"
            if clipboard == "on" {
                return DoctorCheck(
                    section: "terminal", name: "copy (OSC 52)", status: .ok,
                    detail: "tmux takes copies and hands them on to the terminal (set-clipboard on).")
            }
            if ["on", "all"].contains(tmux.allowPassthrough ?? "") {
                return DoctorCheck(
                    section: "terminal", name: "copy (OSC 52)", status: .ok,
                    detail:
                        "Copies pass through tmux to the terminal (allow-passthrough \(tmux.allowPassthrough ?? "")).")
            }
            return DoctorCheck(
                section: "terminal", name: "copy (OSC 52)", status: .problem,
                detail: "tmux drops chatterm's copies (set-clipboard \(clipboard), allow-passthrough "
                    + "\(tmux.allowPassthrough ?? "unknown")), so y and 1–9 reach no clipboard.",
                fix: "Run tmux set -g set-clipboard on, and add set -g set-clipboard on to ~/.tmux.conf.")
        }
        let term = environment["TERM"] ?? ""
        if !(environment["STY"] ?? "").isEmpty || term.hasPrefix("screen") {
            return DoctorCheck(
                section: "terminal", name: "copy (OSC 52)", status: .note,
                detail: "GNU screen does not hand OSC 52 copies on, so y and 1–9 may reach no clipboard.",
                fix: "Use tmux with set-clipboard on, or run chatterm outside screen.")
        }
        if (environment["VTE_VERSION"] ?? "").isEmpty == false && environment["TERM_PROGRAM"] == nil {
            return DoctorCheck(
                section: "terminal", name: "copy (OSC 52)", status: .note,
                detail: "GNOME Terminal and other VTE terminals ignore OSC 52, so y and 1–9 reach no clipboard.",
                fix: "Use a terminal that takes OSC 52 (kitty, WezTerm, foot, Alacritty, xterm) to copy from chatterm.")
        }
        return DoctorCheck(
            section: "terminal", name: "copy (OSC 52)", status: .ok,
            detail: "Copies are sent as OSC 52, which most terminals put on the clipboard.")
    }

    private static func passthrough(_ tmux: TerminalFacts.TmuxOptions) -> DoctorCheck {
        let value = tmux.allowPassthrough ?? "unknown (tmux before 3.3 has no such option)"
        let on = ["on", "all"].contains(tmux.allowPassthrough ?? "")
        return DoctorCheck(
            section: "terminal", name: "tmux allow-passthrough", status: on ? .ok : .note,
            detail: on
                ? "allow-passthrough is \(value): copies also reach the outer terminal directly."
                : "allow-passthrough is \(value); chatterm needs it only when set-clipboard is off.",
            fix: nil)
    }

    /// DEC mode 2026: whole frames at once where the terminal is known to take it.
    private static func synchronizedOutput(_ facts: TerminalFacts) -> DoctorCheck {
        let environment = facts.environment
        let term = environment["TERM"] ?? ""
        let program = environment["TERM_PROGRAM"] ?? ""
        let known =
            ["xterm-kitty", "foot", "foot-extra", "alacritty", "wezterm", "xterm-ghostty", "contour"].contains(term)
            || ["WezTerm", "iTerm.app", "ghostty", "vscode", "tmux"].contains(program)
            || ["KITTY_WINDOW_ID", "WEZTERM_EXECUTABLE", "ALACRITTY_WINDOW_ID", "WT_SESSION"].contains {
                !(environment[$0] ?? "").isEmpty
            }
        return known
            ? DoctorCheck(
                section: "terminal", name: "synchronized output", status: .ok,
                detail: "This terminal is known to take synchronized output (DEC mode 2026), so redraws do not tear.")
            : DoctorCheck(
                section: "terminal", name: "synchronized output", status: .note,
                detail: "This terminal is not known to take synchronized output (DEC mode 2026); "
                    + "a large redraw may tear on a slow connection.")
    }
}

/// Runs a helper program for doctor (`tput`, `tmux`) and reads its first line of output.
enum DoctorProgram {
    /// The trimmed standard output of `argv` (looked up on PATH), or nil when it could not run
    /// or failed.
    static func output(_ argv: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
