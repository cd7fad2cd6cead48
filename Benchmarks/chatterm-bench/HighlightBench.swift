import ChatConfig
import ChatRender
import Foundation

// chatterm-bench highlight [--lines N]: syntax highlighting (GNU source-highlight) of code
// blocks: the first use of each language (loading its definition), a block of N lines
// (default 200) highlighted from scratch and again (laid out at another width), a block
// streamed in small deltas through MessageRender against the same block unhighlighted, and
// one 20 KB line.

/// Median of samples.
private func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// A Python block of `lines` lines: functions with strings, numbers, comments, a docstring.
func highlightBenchCode(lines: Int) -> String {
    let unit = [
        "def area_%d(shape, scale=1.5):",
        "    \"\"\"Return the area of a shape, scaled.",
        "    Works for circles and squares.\"\"\"",
        "    if shape.kind == \"circle\":  # round",
        "        return 3.14159 * shape.r ** 2 * scale",
        "    elif shape.kind == 'square':",
        "        return shape.side * shape.side * scale",
        "    raise ValueError(f\"unknown shape {shape.kind!r}\")",
        "",
        "print(area_%d(Shape(kind=\"circle\", r=0x10)))",
    ]
    return (0..<lines).map { unit[$0 % unit.count].replacingOccurrences(of: "%d", with: "\($0 / unit.count)") }
        .joined(separator: "\n")
}

func runHighlightBench(_ args: [String]) {
    var lines = 200
    if let i = args.firstIndex(of: "--lines"), i + 1 < args.count, let n = Int(args[i + 1]) { lines = n }
    let folder = Paths.bundledDirectory(named: "Highlight", executablePath: Paths.currentExecutablePath)
    CodeHighlighter.shared.useDefinitions(in: folder)
    print("highlight: definitions from \(folder?.path ?? "source-highlight only")")

    for language in ["python", "cpp", "javascript", "sh", "rust", "swift", "typescript", "yaml", "kotlin"] {
        let (_, seconds) = time { CodeHighlighter.shared.lines(of: "x = 1", language: language) }
        print("highlight: first use of \(language): \(ms(seconds))")
    }

    let code = highlightBenchCode(lines: lines)
    var cold: [Double] = []
    var again: [Double] = []
    for _ in 0..<20 {
        let highlighter = CodeHighlighter()
        cold.append(time { highlighter.lines(of: code, language: "python") }.1)
        again.append(time { highlighter.lines(of: code, language: "python") }.1)
    }
    print(
        "highlight: \(lines)-line Python block (\(code.utf8.count) bytes): \(ms(median(cold))) from scratch, "
            + "\(ms(median(again))) again (median of 20)")

    let longLine = String(repeating: "var a=b(c,\"d\")+0x1F;", count: 1000)
    let (_, longSeconds) = time { CodeHighlighter().lines(of: longLine, language: "javascript") }
    print("highlight: one \(longLine.utf8.count / 1000) KB JavaScript line: \(ms(longSeconds))")

    // Streaming: the block arrives in 8-byte deltas; each delta re-renders the open block.
    for (fence, label) in [("python", "highlighted"), ("text", "plain")] {
        let markdown = "Here:\n\n```\(fence)\n" + code + "\n```\n"
        let bytes = Array(markdown.utf8)
        var render = MessageRender("", width: 100)
        var perDelta: [Double] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + 8)
            let delta = String(decoding: bytes[start..<end], as: UTF8.self)
            perDelta.append(time { render.append(delta) }.1)
            start = end
        }
        let total = perDelta.reduce(0, +)
        print(
            String(
                format: "highlight: streaming the block %@ in %d deltas: %.1f µs a delta on average, last %.1f µs",
                label, perDelta.count, total / Double(perDelta.count) * 1e6, (perDelta.last ?? 0) * 1e6))
    }
}
