import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ChildProcess {
    /// A pipe whose two ends are close-on-exec. Call it with ``spawnLock`` held: the flag is
    /// set after `pipe` (Swift cannot see `pipe2`), and the lock keeps our other spawns out
    /// of that window, so no other child of ours inherits the pipe and holds it open.
    static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw EngineError("cannot create a pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// `posix_spawn`s `arguments[0]` as the leader of a new process group, with default
    /// signal handling and an empty signal mask, and the three descriptors as its standard
    /// streams.
    static func spawn(
        _ arguments: [String], _ environment: [String: String], stdin: Int32, stdout: Int32, stderr: Int32
    ) throws -> pid_t {
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else {
            throw EngineError("cannot start \(arguments[0]): \(String(cString: strerror(rc)))")
        }
        return pid
    }

    /// Writes `input` to `stdin` (then closes it) while reading `stdout` and `stderr` until
    /// both are closed. Returns the last ``stderrTailBytes`` of standard error. Runs on the
    /// child's own thread, with SIGPIPE blocked there so a child that stops reading only
    /// makes `write` fail with EPIPE.
    static func pump(
        stdin: Int32, stdout: Int32, stderr: Int32, input: [UInt8], onOutput: @Sendable ([UInt8]) -> Void
    ) -> [UInt8] {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)

        var inFD = stdin
        var outFD = stdout
        var errFD = stderr
        var written = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var stderrTail: [UInt8] = []
        func closeInput() {
            close(inFD)
            inFD = -1
        }
        if input.isEmpty { closeInput() }
        while outFD >= 0 || errFD >= 0 {
            var fds: [pollfd] = []
            if inFD >= 0 { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
            if outFD >= 0 { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
            if errFD >= 0 { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == inFD {
                    let n = input.withUnsafeBytes { raw in
                        write(inFD, raw.baseAddress! + written, raw.count - written)
                    }
                    if n > 0 {
                        written += n
                        if written == input.count { closeInput() }
                    } else if n < 0, errno == EAGAIN || errno == EINTR {
                        continue
                    } else {
                        closeInput()  // EPIPE: the child does not read its input
                    }
                    continue
                }
                let n = read(entry.fd, &buffer, buffer.count)
                if n > 0 {
                    if entry.fd == outFD {
                        onOutput(Array(buffer[0..<n]))
                    } else {
                        stderrTail += buffer[0..<n]
                        if stderrTail.count > stderrTailBytes {
                            stderrTail.removeFirst(stderrTail.count - stderrTailBytes)
                        }
                    }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    if entry.fd == outFD { outFD = -1 } else { errFD = -1 }
                }
            }
        }
        if inFD >= 0 { closeInput() }
        for fd in [outFD, errFD] where fd >= 0 { close(fd) }
        return stderrTail
    }
}
