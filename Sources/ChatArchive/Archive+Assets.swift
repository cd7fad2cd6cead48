import ChatModel
import Foundation
import GRDB

/// What an import did with the attachments its export ships.
public struct AssetImportReport: Sendable, Hashable {
    /// Files of the export that are attachments (named by a file id), read this time.
    public var found = 0
    /// Of those, files whose bytes the archive did not hold yet, now in `assets/`.
    public var stored = 0
    /// Of those, files whose bytes the archive already held (another file or an earlier import).
    public var deduplicated = 0
    /// Bytes read from the export's attachments.
    public var bytes: Int64 = 0
    /// Seconds spent copying them.
    public var seconds: Double = 0
    /// Attachments the imported conversations point at that neither this export nor the archive
    /// holds (recent exports leave generated images out, for one).
    public var missing = 0
    /// Attachments that could not be read or written, with reasons.
    public var failures: [ImportSkip] = []

    /// Creates an empty report.
    public init() {}

    /// Megabytes copied a second, when anything was.
    public var megabytesPerSecond: Double? {
        guard bytes > 0, seconds > 0 else { return nil }
        return Double(bytes) / 1_000_000 / seconds
    }
}

/// How far copying attachments has come.
public struct AssetProgress: Sendable, Hashable {
    /// Files read so far.
    public var files: Int
    /// Files in all.
    public var totalFiles: Int
    /// Bytes read so far.
    public var bytes: Int64

    /// Creates a progress report.
    public init(files: Int, totalFiles: Int, bytes: Int64) {
        self.files = files
        self.totalFiles = totalFiles
        self.bytes = bytes
    }
}

extension Archive {
    /// The attachments the archive holds for these file ids, by id.
    public func localAssets(for fileIDs: some Collection<String>) -> [String: LocalAsset] {
        guard migrations.contains("assets"), !fileIDs.isEmpty else { return [:] }
        let ids = Array(Set(fileIDs))
        let store = AssetStore(directory: assetsDirectory)
        let rows =
            (try? writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.file_id, a.original_name, b.sha256, b.size, b.mime, b.ext
                        FROM asset a JOIN asset_blob b ON b.sha256 = a.sha256
                        WHERE a.file_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
                        """, arguments: StatementArguments(ids))
            }) ?? []
        var found: [String: LocalAsset] = [:]
        for row in rows {
            let sha: String = row["sha256"]
            let ext: String = row["ext"]
            found[row["file_id"]] = LocalAsset(
                path: store.url(sha256: sha, ext: ext).path, originalName: row["original_name"], sizeBytes: row["size"],
                mimeType: row["mime"])
        }
        return found
    }

    /// Why an attachment was not kept, in words: the zip's reason for an entry it could not give
    /// (damaged), ours for the folder, else what the disk said (``WriteFailure``).
    static func assetFailure(_ error: any Error) -> String {
        switch error {
        case ImportError.badFormat(_, let reason), ImportError.unreadable(_, let reason): reason
        case let error as AssetStoreError: error.description
        default: WriteFailure.reason(error)
        }
    }

    /// The file ids of these that the archive holds an attachment for.
    func knownAssetIDs(among fileIDs: Set<String>) -> Set<String> {
        Set(localAssets(for: fileIDs).keys)
    }

    /// Copies an export's attachments into `assets/` (each content once) and records which file
    /// id names which content; a file that cannot be read is reported, the rest are kept.
    func keepAssets(
        _ files: [ExportFile], names: [String: String], progress: ((AssetProgress) -> Void)? = nil
    ) throws -> AssetImportReport {
        guard !isReadOnly else { throw ArchiveReadOnlyError() }
        var report = AssetImportReport()
        let start = Date()
        let store = AssetStore(directory: assetsDirectory)
        var blobs: [AssetStore.Kept] = []
        var named: [(fileID: String, sha256: String, originalName: String?)] = []
        var lastReport = Date.distantPast
        for (i, file) in files.enumerated() {
            guard let id = ExportAssetFiles.fileID(ofPath: file.name) else { continue }
            let original = ExportAssetFiles.originalName(ofPath: file.name, fileID: id, names: names)
            do {
                let kept = try store.keep(nameHint: original ?? file.name, read: file.read)
                report.found += 1
                report.bytes += Int64(kept.size)
                if kept.isNew { report.stored += 1 } else { report.deduplicated += 1 }
                blobs.append(kept)
                named.append((id, kept.sha256, original))
            } catch {
                report.failures.append(ImportSkip(id: nil, reason: "\(file.name): \(Self.assetFailure(error))"))
            }
            if let progress, Date().timeIntervalSince(lastReport) > 0.1 || i == files.count - 1 {
                lastReport = Date()
                progress(AssetProgress(files: i + 1, totalFiles: files.count, bytes: report.bytes))
            }
        }
        try replaceRows(blobs, sql: "INSERT OR IGNORE INTO asset_blob (sha256, size, mime, ext) VALUES (?, ?, ?, ?)") {
            [$0.sha256, $0.size, $0.mime, $0.ext]
        }
        try replaceRows(
            named,
            sql: """
                INSERT INTO asset (file_id, sha256, original_name) VALUES (?, ?, ?)
                ON CONFLICT(file_id) DO UPDATE SET sha256 = excluded.sha256,
                    original_name = coalesce(excluded.original_name, asset.original_name)
                """
        ) { [$0.fileID, $0.sha256, $0.originalName] }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }
}
