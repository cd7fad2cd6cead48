// Deterministic choices for the fuzz entries (chunk sizes, extra whitespace), seeded from the input
// itself so a crashing input replays exactly.

/// SplitMix64, seeded with the FNV-1a hash of the input.
struct FuzzRandom {
    private var state: UInt64

    init(seed bytes: UnsafeRawBufferPointer) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in 0..<n (n > 0).
    mutating func below(_ n: Int) -> Int {
        Int(next() % UInt64(n))
    }

    /// Cuts 0..<count into consecutive ranges of 1...maxChunk elements (at least one range).
    mutating func chunks(of count: Int, maxChunk: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < count {
            let end = min(count, start + 1 + below(maxChunk))
            ranges.append(start..<end)
            start = end
        }
        return ranges.isEmpty ? [0..<0] : ranges
    }
}
