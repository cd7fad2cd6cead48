import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Spawn {
    /// Runs `argv` with its standard output on a pseudo-terminal, as when a person runs it in
    /// a terminal (`isatty(1)` is true), and returns the bytes it wrote there as text (the
    /// terminal turns `\n` into `\r\n`); standard error goes to a file (or, with
    /// `stderrToo`, to the same terminal, and so into `stdout`); stdin is /dev/null.
    public static func runInTerminal(
        _ argv: [String], environment: [String: String] = [:], stderrToo: Bool = false, timeout: Double = 30
    ) throws -> ProcessResult {
        // posix_openpt and friends need _XOPEN_SOURCE, which Swift's Glibc module lacks: the
        // Linux ioctls they wrap (TIOCSPTLCK unlocks the pair, TIOCGPTN names its other end).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: CInt = 0
        var number: CInt = 0
        guard master >= 0, ioctl(master, UInt(0x4004_5431), &unlock) == 0,
            ioctl(master, UInt(0x8004_5430), &number) == 0
        else { throw SpawnError(message: "no pseudo-terminal: error \(errno)") }
        defer { close(master) }
        let slavePath = "/dev/pts/\(number)"
        let errPath = NSTemporaryDirectory() + "spawn-err-\(UUID().uuidString)"
        defer { unlink(errPath) }
        let pid = try spawn(argv, environment: environment, stdout: slavePath, stderr: stderrToo ? slavePath : errPath)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = -1
        var exited = false
        while true {
            // Drain what is there (the child blocks when the terminal's buffer is full).
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 10) > 0, poller.revents & Int16(POLLIN) != 0 {
                let n = read(master, &buffer, buffer.count)
                if n > 0 {
                    output += buffer[0..<n]
                    continue
                }
            }
            if exited { break }
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid {
                exited = true
                status = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
                continue  // one more drain
            }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &raw, 0)
                status = 137
                break
            }
        }
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return ProcessResult(status: status, stdout: String(decoding: output, as: UTF8.self), stderr: err)
    }
}
