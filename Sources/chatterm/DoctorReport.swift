import Foundation

/// One line of `chatterm doctor`: what was checked, how it stands, and what to do about it.
struct DoctorCheck: Sendable, Hashable {
    /// How a check stands.
    enum Status: String, Sendable {
        /// It works (✔).
        case ok
        /// It is broken (✗): doctor exits 1.
        case problem
        /// It is missing, and chatterm works without it (–), such as pixels for images.
        case note

        var mark: String {
            switch self {
            case .ok: "✔"
            case .problem: "✗"
            case .note: "–"
            }
        }
    }

    /// The section it belongs to: `terminal`, `config`, `profile NAME`, `archive`, `helpers`.
    var section: String
    /// What was checked, in a word or two (`TERM`, `colours`, `token`).
    var name: String
    var status: Status
    /// What was found, as a sentence.
    var detail: String
    /// What to do, as a sentence; nil when there is nothing to do.
    var fix: String? = nil
}

/// Every check of a run, as text for a person or JSON for a bug report.
struct DoctorReport: Sendable {
    var checks: [DoctorCheck]

    /// Whether nothing is broken.
    var isHealthy: Bool { !checks.contains { $0.status == .problem } }

    /// Sections in order, each a heading and its lines (`✔ name: detail`, the fix under a ✗ or –).
    var text: String {
        var lines: [String] = []
        var section: String?
        for check in checks {
            if check.section != section {
                if section != nil { lines.append("") }
                section = check.section
                lines.append(check.section.prefix(1).uppercased() + check.section.dropFirst())
            }
            lines.append("  \(check.status.mark) \(check.name): \(check.detail)")
            if let fix = check.fix { lines.append("      fix: \(fix)") }
        }
        let problems = checks.filter { $0.status == .problem }.count
        lines.append("")
        lines.append(
            problems == 0
                ? "Nothing is broken."
                : "\(problems) \(problems == 1 ? "thing is" : "things are") broken (✗ above, each with its fix).")
        return lines.joined(separator: "\n")
    }

    /// `{"ok": Bool, "checks": [{"section", "name", "status", "detail", "fix"}]}`, keys sorted.
    var json: Data {
        let rows: [[String: Any]] = checks.map {
            [
                "section": $0.section, "name": $0.name, "status": $0.status.rawValue, "detail": $0.detail,
                "fix": $0.fix ?? NSNull(),
            ]
        }
        let object: [String: Any] = ["ok": isHealthy, "checks": rows]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data()
    }
}
