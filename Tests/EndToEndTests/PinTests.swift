import ChatTestSupport
import Foundation
import Testing

/// Pinned and starred conversations from an export, and `p`, in the real binary.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct PinTests {
    /// A conversation of one question and answer, with `members` on top.
    static func conversation(_ id: String, _ title: String, updateTime: Double, _ members: [String: Any])
        -> [String: Any]
    {
        var object: [String: Any] = [
            "id": id, "title": title, "create_time": 1_700_000_000.0, "update_time": updateTime,
            "current_node": "\(id)-a", "is_archived": false,
            "mapping": [
                "r": E2EFixture.node("r", nil, ["\(id)-q"], nil),
                "\(id)-q": E2EFixture.node("\(id)-q", "r", ["\(id)-a"], E2EFixture.message("\(id)-q", "user", "q")),
                "\(id)-a": E2EFixture.node("\(id)-a", "\(id)-q", [], E2EFixture.message("\(id)-a", "assistant", "a")),
            ],
        ]
        for (key, value) in members { object[key] = value }
        return object
    }

    /// The usual three, a pinned "Roadmap" (the oldest) and a starred "Reading list".
    static var export: [[String: Any]] {
        E2EFixture.conversations + [
            conversation("conv-roadmap", "Roadmap", updateTime: 1_690_000_000, ["pinned_time": 1_699_000_000.0]),
            conversation("conv-reading", "Reading list", updateTime: 1_700_000_100, ["is_starred": true]),
        ]
    }

    /// The sidebar's rows (inside its border) of a screen, each up to its date: a heading or
    /// a title with its mark.
    static func sidebarRows(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map { line in
            let row = String(line.dropFirst().prefix { $0 != "│" }).trimmingCharacters(in: .whitespaces)
            return row.components(separatedBy: "  ").first ?? row
        }
    }

    @Test func thePinnedComeFirstUnderTheirHeadingAndPMovesAnotherThere() throws {
        let fixture = try E2EFixture(importing: Self.export)
        defer { fixture.remove() }
        let tui = try fixture.browse()
        defer { tui.close() }
        var screen = try tui.settle()
        var rows = Self.sidebarRows(screen)
        #expect(rows.first == "Pinned", "screen:\n\(screen)")
        #expect(rows[1] == "Roadmap", "screen:\n\(screen)")
        #expect(rows[2] == "Chats", "screen:\n\(screen)")
        #expect(rows[3] == "Branching test", "screen:\n\(screen)")
        #expect(rows.contains("★Reading list"), "screen:\n\(screen)")
        // Down from the pinned one steps over the heading to "Branching test"; p pins it.
        try tui.press(.selectNext, in: .sidebar)
        try tui.press(.togglePin, in: .sidebar)
        screen = try tui.settle()
        rows = Self.sidebarRows(screen)
        #expect(Array(rows.prefix(4)) == ["Pinned", "Branching test", "Roadmap", "Chats"], "screen:\n\(screen)")
        #expect(screen.contains("Pinned “Branching test”."), "screen:\n\(screen)")
        try tui.press(.quit, in: .sidebar)
        try tui.waitForExit()
        // Kept in the archive: the next run shows it pinned, and so does `ls`.
        let again = try fixture.browse()
        defer { again.close() }
        screen = try again.settle()
        #expect(Array(Self.sidebarRows(screen).prefix(3)) == ["Pinned", "Branching test", "Roadmap"], "\(screen)")
        let listed = try fixture.run(["ls", "--pinned"])
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(listed.stdout)")
        #expect(lines.first?.contains("Branching test") == true, "\(listed.stdout)")
        #expect(lines.last?.contains("Roadmap") == true, "\(listed.stdout)")
    }

    @Test func lsKeepsTheConversationsWithTheMarksAskedFor() throws {
        let fixture = try E2EFixture(importing: Self.export)
        defer { fixture.remove() }
        let starred = try fixture.run(["ls", "--tag", "starred"])
        #expect(starred.status == 0)
        #expect(starred.stdout.contains("Reading list"))
        #expect(starred.stdout.split(separator: "\n").count == 1, "\(starred.stdout)")
        let both = try fixture.run(["ls", "--tag", "starred", "--pinned"])
        #expect(both.status == 0)
        #expect(both.stdout.isEmpty, "\(both.stdout)")
        let all = try fixture.run(["ls"])
        #expect(all.stdout.split(separator: "\n").first?.contains("Roadmap") == true, "pinned first:\n\(all.stdout)")
        let wrong = try fixture.run(["ls", "--tag", "favourite"])
        #expect(wrong.status == 1)
        #expect(
            wrong.stderr.contains("--tag favourite is not a mark; the marks are pinned, starred"), "\(wrong.stderr)")
    }
}
