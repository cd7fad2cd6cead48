/// Common TeX as ChatGPT writes it in math, turned into Unicode a terminal shows: Greek
/// letters, operators and relations, arrows, `^`/`_` where Unicode has super- and subscripts,
/// `\frac{a}{b}`, `\sqrt{x}`, `\mathbb{R}`, `\text{…}`. Anything else is left as written.
public enum TeXToUnicode {
    /// The math `tex` (without its delimiters) as Unicode text.
    public static func convert(_ tex: String) -> String {
        var reader = Reader(Array(tex))
        return reader.expression(until: nil)
            .replacingRepeatedSpaces()
    }

    static let symbols: [String: String] = [
        // Greek
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        // operators
        "times": "×", "cdot": "·", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆", "circ": "∘",
        "bullet": "•", "oplus": "⊕", "otimes": "⊗", "sum": "∑", "prod": "∏", "int": "∫", "iint": "∬",
        "oint": "∮", "partial": "∂", "nabla": "∇", "infty": "∞", "cup": "∪", "cap": "∩", "setminus": "∖",
        "wedge": "∧", "vee": "∨", "neg": "¬", "lnot": "¬", "land": "∧", "lor": "∨", "sqrt": "√",
        // relations
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "equiv": "≡",
        "sim": "∼", "simeq": "≃", "cong": "≅", "propto": "∝", "ll": "≪", "gg": "≫", "in": "∈", "notin": "∉",
        "ni": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇", "mid": "∣", "parallel": "∥",
        "perp": "⊥", "forall": "∀", "exists": "∃", "nexists": "∄", "emptyset": "∅", "varnothing": "∅",
        // arrows
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
        "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "iff": "⟺", "mapsto": "↦", "uparrow": "↑",
        "downarrow": "↓", "longrightarrow": "⟶", "longleftarrow": "⟵",
        // dots, misc
        "ldots": "…", "cdots": "⋯", "dots": "…", "vdots": "⋮", "ddots": "⋱", "prime": "′", "degree": "°",
        "hbar": "ℏ", "ell": "ℓ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "angle": "∠", "triangle": "△",
        "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "lbrace": "{", "rbrace": "}", "{": "{", "}": "}", "%": "%", "$": "$", "&": "&", "#": "#", "_": "_",
        "|": "‖", "quad": "  ", "qquad": "    ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ",
        "sin": "sin", "cos": "cos", "tan": "tan", "log": "log", "ln": "ln", "exp": "exp", "lim": "lim",
        "max": "max", "min": "min", "det": "det", "gcd": "gcd", "arg": "arg",
        "left": "", "right": "", "big": "", "Big": "", "bigg": "", "Bigg": "", "displaystyle": "",
        "limits": "", "nolimits": "",
    ]

