import ChatConfig
import ChatModel
import ChatRender
import ChatStore
import ChatUI
import Foundation
import TerminalCanvas

// chatterm-bench compare [--kb N] [--runs R]
//
// The comparison window (`=`) on two versions of an answer of N KB each (default 20): the
// second a regeneration (its own text from another seed, so most words differ) or an edit
// (the first with one word in twenty changed). Prints the word diff alone, opening the window
// (both sides laid out as the pane lays them out, the diff, the marks: the reducer's work)
// plus its first frame, with the answers' Markdown not yet rendered at the sides' width and
// with it kept; for a pair too long to compare at once, the comparison the store runs off the
// draw path and the frame that draws its marks; and a frame while scrolling both sides, at 120×40 (side by side) and 80×24 (stacked).

struct CompareBenchOptions {
    var kilobytes = 20
    var runs = 20

    static func parse(_ args: [String]) -> CompareBenchOptions {
        var options = CompareBenchOptions()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--kb" where i + 1 < args.count && Int(args[i + 1]).map { $0 > 0 } == true:
                options.kilobytes = Int(args[i + 1])!
                i += 1
            case "--runs" where i + 1 < args.count && Int(args[i + 1]).map { $0 > 0 } == true:
                options.runs = Int(args[i + 1])!
                i += 1
            default:
                print("usage: chatterm-bench compare [--kb N] [--runs R]")
                exit(2)
            }
            i += 1
        }
        return options
    }
}

/// A prompt with two answers, `first` open.
func compareConversation(_ first: String, _ second: String) -> Conversation {
    func message(_ id: String, _ role: Role, _ text: String) -> Message {
        Message(
            id: id, author: Author(role: role), createTime: 1_700_000_000, content: .text(text),
            status: "finished_successfully", recipient: "all")
    }
    var mapping: [String: Node] = ["root": Node(id: "root", children: ["q"])]
    mapping["q"] = Node(id: "q", message: message("q", .user, "Explain the frame loop"), parent: "root")
    mapping["q"]?.children = ["a1", "a2"]
    mapping["a1"] = Node(id: "a1", message: message("a1", .assistant, first), parent: "q")
    mapping["a2"] = Node(id: "a2", message: message("a2", .assistant, second), parent: "q")
    return Conversation(id: "bench-compare", title: "Two versions", mapping: mapping, currentNode: "a1")
}

/// `text` with one word in twenty replaced.
func editedAnswer(_ text: String) -> String {
    var count = 0
    return text.split(separator: " ", omittingEmptySubsequences: false).map { word in
        count += 1
        return count % 20 == 0 && word.allSatisfy(\.isLetter) ? "changed" : String(word)
    }.joined(separator: " ")
}

func runCompareBench(_ args: [String]) {
    let options = CompareBenchOptions.parse(args)
    let bytes = options.kilobytes * 1024
    let base = BenchMarkdown.answer(bytes: bytes, seed: 1)
    let pairs = [
        ("regenerated", base, BenchMarkdown.answer(bytes: bytes, seed: 2)),
        ("edited", "Edited. " + base, editedAnswer(base)),
    ]
    let context = RenderContext(theme: .builtinDark, keymap: .builtin, now: Date().timeIntervalSince1970)
    for (kind, first, second) in pairs {
        print("compare \(kind): \(first.utf8.count / 1024) KB and \(second.utf8.count / 1024) KB of Markdown")
        let diffs = (0..<options.runs).map { _ in time { WordDiff(old: first, new: second) }.1 }
        let counts = WordDiff(old: first, new: second).counts
        report("compare \(kind): word diff alone (\(counts.removed) removed, \(counts.added) added)", diffs)
        for (width, height) in [(120, 40), (80, 24)] {
            let label = "compare \(kind) \(width)x\(height)"
            var cold: Double = 0
            var opens: [Double] = []
            var marks: [Double] = []
            var frames: [Double] = []
            for run in 0...options.runs {
                var state = AppState(width: width, height: height)
                state.focus = .messages
                let tree = ConversationTree(compareConversation(first, second))
                state.open = OpenConversation(
                    id: "bench-compare", title: "Two versions", source: "bench", tree: tree, leaf: "a1",
                    memory: BranchMemory(), width: state.geometry.paneColumns, showReasoning: false)
                let (effects, seconds) = time {
                    let effects = Reducer.reduce(&state, .command(.compareVersions))
                    _ = Screen.render(state, context: context)
                    return effects
                }
                guard case .compare = state.overlay else {
                    print("\(label): the comparison did not open")
                    exit(1)
                }
                if run == 0 { cold = seconds } else { opens.append(seconds) }
                // A long pair opens unmarked; the store compares its words off the draw path
                // and the next frame draws the marks.
                for case .markComparison(let layout) in effects {
                    let (_, marking) = time {
                        let marked = layout.marked()
                        _ = Reducer.reduce(&state, .loaded(.comparisonMarked(marked)))
                        _ = Screen.render(state, context: context)
                    }
                    if run > 0 { marks.append(marking) }
                }
                if run == options.runs {
                    var renderer = FrameRenderer(context: context)
                    _ = renderer.render(state)
                    for _ in 0..<200 {
                        let (_, frame) = time {
                            _ = Reducer.reduce(&state, .command(.selectNext))
                            _ = renderer.render(state)
                        }
                        frames.append(frame)
                    }
                }
            }
            print("\(label): open with nothing rendered yet (layout, diff, marks, first frame) \(ms(cold))")
            report("\(label): open again (Markdown renders kept)", opens)
            if !marks.isEmpty {
                report("\(label): words compared off the draw path, then the marked frame", marks)
            }
            report("\(label): scrolling frame (j: reduce + frame)", frames)
        }
    }
}
