import AsyncHTTPClient
import ChatArchive
import ChatModel
import ChatProtocol
import ChatServer
import ChatStore
import Foundation
import Logging
import NIOCore
import NIOHTTP1

// chatterm-bench load [--streams N] [--pace-ms MS] [--save-ms MS] [--mode delta|cumulative]
//
// N concurrent streaming conversations against an in-process `BackendServer` with the
// offline engine at a realistic pace, over loopback HTTP. Prints figures, asserts nothing.

struct LoadOptions {
    var streams = 200
    var paceMs = 20
    var saveMs = 500
    var mode = StreamMode.delta

    static func parse(_ args: [String]) -> LoadOptions {
        var options = LoadOptions()
        var i = 0
        while i < args.count {
            let value = i + 1 < args.count ? args[i + 1] : ""
            switch args[i] {
            case "--streams" where Int(value).map({ $0 > 0 }) == true: options.streams = Int(value)!
            case "--pace-ms" where Int(value).map({ $0 >= 0 }) == true: options.paceMs = Int(value)!
            case "--save-ms" where Int(value).map({ $0 >= 0 }) == true: options.saveMs = Int(value)!
            case "--mode" where StreamMode(rawValue: value) != nil: options.mode = StreamMode(rawValue: value)!
            default:
                print(
                    "usage: chatterm-bench load [--streams N] [--pace-ms MS] [--save-ms MS] [--mode delta|cumulative]")
                exit(2)
            }
            i += 2
        }
        return options
    }
}

/// One stream's figures, in seconds since its request was sent.
struct StreamSample: Sendable {
    var firstDelta: Double?
    var total: Double
    var bytes: Int
    var complete: Bool
}

/// Sends one `next` and reads the stream with the client's own parser and decoder.
func runStream(_ client: HTTPClient, port: Int, token: String, mode: StreamMode, index: Int) async -> StreamSample {
    let start = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/backend-api/conversation")
    request.method = .POST
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: StreamMode.headerName, value: mode.rawValue)
    let body: JSONValue = .object([
        "action": .string("next"), "parent_message_id": .string("client-created-root"),
        "messages": .array([
            .object([
                "id": .string(UUID().uuidString.lowercased()), "author": .object(["role": .string("user")]),
                "content": .object([
                    "content_type": .string("text"), "parts": .array([.string("Load test question \(index)")]),
                ]),
            ])
        ]),
    ])
    request.body = .bytes(ByteBuffer(string: WireJSON.string(body)))
    var sample = StreamSample(firstDelta: nil, total: 0, bytes: 0, complete: false)
    do {
        let response = try await client.execute(request, timeout: .seconds(120))
        var parser = SSEParser()
        var decoder = ChatGPTStreamDecoder()
        for try await buffer in response.body {
            sample.bytes += buffer.readableBytes
            for event in parser.feed(buffer.readableBytesView) {
                for case .textAppended(_, let text) in decoder.decode(event) where !text.isEmpty {
                    if sample.firstDelta == nil { sample.firstDelta = elapsed() }
                }
            }
        }
        for event in parser.finish() { _ = decoder.decode(event) }
        sample.complete = decoder.completion == .complete
    } catch {
        print("  stream \(index) failed: \(error)")
    }
    sample.total = elapsed()
    return sample
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func benchConcurrentStreams(_ options: LoadOptions) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-load-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let token = "bench-token"
    var logger = Logger(label: "chatterm.bench")
    logger.logLevel = .critical  // cancelling the server at the end logs harmless shutdown errors
    let server = BackendServer(
        configuration: ServerConfiguration(
            token: token, defaultStreamMode: options.mode, saveInterval: .milliseconds(options.saveMs)),
        archive: try Archive(directory: dir), engine: OfflineEngine(pace: .milliseconds(options.paceMs)),
        logger: logger)
    let (ports, portSink) = AsyncStream<Int>.makeStream()
    let serverTask = Task { try await server.run { portSink.yield($0) } }
    var portIterator = ports.makeAsyncIterator()
    guard let port = await portIterator.next() else { return }

    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: options.streams)
    let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)

    let tokens = OfflineEngine.tokens(
        OfflineEngine.text(for: EngineRequest(history: [TextMessage(role: .user, text: "Load test question 1")])))
    print(
        "load: \(options.streams) concurrent streams, offline engine at \(options.paceMs) ms/token "
            + "(\(tokens.count) tokens an answer), partial answers saved every \(options.saveMs) ms, "
            + "\(options.mode.rawValue) form, loopback HTTP/1.1")
    let start = DispatchTime.now().uptimeNanoseconds
    let samples = await withTaskGroup(of: StreamSample.self) { group in
        for index in 0..<options.streams {
            group.addTask { await runStream(client, port: port, token: token, mode: options.mode, index: index) }
        }
        return await group.reduce(into: [StreamSample]()) { $0.append($1) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    try await client.shutdown()
    serverTask.cancel()
    _ = try? await serverTask.value

    let complete = samples.filter(\.complete).count
    let bytes = samples.reduce(0) { $0 + $1.bytes }
    let firsts = samples.compactMap(\.firstDelta).sorted()
    let totals = samples.map(\.total).sorted()
    print(
        String(
            format: "load: %d/%d answers complete in %.2f s: %.1f answers/s, %.2f MB/s of SSE (%.1f MB)",
            complete, samples.count, seconds, Double(complete) / seconds, Double(bytes) / seconds / 1e6,
            Double(bytes) / 1e6))
    print(
        "load: time to first delta p50 \(ms(percentile(firsts, 0.5))), p99 \(ms(percentile(firsts, 0.99))), "
            + "max \(ms(firsts.last ?? .nan)); whole answer p50 \(ms(percentile(totals, 0.5))), "
            + "max \(ms(totals.last ?? .nan)); peak RSS \(mb(procStatusMB("VmHWM")))")
}
