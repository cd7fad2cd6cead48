import ChatModel
import ChatServer
import Foundation
import Hummingbird
import NIOCore

// chatterm-bench stream --upstream: the model in another process, as a user runs chatterm. A
// child process (`chatterm-bench upstream`) serves an OpenAI-compatible `/v1/chat/completions`
// that streams the bench's deltas at the rate asked; chatterm's embedded server answers through
// its OpenAI-compatible engine, in process (no wire between the server and the TUI), so the CPU
// figure is chatterm's whole process (the HTTP client reading the upstream, the engine, the
// server's answer loop, the store, frames) and nothing of the model's.

/// The child's arguments: the answer's size and form, and the rate.
struct PacedUpstreamOptions {
    var kilobytes = 10
    var paragraph = false
    var rate = 2000.0

    var arguments: [String] {
        ["upstream", "--kb", String(kilobytes), "--rate", String(rate)] + (paragraph ? ["--paragraph"] : [])
    }

    static func parse(_ args: [String]) -> PacedUpstreamOptions {
        var options = PacedUpstreamOptions()
        var rest = args[...]
        while let arg = rest.popFirst() {
            switch arg {
            case "--kb": options.kilobytes = rest.popFirst().flatMap { Int($0) } ?? options.kilobytes
            case "--rate": options.rate = rest.popFirst().flatMap { Double($0) } ?? options.rate
            case "--paragraph": options.paragraph = true
            default: break
            }
        }
        return options
    }

    /// The deltas the bench streams (the same in the parent and the child).
    var deltas: [String] {
        let answer =
            paragraph
            ? BenchMarkdown.paragraph(bytes: kilobytes * 1024, seed: UInt64(kilobytes))
            : BenchMarkdown.answer(bytes: kilobytes * 1024, seed: UInt64(kilobytes))
        return BenchMarkdown.deltas(of: answer, seed: 7)
    }
}

/// `chatterm-bench upstream`: serves the paced answer on a loopback port (printed first, alone
/// on its line) until killed. A streamed request gets the deltas as chat chunks, one SSE event
/// each, when due at the rate from the request's arrival; any other gets a short completion.
func runPacedUpstream(_ args: [String]) async {
    let options = PacedUpstreamOptions.parse(args)
    let events: [String] =
        [#"{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#]
        + options.deltas.map { delta in
            #"{"choices":[{"index":0,"delta":{"content":"# + WireJSON.string(.string(delta))
                + #"},"finish_reason":null}]}"#
        } + [#"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#, "[DONE]"]
    let rate = options.rate
    let router = Router()
    router.post("/v1/chat/completions") { request, _ -> Response in
        let body = try await request.body.collect(upTo: 1 << 24)
        let streamed = String(buffer: body).contains(#""stream":true"#)
        guard streamed else {
            let json = #"{"choices":[{"index":0,"message":{"role":"assistant","content":"Bench"}}]}"#
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        // A thread of its own hands each event over when due (a task's sleep runs late by a
        // millisecond or more here, which would bunch the deltas and slow the rate).
        let (due, handOver) = AsyncStream.makeStream(of: String.self)
        Thread {
            let start = DispatchTime.now().uptimeNanoseconds
            for (i, event) in events.enumerated() {
                let at = start + UInt64(Double(max(0, i - 1)) * 1e9 / rate)
                let now = DispatchTime.now().uptimeNanoseconds
                if at > now + 1000 { usleep(UInt32(min(1_000_000, (at - now) / 1000))) }
                handOver.yield("data: \(event)\n\n")
            }
            handOver.finish()
        }.start()
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                for await event in due { try await writer.write(ByteBuffer(string: event)) }
                try await writer.finish(nil)
            })
    }
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            FileHandle.standardOutput.write(Data("\(channel.localAddress?.port ?? 0)\n".utf8))
        })
    try? await app.runService()
}

/// The child serving the paced answer, and its port.
struct PacedUpstream {
    let process: Process
    let port: Int

    /// Starts `chatterm-bench upstream` and waits for its port.
    static func start(_ options: PacedUpstreamOptions) throws -> PacedUpstream {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = options.arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), let b = byte.first, b != 0x0A {
            line.append(b)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)), port > 0 else {
            process.terminate()
            throw BenchBackendError()
        }
        return PacedUpstream(process: process, port: port)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
