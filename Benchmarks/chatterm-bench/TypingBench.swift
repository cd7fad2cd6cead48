import ChatArchive
import ChatConfig
import ChatStore
import ChatUI
import Foundation

// chatterm-bench typing [--keys N] [--sizes 1000,10000000]
//
// What a key costs in the input box with a draft of each size: the store's reduce and effects
// (the draft save is queued, not waited for) plus a full render into the cell buffer. The draft
// arrives as one bracketed paste, in lines of 80 characters or as one line.

struct TypingOptions {
    var keys = 50
    var sizes = [1000, 10_000_000]

    static func parse(_ args: [String]) -> TypingOptions {
        var options = TypingOptions()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--keys" where i + 1 < args.count:
                options.keys = Int(args[i + 1]) ?? options.keys
                i += 1
            case "--sizes" where i + 1 < args.count:
                options.sizes = args[i + 1].split(separator: ",").compactMap { Int($0) }
                i += 1
            default:
                print("usage: chatterm-bench typing [--keys N] [--sizes 1000,10000000]")
                exit(2)
            }
            i += 1
        }
        return options
    }
}

func runTypingBench(_ args: [String]) async {
    let options = TypingOptions.parse(args)
    for size in options.sizes {
        for lines in [true, false] {
            do {
                try await benchTyping(size: size, inLines: lines, keys: options.keys)
            } catch {
                print("typing: \(size) characters: \(error)")
            }
        }
    }
}

/// A draft of `size` ASCII characters: lines of 79 letters and a newline, or one line.
func typingDraft(size: Int, inLines: Bool) -> String {
    let line = String(repeating: "abcdefghij", count: 8).prefix(79)
    var text = ""
    text.reserveCapacity(size)
    while text.utf8.count + 80 <= size { text += inLines ? line + "\n" : line + " " }
    text += String(repeating: "z", count: size - text.utf8.count)
    return text
}

func benchTyping(size: Int, inLines: Bool, keys: Int) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-typing-\(getpid())-\(size)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let archive = try Archive(directory: dir)
    let context = RenderContext(theme: .builtinDark, keymap: .builtin, now: Date().timeIntervalSince1970)
    let store = Store(state: AppState(width: 120, height: 40), environment: StoreEnvironment(archive: archive))
    _ = await store.send(.terminal(.started(width: 120, height: 40)))
    _ = await store.send(.user(.focus(.input)))
    let draft = typingDraft(size: size, inLines: inLines)
    let label = "\(size) characters" + (inLines ? " in lines" : " in one line")

    let pasteStart = DispatchTime.now().uptimeNanoseconds
    var state = await store.send(.terminal(.paste(draft)))
    var frame = Screen.render(state, context: context)
    let paste = Double(DispatchTime.now().uptimeNanoseconds - pasteStart) / 1e9

    var samples: [Double] = []
    for i in 0..<keys {
        let t0 = DispatchTime.now().uptimeNanoseconds
        state = await store.send(i % 5 == 4 ? .command(.inputBackspace) : .user(.type("x")))
        frame = Screen.render(state, context: context)
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    _ = frame
    let (_, drain) = await timeAsync { await store.flush() }
    samples.sort()
    let median = samples[samples.count / 2] * 1e6
    let p95 = samples[min(samples.count - 1, samples.count * 95 / 100)] * 1e6
    print(
        String(
            format: "typing: %@: paste + render %.0f ms; per key %.0f µs median, %.0f µs p95 (%d keys); "
                + "saves drained %.0f ms after", label, paste * 1000, median, p95, keys, drain * 1000))
}

func timeAsync<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try await body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
