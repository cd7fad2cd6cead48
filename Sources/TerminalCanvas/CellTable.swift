import Foundation

/// Numbers for what a ``Cell`` cannot hold in place, so that a cell stays plain data: the
/// links cells carry, and graphemes of more than three scalars (a character under a pile of
/// marks). Each value is numbered once for the life of the process, from 1, and kept: a screen
/// shows few distinct links and fewer such graphemes.
enum CellTable {
    /// The links cells carry.
    static let links = Numbering<Hyperlink>()
    /// Graphemes of four or more scalars.
    static let texts = Numbering<ExactText>()

    /// Values and their numbers, under a lock (cells are made on any thread). `@unchecked
    /// Sendable`: both fields are read and written under `lock` only.
    final class Numbering<Value: Hashable & Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Value] = []
        private var numbers: [Value: UInt32] = [:]

        /// The number of `value`, given to it the first time.
        func number(for value: Value) -> UInt32 {
            lock.withLock {
                if let known = numbers[value] { return known }
                values.append(value)
                let number = UInt32(values.count)
                numbers[value] = number
                return number
            }
        }

        /// The value numbered `number` (by ``number(for:)``).
        func value(_ number: UInt32) -> Value {
            lock.withLock { values[Int(number) - 1] }
        }
    }

    /// A string that equals another only with the very same scalars (`String` also equates
    /// canonically equivalent ones), so a cell gets back exactly the scalars it was given.
    struct ExactText: Hashable, Sendable {
        let text: String

        static func == (a: ExactText, b: ExactText) -> Bool {
            a.text.unicodeScalars.elementsEqual(b.text.unicodeScalars)
        }

        func hash(into hasher: inout Hasher) {
            for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
        }
    }
}
