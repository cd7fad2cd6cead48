import ArgumentParser
import ChatConfig
import ChatStore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Archive folder (default $CHATTERM_HOME or $XDG_DATA_HOME/chatterm).")
    var dataDir: String?

    /// Where things live, from the flags and the environment.
    var paths: Paths {
        Paths(dataDirOverride: dataDir, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens (creating if needed) the archive.
    func openArchive() throws -> Archive {
        let dir = paths.dataDirectory
        do {
            return try Archive(directory: dir)
        } catch {
            throw CLIError("cannot open the archive in \(dir.path): \(error)")
        }
    }

    /// Opens the archive, installing the demo conversations when it is empty.
    func openArchiveWithDemo() throws -> Archive {
        let archive = try openArchive()
        if try archive.isEmpty {
            _ = try DemoArchive.install(into: archive)
        }
        return archive
    }
}

/// An error that prints as one line on stderr and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension ParsableCommand {
    /// Runs `body`, turning any error into one clear line on stderr and exit status 1.
    func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("chatterm: \(error.description)\n".utf8))
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("chatterm: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Resolves a conversation id or a unique prefix of one.
func resolveConversation(_ archive: Archive, _ idOrPrefix: String) throws -> String {
    if try archive.summary(id: idOrPrefix) != nil { return idOrPrefix }
    if let id = try archive.resolveID(prefix: idOrPrefix) { return id }
    throw CLIError("no conversation with id \(idOrPrefix) (see `chatterm ls`)")
}

/// Writes a line to standard output.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Writes a line to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
