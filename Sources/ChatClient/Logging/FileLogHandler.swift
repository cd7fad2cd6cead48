import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends one line a record to a file, every line through
/// ``LogRedaction``: `2026-12-06T18:00:00.123Z info chatterm.client: message key=value`.
/// It never writes to the terminal, so the browser's screen is never drawn over.
public struct FileLogHandler: LogHandler {
    /// The open file, shared by every logger made from it.
    public final class Sink: Sendable {
        private let handle: Mutex<FileHandle>

        /// Opens `path` for appending (created with mode 0600: a log may name conversations).
        public init(path: String) throws {
            if !FileManager.default.fileExists(atPath: path) {
                guard
                    FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
                else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            }
            let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try file.seekToEnd()
            handle = Mutex(file)
        }

        /// Appends `line` and a newline.
        func write(_ line: String) {
            handle.withLock { try? $0.write(contentsOf: Data((line + "\n").utf8)) }
        }
    }

    private let label: String
    private let sink: Sink
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    /// A handler for the logger `label` writing records of `level` and above to `sink`.
    public init(label: String, sink: Sink, level: Logger.Level) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        sink.write(Self.line(event: event, label: label, metadata: metadata))
    }

    /// The line for a record: time, level, label, message and metadata, secrets redacted.
    static func line(event: LogEvent, label: String, metadata: Logger.Metadata) -> String {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        var text = "\(time) \(event.level) \(label): \(event.message)" + (fields.isEmpty ? "" : " " + fields)
        if let error = event.error { text += " (\(error))" }
        return LogRedaction.redact(text)
    }
}
