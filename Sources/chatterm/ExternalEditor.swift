import CursesTerminal
import Foundation

/// The draft in `$VISUAL`/`$EDITOR` (then `vi`), run on the terminal with curses suspended.
@MainActor
enum ExternalEditor {
    /// Edits `text` in the editor; nil when the editor could not run or failed, so the draft
    /// is kept as it was. Never sends. Blocks the main actor (and so the run loop) until the
    /// editor exits: it has the terminal meanwhile.
    static func edit(_ text: String, on screen: CursesScreen) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "chatterm-draft-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).md")
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { return nil }
        defer { try? FileManager.default.removeItem(at: file) }
        screen.suspend()
        let status = runShell("\(editor) \(shellQuote(file.path))")
        screen.resume()
        guard status == 0, let data = FileManager.default.contents(atPath: file.path) else { return nil }
        var edited = String(decoding: data, as: UTF8.self)
        if edited.hasSuffix("\n") && !text.hasSuffix("\n") { edited.removeLast() }
        return edited
    }

    /// Runs a shell command on the terminal and waits; its exit status, or -1.
    private static func runShell(_ command: String) -> Int32 {
        var pid: pid_t = 0
        let args = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }

    private static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
