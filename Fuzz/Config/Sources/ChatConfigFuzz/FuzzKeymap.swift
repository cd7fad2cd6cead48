// libFuzzer entry `keymap`: the input as a keymap file, over the built-in keymap and over none.
// - Parsing either fails with a KeymapError naming the file, or gives a keymap in which every
//   bound key finds its command in its context.
// - The keymap of the file alone written back as TOML (every binding, keys by name) parses to
//   the same keymap.

import ChatConfig
import TerminalCanvas

enum FuzzKeymap {
    static func run(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        for base in [Keymap.builtin, nil] {
            let keymap: Keymap
            do {
                keymap = try Keymap.parse(toml: text, name: "fuzz.toml", base: base)
            } catch let error as KeymapError {
                guard error.description.hasPrefix("fuzz.toml") else { fatalError("the error does not name the file") }
                continue
            } catch {
                fatalError("unexpected error type \(error)")
            }
            for (context, commands) in keymap.table {
                for (command, keys) in commands
                where !keys.allSatisfy({ keymap.command(for: $0, in: context) == command }) {
                    fatalError("a bound key does not run its command")
                }
            }
            // Only the file's own bindings: every parse leaks in TOMLKit 0.6 (see Fuzz/run.sh).
            guard base == nil else { continue }
            let written = toml(keymap)
            guard let again = try? Keymap.parse(toml: written, name: "again.toml", base: nil), again == keymap else {
                fatalError("the keymap written back reads differently:\n\(written)")
            }
        }
    }

    /// Every binding of the keymap as a keymap file.
    static func toml(_ keymap: Keymap) -> String {
        var out = "name = \(TOMLText.quoted(keymap.name))\n"
        for context in KeyContext.allCases {
            let bindings = keymap.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            out += "[\(TOMLText.quoted(context.rawValue))]\n"
            for (command, keys) in bindings {
                out +=
                    "\(TOMLText.quoted(command.rawValue)) = [\(keys.map { TOMLText.quoted(name(of: $0)) }.joined(separator: ", "))]\n"
            }
        }
        return out
    }

    /// A name `Key(name:)` reads back as `key`.
    static func name(of key: Key) -> String {
        var prefix = ""
        if key.modifiers.contains(.ctrl) { prefix += "ctrl+" }
        if key.modifiers.contains(.alt) { prefix += "alt+" }
        if key.modifiers.contains(.shift) { prefix += "shift+" }
        let base: String
        switch key.code {
        case .char(" "): base = "space"
        case .char(let c): base = String(c)
        case .enter: base = "enter"
        case .tab: base = "tab"
        case .backspace: base = "backspace"
        case .delete: base = "delete"
        case .escape: base = "escape"
        case .insert: base = "insert"
        case .up: base = "up"
        case .down: base = "down"
        case .left: base = "left"
        case .right: base = "right"
        case .home: base = "home"
        case .end: base = "end"
        case .pageUp: base = "pgup"
        case .pageDown: base = "pgdn"
        case .f(let n): base = "f\(n)"
        }
        return prefix + base
    }
}

/// TOML basic strings.
enum TOMLText {
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
