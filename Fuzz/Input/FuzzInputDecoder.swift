// libFuzzer entry `input`: the terminal InputDecoder (compiled with TerminalCanvas only, no curses).
// The input bytes become what `wget_wch` returns: UTF-8 text as characters, a lone byte as that
// code, 0xF8 as `.none` (nothing waiting), 0xF9 hi lo as a `KEY_*` function code, 0xFA and four
// bytes as any 32-bit character value.
// - Fed all at once, in batches of 1–8 values and one value at a time, the decoder gives the same
//   keys, pastes and resizes (a combining mark joins the character before it only within a batch,
//   so characters are compared scalar by scalar) and ends in the same state.
// - After `.none` outside a paste no escape sequence is left waiting.
// - Text without escapes or controls comes out as its own scalars, none lost.
// - Any text (minus the end marker) wrapped in ESC[200~ … ESC[201~ and cut anywhere, with `.none`
//   in between, is one paste holding exactly that text (CR and CRLF as LF).

enum FuzzInputDecoder {
    static let pasteStart: [UInt32] = [27, 0x5B, 0x32, 0x30, 0x30, 0x7E]
    static let pasteEnd: [UInt32] = [27, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    static func run(_ input: UnsafeRawBufferPointer) {
        let raw = rawInputs(input)
        var random = FuzzRandom(seed: input)
        let whole = feed([raw[...]])
        let batched = feed(random.chunks(of: raw.count, maxChunk: 8).map { raw[$0] })
        let single = feed(raw.map { [$0][...] }, checkNone: true)
        guard atoms(whole.events) == atoms(batched.events), atoms(whole.events) == atoms(single.events),
            whole.state == batched.state, whole.state == single.state
        else { fatalError("batching changed the decoded input") }
        checkPlainText(raw, whole.events)
        checkPaste(raw, random: &random)
    }

    /// The fuzz bytes as `wget_wch` values (see the file's notes).
    static func rawInputs(_ bytes: UnsafeRawBufferPointer) -> [RawInput] {
        var out: [RawInput] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0xF8 {
                out.append(.none)
                i += 1
            } else if b == 0xF9, i + 2 < bytes.count {
                out.append(.function(Int32(bytes[i + 1]) << 8 | Int32(bytes[i + 2])))
                i += 3
            } else if b == 0xFA, i + 4 < bytes.count {
                let value = bytes[i + 1..<i + 5].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                out.append(.character(value))
                i += 5
            } else if let (scalar, length) = utf8Scalar(bytes, at: i) {
                out.append(.character(scalar.value))
                i += length
            } else {
                out.append(.character(UInt32(b)))
                i += 1
            }
        }
        return out
    }

    /// The multi-byte UTF-8 sequence at `i`, if a valid one starts there.
    static func utf8Scalar(_ bytes: UnsafeRawBufferPointer, at i: Int) -> (Unicode.Scalar, Int)? {
        let b = bytes[i]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
        guard length > 0, b <= 0xF4, i + length <= bytes.count else { return nil }
        var decoder = UTF8()
        var iterator = bytes[i..<i + length].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.utf8.count == length else { return nil }
        return (scalar, length)
    }

    struct Outcome {
        var events: [InputEvent] = []
        var state: [Bool] = []
    }

    static func decoder() -> InputDecoder {
        var decoder = InputDecoder()
        decoder.extendedKeys = [0o1000: Key(.up, .alt), 0o1001: Key(.delete, .ctrl)]
        return decoder
    }

    static func feed(_ batches: [ArraySlice<RawInput>], checkNone: Bool = false) -> Outcome {
        var decoder = decoder()
        var outcome = Outcome()
        for batch in batches {
            outcome.events += decoder.feed(Array(batch))
            if checkNone, batch.last == RawInput.none, decoder.isAwaitingMore {
                fatalError("an escape sequence is still waiting after .none")
            }
        }
        outcome.state = [decoder.isAwaitingMore, decoder.isInPaste]
        return outcome
    }

    /// Unmodified characters as their scalars, every other event as itself.
    enum Atom: Hashable {
        case scalar(Unicode.Scalar)
        case event(InputEvent)
    }

    static func atoms(_ events: [InputEvent]) -> [Atom] {
        events.flatMap { event -> [Atom] in
            if case .key(let key) = event, key.modifiers.isEmpty, case .char(let c) = key.code {
                return c.unicodeScalars.map { .scalar($0) }
            }
            return [.event(event)]
        }
    }

    /// Printable characters and `.none` only: the scalars come out as typed.
    static func checkPlainText(_ raw: [RawInput], _ events: [InputEvent]) {
        var scalars: [Atom] = []
        for input in raw {
            switch input {
            case .none: continue
            case .character(let v):
                guard (0x20...0x7E).contains(v) || v >= 0xA0, let scalar = Unicode.Scalar(v) else { return }
                scalars.append(.scalar(scalar))
            case .function: return
            }
        }
        if atoms(events) != scalars { fatalError("plain text lost or changed characters") }
    }

    static func checkPaste(_ raw: [RawInput], random: inout FuzzRandom) {
        var text: [UInt32] = raw.compactMap {
            if case .character(let v) = $0, Unicode.Scalar(v) != nil { return v }
            return nil
        }
        if let end = text.indices.first(where: { text[$0...].starts(with: pasteEnd) }) { text = Array(text[..<end]) }
        var decoder = decoder()
        var values = (text + pasteEnd).map { RawInput.character($0) }
        for _ in 0..<random.below(4) { values.insert(.none, at: random.below(values.count + 1)) }
        var events = decoder.feed(pasteStart.map { .character($0) })
        for range in random.chunks(of: values.count, maxChunk: 8) {
            events += decoder.feed(Array(values[range]))
        }
        guard events == [.paste(expectedPaste(text))], !decoder.isInPaste else {
            fatalError("a bracketed paste did not come out whole")
        }
    }

    /// The text a paste should give: CR and CRLF become LF; the whole paste is kept.
    static func expectedPaste(_ text: [UInt32]) -> String {
        var out = String.UnicodeScalarView()
        var lastWasCR = false
        for v in text {
            defer { lastWasCR = v == 13 }
            if v == 10 && lastWasCR { continue }
            out.append(Unicode.Scalar(v == 13 ? 10 : v)!)
        }
        return String(out)
    }
}

let fuzzTargets: [String: FuzzTarget] = ["input": FuzzInputDecoder.run]
