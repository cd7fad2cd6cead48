import Testing

@testable import ChatStore

/// The jump list as a value: recording, back and forth, truncation of the places ahead, no
/// place twice in a row, and its capacity.
@Suite struct JumpListTests {
    /// A place in conversation `c`, at node `n` on leaf `leaf`.
    static func at(_ c: String, _ n: String, leaf: String = "leaf") -> JumpPosition {
        JumpPosition(conversationID: c, leaf: leaf, nodeID: n)
    }

    let a = at("c1", "a")
    let b = at("c1", "b")
    let c = at("c2", "c")
    let d = at("c2", "d")

    @Test func anEmptyListGoesNowhere() {
        var list = JumpList()
        #expect(!list.canGoBack)
        #expect(!list.canGoForward)
        #expect(list.back(from: a) == nil)
        #expect(list.forward() == nil)
        // Going back from nowhere kept the place it was asked from, to come forward to.
        #expect(list.entries == [a])
        #expect(list.index == 0)
    }

    @Test func backReturnsThePlacesLeftNewestFirstAndForwardComesBack() {
        var list = JumpList()
        list.record(a)
        list.record(b)
        #expect(list.entries == [a, b])
        #expect(list.index == 2)
        #expect(list.canGoBack)
        #expect(!list.canGoForward)
        // Standing at c: back records c, so forward returns to it.
        #expect(list.back(from: c) == b)
        #expect(list.entries == [a, b, c])
        #expect(list.back(from: b) == a)
        #expect(list.back(from: a) == nil)
        #expect(list.index == 0)
        #expect(list.forward() == b)
        #expect(list.forward() == c)
        #expect(list.forward() == nil)
        #expect(list.index == 2)
    }

    @Test func goingBackFromTheNewestPlaceRecordedSkipsIt() {
        var list = JumpList()
        list.record(a)
        list.record(b)
        // The reader stands where the last jump left (b): back goes to a, not to b.
        #expect(list.back(from: b) == a)
        #expect(list.entries == [a, b])
        #expect(list.forward() == b)
    }

    @Test func aNewJumpAfterGoingBackDropsThePlacesAhead() {
        var list = JumpList()
        list.record(a)
        list.record(b)
        list.record(c)
        #expect(list.back(from: d) == c)
        #expect(list.back(from: c) == b)
        // From b the reader jumps again: c and d ahead are dropped, b recorded once.
        list.record(b)
        #expect(list.entries == [a, b])
        #expect(list.index == 2)
        #expect(!list.canGoForward)
        #expect(list.forward() == nil)
        // A jump from elsewhere than where back left replaces that place.
        #expect(list.back(from: d) == b)
        list.record(c)
        #expect(list.entries == [a, c])
    }

    @Test func aPlaceIsNeverRecordedTwiceInARow() {
        var list = JumpList()
        list.record(a)
        list.record(a)
        list.record(b)
        list.record(b)
        list.record(a)
        #expect(list.entries == [a, b, a])
    }

    @Test func placesDifferingOnlyInTheirLeafOrMessageAreDifferent() {
        var list = JumpList()
        list.record(Self.at("c1", "a", leaf: "x"))
        list.record(Self.at("c1", "a", leaf: "y"))
        list.record(JumpPosition(conversationID: "c1", leaf: "y", nodeID: nil))
        #expect(list.entries.count == 3)
    }

    @Test func theOldestPlacesGoWhenFull() {
        var list = JumpList(capacity: 3)
        for place in [a, b, c, d] { list.record(place) }
        #expect(list.entries == [b, c, d])
        #expect(list.index == 3)
        // Back from a fifth place records it and drops b.
        let e = Self.at("c3", "e")
        #expect(list.back(from: e) == d)
        #expect(list.entries == [c, d, e])
        #expect(list.back(from: d) == c)
        #expect(list.back(from: c) == nil)
        #expect(list.forward() == d)
        #expect(list.forward() == e)
    }

    @Test func aCapacityBelowOneKeepsOnePlace() {
        var list = JumpList(capacity: 0)
        #expect(list.capacity == 1)
        list.record(a)
        list.record(b)
        #expect(list.entries == [b])
        // Back from c keeps only c: nothing earlier is left.
        #expect(list.back(from: c) == nil)
        #expect(list.entries == [c])
    }

    @Test func forwardAfterBackInTheMiddleThenBackAgain() {
        var list = JumpList()
        list.record(a)
        list.record(b)
        list.record(c)
        #expect(list.back(from: d) == c)
        #expect(list.back(from: c) == b)
        #expect(list.forward() == c)
        #expect(list.back(from: c) == b)
        #expect(list.back(from: b) == a)
        #expect(list.entries == [a, b, c, d])
    }
}
