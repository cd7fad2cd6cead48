import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process in a process group of its own, with its standard input fed from memory
/// and its standard output and error read on a dedicated thread (never on the cooperative
/// pool), through `poll`, so a child that writes before it reads cannot deadlock us.
///
/// Started with `posix_spawn` (not Foundation `Process`, see SWIFT-NOTES §6.15); the pipes
/// are close-on-exec so no other child of ours inherits them. ``terminate(grace:)`` signals the
/// whole group: SIGTERM, then SIGKILL when it is still running after `grace`.
final class ChildProcess: Sendable {
    /// How a child ended.
    enum Termination: Sendable, Hashable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal killed it.
        case signaled(Int32)

        init(waitStatus status: Int32) {
            self = status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signaled(status & 0x7F)
        }
    }

    private struct State {
        var terminated = false
        var finished = false
    }

    /// The child's process id, which is also its process group id.
    let pid: pid_t
    private let state = Mutex(State())

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Held while pipes are made and a child is spawned (see ``makePipe()``).
    static let spawnLock = Mutex(())

    /// The most of standard error kept for ``start(arguments:environment:input:onOutput:onExit:)``'s `onExit`.
    static let stderrTailBytes = 8192

    /// Starts `arguments[0]` (an absolute path) with `arguments`, `environment` and `input`
    /// on its standard input. `onOutput` receives standard output as it arrives; `onExit`
    /// receives how the child ended and the last bytes of its standard error, once both
    /// outputs are closed and the child is reaped. Both run on the child's I/O thread.
    static func start(
        arguments: [String], environment: [String: String], input: [UInt8],
        onOutput: @escaping @Sendable ([UInt8]) -> Void,
        onExit: @escaping @Sendable (Termination, _ stderrTail: [UInt8]) -> Void
    ) throws -> ChildProcess {
        let (pid, stdin, stdout, stderr) = try spawnLock.withLock { _ in
            var pipes: [(read: Int32, write: Int32)] = []
            do {
                for _ in 0..<3 { pipes.append(try makePipe()) }
                let pid = try spawn(
                    arguments, environment, stdin: pipes[0].read, stdout: pipes[1].write, stderr: pipes[2].write)
                for fd in [pipes[0].read, pipes[1].write, pipes[2].write] { close(fd) }
                return (pid, pipes[0].write, pipes[1].read, pipes[2].read)
            } catch {
                for pipe in pipes {
                    close(pipe.read)
                    close(pipe.write)
                }
                throw error
            }
        }
        _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK)
        let child = ChildProcess(pid: pid)
        let thread = Thread {
            let stderrTail = pump(stdin: stdin, stdout: stdout, stderr: stderr, input: input, onOutput: onOutput)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            child.state.withLock { $0.finished = true }
            onExit(Termination(waitStatus: status), stderrTail)
        }
        thread.name = "chatterm-child-\(pid)"
        thread.start()
        return child
    }

    /// Stops the child's process group: SIGTERM now, SIGKILL after `grace` unless the child
    /// has been reaped by then. Does nothing once the child has ended or is being stopped.
    func terminate(grace: Duration) {
        let signal = state.withLock { state -> Bool in
            guard !state.finished, !state.terminated else { return false }
            state.terminated = true
            return true
        }
        guard signal else { return }
        kill(-pid, SIGTERM)
        let (seconds, attoseconds) = grace.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
            if !state.withLock({ $0.finished }) { kill(-pid, SIGKILL) }
        }
    }

    /// Whether ``terminate(grace:)`` was called before the child ended on its own.
    var wasTerminated: Bool { state.withLock { $0.terminated } }
}
