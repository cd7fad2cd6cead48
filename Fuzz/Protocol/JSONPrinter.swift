// Prints a JSONValue back to JSON text, for round-trip checks: members sorted by name, strings
// with only `"`, `\` and control characters escaped, numbers in Swift's shortest round-trip
// form. With a random source it also puts whitespace between tokens.

enum JSONPrinter {
    /// The text, or nil when a number is not finite (JSON cannot hold it).
    static func print(_ value: JSONValue, spacing random: FuzzRandom? = nil) -> [UInt8]? {
        var printer = Printer(random: random)
        return printer.write(value) ? printer.out : nil
    }

    /// The nesting depth: 0 for a scalar, 1 for `[]` or `{}`.
    static func depth(_ value: JSONValue) -> Int {
        switch value {
        case .array(let items): 1 + (items.map(depth).max() ?? 0)
        case .object(let members): 1 + (members.values.map(depth).max() ?? 0)
        default: 0
        }
    }

    private struct Printer {
        var random: FuzzRandom?
        var out: [UInt8] = []

        mutating func space() {
            guard random != nil else { return }
            let whitespace: [UInt8] = [0x20, 0x0A, 0x0D, 0x09]
            for _ in 0..<random!.below(3) where random!.below(2) == 0 {
                out.append(whitespace[random!.below(whitespace.count)])
            }
        }

        mutating func write(_ value: JSONValue) -> Bool {
            space()
            switch value {
            case .null: out += Array("null".utf8)
            case .bool(let b): out += Array((b ? "true" : "false").utf8)
            case .number(let n):
                guard n.isFinite else { return false }
                out += Array(n.description.utf8)
            case .string(let s): string(s)
            case .array(let items):
                out.append(0x5B)
                for (i, item) in items.enumerated() {
                    if i > 0 { out.append(0x2C) }
                    guard write(item) else { return false }
                }
                space()
                out.append(0x5D)
            case .object(let members):
                out.append(0x7B)
                for (i, key) in members.keys.sorted().enumerated() {
                    if i > 0 { out.append(0x2C) }
                    space()
                    string(key)
                    space()
                    out.append(0x3A)
                    guard write(members[key]!) else { return false }
                }
                space()
                out.append(0x7D)
            }
            space()
            return true
        }

        mutating func string(_ s: String) {
            out.append(0x22)
            for byte in s.utf8 {
                switch byte {
                case 0x22, 0x5C: out += [0x5C, byte]
                case 0..<0x20: out += Array("\\u00".utf8) + [hex(byte >> 4), hex(byte & 0xF)]
                default: out.append(byte)
                }
            }
            out.append(0x22)
        }

        func hex(_ digit: UInt8) -> UInt8 {
            digit < 10 ? 0x30 + digit : 0x61 + digit - 10
        }
    }
}