    static let blackboard: [Character: String] = [
        "R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "H": "ℍ", "E": "𝔼",
    ]

    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ", "x": "ˣ", "y": "ʸ", "k": "ᵏ",
        "a": "ᵃ", "b": "ᵇ", "c": "ᶜ", "d": "ᵈ", "e": "ᵉ", "m": "ᵐ", "t": "ᵗ", "T": "ᵀ", "′": "′", "∗": "*",
    ]

    static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "=": "₌", "(": "₍", ")": "₎", "a": "ₐ", "e": "ₑ", "o": "ₒ", "x": "ₓ", "i": "ᵢ",
        "j": "ⱼ", "k": "ₖ", "n": "ₙ", "m": "ₘ", "t": "ₜ", "r": "ᵣ", "s": "ₛ", "p": "ₚ", "l": "ₗ", "h": "ₕ",
    ]

    /// A small recursive reader over the TeX characters.
    struct Reader {
        let chars: [Character]
        var i = 0

        init(_ chars: [Character]) { self.chars = chars }

        /// Converts up to `end` (a closing `}`), or to the end.
        mutating func expression(until end: Character?) -> String {
            var out = ""
            while i < chars.count {
                let c = chars[i]
                if c == end {
                    i += 1
                    return out
                }
                switch c {
                case "\\": out += command()
                case "{":
                    i += 1
                    out += expression(until: "}")
                case "^", "_":
                    i += 1
                    out += script(c == "^" ? TeXToUnicode.superscripts : TeXToUnicode.subscripts, mark: c)
                case "~":
                    i += 1
                    out += " "
                default:
                    i += 1
                    out.append(c)
                }
            }
            return out
        }

        /// One argument: a `{…}` group, a command, or a single character.
        mutating func argument() -> String {
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count else { return "" }
            if chars[i] == "{" {
                i += 1
                return expression(until: "}")
            }
            if chars[i] == "\\" { return command() }
            i += 1
            return String(chars[i - 1])
        }

        /// A raw `{…}` group as written (for `\text`), braces balanced.
        mutating func rawGroup() -> String {
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count, chars[i] == "{" else { return argument() }
            i += 1
            var depth = 1
            var out = ""
            while i < chars.count {
                let c = chars[i]
                i += 1
                if c == "{" {
                    depth += 1
                } else if c == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                out.append(c)
            }
            return out
        }

        mutating func script(_ table: [Character: Character], mark: Character) -> String {
            let body = argument()
            let mapped = body.map { table[$0] }
            if !body.isEmpty, mapped.allSatisfy({ $0 != nil }) { return String(mapped.compactMap { $0 }) }
            return body.count == 1 ? "\(mark)\(body)" : "\(mark)(\(body))"
        }

        mutating func command() -> String {
            i += 1  // the backslash
            guard i < chars.count else { return "\\" }
            var name = ""
            if chars[i].isLetter {
                while i < chars.count, chars[i].isLetter {
                    name.append(chars[i])
                    i += 1
                }
            } else {
                name = String(chars[i])
                i += 1
            }
            switch name {
            case "frac", "dfrac", "tfrac":
                let a = argument()
                let b = argument()
                return "\(Self.group(a))/\(Self.group(b))"
            case "sqrt":
                return "√" + Self.group(argument())
            case "mathbb":
                let body = argument()
                return String(body.flatMap { TeXToUnicode.blackboard[$0] ?? String($0) })
            case "text", "textrm", "textbf", "textit", "mathrm", "operatorname", "mbox":
                return rawGroup()
            case "mathbf", "mathit", "mathcal", "boldsymbol", "vec", "hat", "bar", "overline", "tilde", "dot":
                let body = argument()
                switch name {
                case "vec": return body + "\u{20D7}"
                case "hat": return body + "\u{0302}"
                case "bar", "overline": return body + "\u{0305}"
                case "tilde": return body + "\u{0303}"
                case "dot": return body + "\u{0307}"
                default: return body
                }
            default:
                if let symbol = TeXToUnicode.symbols[name] { return symbol }
                // Unknown: left as written, with its braces.
                var j = i
                while j < chars.count, chars[j] == " " { j += 1 }
                if j < chars.count, chars[j] == "{" { return "\\" + name + "{" + rawGroup() + "}" }
                return "\\" + name
            }
        }

        /// `x` as is, `a+b` in parentheses (so `\frac{a+b}{2}` reads `(a+b)/2`).
        static func group(_ s: String) -> String {
            let simple = s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || "²³¹⁰⁴⁵⁶⁷⁸⁹ⁿ".contains($0) }
            return simple || s.count <= 1 ? s : "(\(s))"
        }
    }
}

extension String {
    /// Runs of spaces as one space, trimmed at both ends.
    fileprivate func replacingRepeatedSpaces() -> String {
        var out = ""
        var lastSpace = true
        for c in self {
            if c == " " {
                if !lastSpace { out.append(c) }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        return out.hasSuffix(" ") ? String(out.dropLast()) : out
    }
}
