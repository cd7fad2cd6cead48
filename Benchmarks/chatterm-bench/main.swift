import ChatArchive
import ChatModel
import ChatStore
import Foundation

// chatterm-bench: prints figures, asserts nothing. Build with -c release.
//
//   chatterm-bench [--export PATH] [--count N] [--keep]
//   chatterm-bench load [--streams N] [--pace-ms MS] [--mode delta|cumulative]   (see LoadBench.swift)
//   chatterm-bench stream [--kb N] [--rate R] [--paragraph] [--embedded|--in-process|--direct|--upstream]
//       (StreamBench.swift, EmbeddedStreamBench.swift, UpstreamBench.swift)
//   chatterm-bench upstream [--kb N] [--rate R] [--paragraph]   (the paced model `stream --upstream` starts)
//   chatterm-bench tui --chatterm PATH [--kb N] [--rate R] [--paragraph] [--runs K]   (the real TUI in tmux)
//   chatterm-bench decode [--events N]   (DecodeBench.swift: Dify, Coze, OpenAI-compatible streams)
//   chatterm-bench render [--messages N] [--runs R]   (RenderBench.swift: open a long Markdown conversation)
//   chatterm-bench frames [--kb N] [--rate R] [--size WxH] [--runs K]   (FramesBench.swift: frames while streaming)
//   chatterm-bench typing [--keys N] [--sizes 1000,10000000]   (TypingBench.swift: a key in a long draft)
//   chatterm-bench highlight [--lines N]   (HighlightBench.swift: code block highlighting)
//   chatterm-bench images [--runs N]   (ImagesBench.swift: image header, decode, preview, cache)
//   chatterm-bench compare [--kb N] [--runs R]   (CompareBench.swift: two versions side by side)
//   chatterm-bench tree [--nodes N] [--runs R]   (TreeBench.swift: the tree overview of a big conversation)
//
// Without --export it generates an N-conversation export (default 5000) with
// ../shared/tools/gen_export.py into a temporary folder.

struct BenchOptions {
    var export: URL?
    var count = 5000
    var keep = false

    static func parse(_ args: [String]) -> BenchOptions {
        var options = BenchOptions()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--export" where i + 1 < args.count:
                options.export = URL(fileURLWithPath: args[i + 1])
                i += 1
            case "--count" where i + 1 < args.count:
                options.count = Int(args[i + 1]) ?? options.count
                i += 1
            case "--keep":
                options.keep = true
            default:
                print("usage: chatterm-bench [--export PATH] [--count N] [--keep] | chatterm-bench load [--streams N]")
                exit(2)
            }
            i += 1
        }
        return options
    }
}

/// Seconds taken by `body`.
func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// A `/proc/self/status` figure in MB (`VmHWM` peak RSS, `VmRSS` current RSS).
func procStatusMB(_ field: String) -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first
        return kb.map { $0 / 1024 }
    }
    return nil
}

func mb(_ value: Double?) -> String { value.map { String(format: "%.0f MB", $0) } ?? "? MB" }

func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

/// The export to import: the given file, or one generated with gen_export.py.
func prepareExport(_ options: BenchOptions, in dir: URL) -> URL? {
    if let export = options.export { return export }
    let tool = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        .deletingLastPathComponent().appendingPathComponent("shared/tools/gen_export.py")
    guard FileManager.default.fileExists(atPath: tool.path) else {
        print("skip: \(tool.path) is absent; pass --export PATH")
        return nil
    }
    let out = dir.appendingPathComponent("export-\(options.count).zip")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", tool.path, String(options.count), out.path]
    do {
        try process.run()
        process.waitUntilExit()
    } catch {
        print("skip: cannot run python3 (\(error))")
        return nil
    }
    guard process.terminationStatus == 0 else {
        print("skip: gen_export.py failed")
        return nil
    }
    return out
}

