import ChatModel
import Foundation
import Testing

/// Large trees build and answer correctly (timings live in the benchmark, not in tests).
struct TreeScaleTests {
    /// A conversation of `turns` user/assistant pairs with `regenerations` answers per prompt.
    static func bushy(turns: Int, regenerations: Int) -> [Node] {
        var nodes = [T.node("root", parent: nil, [])]
        var parent = 0
        var time = 0.0
        for t in 0..<turns {
            let user = "u\(t)"
            time += 1
            nodes.append(T.node(user, parent: nodes[parent].id, [], "user", "prompt \(t)", time: time))
            nodes[parent].children.append(user)
            let userIndex = nodes.count - 1
            for r in 0..<regenerations {
                time += 1
                nodes.append(T.node("a\(t)-\(r)", parent: user, [], "assistant", "answer \(t) \(r)", time: time))
                nodes[userIndex].children.append("a\(t)-\(r)")
            }
            parent = nodes.count - 1
        }
        return nodes
    }

    @Test func twoHundredNodesBuild() {
        let conversation = T.conversation(Self.bushy(turns: 50, regenerations: 3))
        #expect(conversation.mapping.count == 201)
        #expect(ConversationTree(conversation).leaves.count == 101)
    }

    @Test func tenThousandSiblings() {
        let root = T.node("root", parent: nil, ["u"])
        var user = T.node("u", parent: "root", [], "user", "q", time: 0)
        var nodes: [Node] = []
        for i in 0..<10_000 {
            nodes.append(T.node("a\(i)", parent: "u", [], "assistant", "answer \(i)", time: Double(i + 1)))
            user.children.append("a\(i)")
        }
        let tree = T.tree([root, user] + nodes)
        let rows = tree.outline()
        let other = tree.otherBranchCount(to: tree.currentLeaf)
        #expect(rows.count == 10_001)
        #expect(rows.last.map { ($0.siblingIndex, $0.siblingCount) } ?? (0, 0) == (10_000, 10_000))
        #expect(other == 9_999)
    }
}
