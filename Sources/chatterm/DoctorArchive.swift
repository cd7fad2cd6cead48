import ChatArchive
import ChatConfig
import Foundation

/// The archive's lines of `chatterm doctor`: where it is, its size and conversations, SQLite's
/// integrity check, whether it can be written, and the free disk beside it. It opens the
/// archive for reading only, so doctor changes nothing.
enum DoctorArchive {
    /// Less free space than this beside the archive is a problem (an import or a sync fails).
    static let lowDisk: Int64 = 200 * 1024 * 1024

    static func checks(paths: Paths) -> [DoctorCheck] {
        func check(_ name: String, _ status: DoctorCheck.Status, _ detail: String, fix: String? = nil) -> DoctorCheck {
            DoctorCheck(section: "archive", name: name, status: status, detail: detail, fix: fix)
        }
        let folder = paths.dataDirectory
        let database = folder.appendingPathComponent(Archive.fileName)
        var checks: [DoctorCheck] = []
        guard FileManager.default.fileExists(atPath: database.path) else {
            checks.append(
                check(
                    "path", .ok,
                    "No archive yet at \(database.path): the browser opens the demo conversations until you import."))
            checks.append(disk(near: folder))
            return checks
        }
        let bytes = size(of: database) + size(of: URL(fileURLWithPath: database.path + "-wal"))
        checks.append(check("path", .ok, "\(database.path), \(megabytes(bytes))."))
        do {
            let archive = try Archive(readingOnly: folder)
            let active = try archive.count(archived: false)
            let archived = try archive.count(archived: true)
            checks.append(
                check(
                    "conversations", .ok, "\(active) conversation\(active == 1 ? "" : "s") (and \(archived) archived).")
            )
            let problems = try archive.integrityProblems()
            checks.append(
                problems.isEmpty
                    ? check("integrity", .ok, "SQLite's integrity check finds nothing wrong.")
                    : check(
                        "integrity", .problem,
                        "SQLite's integrity check finds the file damaged: \(problems.prefix(3).joined(separator: "; ")).",
                        fix: "Keep a copy of \(database.path), then import your exports again into a new --data-dir."))
        } catch {
            checks.append(
                check(
                    "integrity", .problem, "The archive cannot be read: \(error).",
                    fix: "Keep a copy of \(database.path), then import your exports again into a new --data-dir."))
        }
        if GlobalOptions.cannotWrite(folder) {
            checks.append(
                check(
                    "writable", .problem,
                    "The archive is read-only (read-only storage, or no permission to write there): "
                        + "ls, show, search and export work, but import, sync and chatting do not.",
                    fix: "Make \(folder.path) and \(database.path) writable by you (chmod u+w), "
                        + "or point --data-dir or CHATTERM_HOME at a copy you can write."))
        } else {
            checks.append(check("writable", .ok, "You can write to the archive."))
        }
        checks.append(disk(near: folder))
        return checks
    }

    /// The free space on the file system holding `folder` (or its nearest existing parent).
    static func disk(near folder: URL) -> DoctorCheck {
        var existing = folder
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            existing = existing.deletingLastPathComponent()
        }
        var stats = statvfs()
        guard statvfs(existing.path, &stats) == 0 else {
            return DoctorCheck(
                section: "archive", name: "free disk", status: .note,
                detail: "The free space at \(existing.path) could not be read.")
        }
        let free = Int64(stats.f_bavail) * Int64(stats.f_frsize)
        if free < lowDisk {
            return DoctorCheck(
                section: "archive", name: "free disk", status: .problem,
                detail: "Only \(megabytes(free)) free at \(existing.path): an import or a sync may fail.",
                fix: "Free some space there, or use --data-dir on a disk with more room.")
        }
        return DoctorCheck(
            section: "archive", name: "free disk", status: .ok, detail: "\(megabytes(free)) free at \(existing.path).")
    }

    private static func size(of file: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// "12.3 MB", "1.2 GB".
    static func megabytes(_ bytes: Int64) -> String {
        let mb = Double(bytes) / 1_000_000
        if mb >= 1000 { return String(format: "%.1f GB", mb / 1000) }
        return String(format: "%.1f MB", mb)
    }
}
