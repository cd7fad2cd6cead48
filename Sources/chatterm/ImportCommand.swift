import ArgumentParser
import ChatArchive
import ChatClient
import ChatModel
import ChatStore
import Foundation

/// `chatterm import FILE`: read a ChatGPT data export into the archive.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a ChatGPT data export (.zip, conversations.json or a shard) into the archive.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The export .zip or a JSON file.")
    var file: String

    func run() throws {
        try reportingErrors {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                throw CLIError("cannot read \(file)")
            }
            let archive = try global.openArchive()
            let bar = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
            let report: ImportReport
            do {
                report = try Importer(archive: archive).importFile(at: url) { bar.update($0) }
            } catch let error as ImportError {
                // Its sentence names the file itself.
                bar.finish()
                throw CLIError(error.description)
            } catch {
                bar.finish()
                let said = ErrorSentence.looksLikeCode("\(error)") ? "an unexpected error stopped it" : "\(error)"
                throw CLIError("\(file) could not be imported: \(said)")
            }
            bar.finish()
            for skip in report.skipped {
                warn("skipped \(skip.id ?? "a conversation without id"): \(skip.reason)")
            }
            let total = report.inserted + report.updated + report.unchanged
            say(
                "imported \(total) conversations from \(url.lastPathComponent) in \(String(format: "%.2f", report.elapsed)) s: "
                    + "\(report.inserted) new, \(report.updated) updated, \(report.unchanged) unchanged, "
                    + "\(report.skipped.count) skipped")
            if let account = report.account { say("exported from the account \(account.description)") }
            if report.shared > 0 {
                say("\(report.shared) conversation\(report.shared == 1 ? "" : "s") shared by link marked as shared")
            }
            if report.thumbs > 0 {
                say("\(report.thumbs) thumb\(report.thumbs == 1 ? "" : "s") up or down put on the answers you rated")
            }
            if report.comparedAnswers > 0 {
                let n = report.comparedAnswers
                say("\(n) answer\(n == 1 ? "" : "s") of model comparisons kept as other versions (\"compared answer\")")
            }
            for line in Self.attachmentLines(report.assets) { say(line) }
            for failure in report.assets.failures { warn("attachment not kept: \(failure.reason)") }
            if !report.readAnything || (total == 0 && !report.skipped.isEmpty) {
                throw CLIError("nothing could be read from \(file)")
            }
            if report.inputDamaged {
                throw CLIError(
                    "\(file) is damaged or cut short: the \(total) conversations before the damage are imported, "
                        + "the rest could not be read")
            }
        }
    }

    /// What the import did with attachments, in sentences: found, newly stored, already held,
    /// and those the conversations point at that the export lacks; nothing when there were none.
    static func attachmentLines(_ assets: AssetImportReport) -> [String] {
        var lines: [String] = []
        if assets.found > 0 {
            var line = "\(assets.found) attachment\(assets.found == 1 ? "" : "s") found: \(assets.stored) stored"
            if assets.deduplicated > 0 { line += ", \(assets.deduplicated) already in the archive (stored once)" }
            line += " — " + ByteCountText.text(assets.bytes)
            if let rate = assets.megabytesPerSecond { line += String(format: " at %.0f MB/s", rate) }
            lines.append(line)
        }
        if assets.missing > 0 {
            lines.append(
                "\(assets.missing) attachment\(assets.missing == 1 ? "" : "s") the conversations point at "
                    + "\(assets.missing == 1 ? "is" : "are") not in the export (shown as missing)")
        }
        return lines
    }
}

/// A one-line progress bar on stderr (a TTY only): count, rate, and bytes when the total is known.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private var lastDraw = 0.0
    private let lock = NSLock()

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ p: ImportProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard p.elapsed - lastDraw >= 0.1 else { return }
        lastDraw = p.elapsed
        let rate = p.elapsed > 0 ? Double(p.conversations) / p.elapsed : 0
        var line = "\r\u{1b}[2K"
        if let total = p.totalBytes, total > 0 {
            let fraction = min(1, Double(p.bytesRead) / Double(total))
            let filled = Int(fraction * 30)
            line += "[" + String(repeating: "█", count: filled) + String(repeating: " ", count: 30 - filled) + "] "
            line += String(format: "%3.0f%% ", fraction * 100)
        }
        line += "\(p.conversations) conversations · \(Int(rate))/s"
        if let assets = p.assets {
            line += " · attachments \(assets.files)/\(assets.totalFiles), \(ByteCountText.text(assets.bytes))"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1b}[2K".utf8))
    }
}
