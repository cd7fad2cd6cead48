import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Opens an address in the person's browser: the first usable command of `$BROWSER` (a
/// `:`-separated list, as `man` and `xdg-utils` read it; each entry's words are split at
/// spaces, `%s` stands for the address, else it is added as the last argument), then
/// `xdg-open` (`open` on macOS) found on `PATH`.
///
/// The program is started directly, never through a shell, with the address as one argument,
/// in a session of its own (so the terminal's signals do not reach it) with its input and
/// output on /dev/null (so it cannot draw over the screen); it is reaped in the background.
public struct LinkOpener: Sendable {
    /// What became of an address.
    public enum Outcome: Sendable, Hashable {
        /// The program (its name) was started with it.
        case opened(program: String)
        /// No `$BROWSER` entry and no `xdg-open` can run here.
        case noBrowser
        /// The program was found but could not be started, for this reason.
        case failed(program: String, reason: String)
    }

    /// The variables read: `BROWSER` and `PATH`.
    public var environment: [String: String]

    /// An opener for an environment.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The command line that opens `url`: the program's full path first; nil when nothing can.
    public func command(for url: String) -> [String]? {
        let browsers = (environment["BROWSER"] ?? "").split(separator: ":").map {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        for words in browsers where !words.isEmpty {
            guard let program = executable(words[0]) else { continue }
            let arguments = words.dropFirst()
            if arguments.contains(where: { $0.contains("%s") }) {
                return [program] + arguments.map { $0.replacingOccurrences(of: "%s", with: url) }
            }
            return [program] + arguments + [url]
        }
        #if os(macOS)
            let fallback = "open"
        #else
            let fallback = "xdg-open"
        #endif
        return executable(fallback).map { [$0, url] }
    }

    /// The command line that opens a file: the system's opener (`xdg-open`, `open` on macOS)
    /// found on `PATH`, never `$BROWSER`; nil when there is none.
    public func fileCommand(for path: String) -> [String]? {
        #if os(macOS)
            let opener = "open"
        #else
            let opener = "xdg-open"
        #endif
        return executable(opener).map { [$0, path] }
    }

    /// Starts the system's opener on the file at `path` without waiting for it.
    public func openFile(_ path: String) -> Outcome {
        guard let argv = fileCommand(for: path) else { return .noBrowser }
        return spawn(argv)
    }

    /// Starts the browser on `url` without waiting for it.
    public func open(_ url: String) -> Outcome {
        guard let argv = command(for: url) else { return .noBrowser }
        return spawn(argv)
    }

    /// Starts `argv` detached, its input and output on /dev/null, and reaps it in the background.
    private func spawn(_ argv: [String]) -> Outcome {
        let name = (argv[0] as NSString).lastPathComponent
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.newSession)
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, environ)
        guard result == 0 else { return .failed(program: name, reason: String(cString: strerror(result))) }
        let child = pid
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        }
        return .opened(program: name)
    }

    #if os(Linux)
        /// glibc's `POSIX_SPAWN_SETSID` (2.26 and later), a macro Swift's Glibc module leaves out.
        private static let newSession: Int16 = 0x80
    #else
        private static let newSession = Int16(POSIX_SPAWN_SETSID)
    #endif

    /// The full path of a program: as given when it holds a `/`, else found on `PATH`; nil
    /// when it is not an executable file.
    func executable(_ name: String) -> String? {
        let manager = FileManager.default
        func runnable(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && manager.isExecutableFile(atPath: path)
        }
        if name.contains("/") { return runnable(name) ? name : nil }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let path = String(folder) + "/" + name
            if runnable(path) { return path }
        }
        return nil
    }
}
