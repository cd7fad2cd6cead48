import ChatModel
import Foundation
import Testing

/// Forking a tree: each scope's resulting mapping exactly, on good and broken trees.
struct TreeForkTests {
    /// root ─ sys(hidden) ─ u1 ─┬ a1 ─ u2 ─┬ a2
    ///                          │          └ a2b
    ///                          └ a1b ─ u3 ─ a3
    static let nodes: [Node] = [
        T.node("root", parent: nil, ["sys"]),
        Node(
            id: "sys",
            message: T.message(
                "system", "", id: "sys", metadata: ["is_visually_hidden_from_conversation": .bool(true)]),
            parent: "root", children: ["u1"]),
        T.node("u1", parent: "sys", ["a1", "a1b"], "user", "question", time: 1),
        T.node("a1", parent: "u1", ["u2"], "assistant", "answer one", time: 2),
        T.node("u2", parent: "a1", ["a2", "a2b"], "user", "follow-up", time: 3),
        T.node("a2", parent: "u2", [], "assistant", "second answer", time: 4),
        T.node("a2b", parent: "u2", [], "assistant", "second answer again", time: 5),
        T.node("a1b", parent: "u1", ["u3"], "assistant", "answer one again", time: 6),
        T.node("u3", parent: "a1b", ["a3"], "user", "other follow-up", time: 7),
        T.node("a3", parent: "u3", [], "assistant", "third answer", time: 8),
    ]

    /// The fork's mapping as `id: parent → children`, sorted, to compare whole.
    func shape(_ c: Conversation) -> [String] {
        c.mapping.values.map { "\($0.id): \($0.parent ?? "-") → \($0.children.joined(separator: ","))" }.sorted()
    }

    func fork(
        _ nodes: [Node], at node: String, _ scope: ForkScope, current: String? = nil,
        memory: BranchMemory = BranchMemory()
    ) -> Conversation? {
        var origin = T.conversation(nodes, current: current)
        origin.title = "Trees"
        origin.defaultModelSlug = "gpt-x"
        origin.extra = ["pinned_time": .number(5), "gizmo_id": .string("g-1")]
        return ConversationTree(origin).fork(at: node, scope: scope, id: "fork-1", now: 100, memory: memory)
    }

