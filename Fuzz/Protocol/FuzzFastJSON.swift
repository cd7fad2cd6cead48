// libFuzzer entry `json`: FastJSON, the importer's JSON parser, reading the fuzzer's own buffer
// (no copy, so ASan sees any read past its end).
// - A rejected input gets a malformed-JSON error naming a byte offset inside the input.
// - An accepted value printed back (members sorted, random whitespace between tokens) parses to
//   the same value, and printing that gives the same text: parse and print are inverse.
// - The value inside `[ ]` parses as a one-element array (below the nesting limit).

import Foundation

enum FuzzFastJSON {
    static func run(_ input: UnsafeRawBufferPointer) {
        let data = input.baseAddress.map {
            Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: input.count, deallocator: .none)
        }
        let value: JSONValue
        do {
            value = try FastJSON.parse(data ?? Data())
        } catch ConversationDecodingError.malformedJSON(let why) {
            guard let offset = why.split(separator: " ").last.flatMap({ Int($0) }), (0...input.count).contains(offset)
            else { fatalError("the error names no byte of the input: \(why)") }
            return
        } catch {
            fatalError("unexpected error type \(error)")
        }
        let random = FuzzRandom(seed: input)
        guard let spaced = JSONPrinter.print(value, spacing: random), let plain = JSONPrinter.print(value) else {
            return  // a number too large for a Double
        }
        guard let again = try? FastJSON.parse(Data(spaced)) else { fatalError("printed JSON does not parse") }
        if again != value { fatalError("printed JSON parses to another value") }
        if JSONPrinter.print(again) != plain { fatalError("printing is not stable") }
        if JSONPrinter.depth(value) < FastJSON.maxDepth {
            let wrapped = [0x5B] + plain + [0x5D]
            if (try? FastJSON.parse(Data(wrapped))) != .array([value]) { fatalError("[value] does not parse") }
        }
    }
}
