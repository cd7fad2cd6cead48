import ChatModel
import ChatProtocol
import Foundation

/// Imports a ChatGPT data export into an ``Archive``, streaming.
///
/// Accepts the export zip (`conversations.json`, or the `conversations-NNN.json` shards of
/// 2026 exports in numeric order, possibly under a top folder) or a bare JSON file holding
/// the array or one conversation object. Files are read in chunks through a
/// ``ChatProtocol/JSONArrayScanner``, so memory stays flat however large the export is.
/// Conversations are decoded on the calling thread and written ~200 per transaction on a
/// writer thread. A conversation that cannot be decoded is skipped and listed in the
/// report; the rest imports. Importing the same export again changes nothing.
public struct Importer: Sendable {
    /// The archive written to.
    public let archive: Archive
    /// The `source` recorded on imported conversations.
    public let source: String
    /// Conversations per transaction.
    public var batchSize = 200

    /// Creates an importer.
    public init(archive: Archive, source: String = "chatgpt-export") {
        self.archive = archive
        self.source = source
    }

    /// Imports the export at `url`. Throws ``ImportError`` when the file cannot be read as
    /// an export at all; `progress` is called (on the calling thread) after every batch.
    public func importFile(at url: URL, progress: (@Sendable (ImportProgress) -> Void)? = nil) throws
        -> ImportReport
    {
        let start = Date()
        let export = try ExportSource.files(at: url)
        let (files, notes) = (export.conversations, export.notes)
        let totalBytes = files.reduce(Int64(0)) { sum, file in file.size.map { sum + $0 } ?? sum }
        var run = ImportRun(
            batchSize: batchSize, totalBytes: files.allSatisfy { $0.size != nil } ? totalBytes : nil, start: start,
            progress: progress)
        run.skipped = notes
        run.stored = try archive.storedUpdateTimes()
        let bulk = try archive.beginBulkWrite()
        var outcomes: [UpsertOutcome] = []
        do {
            let writer = BatchWriter(archive: archive, source: source)
            defer { _ = try? writer.finish() }
            for file in files {
                try run.read(file, into: writer)
            }
            try run.flush(into: writer)
            outcomes = try writer.finish()
        } catch {
            try? archive.endBulkWrite(bulk)
            throw error
        }
        try archive.endBulkWrite(bulk)
        var comparedAnswers = 0
        if let comparisons = export.comparisons {
            let kept = ModelComparisons.keep(comparisons, in: archive)
            comparedAnswers = kept.branches
            if let note = kept.note { run.skipped.append(note) }
        }
        var thumbs = 0
        if let feedback = export.feedback {
            let kept = MessageFeedback.keep(feedback, in: archive)
            thumbs = kept.kept
            if let note = kept.note { run.skipped.append(note) }
        }
        let shared = export.shared.flatMap(SmallExportFile.read)?.arrayValue?.compactMap(SharedConversation.init) ?? []
        try archive.keepShared(shared)
        let account = export.user.flatMap(SmallExportFile.read).flatMap(ExportAccount.init(userJSON:))
        if let account { try archive.keepAccount(account) }
        var assets = AssetImportReport()
        if !export.assets.isEmpty {
            let conversationsRead = run.decoded + run.skipped.count
            assets = try archive.keepAssets(export.assets, names: ExportAssetFiles.names(in: export.assetNames)) {
                copied in
                var line = run.snapshot()
                line.conversations = conversationsRead
                line.assets = copied
                progress?(line)
            }
        }
        if !run.referencedFiles.isEmpty {
            assets.missing = run.referencedFiles.subtracting(archive.knownAssetIDs(among: run.referencedFiles)).count
        }
        var report = ImportReport(
            unchanged: run.knownUnchanged, skipped: run.skipped, elapsed: Date().timeIntervalSince(start))
        report.assets = assets
        report.shared = shared.count
        report.account = account
        report.comparedAnswers = comparedAnswers
        report.thumbs = thumbs
        for outcome in outcomes {
            switch outcome {
            case .inserted: report.inserted += 1
            case .updated: report.updated += 1
            case .unchanged: report.unchanged += 1
            }
        }
        progress?(run.snapshot())
        return report
    }
}

