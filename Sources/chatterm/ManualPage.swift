import ChatConfig
import Foundation
import TerminalCanvas

/// chatterm(1) in roff (man(7) macros): NAME, SYNOPSIS, DESCRIPTION and OPTIONS from the root
/// command, COMMANDS from each visible subcommand, KEYS from a keymap, then FILES, ENVIRONMENT,
/// EXIT STATUS and SEE ALSO, written here.
struct ManualPage {
    /// The root command of the dump-help JSON.
    var command: ManualCommandInfo
    /// The version the page names in its footer.
    var version: String
    /// `YYYY-MM-DD`.
    var date: String
    /// The keymap KEYS lists (the built-in default).
    var keymap: Keymap

    /// The page.
    var roff: String {
        var out: [String] = []
        out.append(#".TH CHATTERM 1 "\#(date)" "chatterm \#(version)" "User Commands""#)
        out.append(".SH NAME")
        out.append("chatterm \\- " + Self.escape(command.abstract ?? ""))
        out.append(".SH SYNOPSIS")
        out.append(".B chatterm")
        out.append("[\\fIoptions\\fR]")
        out.append(".br")
        out.append(".B chatterm")
        out.append("\\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]")
        out.append(".SH DESCRIPTION")
        out += Self.paragraphs(command.abstract)
        out += Self.paragraphs(command.discussion)
        let rootArguments = Self.visible(command.arguments)
        if !rootArguments.isEmpty {
            out.append(".SH OPTIONS")
            out += rootArguments.flatMap(Self.argument)
        }
        out.append(".SH COMMANDS")
        for subcommand in command.subcommands ?? [] {
            out += Self.command(subcommand, path: ["chatterm"])
        }
        out += keysSection
        out += Self.handWritten
        return out.joined(separator: "\n") + "\n"
    }

    /// KEYS: one subsection per context, each binding's keys and what its command does.
    var keysSection: [String] {
        var out = [
            ".SH KEYS",
            "The default keymap (\\fB\\-\\-keymap vim\\fR or \\fBemacs\\fR picks another; \\fB?\\fR in the browser "
                + "shows the active one).",
        ]
        for context in KeyContext.allCases {
            let bindings = keymap.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            out.append(".SS " + Self.quoted(context.title))
            for binding in bindings {
                out.append(".TP")
                let keys = binding.keys.map { "\\fB" + Self.escape($0.description) + "\\fR" }
                out.append(keys.joined(separator: ", "))
                out.append(Self.line(binding.command.summary))
            }
        }
        return out
    }

    // MARK: - Commands and arguments

    private static func command(_ command: ManualCommandInfo, path: [String]) -> [String] {
        guard command.shouldDisplay != false, command.commandName != "help" else { return [] }
        let path = path + [command.commandName]
        let arguments = visible(command.arguments)
        let positionals = arguments.filter { $0.kind == "positional" }
        var synopsis = "\\fB" + path.joined(separator: " ") + "\\fR"
        if arguments.contains(where: { $0.kind != "positional" }) { synopsis += " [\\fIoptions\\fR]" }
        for positional in positionals {
            var word = "\\fI" + escape(positional.valueName ?? "value") + "\\fR"
            if positional.isRepeating { word += " ..." }
            synopsis += " " + (positional.isOptional ? "[" + word + "]" : word)
        }
        var out = [".SS " + quoted(path.joined(separator: " ")), synopsis, ".PP"]
        out += paragraphs(command.abstract)
        out += paragraphs(command.discussion)
        out += arguments.flatMap(argument)
        for subcommand in command.subcommands ?? [] {
            out += self.command(subcommand, path: path)
        }
        return out
    }

    private static func visible(_ arguments: [ManualArgumentInfo]?) -> [ManualArgumentInfo] {
        (arguments ?? []).filter { $0.shouldDisplay }
    }

    private static func argument(_ argument: ManualArgumentInfo) -> [String] {
        var label: String
        if argument.kind == "positional" {
            label = "\\fI" + escape(argument.valueName ?? "value") + "\\fR"
        } else {
            let names = (argument.names ?? []).map { "\\fB" + escape($0.typed) + "\\fR" }
            label = names.joined(separator: ", ")
            if argument.kind == "option" { label += " \\fI" + escape(argument.valueName ?? "value") + "\\fR" }
        }
        if argument.isRepeating { label += " ..." }
        var text = argument.abstract ?? ""
        if let values = argument.allValues, !values.isEmpty, !text.contains(values[0]) {
            text += (text.isEmpty ? "" : " ") + "One of: " + values.joined(separator: ", ") + "."
        }
        if let value = argument.defaultValue, !value.isEmpty, argument.kind != "flag", !text.contains("default") {
            text += (text.isEmpty ? "" : " ") + "(default: " + value + ")"
        }
        var out = [".TP", label]
        out += text.isEmpty ? [] : [line(text)]
        if let discussion = argument.discussion, !discussion.isEmpty {
            out += [".IP"] + paragraphs(discussion).filter { $0 != ".PP" }
        }
        return out
    }

    // MARK: - Written by hand

    /// FILES, ENVIRONMENT, EXIT STATUS and SEE ALSO (see ChatConfig's `Paths`, `Profile`, the
    /// `NO_COLOR` readers, `ExternalEditor` and `LinkOpener`).
    static let handWritten: [String] = [
        ".SH FILES",
        ".TP", "\\fI$XDG_CONFIG_HOME/chatterm/config.toml\\fR (else \\fI~/.config/chatterm/config.toml\\fR)",
        "Profiles ([profiles.NAME] tables: kind, base_url, model, token_env or token_file, bot_id, user), "
            + "the default profile, and display settings.",
        ".TP", "\\fI$XDG_CONFIG_HOME/chatterm/keymap.toml\\fR",
        "Changes single key bindings of the keymap in use.",
        ".TP",
        "\\fI$XDG_CONFIG_HOME/chatterm/keymaps/NAME.toml\\fR, \\fI$XDG_CONFIG_HOME/chatterm/themes/NAME.toml\\fR",
        "Your own keymaps and themes, found by \\fB\\-\\-keymap NAME\\fR and \\fB\\-\\-theme NAME\\fR before the "
            + "bundled ones.",
        ".TP",
        "\\fIPREFIX/share/chatterm/Keymaps\\fR, \\fIPREFIX/share/chatterm/Themes\\fR, "
            + "\\fIPREFIX/share/chatterm/Highlight\\fR",
        "The bundled keymaps (default, vim, emacs), themes (dark, light, high-contrast) and the syntax "
            + "definitions source-highlight lacks, beside the installed binary (\\fIbin/../share/chatterm\\fR); "
            + "\\fB$CHATTERM_SHARE\\fR is looked in first.",
        ".TP", "\\fI$CHATTERM_HOME\\fR (else \\fI$XDG_DATA_HOME/chatterm\\fR, else \\fI~/.local/share/chatterm\\fR)",
        "The data folder (\\fB\\-\\-data\\-dir\\fR overrides it): \\fIchatterm.sqlite\\fR, the archive of every "
            + "conversation, draft and sync state; \\fIassets/\\fR, the attachments imported from exports, one file "
            + "per content named by its SHA-256; \\fIserver/server-token\\fR, the local server's bearer token (mode 0600).",
        ".TP", "\\fI$XDG_STATE_HOME/chatterm/chatterm.log\\fR (else \\fI~/.local/state/chatterm/chatterm.log\\fR)",
        "The log, when \\fBCHATTERM_LOG\\fR asks for one without \\fB\\-\\-log\\-file\\fR (mode 0600).",
        ".SH ENVIRONMENT",
        ".TP", "\\fBCHATTERM_HOME\\fR",
        "The data folder, instead of \\fI$XDG_DATA_HOME/chatterm\\fR.",
        ".TP", "\\fBCHATTERM_ACCESS_TOKEN\\fR",
        "The access token of a profile that names neither token_env nor token_file (a ChatGPT token, "
            + "a Dify or Coze API key). It is never printed.",
        ".TP", "\\fBCHATTERM_SESSION_COOKIE\\fR",
        "A ChatGPT session cookie, used to fetch an access token when a chatgpt profile has none.",
        ".TP", "\\fBCHATTERM_SHARE\\fR",
        "A folder holding Themes/, Keymaps/ and Highlight/, looked in before the installed ones.",
        ".TP", "\\fBXDG_CONFIG_HOME\\fR, \\fBXDG_DATA_HOME\\fR, \\fBXDG_STATE_HOME\\fR",
        "Where the configuration, data and log folders are (absolute paths only).",
        ".TP", "\\fBNO_COLOR\\fR",
        "When set and not empty, nothing is coloured: the browser draws with attributes only (bold, reverse, "
            + "underline), image previews are symbols alone, and printed output has no colour.",
        ".TP", "\\fBCHATTERM_LOG\\fR",
        "A level (trace, debug, info, notice, warning, error): write a log at that level, to "
            + "\\fB\\-\\-log\\-file\\fR or else \\fI$XDG_STATE_HOME/chatterm/chatterm.log\\fR (else "
            + "\\fI~/.local/state/chatterm/chatterm.log\\fR). Tokens, cookies and API keys are redacted.",
        ".TP", "\\fBTZ\\fR",
        "The time zone dates are shown in (the conversation list, \\fBls\\fR, \\fBshow\\fR); a new ChatGPT "
            + "conversation also tells the server this zone.",
        ".TP", "\\fBVISUAL\\fR, \\fBEDITOR\\fR",
        "The editor the input box opens on the draft (Ctrl-G or Ctrl-X); \\fBvi\\fR when both are unset. "
            + "It is run through /bin/sh, so it may carry arguments.",
        ".TP", "\\fBBROWSER\\fR",
        "A colon-separated list of programs to open links with (\\fB%s\\fR stands for the address); the "
            + "first one found on PATH is used, else \\fBxdg-open\\fR. Files are opened with \\fBxdg-open\\fR only.",
        ".TP", "\\fBTERM\\fR, \\fBCOLORTERM\\fR, \\fBLANG\\fR, \\fBLC_ALL\\fR",
        "The terminal's capabilities and colours, and the UTF-8 locale the browser needs "
            + "(\\fBchatterm doctor\\fR checks them).",
        ".SH EXIT STATUS",
        ".TP", "0", "Success.",
        ".TP", "1",
        "An error, said in one line on standard error; \\fBsend\\fR: the answer failed; \\fBdoctor\\fR: "
            + "something is broken.",
        ".TP", "2",
        "\\fBsend\\fR: the answer is incomplete (the partial answer is kept); \\fBsync\\fR: some conversations "
            + "could not be fetched.",
        ".TP", "64", "A command line chatterm does not understand (a usage error).",
        ".TP", "130",
        "Interrupted (Ctrl-C in \\fBsync\\fR); the browser exits with 128 plus the number of the signal that "
            + "ended it.",
        ".SH SEE ALSO",
        "\\fBtmux\\fR(1), \\fBxdg-open\\fR(1)",
    ]

    // MARK: - Roff text

    /// Text with roff's escape character and a leading control character made harmless.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
    }

    /// One line of running text, safe to start a roff line.
    static func line(_ text: String) -> String {
        let escaped = escape(text.replacingOccurrences(of: "\n", with: " "))
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }

    /// Paragraphs (separated by blank lines), each a `.PP` and one line.
    static func paragraphs(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.components(separatedBy: "\n\n").flatMap { paragraph -> [String] in
            let trimmed = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? [] : [".PP", line(trimmed)]
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + escape(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
    }
}
