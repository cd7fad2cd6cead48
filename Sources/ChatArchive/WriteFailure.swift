import Foundation
import GRDB

/// Why a write to the archive failed, in a few words for the screen ("disk full"), never the
/// database's own message.
public enum WriteFailure {
    /// The words for `error`.
    public static func reason(_ error: any Error) -> String {
        if error is ArchiveReadOnlyError { return "the archive is read-only" }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return "disk full"
            case .SQLITE_READONLY: return "the archive is read-only"
            case .SQLITE_IOERR: return "the disk failed to write"
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "the archive is busy"
            case .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_CANTOPEN: return "no permission to write the archive"
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return "the archive is damaged"
            default: break
            }
        }
        if let error = error as? POSIXError, error.code == .ENOSPC { return "disk full" }
        if let error = error as? CocoaError, error.code == .fileWriteOutOfSpace { return "disk full" }
        return "the archive could not be written"
    }
}