/// The JSON size the importer reports. `@unchecked Sendable`: guarded by `lock`.
final class JSONBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 0

    var total: Int64 {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

func benchImport(_ export: URL, into archive: Archive) throws {
    let size = (try? FileManager.default.attributesOfItem(atPath: export.path)[.size] as? NSNumber)?.doubleValue ?? 0
    let json = JSONBytes()
    let (report, seconds) = try time {
        try Importer(archive: archive).importFile(at: export) { json.total = $0.totalBytes ?? $0.bytesRead }
    }
    let n = report.inserted + report.updated + report.unchanged
    print(
        String(
            format: "import: %d conversations, %.1f MB JSON (%.1f MB file), %.2f s, %.0f conv/s, peak RSS %@", n,
            Double(json.total) / 1e6, size / 1e6, seconds, Double(n) / seconds, mb(procStatusMB("VmHWM"))))
    if !report.skipped.isEmpty { print("  skipped: \(report.skipped.count), first: \(report.skipped[0])") }
    let assets = report.assets
    if assets.found > 0 || assets.missing > 0 {
        // Copied after the conversations, within the seconds above; reported apart.
        print(
            String(
                format:
                    "  attachments: %d found (%d stored, %d already held), %d missing; %.1f MB in %.2f s, %.0f MB/s",
                assets.found, assets.stored, assets.deduplicated, assets.missing, Double(assets.bytes) / 1e6,
                assets.seconds, assets.megabytesPerSecond ?? 0))
    }
    let (again, secondsAgain) = try time { try Importer(archive: archive).importFile(at: export, progress: nil) }
    print(String(format: "re-import: %d unchanged, %.2f s", again.unchanged, secondsAgain))
}

func benchSidebar(_ archive: Archive) throws -> [String] {
    let (page, seconds) = try time { try archive.summaries(archived: false, offset: 0, limit: 200) }
    print("sidebar: first page of \(page.count) summaries in \(ms(seconds))")
    let (count, countSeconds) = try time { try archive.count(archived: false) }
    print("sidebar: count \(count) in \(ms(countSeconds))")
    var ids: [String] = []
    var offset = 0
    while true {
        let more = try archive.summaries(archived: false, offset: offset, limit: 1000)
        if more.isEmpty { break }
        ids += more.map(\.id)
        offset += more.count
    }
    return ids
}

func benchLoad(_ archive: Archive, ids: [String]) throws {
    guard !ids.isEmpty else { return }
    var generator = SystemRandomNumberGenerator()
    var samples: [Double] = []
    var nodes = 0
    for _ in 0..<200 {
        let id = ids.randomElement(using: &generator)!
        let (c, seconds) = try time { try archive.conversation(id: id) }
        nodes += c?.mapping.count ?? 0
        samples.append(seconds)
    }
    samples.sort()
    print(
        "load+decode one conversation: median \(ms(samples[samples.count / 2])), p95 \(ms(samples[samples.count * 95 / 100])), "
            + "max \(ms(samples.last!)) (avg \(nodes / 200) nodes)")
}

func benchSearch(_ archive: Archive) throws {
    for query in ["regenerate", "swift tree", "regen", "模型", "介绍下你自己", "the", "\"(-*"] {
        let (hits, seconds) = try time { try archive.search(query, limit: 50) }
        print("search \(query.debugDescription): \(hits.count) hits in \(ms(seconds))")
    }
}

func main() async throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "load" {
        try await benchConcurrentStreams(LoadOptions.parse(Array(arguments.dropFirst())))
        return
    }
    let options = BenchOptions.parse(arguments)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer {
        if options.keep { print("kept \(dir.path)") } else { try? FileManager.default.removeItem(at: dir) }
    }
    guard let export = prepareExport(options, in: dir) else { return }
    let archive = try Archive(directory: dir.appendingPathComponent("archive"))
    print("RSS before import: \(mb(procStatusMB("VmRSS")))")
    try benchImport(export, into: archive)
    let ids = try benchSidebar(archive)
    try benchLoad(archive, ids: ids)
    try benchSearch(archive)
    await benchBrowser(archive, ids: ids)
    try benchOpenBreakdown(archive, ids: ids)
    let dbSize =
        (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("archive/chatterm.sqlite").path)[
            .size] as? NSNumber)?.doubleValue ?? 0
    print(String(format: "database: %.0f MB", dbSize / 1e6))
    let assetsFolder = archive.assetsDirectory.path
    if let files = FileManager.default.enumerator(atPath: assetsFolder) {
        var bytes = 0.0
        for case let file as String in files {
            bytes +=
                (try? FileManager.default.attributesOfItem(atPath: assetsFolder + "/" + file)[.size] as? NSNumber)?
                .doubleValue ?? 0
        }
        print(String(format: "attachments folder: %.0f MB", bytes / 1e6))
    }
    print("RSS now: \(mb(procStatusMB("VmRSS"))), peak \(mb(procStatusMB("VmHWM")))")
}

if CommandLine.arguments.dropFirst().first == "upstream" {
    await runPacedUpstream(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "stream" {
    await runStreamBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "decode" {
    runDecodeBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "render" {
    await runRenderBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "frames" {
    runFramesBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "paragraph" {
    benchParagraphAppend()
} else if CommandLine.arguments.dropFirst().first == "typing" {
    await runTypingBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "highlight" {
    runHighlightBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "tui" {
    runTUIStreamBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "compare" {
    runCompareBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "tree" {
    runTreeBench(Array(CommandLine.arguments.dropFirst(2)))
} else if CommandLine.arguments.dropFirst().first == "images" {
    runImagesBench(Array(CommandLine.arguments.dropFirst(2)))
} else {
    try await main()
}
