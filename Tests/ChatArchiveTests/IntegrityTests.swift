import ChatArchive
import ChatTestSupport
import Foundation
import Testing

/// `chatterm doctor`'s archive check: SQLite's integrity check passes on a sound file and names
/// what is wrong with a damaged one.
@Suite struct IntegrityTests {
    /// A folder holding an archive with the demo conversations, closed.
    static func demoArchive() throws -> TempDir {
        let home = TempDir()
        do {
            let archive = try Archive(directory: home.url)
            _ = try DemoArchive.install(into: archive)
        }
        return home
    }

    @Test func aSoundArchiveHasNoProblems() throws {
        let home = try Self.demoArchive()
        #expect(try Archive(readingOnly: home.url).integrityProblems().isEmpty)
        #expect(try Archive(directory: home.url).integrityProblems().isEmpty)
    }

    @Test func aDamagedPageIsFound() throws {
        let home = try Self.demoArchive()
        let file = home.url.appendingPathComponent(Archive.fileName)
        var bytes = try Data(contentsOf: file)
        #expect(bytes.count > 3 * 4096, "the demo archive spans several pages")
        // Garbage over the second page (a b-tree page): the header stays readable.
        bytes.replaceSubrange(4096..<4096 + 512, with: Data(repeating: 0xA5, count: 512))
        try bytes.write(to: file)
        var problems: [String]
        do {
            problems = try Archive(readingOnly: home.url).integrityProblems()
        } catch {
            problems = ["\(error)"]
        }
        #expect(!problems.isEmpty)
    }
}
