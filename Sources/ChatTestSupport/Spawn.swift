import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The result of a finished child process.
public struct ProcessResult: Sendable {
    /// The exit status (128+signal when killed).
    public var status: Int32
    /// Standard output.
    public var stdout: String
    /// Standard error.
    public var stderr: String
}

/// Runs programs with `posix_spawnp` and temp-file output: Foundation's `Process` and pipes
/// hang with tmux (SWIFT-NOTES pitfall 15), and every wait has a deadline (pitfall 17).
public enum Spawn {
    /// Runs `argv` with extra environment, stdin from /dev/null; kills it after `timeout` seconds.
    public static func run(
        _ argv: [String], environment: [String: String] = [:], timeout: Double = 30
    ) throws -> ProcessResult {
        let outPath = NSTemporaryDirectory() + "spawn-out-\(UUID().uuidString)"
        let errPath = NSTemporaryDirectory() + "spawn-err-\(UUID().uuidString)"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        let pid = try spawn(argv, environment: environment, stdout: outPath, stderr: errPath)
        let status = wait(pid: pid, timeout: timeout)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return ProcessResult(status: status, stdout: out, stderr: err)
    }

    /// Starts `argv` with extra environment, stdin from /dev/null and its output in the
    /// files `stdout` and `stderr`; returns its pid.
    static func spawn(_ argv: [String], environment: [String: String], stdout: String, stderr: String) throws
        -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let envStrings = env.map { "\($0.key)=\($0.value)" }
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnv: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        // Test threads block signals (Dispatch does); a child inherits that mask, and a tmux
        // server with SIGCHLD blocked never reaps its pane nor exits on kill-server. Start
        // children with an empty mask and default dispositions.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else { throw SpawnError(message: "cannot start \(argv[0]): error \(rc)") }
        return pid
    }

    /// Waits for a child with a deadline; kills it (SIGKILL) when the deadline passes.
    static func wait(pid: pid_t, timeout: Double) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r == -1 && errno != EINTR { return -1 }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return 137
            }
            usleep(2000)
        }
        let low = status & 0x7f
        if low == 0 { return (status >> 8) & 0xff }
        return 128 + low
    }

    /// The running children of a process, from /proc (Linux), oldest first.
    public static func children(of parent: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(parent)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let list = (try? String(contentsOfFile: "/proc/\(parent)/task/\(task)/children", encoding: .utf8)) ?? ""
            return list.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// Whether a program is on PATH.
    public static func isAvailable(_ program: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
        }
    }
}

extension Spawn {
    /// Starts `argv` in the background (stdin from /dev/null, output in temporary files):
    /// a server a test talks to. ``BackgroundProcess/stop()`` ends it.
    public static func start(_ argv: [String], environment: [String: String] = [:]) throws -> BackgroundProcess {
        let outPath = NSTemporaryDirectory() + "spawn-out-\(UUID().uuidString)"
        let errPath = NSTemporaryDirectory() + "spawn-err-\(UUID().uuidString)"
        let pid = try spawn(argv, environment: environment, stdout: outPath, stderr: errPath)
        return BackgroundProcess(pid: pid, stdoutPath: outPath, stderrPath: errPath)
    }
}

/// A child process started by ``Spawn/start(_:environment:)``.
public struct BackgroundProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t
    let stdoutPath: String
    let stderrPath: String

    /// Its standard output so far.
    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    /// Its standard error so far.
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits until a line of standard output starts with `prefix` and returns that line;
    /// throws when the process exits first or `timeout` passes.
    public func waitForLine(startingWith prefix: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let line = stdout.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix(prefix) }) {
                return String(line)
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw SpawnError(message: "the process ended before printing \(prefix): \(stderr)")
            }
            guard ContinuousClock.now < deadline else {
                throw SpawnError(message: "no line starting with \(prefix) after \(timeout): \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends the process (SIGTERM, then SIGKILL after 10 s), reaps it and removes its output files.
    public func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(10)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(2000)
        }
        unlink(stdoutPath)
        unlink(stderrPath)
    }
}

/// A program could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// Creates an error.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
