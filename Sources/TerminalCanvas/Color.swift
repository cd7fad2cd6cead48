import Foundation

/// A terminal colour: the terminal's default, one of the 16 ANSI colours, a 256-palette index, or RGB.
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case `default`
    /// ANSI colour 0–15 (black, red, green, yellow, blue, magenta, cyan, white, then bright).
    case ansi(UInt8)
    /// xterm 256-colour palette index.
    case indexed(UInt8)
    /// 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// The ANSI colour names, in palette order.
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
        "bright-cyan", "bright-white",
    ]

    /// Parses `default`, an ANSI name (`red`, `bright-blue`, `gray`), a palette index (`"208"`), or `#RRGGBB`.
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-")
        if n == "default" || n == "reset" || n.isEmpty {
            self = .default
        } else if let i = Self.ansiNames.firstIndex(of: n) {
            self = .ansi(UInt8(i))
        } else if n == "gray" || n == "grey" || n == "light-black" {
            self = .ansi(8)
        } else if n == "light-gray" || n == "light-grey" {
            self = .ansi(7)
        } else if n.hasPrefix("light-"), let i = Self.ansiNames.firstIndex(of: String(n.dropFirst(6))), i < 8 {
            self = .ansi(UInt8(i + 8))
        } else if let i = UInt8(n) {
            self = .indexed(i)
        } else if n.hasPrefix("#"), n.count == 7, let v = UInt32(n.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff))
        } else {
            return nil
        }
    }

    /// The colour as an xterm 256-palette index (nil for `.default`).
    public var paletteIndex: Int? {
        switch self {
        case .default: nil
        case .ansi(let i): Int(i)
        case .indexed(let i): Int(i)
        case .rgb(let r, let g, let b): Self.nearest256(r, g, b)
        }
    }

    /// The colour reduced to the 16 ANSI colours (nil for `.default`).
    public var ansi16Index: Int? {
        switch self {
        case .default: return nil
        case .ansi(let i): return Int(i)
        case .indexed(let i) where i < 16: return Int(i)
        case .indexed(let i):
            let (r, g, b) = Self.rgbOf(index: Int(i))
            return Self.nearest16(r, g, b)
        case .rgb(let r, let g, let b): return Self.nearest16(Int(r), Int(g), Int(b))
        }
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]
    private static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of an xterm 256-palette index (0–15 as xterm's defaults draw them).
    public static func rgbOf(index i: Int) -> (Int, Int, Int) {
        if i < 16 { return ansiRGB[i] }
        if i < 232 {
            let c = i - 16
            return (cubeLevels[c / 36], cubeLevels[c / 6 % 6], cubeLevels[c % 6])
        }
        let v = 8 + (i - 232) * 10
        return (v, v, v)
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        var best = 16
        var bestDistance = Int.max
        for i in 16..<256 {
            let (cr, cg, cb) = rgbOf(index: i)
            let d = sq(cr - Int(r)) + sq(cg - Int(g)) + sq(cb - Int(b))
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return best
    }

    static func nearest16(_ r: Int, _ g: Int, _ b: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in ansiRGB.enumerated() {
            let d = sq(c.0 - r) + sq(c.1 - g) + sq(c.2 - b)
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return best
    }

    private static func sq(_ x: Int) -> Int { x * x }
}
