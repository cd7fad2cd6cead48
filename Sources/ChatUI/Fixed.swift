import Foundation

/// A number with a fixed count of decimals, written as `String(format: "%.1f")` writes it (C's
/// printf, which rounds the exact binary value) but through `vsnprintf` directly: Foundation's
/// formatter cost more than the rest of the status line, which a streaming answer redraws every
/// frame.
enum Fixed {
    /// `value` with `decimals` (0, 1 or 2) digits after the point.
    static func string(_ value: Double, decimals: Int) -> String {
        let format: StaticString =
            switch decimals {
            case 0: "%.0f"
            case 1: "%.1f"
            default: "%.2f"
            }
        let capacity = 48
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let written = format.withUTF8Buffer { spec in
                spec.withMemoryRebound(to: CChar.self) { spec in
                    withVaList([value]) { vsnprintf(buffer.baseAddress, capacity, spec.baseAddress, $0) }
                }
            }
            guard written >= 0, Int(written) < capacity else {
                return String(format: decimals == 0 ? "%.0f" : decimals == 1 ? "%.1f" : "%.2f", value)
            }
            return String(
                decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(written)), as: UTF8.self)
        }
    }
}
