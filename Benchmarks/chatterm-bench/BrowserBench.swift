import ChatArchive
import ChatConfig
import ChatModel
import ChatRender
import ChatStore
import ChatUI
import Foundation

/// Browser figures: the first frame, opening a conversation, switching a sibling — each the
/// store's reduce and effects plus a full render into the cell buffer (what a key costs
/// before ncurses flushes the diff).
func benchBrowser(_ archive: Archive, ids: [String]) async {
    let context = RenderContext(theme: .builtinDark, keymap: .builtin, now: Date().timeIntervalSince1970)
    let (width, height) = (120, 40)
    let start = DispatchTime.now().uptimeNanoseconds
    let store = Store(state: AppState(width: width, height: height), environment: StoreEnvironment(archive: archive))
    var state = await store.send(.terminal(.started(width: width, height: height)))
    var frame = Screen.render(state, context: context)
    let firstFrame = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("browser: first frame (\(state.sidebar.count) conversations, \(width)x\(height)) in \(ms(firstFrame))")

    var opens: [Double] = []
    var switches: [Double] = []
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
        guard let id = ids.randomElement(using: &generator) else { break }
        let t0 = DispatchTime.now().uptimeNanoseconds
        state = await store.send(.user(.open(id: id, focusNode: nil)))
        frame = Screen.render(state, context: context)
        opens.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        state = await store.send(.command(.branchPointPrev))
        guard let open = state.open, open.turns.indices.contains(open.selected),
            open.turns[open.selected].siblingCount > 1
        else { continue }
        let t1 = DispatchTime.now().uptimeNanoseconds
        state = await store.send(.command(.siblingNext))
        frame = Screen.render(state, context: context)
        switches.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9)
    }
    _ = frame
    report("browser: open a conversation + render", opens)
    report("browser: switch sibling + render", switches)
    print("browser: RSS after browsing \(mb(procStatusMB("VmRSS")))")
}

func report(_ label: String, _ samples: [Double]) {
    guard !samples.isEmpty else {
        print("\(label): no samples")
        return
    }
    let sorted = samples.sorted()
    print(
        "\(label): median \(ms(sorted[sorted.count / 2])), p95 \(ms(sorted[sorted.count * 95 / 100])), "
            + "p99 \(ms(sorted[sorted.count * 99 / 100])), "
            + "max \(ms(sorted[sorted.count - 1])) (\(sorted.count) samples)")
}

/// Where opening the largest conversation spends its time: load, tree, turns, layout.
func benchOpenBreakdown(_ archive: Archive, ids: [String]) throws {
    var largest: (String, Int) = ("", 0)
    for id in ids {
        if let summary = try archive.summary(id: id), summary.nodeCount > largest.1 {
            largest = (id, summary.nodeCount)
        }
    }
    guard !largest.0.isEmpty else { return }
    let (conversation, load) = try time { try archive.conversation(id: largest.0) }
    guard let conversation else { return }
    let (tree, build) = time { ConversationTree(conversation) }
    let (turns, walk) = time { tree.turns(to: tree.currentLeaf) }
    let (layout, lay) = time { PaneLayout(turns: turns, width: 90) }
    print(
        "open breakdown (largest: \(largest.1) nodes, \(turns.count) turns, \(layout.lines.count) lines): load \(ms(load)), "
            + "tree \(ms(build)), turns \(ms(walk)), layout \(ms(lay))")
}
