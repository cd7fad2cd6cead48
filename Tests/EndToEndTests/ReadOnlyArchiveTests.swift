import ChatTestSupport
import Foundation
import Testing

/// An archive on read-only storage: the reading commands work, writing ones say "read-only".
/// The storage is a read-only bind mount of the archive folder, made inside a user and mount
/// namespace of the test's own (`unshare -rm`), so nothing outside the test sees it.
@Suite(
    .timeLimit(.minutes(2)),
    .enabled(if: E2EFixture.binaryPath != nil && MountNamespace.available, "needs a built binary and unshare -rm"))
struct ReadOnlyArchiveTests {
    /// Runs chatterm with the fixture's archive folder mounted read-only.
    func runReadOnly(_ fixture: E2EFixture, _ args: [String]) throws -> ProcessResult {
        let home = fixture.home.path
        let command = ([fixture.binary] + args).map { "'\($0)'" }.joined(separator: " ")
        let script = "mount --bind '\(home)' '\(home)' && mount -o remount,bind,ro '\(home)' && exec \(command)"
        return try Spawn.run(["unshare", "-rm", "sh", "-c", script], environment: ["CHATTERM_HOME": home])
    }

    @Test func readingCommandsWorkOnReadOnlyStorage() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let before = try FileManager.default.contentsOfDirectory(atPath: fixture.home.path).sorted()
        let ls = try runReadOnly(fixture, ["ls"])
        #expect(ls.status == 0, "\(ls.stderr)")
        #expect(ls.stdout.contains("Branching test") && ls.stdout.contains("CJK 对齐测试"))
        let show = try runReadOnly(fixture, ["show", "conv-branching"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Version two answer: pine"))
        let search = try runReadOnly(fixture, ["search", "birch"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("conv-branching"))
        let export = try runReadOnly(fixture, ["export", "conv-cjk", "--format", "md"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("介绍下你自己"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.home.path).sorted() == before)
    }

    @Test func aWriteIsRefusedInOneLineSayingReadOnly() throws {
        let fixture = try E2EFixture()
        defer { fixture.remove() }
        let result = try runReadOnly(fixture, ["import", fixture.home.appendingPathComponent("export.json").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("read-only"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}

/// Whether this machine lets a process make a user and mount namespace of its own.
enum MountNamespace {
    static let available: Bool = (try? Spawn.run(["unshare", "-rm", "true"], timeout: 10).status) == 0
}
