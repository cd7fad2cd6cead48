import ChatModel
import Foundation
import Testing

/// Hand-made broken mappings: every one builds, repairs are reported, and every node is reachable.
struct BrokenTreeTests {
    /// Every node of the mapping is on some path from the root.
    func expectAllReachable(_ tree: ConversationTree, sourceLocation: SourceLocation = #_sourceLocation) {
        for id in tree.conversation.mapping.keys {
            #expect(tree.path(to: id).first == tree.rootID, "\(id) unreachable", sourceLocation: sourceLocation)
        }
    }

    @Test func orphanIsAttachedUnderTheRoot() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u1"]),
            T.node("u1", parent: "root", ["a1"], "user", "hi", time: 1),
            T.node("a1", parent: "u1", [], "assistant", "hello", time: 2),
            T.node("x", parent: "gone", ["y"], "user", "lost", time: 3),
            T.node("y", parent: "x", [], "assistant", "lost answer", time: 4),
        ])
        #expect(tree.rootID == "root")
        #expect(tree.repairs.first == .orphanAttached(node: "x", missingParent: "gone"))
        #expect(tree.parent(of: "x") == "root")
        #expect(tree.children(of: "root") == ["u1", "x"])
        #expect(tree.leaves == ["a1", "y"])
        #expect(tree.currentLeaf == "y")
        #expect(tree.turns(to: "y").map(\.text) == ["lost", "lost answer"])
        expectAllReachable(tree)
    }

    @Test func aChildListedByASecondNodeStaysUnderItsParentAndIsReportedOnce() {
        let tree = T.tree(
            [
                T.node("root", parent: nil, ["u1", "u2"]),
                T.node("u1", parent: "root", ["a1"], "user", "first", time: 1),
                T.node("u2", parent: "root", ["a1", "a2"], "user", "second", time: 2),
                T.node("a1", parent: "u1", [], "assistant", "answer one", time: 3),
                T.node("a2", parent: "u2", [], "assistant", "answer two", time: 4),
            ], current: "a2")
        #expect(tree.repairs == [.childListedElsewhere(lister: "u2", child: "a1", parent: "u1")])
        #expect(tree.children(of: "u1") == ["a1"])
        #expect(tree.children(of: "u2") == ["a2"])
        expectAllReachable(tree)
    }

    @Test func aParentlessChildListedTwiceGoesToTheFirstListerAndTheSecondIsReported() {
        let tree = T.tree(
            [
                T.node("root", parent: nil, ["u1", "u2"]),
                T.node("u1", parent: "root", ["x"], "user", "first", time: 1),
                T.node("u2", parent: "root", ["x"], "user", "second", time: 2),
                T.node("x", parent: nil, [], "assistant", "claimed twice", time: 3),
            ], current: "x")
        #expect(tree.parent(of: "x") == "u1")
        #expect(tree.repairs == [.childListedElsewhere(lister: "u2", child: "x", parent: "u1")])
        #expect(
            tree.repairs.first?.description
                == "node u2 lists child x, whose parent is u1; shown under u1 only")
    }

    @Test func twoNodeCycleIsCut() {
        let tree = T.tree(
            [
                T.node("root", parent: nil, ["u"]),
                T.node("u", parent: "root", [], "user", "q", time: 1),
                T.node("a", parent: "b", ["b"], "user", "in a loop", time: 5),
                T.node("b", parent: "a", ["a"], "assistant", "loop answer", time: 6),
            ], current: "u")
        #expect(tree.repairs == [.cycleCut(node: "a")])
        #expect(tree.parent(of: "a") == "root")
        #expect(tree.children(of: "root") == ["u", "a"])
        #expect(tree.children(of: "a") == ["b"])
        #expect(tree.children(of: "b") == [])
        #expect(tree.path(to: "b") == ["root", "a", "b"])
        #expect(tree.leaves == ["u", "b"])
        expectAllReachable(tree)
    }

    @Test func threeNodeCycleWithATailIsCutAtItsEarliestNode() {
        let tree = T.tree([
            T.node("root", parent: nil, []),
            T.node("p", parent: "r", ["q"], "user", "p", time: 30),
            T.node("q", parent: "p", ["r", "tail"], "assistant", "q", time: 10),
            T.node("r", parent: "q", ["p"], "user", "r", time: 20),
            T.node("tail", parent: "q", [], "user", "t", time: 40),
        ])
        #expect(tree.repairs.first == .cycleCut(node: "q"))
        #expect(tree.repairs.filter { if case .cycleCut = $0 { true } else { false } }.count == 1)
        #expect(tree.path(to: "p") == ["root", "q", "r", "p"])
        #expect(tree.path(to: "tail") == ["root", "q", "tail"])
        #expect(tree.currentLeaf == "tail")
        expectAllReachable(tree)
    }

    @Test func selfParentIsCut() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", [], "user", "q", time: 1),
            T.node("x", parent: "x", ["x"], "assistant", "me", time: 2),
        ])
        #expect(tree.repairs.first == .cycleCut(node: "x"))
        #expect(tree.parent(of: "x") == "root")
        #expect(tree.children(of: "x").isEmpty)
        #expect(tree.path(to: "x") == ["root", "x"])
        expectAllReachable(tree)
    }

    @Test func severalRootsPreferTheBiggest() {
        let tree = T.tree([
            T.node("small", parent: nil, ["s1"]),
            T.node("s1", parent: "small", [], "user", "s", time: 9),
            T.node("big", parent: nil, ["b1"]),
            T.node("b1", parent: "big", ["b2"], "user", "b", time: 1),
            T.node("b2", parent: "b1", [], "assistant", "bb", time: 2),
        ])
        #expect(tree.rootID == "big")
        #expect(tree.repairs.first == .extraRootAttached(node: "small"))
        #expect(tree.children(of: "big") == ["b1", "small"])
        #expect(tree.parent(of: "small") == "big")
        expectAllReachable(tree)
    }

    @Test func clientCreatedRootWinsAndBareRootsBeatMessages() {
        let client = T.tree([
            T.node("client-created-root", parent: nil, []),
            T.node("other", parent: nil, ["o1"]),
            T.node("o1", parent: "other", [], "user", "x", time: 1),
        ])
        #expect(client.rootID == "client-created-root")
        #expect(client.repairs.first == .extraRootAttached(node: "other"))

        let bare = T.tree([
            T.node("a-with-message", parent: nil, [], "user", "lonely", time: 1),
            T.node("z-bare", parent: nil, []),
        ])
        #expect(bare.rootID == "z-bare")
        #expect(bare.children(of: "z-bare") == ["a-with-message"])
    }

    @Test func noRootAtAllCreatesASyntheticRoot() throws {
        let tree = T.tree([
            T.node("a", parent: "b", ["b"], "user", "a", time: 1),
            T.node("b", parent: "a", ["a"], "assistant", "b", time: 2),
        ])
        #expect(tree.rootID == ConversationTree.syntheticRootID)
        #expect(tree.repairs.prefix(2) == [.syntheticRootCreated, .cycleCut(node: "a")])
        let root = try #require(tree.node(tree.rootID))
        #expect(root.message == nil)
        #expect(root.children == ["a"])
        #expect(tree.turns(to: tree.currentLeaf).map(\.text) == ["a", "b"])
        expectAllReachable(tree)
    }

    @Test func orphansWithoutAnyRootGetASyntheticRoot() {
        let tree = T.tree([T.node("x", parent: "gone", [], "user", "x", time: 1)], current: "x")
        #expect(tree.rootID == ConversationTree.syntheticRootID)
        #expect(tree.repairs == [.syntheticRootCreated, .orphanAttached(node: "x", missingParent: "gone")])
        #expect(tree.currentLeaf == "x")
    }

    @Test func syntheticRootAvoidsATakenID() {
        let taken = ConversationTree.syntheticRootID
        let tree = T.tree([
            T.node(taken, parent: "b", ["b"], "user", "a", time: 1),
            T.node("b", parent: taken, [taken], "assistant", "b", time: 2),
        ])
        #expect(tree.rootID == taken + "-1")
        #expect(tree.path(to: "b") == [taken + "-1", taken, "b"])
    }

    @Test func emptyMapping() {
        let tree = T.tree([])
        #expect(tree.rootID == ConversationTree.syntheticRootID)
        #expect(tree.leaves == [tree.rootID])
        #expect(tree.currentLeaf == tree.rootID)
        #expect(
            tree.repairs == [.syntheticRootCreated, .missingCurrentNode(requested: nil, fallback: tree.rootID)])
        #expect(tree.turns(to: tree.currentLeaf).isEmpty)
        #expect(tree.outline().isEmpty)
        #expect(tree.otherBranchCount(to: tree.currentLeaf) == 0)
        #expect(tree.leaf(under: tree.rootID, memory: BranchMemory()) == tree.rootID)
        #expect(tree.siblings(of: tree.rootID) == [tree.rootID])
        #expect(tree.switchSibling(of: tree.rootID, by: 1, memory: BranchMemory()) == nil)
    }

    @Test func unknownIDsAreHarmless() {
        let tree = T.tree(T.chain(2))
        #expect(tree.node("nope") == nil)
        #expect(tree.children(of: "nope").isEmpty)
        #expect(tree.parent(of: "nope") == nil)
        #expect(tree.siblings(of: "nope").isEmpty)
        #expect(tree.siblingPosition(of: "nope") == (1, 1))
        #expect(tree.turns(to: "nope").isEmpty)
        #expect(tree.leaf(under: "nope", memory: BranchMemory()) == "nope")
        #expect(tree.switchSibling(of: "nope", by: 1, memory: BranchMemory()) == nil)
        #expect(!tree.isVisible("nope", showReasoning: true))
        #expect(tree.otherBranchCount(to: "nope") == 0)
    }

    @Test func currentNodeOnAHiddenNodeEndsThePathThere() {
        var nodes = T.chain(2)
        nodes[2].children = ["tool"]
        var call = T.message("assistant", "search(\"x\")", id: "tool", time: 3, recipient: "browser")
        call.content = MessageContent(type: "code", text: "search(\"x\")")
        nodes.append(Node(id: "tool", message: call, parent: "n2"))
        nodes.append(T.node("later", parent: "n2", [], "user", "newer", time: 9))
        nodes[2].children.append("later")
        let tree = T.tree(nodes, current: "tool")
        #expect(tree.repairs.isEmpty)
        #expect(tree.currentLeaf == "tool")
        #expect(!tree.isVisible("tool", showReasoning: true))
        #expect(tree.turns(to: tree.currentLeaf).map(\.text) == ["m1", "m2"])
        #expect(tree.otherBranchCount(to: "tool") == 1)
        #expect(tree.leaf(under: "n2", memory: BranchMemory()) == "later")
    }

    @Test func currentNodeMayBeInterior() {
        let tree = T.tree(T.chain(4), current: "n2")
        #expect(tree.repairs.isEmpty)
        #expect(tree.currentLeaf == "n2")
        #expect(tree.turns(to: tree.currentLeaf).map(\.id) == ["n1", "n2"])
        #expect(tree.otherBranchCount(to: "n2") == 1)
        #expect(tree.outline().filter(\.isOnCurrentPath).map(\.nodeID) == ["n1", "n2"])
    }

    @Test func unknownCurrentNodeFallsBackToTheNewestLeafLastOnTies() {
        let tree = T.tree(
            [
                T.node("root", parent: nil, ["u"]),
                T.node("u", parent: "root", ["a", "b", "c"], "user", "q", time: 1),
                T.node("a", parent: "u", [], "assistant", "a", time: 5),
                T.node("b", parent: "u", [], "assistant", "b", time: 5),
                T.node("c", parent: "u", [], "assistant", "c", time: 2),
            ], current: "deleted")
        #expect(tree.currentLeaf == "b")
        #expect(tree.repairs == [.missingCurrentNode(requested: "deleted", fallback: "b")])
    }

    @Test func duplicateChildIDsAreKeptOnce() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u", "u", "u"]),
            T.node("u", parent: "root", ["a", "a"], "user", "q", time: 1),
            T.node("a", parent: "u", [], "assistant", "x", time: 2),
        ])
        #expect(tree.children(of: "root") == ["u"])
        #expect(tree.children(of: "u") == ["a"])
        #expect(tree.siblingPosition(of: "a") == (1, 1))
        #expect(tree.leaves == ["a"])
        #expect(tree.repairs == [.missingCurrentNode(requested: nil, fallback: "a")])
    }

    @Test func missingChildLinkIsAddedAfterListedChildren() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: "root", ["a1"], "user", "q", time: 1),
            T.node("a1", parent: "u", [], "assistant", "first", time: 2),
            T.node("a3", parent: "u", [], "assistant", "third", time: 4),
            T.node("a2", parent: "u", [], "assistant", "second", time: 3),
        ])
        #expect(tree.children(of: "u") == ["a1", "a2", "a3"])
        #expect(
            tree.repairs.prefix(2) == [
                .childLinkAdded(parent: "u", child: "a2"), .childLinkAdded(parent: "u", child: "a3"),
            ])
        #expect(tree.siblingPosition(of: "a3") == (3, 3))
    }

    @Test func danglingChildrenAreDroppedOnce() {
        let tree = T.tree([
            T.node("root", parent: nil, ["ghost", "u", "ghost"]),
            T.node("u", parent: "root", [], "user", "q", time: 1),
        ])
        #expect(tree.children(of: "root") == ["u"])
        #expect(tree.repairs.first == .danglingChildDropped(parent: "root", child: "ghost"))
        #expect(tree.repairs.filter { $0 == .danglingChildDropped(parent: "root", child: "ghost") }.count == 1)
    }

    @Test func childLinksAdoptNodesWithoutUsableParent() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u"]),
            T.node("u", parent: nil, ["a"], "user", "q", time: 1),
            T.node("a", parent: "vanished", [], "assistant", "x", time: 2),
        ])
        #expect(tree.rootID == "root")
        #expect(tree.path(to: "a") == ["root", "u", "a"])
        #expect(tree.repairs == [.missingCurrentNode(requested: nil, fallback: "a")])
    }

    @Test func aChildListedByANonParentStaysWithItsParent() {
        let tree = T.tree([
            T.node("root", parent: nil, ["u", "a"]),
            T.node("u", parent: "root", ["a"], "user", "q", time: 1),
            T.node("a", parent: "u", [], "assistant", "x", time: 2),
        ])
        #expect(tree.children(of: "root") == ["u"])
        #expect(tree.parent(of: "a") == "u")
    }

    @Test func tenThousandDeepChainDoesNotOverflow() throws {
        let tree = T.tree(T.chain(10_000))
        #expect(tree.repairs == [.missingCurrentNode(requested: nil, fallback: "n10000")])
        #expect(tree.leaves == ["n10000"])
        #expect(tree.path(to: "n10000").count == 10_001)
        let turns = tree.turns(to: tree.currentLeaf)
        #expect(turns.count == 10_000)
        #expect(turns.last?.text == "m10000")
        let rows = tree.outline()
        #expect(rows.count == 10_000)
        #expect(rows.allSatisfy { $0.depth == 0 && $0.leafID == "n10000" && $0.isOnCurrentPath })
        #expect(tree.leaf(under: "root", memory: BranchMemory()) == "n10000")
    }

    @Test func tenThousandNodeCycleIsCutOnce() {
        let n = 10_000
        let nodes = (0..<n).map { i in
            T.node(
                "c\(i)", parent: "c\((i + n - 1) % n)", ["c\((i + 1) % n)"], i % 2 == 0 ? "user" : "assistant",
                "t\(i)", time: Double(i))
        }
        let tree = T.tree(nodes)
        #expect(tree.repairs.prefix(2) == [.syntheticRootCreated, .cycleCut(node: "c0")])
        #expect(tree.path(to: "c9999").count == n + 1)
        #expect(tree.currentLeaf == "c9999")
    }

    @Test func repairDescriptionsAreOneLine() {
        let repairs: [TreeRepair] = [
            .orphanAttached(node: "0123456789", missingParent: "abcdefghij"),
            .extraRootAttached(node: "short"),
            .cycleCut(node: "0123456789"),
            .danglingChildDropped(parent: "p", child: "c"),
            .childLinkAdded(parent: "p", child: "c"),
            .missingCurrentNode(requested: "0123456789", fallback: "f"),
            .missingCurrentNode(requested: nil, fallback: "f"),
            .syntheticRootCreated,
        ]
        #expect(Set(repairs.map(\.description)).count == repairs.count)
        #expect(repairs.allSatisfy { !$0.description.contains("\n") && !$0.description.isEmpty })
        #expect(repairs[0].description.contains("01234567…"))
        #expect(repairs[0].description.contains("abcdefgh…"))
        #expect(repairs[1].description.contains("short "))
        #expect(repairs[7].description.contains("chatterm-synthetic-root"))
    }
}
