import ChatProtocol
import Foundation
import Testing

@Suite struct JSONArrayScannerTests {
    /// Feeds `input` in pieces cut at `cuts` and returns the elements as strings.
    func split(_ input: String, cuts: [Int] = []) throws -> [String] {
        let bytes = Array(input.utf8)
        var scanner = JSONArrayScanner()
        var out: [String] = []
        var start = 0
        for cut in cuts.sorted() + [bytes.count] where cut >= start {
            out += try scanner.feed(Array(bytes[start..<cut])).map { String(decoding: $0, as: UTF8.self) }
            start = cut
        }
        try scanner.finish()
        return out
    }

    static let tricky = """
         \t\n[ {"a":"x]y}z","b":[1,[2,{"c":"\\"]"}]],"d":"\\\\"} ,
        {"s":"中文 😀 \\u00e9 \\" [ { ","e":{}} ,[ ],"just a string with ] and \\" inside",
        -12.5e3 , true,null, {"k":"\\\\\\""} ]\r\n
        """

    static let trickyElements = [
        #"{"a":"x]y}z","b":[1,[2,{"c":"\"]"}]],"d":"\\"}"#,
        #"{"s":"中文 😀 \u00e9 \" [ { ","e":{}}"#,
        "[ ]",
        #""just a string with ] and \" inside""#,
        "-12.5e3", "true", "null",
        #"{"k":"\\\""}"#,
    ]

    @Test func splitsTopLevelElementsExactly() throws {
        #expect(try split(Self.tricky) == Self.trickyElements)
    }

    @Test func sameResultWhenSplitAtEveryByteBoundary() throws {
        let count = Self.tricky.utf8.count
        for cut in 0...count {
            #expect(try split(Self.tricky, cuts: [cut]) == Self.trickyElements, "cut at \(cut)")
        }
    }

    @Test func sameResultFedOneByteAtATime() throws {
        let count = Self.tricky.utf8.count
        #expect(try split(Self.tricky, cuts: Array(0...count)) == Self.trickyElements)
    }

    @Test func sameResultAtEveryPairOfCuts() throws {
        let input = #"[{"x":"a\"b"},[1,2],"q"]"#
        let expected = [#"{"x":"a\"b"}"#, "[1,2]", #""q""#]
        let count = input.utf8.count
        for a in 0...count {
            for b in a...count {
                #expect(try split(input, cuts: [a, b]) == expected, "cuts \(a), \(b)")
            }
        }
    }

    @Test func elementsAreValidJSONThatRoundTrips() throws {
        let objects: [[String: Any]] = [["id": "1", "t": "] [ } {"], ["id": "2", "n": [1, 2, ["x": "\"\\"]]]]
        let data = try JSONSerialization.data(withJSONObject: objects)
        var scanner = JSONArrayScanner()
        let elements = try scanner.feed(data)
        try scanner.finish()
        #expect(elements.count == 2)
        let first = try JSONSerialization.jsonObject(with: elements[0]) as? [String: Any]
        #expect(first?["t"] as? String == "] [ } {")
    }

    @Test func emptyArraysAndWhitespace() throws {
        #expect(try split("[]").isEmpty)
        #expect(try split("  \n\t[ \r\n ]  \n").isEmpty)
        #expect(try split("\u{FEFF}[1]") == ["1"])
    }

    @Test func reportsProgressAndCompletion() throws {
        var scanner = JSONArrayScanner()
        #expect(!scanner.isStarted)
        _ = try scanner.feed(Array("[1,".utf8))
        #expect(scanner.isStarted && !scanner.isComplete)
        _ = try scanner.feed(Array("2]".utf8))
        #expect(scanner.isComplete)
        #expect(scanner.bytesConsumed == 5)
    }

    @Test func notAnArray() throws {
        #expect(throws: ExportFormatError.notAnArray(found: "'{' (an object)")) { try split(#"{"a":1}"#) }
        #expect(throws: ExportFormatError.notAnArray(found: "'h'")) { try split("hello") }
        #expect(throws: ExportFormatError.notAnArray(found: "byte 0x0")) { try split("\u{0}") }
    }

    @Test func emptyInput() throws {
        #expect(throws: ExportFormatError.empty) { try split("") }
        #expect(throws: ExportFormatError.empty) { try split("  \n ") }
    }

    @Test(arguments: ["[", "[{", #"[{"a":"]"#, "[1,", "[1", #"["abc"#, #"[{"a":"\"#, "[[[]]"])
    func truncated(_ input: String) throws {
        #expect(throws: ExportFormatError.truncated(offset: Int64(input.utf8.count))) { try split(input) }
    }

    @Test func garbage() throws {
        #expect(throws: ExportFormatError.unexpectedByte(UInt8(ascii: ","), offset: 1)) { try split("[,1]") }
        #expect(throws: ExportFormatError.unexpectedByte(UInt8(ascii: "]"), offset: 3)) { try split("[1,]") }
        #expect(throws: ExportFormatError.unexpectedByte(UInt8(ascii: "{"), offset: 4)) { try split("[{} {}]") }
        #expect(throws: ExportFormatError.unexpectedByte(UInt8(ascii: ":"), offset: 1)) { try split("[:]") }
        #expect(throws: ExportFormatError.trailingData(offset: 4)) { try split("[1] x") }
        #expect(throws: ExportFormatError.trailingData(offset: 2)) { try split("[][]") }
    }

    @Test func errorDescriptionsAreOneLine() {
        let errors: [ExportFormatError] = [
            .notAnArray(found: "'{' (an object)"), .unexpectedByte(0x2C, offset: 3), .truncated(offset: 9),
            .trailingData(offset: 2), .empty,
        ]
        for error in errors {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
        #expect(
            ExportFormatError.unexpectedByte(0x2C, offset: 3).description
                == "unexpected ',' at byte 3 of the JSON array")
    }

    @Test func largeElementAcrossManyChunks() throws {
        let big = String(repeating: "[\"x\\\"]\",", count: 5000) + "0" + String(repeating: "]", count: 5000)
        let input = "[" + big + ", {\"tail\":1}]"
        let bytes = Array(input.utf8)
        var scanner = JSONArrayScanner()
        var elements: [Data] = []
        for chunk in stride(from: 0, to: bytes.count, by: 997) {
            elements += try scanner.feed(Array(bytes[chunk..<min(chunk + 997, bytes.count)]))
        }
        try scanner.finish()
        #expect(elements.count == 2)
        #expect(elements[0].count == big.utf8.count)
        #expect(String(decoding: elements[1], as: UTF8.self) == #"{"tail":1}"#)
    }

    @Test func callbackVariantMatchesArrayVariant() throws {
        var scanner = JSONArrayScanner()
        var seen: [String] = []
        let bytes = Array(Self.tricky.utf8)
        try bytes.withUnsafeBytes { raw in
            try scanner.feed(raw) { seen.append(String(decoding: $0, as: UTF8.self)) }
        }
        try scanner.finish()
        #expect(seen == Self.trickyElements)
    }
}
