import ChatTestSupport
import Foundation
import Testing

/// `chatterm serve` refusing what it cannot serve safely, as a user runs it.
@Suite(.timeLimit(.minutes(3)), .enabled(if: E2EFixture.binaryPath != nil, "needs a built .build/debug/chatterm"))
struct ServeCommandTests {
    @Test(arguments: ["99999", "65536"]) func aPortOutsideTheTCPRangeIsOneLineAndNoServer(port: String) throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        // Before, 99999 listened on 34463 (the number wrapped) and 65536 on a random port.
        let result = try fixture.run(["serve", "--port", port])
        #expect(result.status == 1)
        #expect(result.stderr == "chatterm: --port must be 0 to 65535 (0 picks a free port), not \(port)\n")
        #expect(!result.stdout.contains("listening"))
    }

    @Test func aTokenFileOthersCanReadIsRefusedUntilItsModeIsFixed() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let folder = fixture.home.appendingPathComponent("server")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let file = folder.appendingPathComponent("server-token")
        let token = "ct-" + String(repeating: "ab", count: 32)
        #expect(
            FileManager.default.createFile(
                atPath: file.path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o644]))
        let message =
            "chatterm: the token file \(file.path) is readable by others (mode 644); run chmod 600 \(file.path)\n"

        for args in [["serve", "--print-token"], ["serve", "--port", "0"]] {
            let refused = try fixture.run(args)
            #expect(refused.status == 1)
            #expect(refused.stderr == message)
            #expect(!refused.stdout.contains(token))
            #expect(!refused.stdout.contains("listening"))
        }

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let printed = try fixture.run(["serve", "--print-token"])
        #expect(printed.status == 0)
        #expect(printed.stdout == token + "\n")
    }
}
