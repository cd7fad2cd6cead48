import ChatArchive
import ChatConfig
import ChatServer
import Foundation

/// The archives the embedded server kept apart from the main one before 2026-12-06:
/// `<data>/server/` (the local server, `chatterm serve` and the `local` profile) and
/// `<data>/profiles/NAME/` (each OpenAI-compatible or Coze profile). Their conversations now
/// live in the main archive under the source the browser already cached them under, so each
/// is stored once; ``adopt(into:paths:report:)`` moves them there the first time the main
/// archive is opened for writing.
enum LegacyArchives {
    /// Moves every such archive's conversations into `archive` (see
    /// ``Archive/adopt(archiveIn:as:)``), saying what happened in a sentence to `report`. One
    /// that cannot be read is left where it is, to be tried again next time.
    static func adopt(into archive: Archive, paths: Paths, report: (String) -> Void) {
        for (folder, source) in folders(paths: paths) {
            do {
                guard let done = try archive.adopt(archiveIn: folder, as: source) else { continue }
                var sentence =
                    "moved \(done.moved) conversation\(done.moved == 1 ? "" : "s") of \(describe(source)) "
                    + "from \(folder.path) into the archive"
                if done.keptApart > 0 {
                    sentence += "; \(done.keptApart) already there from elsewhere were left as they were"
                }
                report(sentence + " (the old file is kept as \(done.renamedTo.path))")
            } catch {
                report(
                    "could not move the conversations in \(folder.path) into the archive (tried again next time): \(error)"
                )
            }
        }
    }

    /// Each legacy folder holding an archive, with the source its conversations belong to.
    static func folders(paths: Paths) -> [(URL, String)] {
        let fm = FileManager.default
        let data = paths.dataDirectory
        var found: [(URL, String)] = []
        let server = data.appendingPathComponent("server")
        if fm.fileExists(atPath: server.appendingPathComponent(Archive.fileName).path) {
            found.append((server, BackendServer.localSource))
        }
        let profilesFolder = data.appendingPathComponent("profiles")
        guard let names = try? fm.contentsOfDirectory(atPath: profilesFolder.path) else { return found }
        let profiles = (try? ProfileSet.load(file: paths.configFile))?.profiles ?? []
        for name in names.sorted() {
            let folder = profilesFolder.appendingPathComponent(name)
            guard fm.fileExists(atPath: folder.appendingPathComponent(Archive.fileName).path) else { continue }
            // The folder's name is the profile's with unsafe characters replaced.
            let source = profiles.first { folderName(forProfile: $0.name) == name }?.name ?? name
            found.append((folder, source))
        }
        return found
    }

    /// The folder name a profile's archive had: its name with every character but letters,
    /// digits, `-`, `_` and `.` replaced by `_`.
    static func folderName(forProfile name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    private static func describe(_ source: String) -> String {
        source == BackendServer.localSource ? "the local server" : "profile \"\(source)\""
    }
}
