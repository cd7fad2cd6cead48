import ChatModel
import ChatProtocol
import Foundation
import Testing

/// The p/o/v operations of delta_encoding v1 on JSON documents.
@Suite struct JSONPatchTests {
    static func json(_ s: String) throws -> JSONValue { try FastJSON.parse(Data(s.utf8)) }

    static func applied(
        _ document: String, _ op: JSONPatchOperation, _ path: String, _ value: String?
    ) throws -> JSONValue {
        var doc = try json(document)
        try doc.apply(op, at: JSONPointer(path), value: try value.map(json))
        return doc
    }

    @Test func pointerParsing() {
        #expect(JSONPointer("").segments == [])
        #expect(JSONPointer("/message/content/parts/0").segments == ["message", "content", "parts", "0"])
        #expect(JSONPointer("/a~1b/c~0d/~01").segments == ["a/b", "c~d", "~1"])
        #expect(JSONPointer("message/status").segments == ["message", "status"])
        #expect(JSONPointer("/").segments == [""])
    }

    @Test func appendConcatenatesStrings() throws {
        let doc = try Self.applied(#"{"p":["Hel"]}"#, .append, "/p/0", #""lo""#)
        #expect(doc == (try Self.json(#"{"p":["Hello"]}"#)))
    }

    @Test func appendMergesObjects() throws {
        let doc = try Self.applied(
            #"{"m":{"a":1,"b":2}}"#, .append, "/m", #"{"b":3,"finish_details":{"type":"stop"}}"#)
        #expect(doc == (try Self.json(#"{"m":{"a":1,"b":3,"finish_details":{"type":"stop"}}}"#)))
    }

    @Test func appendPushesOntoArraysAndConcatenatesArrays() throws {
        #expect(try Self.applied(#"{"a":[1]}"#, .append, "/a", "2") == (try Self.json(#"{"a":[1,2]}"#)))
        #expect(try Self.applied(#"{"a":[1]}"#, .append, "/a", "[2,3]") == (try Self.json(#"{"a":[1,2,3]}"#)))
    }

    @Test func appendToAMissingMemberOrNullSetsIt() throws {
        #expect(try Self.applied(#"{}"#, .append, "/t", #""x""#) == (try Self.json(#"{"t":"x"}"#)))
        #expect(try Self.applied(#"{"t":null}"#, .append, "/t", #""x""#) == (try Self.json(#"{"t":"x"}"#)))
    }

    @Test func addReplaceAndRemove() throws {
        #expect(try Self.applied(#"{"a":[1,3]}"#, .add, "/a/1", "2") == (try Self.json(#"{"a":[1,2,3]}"#)))
        #expect(try Self.applied(#"{"a":[1]}"#, .add, "/a/-", "2") == (try Self.json(#"{"a":[1,2]}"#)))
        #expect(try Self.applied(#"{"a":[1,2]}"#, .replace, "/a/0", "9") == (try Self.json(#"{"a":[9,2]}"#)))
        #expect(try Self.applied(#"{"a":1}"#, .replace, "", #"{"b":2}"#) == (try Self.json(#"{"b":2}"#)))
        #expect(try Self.applied(#"{"a":[1,2,3]}"#, .remove, "/a/1", nil) == (try Self.json(#"{"a":[1,3]}"#)))
        #expect(try Self.applied(#"{"a":1,"b":2}"#, .remove, "/b", nil) == (try Self.json(#"{"a":1}"#)))
    }

    @Test func truncateCountsUTF16AndNeverSplitsASurrogatePair() throws {
        #expect(try Self.applied(#"{"t":"Hello world"}"#, .truncate, "/t", "5") == .object(["t": .string("Hello")]))
        // "a😀b": a=1 unit, 😀=2 units. Length 2 would split the pair: cut before it.
        #expect(try Self.applied(#"{"t":"a😀b"}"#, .truncate, "/t", "2") == .object(["t": .string("a")]))
        #expect(try Self.applied(#"{"t":"a😀b"}"#, .truncate, "/t", "3") == .object(["t": .string("a😀")]))
        #expect(try Self.applied(#"{"t":"ab"}"#, .truncate, "/t", "10") == .object(["t": .string("ab")]))
        #expect(try Self.applied(#"{"a":[1,2,3]}"#, .truncate, "/a", "1") == (try Self.json(#"{"a":[1]}"#)))
    }

    @Test func patchAppliesItsItemsInOrderRelativeToItsPath() throws {
        let doc = try Self.applied(
            #"{"message":{"content":{"parts":["a"]},"status":"in_progress"}}"#, .patch, "/message",
            #"[{"p":"/content/parts/0","o":"append","v":"b"},{"p":"/status","o":"replace","v":"done"}]"#)
        #expect(doc == (try Self.json(#"{"message":{"content":{"parts":["ab"]},"status":"done"}}"#)))
    }

    @Test func errorsLeaveTheDocumentUnchanged() throws {
        let original = try Self.json(#"{"a":{"b":"x"},"l":[1]}"#)
        let attempts: [(JSONPatchOperation, String, JSONValue?)] = [
            (.append, "/a/missing/deeper", .string("y")),
            (.append, "/a/b", .number(1)),
            (.replace, "/l/5", .number(1)),
            (.remove, "/a/nope", nil),
            (.truncate, "/a/b", .string("x")),
            (.truncate, "/a", .number(1)),
            (.add, "/l/x", .number(1)),
            (.add, "/a/b/c", .number(1)),
            (.replace, "/a/b", nil),
        ]
        for (op, path, value) in attempts {
            var doc = original
            #expect(throws: JSONPatchError.self, "\(op) \(path)") {
                try doc.apply(op, at: JSONPointer(path), value: value)
            }
            #expect(doc == original, "\(op) \(path)")
        }
    }

    @Test func unknownSubOperationAndDeepNestingFail() throws {
        var doc = try Self.json("{}")
        #expect(throws: JSONPatchError.unknownOperation("move")) {
            try doc.apply(.patch, at: JSONPointer(""), value: try Self.json(#"[{"p":"/a","o":"move","v":1}]"#))
        }
        var nested: JSONValue = .array([])
        for _ in 0..<40 {
            nested = .array([.object(["p": .string(""), "o": .string("patch"), "v": nested])])
        }
        #expect(throws: JSONPatchError.tooDeep) {
            try doc.apply(.patch, at: JSONPointer(""), value: nested)
        }
    }
}