    @Test func thePathOnlyKeepsTheAncestorsAndTheNodeAndEndsThere() throws {
        let c = try #require(fork(Self.nodes, at: "u2", .path, current: "a3"))
        #expect(
            shape(c) == [
                "a1: u1 → u2", "root: - → sys", "sys: root → u1", "u1: sys → a1", "u2: a1 → ",
            ])
        #expect(c.currentNode == "u2")
        #expect(c.id == "fork-1")
        #expect(c.title == "Trees (fork)")
        #expect(c.createTime == 100 && c.updateTime == 100)
        #expect(c.defaultModelSlug == "gpt-x")
        #expect(c.extra.isEmpty, "the origin's pin and project stay the origin's")
        #expect(c.mapping["a1"]?.message?.content.displayText == "answer one")
        #expect(c.mapping["sys"]?.message?.isHidden == true)
        #expect(ConversationTree(c).repairs.isEmpty)
    }

    @Test func thePathWithItsBranchesKeepsEverythingBelowTheNode() throws {
        let c = try #require(fork(Self.nodes, at: "u2", .branches))
        #expect(
            shape(c) == [
                "a1: u1 → u2", "a2: u2 → ", "a2b: u2 → ", "root: - → sys", "sys: root → u1", "u1: sys → a1",
                "u2: a1 → a2,a2b",
            ])
        // No memory: the last child's leaf, as the pane would open it.
        #expect(c.currentNode == "a2b")
        #expect(ConversationTree(c).repairs.isEmpty)
    }

    @Test func theBranchesScopeOpensOnTheLeafTheReaderLastSawBelowTheNode() throws {
        var memory = BranchMemory()
        memory.visit("a2")
        memory.visit("a3")
        let c = try #require(fork(Self.nodes, at: "u1", .branches, memory: memory))
        #expect(c.mapping.count == Self.nodes.count)
        #expect(c.currentNode == "a3")
        let below = try #require(fork(Self.nodes, at: "u2", .branches, memory: memory))
        #expect(below.currentNode == "a2", "a3 is not below u2: the most recent leaf under it")
    }

    @Test func theWholeTreeKeepsEveryNodeWithItsLinks() throws {
        let c = try #require(fork(Self.nodes, at: "a1", .tree))
        #expect(
            shape(c) == [
                "a1: u1 → u2", "a1b: u1 → u3", "a2: u2 → ", "a2b: u2 → ", "a3: u3 → ", "root: - → sys",
                "sys: root → u1", "u1: sys → a1,a1b", "u2: a1 → a2,a2b", "u3: a1b → a3",
            ])
        #expect(c.currentNode == "a2b")
    }

    @Test func aLeafForkedWithItsBranchesIsThePath() throws {
        let path = try #require(fork(Self.nodes, at: "a3", .path))
        let branches = try #require(fork(Self.nodes, at: "a3", .branches))
        #expect(shape(path) == shape(branches))
        #expect(path.currentNode == "a3" && branches.currentNode == "a3")
    }

    @Test func anUnknownNodeMakesNoFork() {
        #expect(fork(Self.nodes, at: "nowhere", .tree) == nil)
        #expect(T.tree(Self.nodes).forkedNodes(at: "nowhere", scope: .path).isEmpty)
    }

    @Test func forkedNodesAreInPreorderFromTheRoot() {
        let tree = T.tree(Self.nodes)
        #expect(tree.forkedNodes(at: "a1b", scope: .branches) == ["root", "sys", "u1", "a1b", "u3", "a3"])
        #expect(tree.forkedNodes(at: "a1b", scope: .path) == ["root", "sys", "u1", "a1b"])
    }

    @Test func anOrphanForkedIsHungUnderTheRootAsTheTreeShowsIt() throws {
        let nodes = [
            T.node("root", parent: nil, ["u1"]),
            T.node("u1", parent: "root", ["a1"], "user", "hi", time: 1),
            T.node("a1", parent: "u1", [], "assistant", "hello", time: 2),
            T.node("x", parent: "gone", ["y"], "user", "lost", time: 3),
            T.node("y", parent: "x", [], "assistant", "lost answer", time: 4),
        ]
        let c = try #require(fork(nodes, at: "y", .path))
        #expect(shape(c) == ["root: - → x", "x: root → y", "y: x → "])
        #expect(ConversationTree(c).repairs.isEmpty, "the fork needs no repair")
        let whole = try #require(fork(nodes, at: "y", .tree))
        #expect(shape(whole) == ["a1: u1 → ", "root: - → u1,x", "u1: root → a1", "x: root → y", "y: x → "])
        #expect(ConversationTree(whole).repairs.isEmpty)
    }

    @Test func aCycleIsCutInTheForkAsInTheTree() throws {
        let nodes = [
            T.node("root", parent: nil, ["u1"]),
            T.node("u1", parent: "root", ["a1"], "user", "hi", time: 1),
            T.node("a1", parent: "u1", [], "assistant", "hello", time: 2),
            T.node("p", parent: "q", ["q"], "user", "loop one", time: 3),
            T.node("q", parent: "p", ["p"], "assistant", "loop two", time: 4),
        ]
        let tree = T.tree(nodes)
        #expect(tree.repairs.contains { if case .cycleCut = $0 { true } else { false } })
        let c = try #require(fork(nodes, at: "u1", .tree))
        #expect(c.mapping.count == 5)
        let forked = ConversationTree(c)
        #expect(forked.repairs.isEmpty, "repairs: \(forked.repairs)")
        for id in c.mapping.keys { #expect(forked.path(to: id).first == "root") }
    }

    @Test func aMissingCurrentNodeDoesNotMatterToTheFork() throws {
        let c = try #require(fork(Self.nodes, at: "u2", .path, current: "gone"))
        #expect(c.currentNode == "u2")
        #expect(ConversationTree(c).repairs.isEmpty)
    }

    @Test func aMappingWithNoRootGetsTheSyntheticRootAsANode() throws {
        let nodes = [
            T.node("p", parent: "q", ["q"], "user", "loop one", time: 1),
            T.node("q", parent: "p", ["p"], "assistant", "loop two", time: 2),
        ]
        let tree = T.tree(nodes)
        #expect(tree.rootID == ConversationTree.syntheticRootID)
        let c = try #require(fork(nodes, at: "q", .path))
        #expect(c.mapping[ConversationTree.syntheticRootID]?.message == nil)
        #expect(ConversationTree(c).repairs.isEmpty, "repairs: \(ConversationTree(c).repairs)")
        #expect(ConversationTree(c).path(to: "q").first == ConversationTree.syntheticRootID)
    }

    @Test func aForkOfAForkIsNotTitledTwice() throws {
        var origin = T.conversation(Self.nodes)
        origin.title = "Trees (fork)"
        let c = try #require(ConversationTree(origin).fork(at: "u1", scope: .path, id: "f2", now: 1))
        #expect(c.title == "Trees (fork)")
        origin.title = nil
        #expect(ConversationTree(origin).fork(at: "u1", scope: .path, id: "f3", now: 1)?.title == "Untitled (fork)")
    }

    @Test func scopesReadTheirNames() {
        #expect(ForkScope(name: "Branches") == .branches)
        #expect(ForkScope(name: "all") == nil)
        #expect(
            ForkScope.allCases.map(\.summary) == [
                "this path only", "this path and its branches", "the whole tree",
            ])
    }
}
