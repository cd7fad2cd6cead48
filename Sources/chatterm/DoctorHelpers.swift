import ChatStore
import Foundation

/// The helper programs' lines of `chatterm doctor`: the editor Ctrl-G opens and the opener
/// links and files go to.
enum DoctorHelpers {
    static func checks(environment: [String: String]) -> [DoctorCheck] {
        [editor(environment: environment), browser(environment: environment), fileOpener(environment: environment)]
    }

    /// `$VISUAL`, then `$EDITOR`, then `vi`, as ``ExternalEditor`` picks it.
    static func editor(environment: [String: String]) -> DoctorCheck {
        let chosen = [("VISUAL", environment["VISUAL"]), ("EDITOR", environment["EDITOR"])].first {
            !($0.1 ?? "").isEmpty
        }
        let command = chosen?.1 ?? "vi"
        let origin = chosen.map { "from $\($0.0)" } ?? "neither $VISUAL nor $EDITOR is set"
        let program = command.split(separator: " ").first.map(String.init) ?? command
        if let path = find(program, environment: environment) {
            return DoctorCheck(
                section: "helpers", name: "editor", status: .ok,
                detail: "Ctrl-G opens \(command) (\(path), \(origin)).")
        }
        return DoctorCheck(
            section: "helpers", name: "editor", status: .problem,
            detail: "Ctrl-G would open \(command) (\(origin)), which is not found on PATH.",
            fix: "Set EDITOR to an editor you have, such as nano or vim.")
    }

    static func browser(environment: [String: String]) -> DoctorCheck {
        if let argv = LinkOpener(environment: environment).command(for: "https://example.org") {
            return DoctorCheck(
                section: "helpers", name: "links", status: .ok, detail: "Links open with \(argv[0]).")
        }
        return DoctorCheck(
            section: "helpers", name: "links", status: .note,
            detail: "No $BROWSER and no xdg-open, so a link cannot be opened; it is copied instead.",
            fix: "Set BROWSER (for example BROWSER=firefox), or install xdg-utils.")
    }

    static func fileOpener(environment: [String: String]) -> DoctorCheck {
        if let argv = LinkOpener(environment: environment).fileCommand(for: "/tmp/file") {
            return DoctorCheck(
                section: "helpers", name: "files", status: .ok, detail: "Attachments open with \(argv[0]).")
        }
        return DoctorCheck(
            section: "helpers", name: "files", status: .note,
            detail: "No xdg-open, so an attachment cannot be opened; its path is copied instead.",
            fix: "Install xdg-utils.")
    }

    /// The full path of `program` on PATH (or itself when it holds a slash and can run).
    static func find(_ program: String, environment: [String: String]) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(program)"
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }
}
