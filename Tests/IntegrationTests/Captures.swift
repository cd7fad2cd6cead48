import ChatModel
import ChatProtocol
import ChatTestPeers
import ChatTestSupport
import Foundation
import Testing

/// The captured ChatGPT streams in ../shared/fixtures, with the answers they end with. The
/// answer literals are copied from the captures (the same ones ChatProtocolTests checks).
enum Capture: String, Sendable, CaseIterable, CustomTestStringConvertible {
    /// delta_encoding v1, 2024-10 (the capture escapes all non-ASCII as `\uXXXX`).
    case deltaV1
    /// The same capture with its `\uXXXX` escapes written as raw UTF-8, so chunks can split characters.
    case deltaV1RawUTF8
    /// Legacy cumulative, 2023-05.
    case legacyCumulative
    /// dev-master-ext's `chatResults` frames (cumulative, 2023-12, with a moderation frame), ended by `[DONE]`.
    case devMaster
    /// The same frames as captured: no `[DONE]`.
    case devMasterWithoutDone

    var testDescription: String { rawValue }

    /// Whether the bytes are pure ASCII (no character to split).
    var isASCII: Bool { self == .deltaV1 || self == .legacyCumulative }

    /// The answer the stream ends with.
    var answer: String {
        switch self {
        case .deltaV1, .deltaV1RawUTF8: CaptureAnswers.deltaV1Answer
        case .legacyCumulative: CaptureAnswers.legacyAnswer
        case .devMaster, .devMasterWithoutDone: CaptureAnswers.devMasterAnswer
        }
    }

    /// How the stream ends: complete when the server confirmed it.
    var completion: StreamCompletion {
        self == .devMasterWithoutDone ? .incomplete(.noConfirmation) : .complete
    }

    /// The bytes the server sends.
    func bytes() throws -> [UInt8] {
        switch self {
        case .deltaV1:
            return try Self.fixture("chatgpt_sse_delta_v1_2024-10_gpt4o_ml-demo.txt")
        case .deltaV1RawUTF8:
            return Self.rawUTF8(try Self.fixture("chatgpt_sse_delta_v1_2024-10_gpt4o_ml-demo.txt"))
        case .legacyCumulative:
            return try Self.fixture("chatgpt_sse_legacy_cumulative_2023-05_everything-chatgpt.txt")
        case .devMaster, .devMasterWithoutDone:
            return try #require(try Self.devMasterSSE(withDone: self == .devMaster))
        }
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try #require(Fixtures.data(name), "fixture \(name) is missing"))
    }

    /// dev-master-ext's `chatResults` as an SSE body, one `data:` line per frame (re-serialized on
    /// one line, as StreamTestHelpers in ChatProtocolTests does).
    static func devMasterSSE(withDone: Bool) throws -> [UInt8]? {
        guard
            let data = Fixtures.data("chatgpt_conversations_list_detail_and_legacy_stream_2023-12_dev-master-ext.js"),
            let source = String(data: data, encoding: .utf8),
            let array = Fixtures.jsLiteral(named: "chatResults", in: source),
            let frames = try FastJSON.parse(array).arrayValue
        else { return nil }
        var text = ""
        for frame in frames {
            text += "data: " + String(decoding: try JSONEncoder().encode(frame), as: UTF8.self) + "\n\n"
        }
        if withDone { text += "data: [DONE]\n\n" }
        return Array(text.utf8)
    }

    /// The bytes with every `\uXXXX` escape above ASCII (surrogate pairs joined) written as raw
    /// UTF-8; other escapes are left alone, so the JSON means the same.
    static func rawUTF8(_ bytes: [UInt8]) -> [UInt8] {
        func hex(_ at: Int) -> UInt32? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)
        }
        let backslash = UInt8(ascii: "\\")
        let u = UInt8(ascii: "u")
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == backslash, i + 1 < bytes.count else {
                out.append(bytes[i])
                i += 1
                continue
            }
            if bytes[i + 1] == u, var code = hex(i + 2), code >= 0x80 {
                var length = 6
                if (0xD800..<0xDC00).contains(code), i + 12 <= bytes.count, bytes[i + 6] == backslash,
                    bytes[i + 7] == u, let low = hex(i + 8), (0xDC00..<0xE000).contains(low)
                {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                }
                if let scalar = Unicode.Scalar(code) {
                    out += Array(String(Character(scalar)).utf8)
                    i += length
                    continue
                }
            }
            out += bytes[i...i + 1]
            i += 2
        }
        return out
    }
}

/// The ChatGPT streams quoted in ../shared/seeds: seed 000 shows two `POST /conversation` answers
/// (`content-type: text/event-stream`) as their final cumulative frame, pretty-printed.
enum SeedStreams {
    static let file = "000_1415983af93d6106.txt"

