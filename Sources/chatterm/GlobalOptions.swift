import ArgumentParser
import ChatArchive
import ChatConfig
import ChatRender
import ChatStore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Archive folder (default $CHATTERM_HOME or $XDG_DATA_HOME/chatterm).")
    var dataDir: String?

    /// Read before parsing, by ``AppLogging`` (see `Chatterm.main`); declared here so every
    /// command accepts it and its help names it.
    @Option(
        name: .customLong("log-file"),
        help: "Write a log (requests, timings, reconnects, errors; secrets redacted) to this file.")
    var logFile: String?

    /// Where things live, from the flags and the environment.
    var paths: Paths {
        Paths(dataDirOverride: dataDir, environment: ProcessInfo.processInfo.environment)
    }

    /// Lets code blocks in the languages chatterm ships definitions for (`Highlight/`) be
    /// highlighted; without the folder they are drawn plain.
    func useBundledHighlighting() {
        CodeHighlighter.shared.useDefinitions(in: paths.bundledHighlight)
    }

    /// Opens (creating if needed) the archive, to read and write; conversations the local
    /// server or a profile kept apart before are moved into it first (``LegacyArchives``).
    func openArchive() throws -> Archive {
        let dir = paths.dataDirectory
        if Self.cannotWrite(dir) {
            throw CLIError(
                "the archive in \(dir.path) is read-only (read-only storage, or no permission to write there), "
                    + "and this command writes to it; ls, show, search, export and the browser with --offline can read it"
            )
        }
        let archive: Archive
        do {
            archive = try Archive(directory: dir)
        } catch {
            throw CLIError("cannot open the archive in \(dir.path): \(error)")
        }
        LegacyArchives.adopt(into: archive, paths: paths) { warn("chatterm: " + $0) }
        return archive
    }

    /// Opens the archive, installing the demo conversations when it is empty.
    func openArchiveWithDemo() throws -> Archive {
        let archive = try openArchive()
        if try archive.isEmpty {
            _ = try DemoArchive.install(into: archive)
        }
        return archive
    }

    /// Opens the archive for a command that only reads (`ls`, `show`, `search`, `export`, the
    /// browser with `--offline`): as ``openArchiveWithDemo()`` does, but for reading only
    /// where the archive cannot be written (read-only media, no permission), instead of failing.
    func openArchiveForReading() throws -> Archive {
        let dir = paths.dataDirectory
        guard Self.cannotWrite(dir) else { return try openArchiveWithDemo() }
        do {
            return try Archive(readingOnly: dir)
        } catch {
            throw CLIError("cannot read the archive in \(dir.path) (read-only): \(error)")
        }
    }

    /// Whether the archive folder exists but cannot be written (read-only file system, or
    /// permissions), so SQLite could not even create its journal there.
    static func cannotWrite(_ dir: URL) -> Bool {
        guard FileManager.default.fileExists(atPath: dir.path) else { return false }
        let database = dir.appendingPathComponent(Archive.fileName).path
        return access(dir.path, W_OK) != 0
            || (FileManager.default.fileExists(atPath: database) && access(database, W_OK) != 0)
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
            warn("chatterm: \(error.description)")
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            warn("chatterm: \(error)")
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
