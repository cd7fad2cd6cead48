// libFuzzer entry `scanner`: the export importer's JSONArrayScanner.
// - Fed whole and fed in chunks of 1–16 bytes it yields the same elements and the same error.
// - Every element is an exact slice of the input, in order, and the array-returning feed agrees.
// - Against FastJSON: when the input parses as an array, the scanner finds its elements and each
//   parses to the same value; when the scanner succeeds and every element parses, the whole
//   input parses as that array; when the input is another JSON value, the scanner says it is not
//   an array.

import Foundation

enum FuzzArrayScanner {
    struct Outcome: Equatable {
        var elements: [Data] = []
        var error: ExportFormatError?
    }

    static func run(_ input: UnsafeRawBufferPointer) {
        var random = FuzzRandom(seed: input)
        let whole = scan(input, chunks: [0..<input.count])
        let chunked = scan(input, chunks: random.chunks(of: input.count, maxChunk: 16))
        if chunked != whole { fatalError("chunking changed the elements or the error") }
        checkSlices(whole.elements, of: input)
        if whole.error == nil {
            var scanner = JSONArrayScanner()
            let returned = try? { () throws -> [Data] in
                let elements = try scanner.feed(Data(input))
                try scanner.finish()
                return elements
            }()
            if returned != whole.elements { fatalError("feed(Data) returned other elements") }
        }
        compareWithParser(whole, input)
    }

    static func scan(_ input: UnsafeRawBufferPointer, chunks: [Range<Int>]) -> Outcome {
        var scanner = JSONArrayScanner()
        var outcome = Outcome()
        do {
            for range in chunks {
                try scanner.feed(UnsafeRawBufferPointer(rebasing: input[range])) { outcome.elements.append($0) }
            }
            try scanner.finish()
            if !scanner.isComplete || scanner.bytesConsumed != Int64(input.count) {
                fatalError("finish() succeeded on an incomplete array")
            }
        } catch let error as ExportFormatError {
            outcome.error = error
        } catch {
            fatalError("unexpected error type \(error)")
        }
        return outcome
    }

    /// Each element occurs in the input after the previous one.
    static func checkSlices(_ elements: [Data], of input: UnsafeRawBufferPointer) {
        var position = 0
        for element in elements {
            guard !element.isEmpty, let start = find(element, in: input, from: position) else {
                fatalError("an element is not a slice of the input")
            }
            position = start + element.count
        }
    }

    static func find(_ needle: Data, in input: UnsafeRawBufferPointer, from position: Int) -> Int? {
        let bytes = [UInt8](needle)
        guard bytes.count <= input.count else { return nil }
        var start = position
        while start + bytes.count <= input.count {
            if input[start] == bytes[0], input[start..<start + bytes.count].elementsEqual(bytes) { return start }
            start += 1
        }
        return nil
    }

    static func compareWithParser(_ outcome: Outcome, _ input: UnsafeRawBufferPointer) {
        // The scanner skips a byte order mark (even a partial one); FastJSON does not.
        var body = input
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = UnsafeRawBufferPointer(rebasing: input[3...])
        } else if input.first == 0xEF {
            return
        }
        let parsed = Result { try FastJSON.parse(Data(body)) }
        switch parsed {
        case .success(.array(let values)):
            guard outcome.error == nil, outcome.elements.count == values.count else {
                fatalError("a valid array was not split into its elements")
            }
            for (element, value) in zip(outcome.elements, values) where (try? FastJSON.parse(element)) != value {
                fatalError("an element differs from the parsed array's")
            }
        case .success:
            guard case .notAnArray? = outcome.error else {
                fatalError("a JSON value that is not an array was accepted")
            }
        case .failure(let error):
            guard outcome.error == nil else { return }
            let values = outcome.elements.compactMap { try? FastJSON.parse($0) }
            guard values.count == outcome.elements.count else { return }
            // Elements nested to the limit parse alone but not inside the array.
            if "\(error)".contains("nesting too deep") { return }
            fatalError("the scanner accepted an array FastJSON rejects: \(error)")
        }
    }
}
