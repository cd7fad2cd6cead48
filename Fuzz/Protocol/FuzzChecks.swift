// Checks shared by the protocol fuzz entries.

enum FuzzChecks {
    /// A replay gives the same events, verdict and skip count whole and in small chunks
    /// (1 to 7 bytes, picked by the input so every size gets exercised).
    static func replayIsChunkingInvariant(_ bytes: [UInt8]) {
        let whole = StreamReplay.run(bytes)
        let bytewise = StreamReplay.run(bytes, chunkSize: Int(bytes.last ?? 0) % 7 + 1)
        if whole.events != bytewise.events || whole.completion != bytewise.completion
            || whole.skippedEvents != bytewise.skippedEvents
        {
            fatalError("chunking changed the decoded stream")
        }
    }

    /// An error line a person reads: not empty, no line break (LF, VT, FF, CR) inside.
    static func checkOneLine(_ line: String, _ what: String) {
        if line.isEmpty || line.unicodeScalars.contains(where: { (0x0A...0x0D).contains($0.value) }) {
            fatalError("\(what) is not one line: \(line.debugDescription)")
        }
    }
}
