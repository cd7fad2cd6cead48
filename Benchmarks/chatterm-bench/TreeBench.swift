import ChatConfig
import ChatModel
import ChatStore
import ChatUI
import Foundation
import TerminalCanvas

// chatterm-bench tree [--nodes N] [--runs R]
//
// The tree overview (`t`) of one conversation of N messages (default 2,000): a long main line
// with regenerated answers and edited prompts branching off it, each branch running on a few
// turns, answers of realistic Markdown (0.5–2 KB). Prints the outline alone, opening the
// overview (the reducer's work plus its first frame at 120×40), folding and unfolding the
// biggest subtree with a frame after each, and a search over every message with its frame (the
// first key, which reads every text, and the keys after it).

struct TreeBenchOptions {
    var nodes = 2000
    var runs = 50

    static func parse(_ args: [String]) -> TreeBenchOptions {
        var options = TreeBenchOptions()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--nodes" where i + 1 < args.count && Int(args[i + 1]).map { $0 > 10 } == true:
                options.nodes = Int(args[i + 1])!
                i += 1
            case "--runs" where i + 1 < args.count && Int(args[i + 1]).map { $0 > 0 } == true:
                options.runs = Int(args[i + 1])!
                i += 1
            default:
                print("usage: chatterm-bench tree [--nodes N] [--runs R]")
                exit(2)
            }
            i += 1
        }
        return options
    }
}

/// A conversation of `count` messages: a main line of turns, then branches (a regenerated
/// answer or an edited prompt, each running on 1–4 turns) off random messages until the count
/// is reached.
func branchyConversation(messages count: Int) -> Conversation {
    var random = BenchRandom(state: 7)
    var mapping: [String: Node] = ["root": Node(id: "root")]
    var users: [String] = []
    var made = 0
    var time = 1_700_000_000.0
    func add(_ role: Role, parent: String) -> String {
        made += 1
        time += 1
        let id = "m\(made)"
        let text =
            role == .user
            ? "Question \(made): how does the \(["frame", "tree", "stream", "cell"][made % 4]) loop handle case \(made)?"
            : BenchMarkdown.answer(bytes: Int.random(in: 500...2000, using: &random), seed: UInt64(made))
        let message = Message(
            id: id, author: Author(role: role), createTime: time, content: .text(text),
            status: "finished_successfully", recipient: "all")
        mapping[id] = Node(id: id, message: message, parent: parent)
        mapping[parent]?.children.append(id)
        if role == .user { users.append(id) }
        return id
    }
    func chain(from parent: String, turns: Int) -> String {
        var last = parent
        for _ in 0..<turns where made + 2 <= count {
            last = add(.assistant, parent: add(.user, parent: last))
        }
        return last
    }
    let current = chain(from: "root", turns: count / 6)
    while made + 2 <= count {
        let user = users[Int.random(in: 0..<users.count, using: &random)]
        let turns = Int.random(in: 1...4, using: &random)
        if Bool.random(using: &random) {
            // A regenerated answer, and the turns after it.
            let answer = add(.assistant, parent: user)
            _ = chain(from: answer, turns: turns - 1)
        } else if let parent = mapping[user]?.parent {
            // An edited prompt.
            let answer = add(.assistant, parent: add(.user, parent: parent))
            _ = chain(from: answer, turns: turns - 1)
        }
    }
    return Conversation(id: "bench-tree", title: "A tree to work in", mapping: mapping, currentNode: current)
}

func runTreeBench(_ args: [String]) {
    let options = TreeBenchOptions.parse(args)
    let conversation = branchyConversation(messages: options.nodes)
    let tree = ConversationTree(conversation)
    let context = RenderContext(theme: .builtinDark, keymap: .builtin, now: Date().timeIntervalSince1970)
    let rows = tree.outline()
    print(
        "tree: \(conversation.mapping.count - 1) messages, \(tree.leaves.count) branches, "
            + "\(rows.count) outline rows, 120x40")
    let outlines = (0..<options.runs).map { _ in time { tree.outline(pathTo: tree.currentLeaf) }.1 }
    report("tree: outline alone", outlines)

    var state = AppState(width: 120, height: 40)
    state.focus = .messages
    state.open = OpenConversation(
        id: conversation.id, title: "A tree to work in", source: "bench", tree: tree, leaf: tree.currentLeaf,
        memory: BranchMemory(), width: state.geometry.paneColumns, showReasoning: false)
    var opens: [Double] = []
    for _ in 0..<options.runs {
        state.overlay = nil
        let (_, seconds) = time {
            _ = Reducer.reduce(&state, .command(.treeOverview))
            _ = Screen.render(state, context: context)
        }
        opens.append(seconds)
    }
    report("tree: open the overview (outline, state, first frame)", opens)

    // The biggest subtree that is not the whole tree: fold it and unfold it, a frame each.
    guard case .tree(var overview) = state.overlay else {
        print("tree: the overview did not open")
        exit(1)
    }
    let biggest = rows.indices.filter { rows[$0].parentRow >= 0 }.max {
        rows[$0].descendantCount < rows[$1].descendantCount
    }
    overview.selected = OutlineLines.line(showing: biggest ?? 0, in: overview.lines)
    state.overlay = .tree(overview)
    print("tree: folding a subtree of \(rows[biggest ?? 0].descendantCount) messages")
    var renderer = FrameRenderer(context: context)
    _ = renderer.render(state)
    var folds: [Double] = []
    for _ in 0..<options.runs {
        let (_, seconds) = time {
            _ = Reducer.reduce(&state, .command(.treeFold))
            _ = renderer.render(state)
        }
        folds.append(seconds)
    }
    report("tree: fold or unfold + frame", folds)
    var foldAlls: [Double] = []
    for _ in 0..<options.runs {
        let (_, seconds) = time {
            _ = Reducer.reduce(&state, .command(.treeFoldAll))
            _ = renderer.render(state)
        }
        foldAlls.append(seconds)
    }
    report("tree: fold all or unfold all + frame", foldAlls)

    // The first key of a search reads every message's text into the index.
    var firsts: [Double] = []
    for _ in 0..<options.runs {
        state.overlay = nil
        _ = Reducer.reduce(&state, .command(.treeOverview))
        _ = Reducer.reduce(&state, .command(.treeSearch))
        let (_, seconds) = time {
            _ = Reducer.reduce(&state, .user(.type("l")))
            _ = renderer.render(state)
        }
        firsts.append(seconds)
    }
    report("tree: the first key of a search (every text read) + frame", firsts)
    _ = Reducer.reduce(&state, .user(.type("oo")))
    var searches: [Double] = []
    for run in 0..<options.runs {
        // Typing the last letter of "loop" (or of "loox", which nothing holds): every message
        // is searched again.
        let letter = run.isMultiple(of: 2) ? "p" : "x"
        let (_, seconds) = time {
            _ = Reducer.reduce(&state, .user(.type(letter)))
            _ = renderer.render(state)
        }
        searches.append(seconds)
        _ = Reducer.reduce(&state, .command(.inputBackspace))
    }
    _ = Reducer.reduce(&state, .user(.type("p")))
    if case .tree(let searched) = state.overlay {
        print("tree: “loop” matches \(searched.matches.count) messages")
    }
    report("tree: search every message (a key typed + frame)", searches)
}