/// The state of one import on the decoding side.
private struct ImportRun {
    let batchSize: Int
    let totalBytes: Int64?
    let start: Date
    let onProgress: (@Sendable (ImportProgress) -> Void)?
    var skipped: [ImportSkip] = []
    var batch: [PreparedConversation] = []
    /// The update time of every stored conversation that has one, so a re-import skips
    /// decoding what the archive already holds as new or newer.
    var stored: [String: Double] = [:]
    /// Conversations skipped that way.
    var knownUnchanged = 0
    var decoded = 0
    /// `decoded + skipped.count` when progress was last reported.
    var reported = 0
    var bytesRead: Int64 = 0
    /// The file ids the conversations decoded point at (attachments, generated images).
    var referencedFiles: Set<String> = []

    init(batchSize: Int, totalBytes: Int64?, start: Date, progress: (@Sendable (ImportProgress) -> Void)?) {
        self.batchSize = batchSize
        self.totalBytes = totalBytes
        self.start = start
        self.onProgress = progress
    }

    func snapshot() -> ImportProgress {
        ImportProgress(
            conversations: decoded + skipped.count, bytesRead: bytesRead, totalBytes: totalBytes,
            elapsed: Date().timeIntervalSince(start))
    }

    /// Streams one file: an array of conversations, or a single conversation object.
    mutating func read(_ file: ExportFile, into writer: BatchWriter) throws {
        var scanner = JSONArrayScanner()
        var single: Data? = nil
        var elements = 0
        do {
            try file.read { chunk in
                bytesRead += Int64(chunk.count)
                if single == nil, !scanner.isStarted, Self.firstByte(of: chunk) == UInt8(ascii: "{") {
                    single = Data()
                }
                if single != nil {
                    single!.append(chunk)
                    return
                }
                try chunk.withUnsafeBytes { bytes in
                    try scanner.feed(bytes) { element in
                        elements += 1
                        try add(element, into: writer)
                    }
                }
            }
            if let single {
                elements += 1
                try add(single, into: writer)
            } else {
                try scanner.finish()
            }
        } catch let error as ExportFormatError {
            // Nothing read at all: the input is not an export. Otherwise keep what was read
            // (earlier shards, or the conversations before a truncation).
            guard elements > 0 || decoded + skipped.count > 0 else {
                throw ImportError.badFormat(file: file.name, reason: error.description)
            }
            skipped.append(ImportSkip(id: nil, reason: "\(file.name): \(error.description)", damagedInput: true))
        }
    }

    /// Decodes one conversation; a failure is recorded as a skip.
    mutating func add(_ element: Data, into writer: BatchWriter) throws {
        if !stored.isEmpty, let (id, time) = TopLevelSniffer.idAndUpdateTime(in: element),
            let storedTime = stored[id], storedTime >= time
        {
            knownUnchanged += 1
            decoded += 1
        } else {
            do {
                let conversation = try FastJSON.decodeConversation(element)
                referencedFiles.formUnion(conversation.attachmentFileIDs)
                batch.append(PreparedConversation(conversation, raw: element))
                decoded += 1
            } catch let error as ConversationDecodingError {
                skipped.append(ImportSkip(id: TopLevelSniffer.id(in: element), reason: error.description))
            }
        }
        if batch.count >= batchSize {
            try flush(into: writer)
        } else if decoded + skipped.count - reported >= batchSize {
            reportProgress()
        }
    }

    mutating func reportProgress() {
        reported = decoded + skipped.count
        onProgress?(snapshot())
    }

    mutating func flush(into writer: BatchWriter) throws {
        guard !batch.isEmpty else { return }
        try writer.submit(batch)
        batch.removeAll(keepingCapacity: true)
        reportProgress()
    }

    static func firstByte(of chunk: Data) -> UInt8? {
        chunk.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
    }
}
