import ChatModel
import Testing

@testable import ChatStore

@Suite struct StateTests {
    @Test func draftsRoundTripAndEmptyDeletes() throws {
        let archive = try Archive.inMemory()
        #expect(try archive.draft(for: "c") == nil)
        try archive.saveDraft("half a thought…\nline 2 ✨", for: "c")
        #expect(try archive.draft(for: "c") == "half a thought…\nline 2 ✨")
        try archive.saveDraft("replaced", for: "c")
        #expect(try archive.draft(for: "c") == "replaced")
        #expect(try archive.draft(for: "other") == nil)
        try archive.saveDraft("", for: "c")
        #expect(try archive.draft(for: "c") == nil)
    }

    @Test func branchMemoryRoundTrips() throws {
        let archive = try Archive.inMemory()
        #expect(try archive.branchMemory(for: "c") == BranchMemory())
        var memory = BranchMemory()
        memory.visit("leaf-a")
        memory.visit("leaf-b")
        memory.visit("leaf-a")
        try archive.saveBranchMemory(memory, for: "c")
        let loaded = try archive.branchMemory(for: "c")
        #expect(loaded == memory)
        #expect(loaded.mostRecent(among: ["leaf-a", "leaf-b"]) == "leaf-a")
        try archive.saveBranchMemory(BranchMemory(), for: "c")
        #expect(try archive.branchMemory(for: "c") == BranchMemory())
    }

    @Test func settingsRoundTripAndNilDeletes() throws {
        let archive = try Archive.inMemory()
        #expect(try archive.setting("theme") == nil)
        try archive.setSetting("theme", "dark")
        try archive.setSetting("theme", "light")
        #expect(try archive.setting("theme") == "light")
        try archive.setSetting("theme", nil)
        #expect(try archive.setting("theme") == nil)
    }
}