    static var directory: URL { Fixtures.sharedDirectory.appendingPathComponent("seeds") }

    /// Whether the seeds are present (for `.enabled(if:)`).
    static var available: Bool {
        let present = FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path)
        if !present { print("note: \(directory.path) is absent; seed stream tests are skipped") }
        return present
    }

    /// Each quoted stream as an SSE body (the frame on one `data:` line, then `[DONE]`), with the
    /// answer text its frame carries.
    static func streams() throws -> [(bytes: [UInt8], answer: String)] {
        let data = try #require(FileManager.default.contents(atPath: directory.appendingPathComponent(file).path))
        let text = String(decoding: data, as: UTF8.self)
        var streams: [(bytes: [UInt8], answer: String)] = []
        var rest = text[...]
        while let marker = rest.range(of: "content-type: text/event-stream") {
            rest = rest[marker.upperBound...]
            let literal = try #require(Fixtures.jsLiteral(named: "frame", in: "const frame = " + rest))
            let frame = try FastJSON.parse(literal)
            let answer = try #require(frame["message"]?["content"]?["parts"]?.arrayValue?.first?.stringValue)
            let line = String(decoding: try JSONEncoder().encode(frame), as: UTF8.self)
            streams.append((Array("data: \(line)\n\ndata: [DONE]\n\n".utf8), answer))
        }
        return streams
    }
}

/// How the replay peer cuts a stream into writes.
enum Cut: Sendable, CaseIterable, CustomTestStringConvertible {
    case oneByte, twoBytes, sevenBytes
    /// Splits between the lead byte and a continuation byte of multi-byte characters.
    case midCharacter
    /// Splits inside `data:` lines (in the field name, mid-payload, inside `[DONE]`) and between
    /// the two newlines that end an event.
    case midLine

    var testDescription: String {
        switch self {
        case .oneByte: "1-byte chunks"
        case .twoBytes: "2-byte chunks"
        case .sevenBytes: "7-byte chunks"
        case .midCharacter: "split mid-character"
        case .midLine: "split mid-line"
        }
    }

    /// A pause between writes, so a few deliberate splits reach the client as separate reads.
    var pause: Duration {
        switch self {
        case .oneByte, .twoBytes, .sevenBytes: .zero
        case .midCharacter, .midLine: .milliseconds(15)
        }
    }

    /// The chunks, or nil when the bytes have nothing this cut can split.
    func chunks(_ bytes: [UInt8]) -> [[UInt8]]? {
        switch self {
        case .oneByte: return Pieces.fixed(bytes, 1)
        case .twoBytes: return Pieces.fixed(bytes, 2)
        case .sevenBytes: return Pieces.fixed(bytes, 7)
        case .midCharacter:
            // Positions right after a lead byte: the first, one in the middle, the last.
            let inside = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] >= 0xC0 && bytes[$0] & 0xC0 == 0x80 }
            guard let first = inside.first, let last = inside.last else { return nil }
            return Self.split(bytes, at: [first, inside[inside.count / 2], last])
        case .midLine:
            let lines = Self.ranges(of: Array("data: ".utf8), in: bytes)
            guard let line = lines.first else { return nil }
            let end = bytes[line...].firstIndex(of: 0x0A) ?? bytes.count
            var cuts = [line + 2, (line + end) / 2]
            if let blank = Self.ranges(of: [0x0A, 0x0A], in: bytes).first { cuts.append(blank + 1) }
            if let done = Self.ranges(of: Array("[DONE]".utf8), in: bytes).last { cuts.append(done + 3) }
            return Self.split(bytes, at: cuts)
        }
    }

    static func split(_ bytes: [UInt8], at cuts: [Int]) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var start = 0
        for cut in Set(cuts).sorted() where cut > start && cut < bytes.count {
            chunks.append(Array(bytes[start..<cut]))
            start = cut
        }
        chunks.append(Array(bytes[start...]))
        return chunks
    }

    /// The start of every occurrence of `needle`.
    static func ranges(of needle: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard needle.count <= bytes.count else { return [] }
        return (0...(bytes.count - needle.count)).filter { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}

/// One capture cut one way.
struct ReplayCase: Sendable, CustomTestStringConvertible {
    var capture: Capture
    var cut: Cut

    var testDescription: String { "\(capture.rawValue), \(cut.testDescription)" }

    /// Every capture with every cut, except splitting characters of an all-ASCII capture.
    static let all: [ReplayCase] = Capture.allCases.flatMap { capture in
        Cut.allCases.filter { !(capture.isASCII && $0 == .midCharacter) }.map { ReplayCase(capture: capture, cut: $0) }
    }
}
