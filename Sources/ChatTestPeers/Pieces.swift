/// Ways to cut bytes into the writes of a peer, so a client's reads split lines, CRLFs and
/// UTF-8 characters.
public enum Pieces {
    /// `bytes` cut into pieces of `size` bytes (the last may be shorter).
    public static func fixed(_ bytes: [UInt8], _ size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    /// `bytes` cut into pieces of 1, 2, 3, 5, 7, 11, 1, … bytes.
    public static func awkward(_ bytes: [UInt8]) -> [[UInt8]] {
        let sizes = [1, 2, 3, 5, 7, 11]
        var pieces: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            let n = sizes[pieces.count % sizes.count]
            pieces.append(Array(bytes[i..<min(i + n, bytes.count)]))
            i += n
        }
        return pieces
    }
}
