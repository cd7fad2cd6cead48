// libFuzzer entry `theme`: the input as a theme file.
// - Parsing either fails with a ThemeError naming the file, or gives a theme whose palette
//   references all resolve.
// - Brought down to each colour support, every slot's style (the app's and the file's) uses only
//   colours that support shows: none in monochrome, ANSI in 16 colours, no RGB in 256.

import ChatConfig
import TerminalCanvas

enum FuzzTheme {
    static func run(_ input: UnsafeRawBufferPointer) {
        let theme: Theme
        do {
            theme = try Theme.parse(toml: String(decoding: input, as: UTF8.self), name: "fuzz.toml")
        } catch let error as ThemeError {
            guard error.description.hasPrefix("fuzz.toml") else { fatalError("the error does not name the file") }
            return
        } catch {
            fatalError("unexpected error type \(error)")
        }
        checkReferences(theme)
        let slots = Theme.slots + theme.rules.keys
        for support in ColorSupport.allCases {
            let reduced = theme.reduced(to: support)
            checkReferences(reduced)
            for slot in slots {
                let style = reduced.style(slot)
                guard shows(style.fg, support), shows(style.bg, support) else {
                    fatalError("a colour is outside \(support)")
                }
            }
        }
    }

    static func checkReferences(_ theme: Theme) {
        for rule in theme.rules.values {
            for ref in [rule.fg, rule.bg] {
                if case .palette(let name)? = ref, theme.palette[name] == nil {
                    fatalError("a palette reference dangles")
                }
            }
        }
    }

    static func shows(_ color: Color, _ support: ColorSupport) -> Bool {
        switch (support, color) {
        case (_, .default), (.truecolor, _): true
        case (.monochrome, _): false
        case (.ansi16, .ansi): true
        case (.ansi16, _): false
        case (.palette256, .rgb): false
        case (.palette256, _): true
        }
    }
}
