import ChatTestSupport
import Foundation
import Testing

/// The scriptable commands, run as a user runs them.
@Suite(.timeLimit(.minutes(2)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct CommandLineTests {
    @Test func lsListsNewestUpdatedFirstAndHidesArchived() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let result = try fixture.run(["ls"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("conv-branching") == true)
        #expect(lines.last?.hasPrefix("conv-cjk") == true)
        let archived = try fixture.run(["ls", "--archived", "--json"])
        let items = try JSONSerialization.jsonObject(with: Data(archived.stdout.utf8)) as? [[String: Any]]
        #expect(items?.count == 1)
        #expect(items?.first?["id"] as? String == "conv-archived")
    }

    @Test func showPrintsTheCurrentBranchAndTheTree() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let branch = try fixture.run(["show", "conv-branching"])
        #expect(branch.status == 0)
        #expect(branch.stdout.contains("Version two answer: pine"))
        #expect(!branch.stdout.contains("oak"))
        #expect(branch.stdout.contains("‹2/3›"))
        let tree = try fixture.run(["show", "conv-bran", "--tree"])
        #expect(tree.status == 0)
        let lines = tree.stdout.split(separator: "\n").map(String.init)
        let marked = lines.filter { $0.hasPrefix("*") }
        #expect(marked.count == 2, "user + current answer on the path:\n\(tree.stdout)")
        #expect(lines.contains { $0.contains("‹1/3›") && $0.contains("oak") })
        #expect(lines.contains { $0.hasPrefix("*") && $0.contains("‹2/3›") && $0.contains("pine") })
    }

    @Test func showReportsRepairsOfABrokenTree() throws {
        var broken = E2EFixture.conversations[0]
        broken["id"] = "conv-broken"
        broken["current_node"] = "does-not-exist"
        let fixture = try E2EFixture(importing: [broken])
        defer { fixture.remove() }
        let result = try fixture.run(["show", "conv-broken"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning"))
        #expect(result.stderr.contains("current_node does-not"))
    }

    @Test func exportWritesMarkdownOfEveryBranchAndTheOriginalJSON() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let md = try fixture.run(["export", "conv-branching", "--format", "md", "--all-branches"])
        #expect(md.status == 0)
        #expect(md.stdout.components(separatedBy: "## Branch ").count - 1 == 3)
        #expect(md.stdout.contains("oak") && md.stdout.contains("pine") && md.stdout.contains("birch"))
        let out = fixture.home.appendingPathComponent("c.json")
        let json = try fixture.run(["export", "conv-cjk", "--format", "json", "-o", out.path])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        #expect(object?["title"] as? String == "CJK 对齐测试")
    }

    @Test func searchFindsTextOnEveryBranch() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let hit = try fixture.run(["search", "birch"])
        #expect(hit.status == 0)
        #expect(hit.stdout.contains("conv-branching"))
        #expect(hit.stdout.contains("a3"))
        let miss = try fixture.run(["search", "zzzunfindable"])
        #expect(miss.status == 1)
    }

    @Test func errorsAreOneClearLineAndNonZero() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let unknown = try fixture.run(["show", "no-such-id"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        #expect(unknown.stderr.contains("no-such-id"))
        let missing = try fixture.run(["import", "/nonexistent/export.zip"])
        #expect(missing.status != 0)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let badZip = fixture.home.appendingPathComponent("bad.zip")
        try Data("this is not a zip".utf8).write(to: badZip)
        let bad = try fixture.run(["import", badZip.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.split(separator: "\n").count == 1, "stderr: \(bad.stderr)")
        // The file is named once, in words.
        #expect(bad.stderr.components(separatedBy: "bad.zip").count == 2, "stderr: \(bad.stderr)")
        #expect(bad.stderr.contains("is not a readable zip archive"), "stderr: \(bad.stderr)")
    }

    @Test func anExportWhereEveryConversationIsBrokenFails() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let file = fixture.home.appendingPathComponent("broken.json")
        try Data(#"[{"title":"no id at all","mapping":{}}, {"id": 42}]"#.utf8).write(to: file)
        let result = try fixture.run(["import", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("2 skipped"))
        #expect(result.stderr.contains("nothing could be read"))
    }

    @Test func reimportIsIdempotent() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let again = try fixture.run(["import", fixture.home.appendingPathComponent("export.json").path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new"))
        #expect(again.stdout.contains("3 unchanged"))
    }
}

/// A truncated export: what came before the cut is imported, and the command fails.
@Suite(.timeLimit(.minutes(2)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct DamagedImportTests {
    @Test func aTruncatedExportImportsWhatItCanAndExitsNonZero() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        // The first conversation whole, then half of the second: cut inside it.
        let first = try JSONSerialization.data(withJSONObject: E2EFixture.conversations[0])
        let second = try JSONSerialization.data(withJSONObject: E2EFixture.conversations[1])
        let cut = Data("[".utf8) + first + Data(",".utf8) + second.prefix(second.count / 2)
        let file = fixture.home.appendingPathComponent("truncated.json")
        try cut.write(to: file)
        let result = try fixture.run(["import", file.path])
        #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("damaged or cut short"), "\(result.stderr)")
        let listed = try fixture.run(["ls", "--json"]).stdout
        #expect(listed.contains("conv-branching"), "the part before the cut stays imported: \(listed)")
    }
}

/// Times are the reader's: the local time zone, `TZ` honoured.
@Suite(.timeLimit(.minutes(2)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct LocalTimeTests {
    @Test func lsShowsTimesInTheLocalTimeZone() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        func ls(_ tz: String) throws -> String {
            try Spawn.run([fixture.binary, "ls"], environment: ["CHATTERM_HOME": fixture.home.path, "TZ": tz]).stdout
        }
        // conv-branching was updated at 1_700_000_900: 2023-11-14 22:28 UTC.
        #expect(try ls("UTC").contains("conv-branching  2023-11-14 22:28"))
        #expect(try ls("Asia/Tokyo").contains("conv-branching  2023-11-15 07:28"))
    }
}
