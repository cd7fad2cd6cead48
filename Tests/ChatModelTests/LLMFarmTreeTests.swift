import ChatModel
import ChatTestSupport
import Testing

/// The 2023-04 LLMFarm mapping: 33 nodes, 8 branch points, 11 leaves, no current_node.
@Suite(.enabled(if: Fixtures.available))
struct LLMFarmTreeTests {
    let tree: ConversationTree

    init() throws {
        let name = "chatgpt_conversation_mapping_2023-04_branching_regen_and_edits_llmfarm.json"
        let conversation = try #require(try T.fixture(name, id: "llmfarm"))
        tree = ConversationTree(conversation)
    }

    /// The full id of the node whose id starts with `prefix`.
    func id(_ prefix: String) -> String {
        tree.conversation.mapping.keys.first { $0.hasPrefix(prefix) } ?? "missing-\(prefix)"
    }

    @Test func rootAndFallbackLeaf() {
        #expect(tree.conversation.id == "llmfarm")
        #expect(tree.conversation.mapping.count == 33)
        #expect(tree.rootID == id("098d8248"))
        #expect(tree.currentLeaf == id("3b8586ab"))
        #expect(tree.repairs == [.missingCurrentNode(requested: nil, fallback: id("3b8586ab"))])
        #expect(
            tree.repairs.first?.description == "the conversation has no current_node; showing the newest leaf 3b8586ab…"
        )
    }

    @Test func elevenLeavesInDepthFirstOrder() {
        let expected = [
            "847c49dd", "37694f60", "f33d8f07", "975f939d", "df0c2815", "aaafa7f9", "5e04f7d5", "199bcec9",
            "3b8586ab", "64791505", "4dbf6657",
        ].map(id)
        #expect(tree.leaves == expected)
    }

    @Test func eightBranchPointsAcrossTheTree() {
        var groups: [String: Int] = [:]
        for nodeID in tree.conversation.mapping.keys where tree.isVisible(nodeID, showReasoning: false) {
            let position = tree.siblingPosition(of: nodeID)
            if position.count > 1, let parent = tree.parent(of: nodeID) {
                groups[parent] = position.count
            }
        }
        #expect(groups.count == 8)
        #expect(groups.values.sorted() == [2, 2, 2, 2, 2, 2, 3, 3])
        #expect(groups[id("405e5034")] == 2)  // two edits of the user prompt
        #expect(groups[id("bb3bef7f")] == 3)  // three regenerated answers
        #expect(groups[id("246ea649")] == 3)
    }

    @Test func systemNodeWithOtherMessageIDIsKeptButHidden() throws {
        let system = try #require(tree.node(id("60a09563")))
        #expect(system.message?.id.hasPrefix("3a3fc4fc") == true)
        #expect(system.parent == tree.rootID)
        #expect(system.children == [id("fe93b306")])
        #expect(!tree.isVisible(system.id, showReasoning: true))
        #expect(tree.turns(to: tree.currentLeaf).allSatisfy { $0.author.role != .system })
    }

    @Test func visiblePathTurnsAndSiblingMarks() {
        let turns = tree.turns(to: tree.currentLeaf)
        #expect(turns.count == 18)
        #expect(turns.map(\.author.role) == Array(repeating: [Role.user, .assistant], count: 9).flatMap { $0 })
        #expect(turns.first?.text == "怎么修复损坏的jpg图片")
        #expect(turns.last?.text == "Hello! 你好，有什么我可以帮助你的吗？")
        #expect(turns.allSatisfy { $0.nodeIDs == [$0.id] })
        let marks = Dictionary(uniqueKeysWithValues: turns.map { ($0.id, "\($0.siblingIndex)/\($0.siblingCount)") })
        #expect(marks[id("fe93b306")] == "1/1")
        #expect(marks[id("077b4c06")] == "2/2")
        #expect(marks[id("7a098032")] == "2/2")
        #expect(marks[id("d353fb84")] == "1/2")
        #expect(marks[id("246ea649")] == "2/2")
        #expect(marks[id("1ba7c8c1")] == "3/3")
        #expect(tree.siblingPosition(of: id("37694f60")) == (2, 3))
        #expect(tree.siblings(of: id("37694f60")) == [id("847c49dd"), id("37694f60"), id("f33d8f07")])
        #expect(
            tree.branchPoints(to: tree.currentLeaf) == [
                id("077b4c06"), id("7a098032"), id("d353fb84"), id("246ea649"), id("1ba7c8c1"),
            ])
    }

    @Test func switchingSiblingsLandsOnLastChildLeaves() throws {
        let empty = BranchMemory()
        #expect(tree.switchSibling(of: id("1ba7c8c1"), by: -1, memory: empty) == id("199bcec9"))
        #expect(tree.switchSibling(of: id("1ba7c8c1"), by: -2, memory: empty) == id("5e04f7d5"))
        #expect(tree.switchSibling(of: id("1ba7c8c1"), by: -9, memory: empty) == id("5e04f7d5"))
        #expect(tree.switchSibling(of: id("1ba7c8c1"), by: 1, memory: empty) == nil)
        #expect(tree.switchSibling(of: id("1ba7c8c1"), by: Int.min, memory: empty) == id("5e04f7d5"))
        #expect(tree.switchSibling(of: id("fe93b306"), by: 1, memory: empty) == nil)

        let editedLeaf = tree.switchSibling(of: id("246ea649"), by: -1, memory: empty)
        #expect(editedLeaf == id("aaafa7f9"))
        let turns = tree.turns(to: editedLeaf ?? "")
        try #require(turns.count == 16)
        #expect(turns[14].id == id("8e05d5a3"))
        #expect(turns[14].siblingIndex == 1)
        #expect(turns.last?.text == "如果您还有其他问题或需要更多信息，请随时告诉我，我会很乐意帮助您。")
        #expect(turns.last?.siblingIndex == 2)

        let firstEdit = tree.switchSibling(of: id("077b4c06"), by: -1, memory: empty)
        #expect(firstEdit == id("f33d8f07"))
        let firstEditTurns = tree.turns(to: firstEdit ?? "")
        try #require(firstEditTurns.count == 6)
        #expect(firstEditTurns[4].text == "你知道宜创智能问答BI嘛")
        #expect(firstEditTurns[5].text.hasPrefix("我了解宜创智能问答BI，它是一种基于自然语言处理和机器学习技术的商业智能工具"))
        #expect(firstEditTurns[5].text.hasSuffix("加速业务决策过程，提高工作效率。"))
        #expect((firstEditTurns[5].siblingIndex, firstEditTurns[5].siblingCount) == (3, 3))
    }

    @Test func memoryReturnsToPreviouslyVisitedLeaves() {
        var memory = BranchMemory()
        memory.visit(tree.currentLeaf)
        // Edit branch 1 has never been visited: its last child.
        let first = tree.switchSibling(of: id("077b4c06"), by: -1, memory: memory)
        #expect(first == id("f33d8f07"))
        // Pick the first answer there and remember it.
        let chosen = tree.switchSibling(of: id("f33d8f07"), by: -2, memory: memory)
        #expect(chosen == id("847c49dd"))
        memory.visit(chosen ?? "")
        // Back to edit 2: the leaf visited there, not its last-child leaf.
        #expect(tree.switchSibling(of: id("bb3bef7f"), by: 1, memory: memory) == id("3b8586ab"))
        // And again to edit 1: the answer chosen there.
        #expect(tree.switchSibling(of: id("077b4c06"), by: -1, memory: memory) == id("847c49dd"))
        #expect(tree.leaf(under: id("bb3bef7f"), memory: memory) == id("847c49dd"))
        #expect(tree.leaf(under: id("bb3bef7f"), memory: BranchMemory()) == id("f33d8f07"))
    }

    @Test func otherBranchesAndPaths() {
        #expect(tree.otherBranchCount(to: tree.currentLeaf) == 10)
        #expect(tree.otherBranchCount(to: id("847c49dd")) == 10)
        let path = tree.path(to: tree.currentLeaf)
        #expect(path.count == 20)
        #expect(path.first == tree.rootID)
        #expect(path.last == tree.currentLeaf)
        #expect(tree.path(to: "nope").isEmpty)
    }

    @Test func outlineCoversEveryVisibleMessage() throws {
        let rows = tree.outline()
        #expect(rows.count == 31)
        #expect(rows.filter(\.isLeaf).count == 11)
        #expect(rows.filter(\.isOnCurrentPath).count == 18)
        #expect(rows.first?.depth == 0)
        #expect(rows.first?.role == .user)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.nodeID, $0) })
        let answer = try #require(byID[id("ffde2c55")])
        #expect(answer.preview == "修复损坏的JPG图片可能有一定的挑战，但是以下是一些可能有用的方法：")
        #expect(answer.depth == 0)
        let edit1 = try #require(byID[id("bb3bef7f")])
        #expect(edit1.depth == 1)
        #expect((edit1.siblingIndex, edit1.siblingCount) == (1, 2))
        #expect(edit1.leafID == id("f33d8f07"))
        #expect(!edit1.isOnCurrentPath)
        let regen = try #require(byID[id("847c49dd")])
        #expect(regen.depth == 2)
        #expect((regen.siblingIndex, regen.siblingCount) == (1, 3))
        #expect(regen.isLeaf)
        #expect(regen.leafID == regen.nodeID)
        let edit2 = try #require(byID[id("077b4c06")])
        #expect(edit2.leafID == id("4dbf6657"))  // 57daa52b's last child is the second edit 9cbba5f7
        #expect(edit2.isOnCurrentPath)
        let hello = try #require(byID[id("3b8586ab")])
        #expect(hello.depth == 5)
        #expect(hello.isLeaf && hello.isOnCurrentPath)
        #expect(rows.allSatisfy { $0.preview.count <= 80 && !$0.preview.contains("\n") })
        #expect(
            rows.map(\.nodeID).firstIndex(of: id("bb3bef7f")) ?? 99 < rows.map(\.nodeID).firstIndex(of: id("077b4c06"))
                ?? 0)
    }
}
