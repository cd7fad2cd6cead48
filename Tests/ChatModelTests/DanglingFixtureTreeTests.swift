import ChatModel
import ChatProtocol
import ChatTestSupport
import Foundation
import Testing

/// The 2023-06 gpt-4 detail: current_node missing, a dangling child, a bare root, node id ≠ message id.
@Suite(.enabled(if: Fixtures.available))
struct DanglingFixtureTreeTests {
    let tree: ConversationTree

    static let root = "aaa19ea2-78e0-48bc-98a8-f692a3dd4815"
    static let system = "ed62b6fe-5c2d-4173-9067-ad62f4a93d9a"
    static let user = "aaa2ba4a-b175-4af7-88ce-e42bdc3f1816"
    static let answer = "4c5b8fe4-8b2c-473a-bdfc-af23905ff927"
    static let dangling = "aaa21bf5-40ab-467c-8d12-190ec77bdf5e"
    static let current = "13ad9ffc-b2ed-412c-9e4a-c87c153a2325"

    init() throws {
        let name = "chatgpt_conversation_detail_2023-06_gpt4_dangling_child_and_current_node.json"
        tree = ConversationTree(try #require(try T.fixture(name, id: "dangling")))
    }

    @Test func repairsAreReported() {
        #expect(
            tree.repairs == [
                .danglingChildDropped(parent: Self.answer, child: Self.dangling),
                .missingCurrentNode(requested: Self.current, fallback: Self.answer),
            ])
        #expect(
            tree.repairs.map(\.description) == [
                "node 4c5b8fe4… lists child aaa21bf5…, which is not in the mapping; dropped",
                "current_node 13ad9ffc… is not in the mapping; showing the newest leaf 4c5b8fe4…",
            ])
    }

    @Test func bareRootIsDetected() throws {
        #expect(tree.rootID == Self.root)
        let root = try #require(tree.node(Self.root))
        #expect(root.message == nil)
        #expect(root.parent == nil)
        #expect(root.children == [Self.system])
        #expect(tree.node(Self.system)?.message?.id == "d9180354-2737-429a-8cd3-68c089501e6f")
    }

    @Test func visiblePathEndsAtFallbackLeaf() {
        #expect(tree.currentLeaf == Self.answer)
        #expect(tree.leaves == [Self.answer])
        #expect(tree.children(of: Self.answer).isEmpty)
        #expect(tree.path(to: tree.currentLeaf) == [Self.root, Self.system, Self.user, Self.answer])
        let turns = tree.turns(to: tree.currentLeaf)
        #expect(turns.map(\.id) == [Self.user, Self.answer])
        #expect(turns.map(\.author.role) == [.user, .assistant])
        #expect(turns.first?.text == "怎么在github上创建一个pull request")
        #expect(turns.last?.modelSlug == "gpt-4")
        #expect(turns.last?.status == "finished_successfully")
        #expect(turns.last?.createTime == 1685962424.848656)
        #expect(turns.last?.text.hasPrefix("在 GitHub 上创建 pull request 的步骤如下：") == true)
        #expect(tree.otherBranchCount(to: tree.currentLeaf) == 0)
        #expect(tree.branchPoints(to: tree.currentLeaf).isEmpty)
    }
}
