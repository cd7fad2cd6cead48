import Foundation
import Testing

@testable import ChatUI

/// The status line's numbers are written as `String(format:)` writes them, without it.
@Suite struct FixedTests {
    @Test(arguments: [
        0, 0.05, 0.15, 0.25, 0.35, 0.45, 1.005, 2.5, 3.5, 12.345, 99.95, 99.99, 123_456.789, 1e20, 4.2e-7, -0.05,
        -2.5, 0.049999, 1e300, .infinity, -.infinity, .nan,
    ])
    func writesWhatStringFormatWrites(value: Double) {
        for (decimals, format) in [(0, "%.0f"), (1, "%.1f"), (2, "%.2f")] {
            #expect(Fixed.string(value, decimals: decimals) == String(format: format, value), "\(value) \(format)")
        }
    }
}
