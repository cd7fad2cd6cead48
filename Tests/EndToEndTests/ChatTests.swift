import ChatTestSupport
import Foundation
import Testing

/// Chatting in the real binary in tmux, against its embedded local server: send, watch the
/// answer stream in, regenerate, switch answers, edit the prompt, switch prompts.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: E2EFixture.canRun, "needs tmux and a built .build/debug/chatterm"))
struct ChatTests {
    @Test func sendRegenerateEditAndSwitchBranches() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let tui = try fixture.browse(cols: 100, rows: 40, extra: "--local-pace-ms 15")
        defer { tui.close() }
        try tui.waitFor("New chat with local")
        try tui.send("n")
        try tui.type("hello from tmux")
        try tui.send("Enter")
        // The answer streams in: the status line counts while the text grows.
        var screen = try tui.waitFor("answering")
        #expect(screen.contains("Esc stops"))
        screen = try tui.waitFor("Answer complete")
        #expect(screen.contains("You wrote: \"hello from tmux\""))
        #expect(screen.contains("first text after"))
        // The new chat is in the sidebar, under the title generated from its prompt.
        screen = try tui.waitFor("the title in the sidebar") { screen in
            screen.split(separator: "\n").contains { String($0.prefix(27)).contains("hello from tmux") }
        }

        // Regenerate: a second answer, shown as ‹2/2› while it streams and after.
        try tui.send("BTab")
        try tui.send("G", "r")
        screen = try tui.waitFor("‹2/2›")
        screen = try tui.waitFor("Answer complete") { $0.contains("(answer 2)") && $0.contains("Answer complete") }
        try tui.send("[")
        screen = try tui.waitFor("‹1/2›")
        #expect(!screen.contains("(answer 2)"))
        try tui.send("]")
        try tui.waitFor("(answer 2)")

        // Edit the prompt: the input box fills, sending makes a sibling prompt.
        try tui.send("g", "e")
        try tui.waitFor("Editing your message")
        try tui.send("C-u")
        try tui.type("an edited prompt")
        try tui.send("Enter")
        screen = try tui.waitFor("edited answer") {
            $0.contains("You wrote: \"an edited prompt\"") && $0.contains("Answer complete")
        }
        #expect(screen.contains("You ‹2/2›"))
        try tui.send("BTab", "g", "[")
        // A frame may be caught half-written: wait for the whole branch (its answer is the
        // second version, the one last visited under this prompt).
        screen = try tui.waitFor("the first prompt again") {
            $0.contains("You ‹1/2›") && $0.contains("(answer 2)") && $0.contains("You wrote: \"hello from tmux\"")
        }
        #expect(screen.contains("hello from tmux"))
        #expect(!screen.contains("an edited prompt\""))
        try tui.send("C-q")
        try tui.waitFor("exit") { _ in (try? tui.isDead()) == true }
    }

    @Test func escStopsAStreamingAnswerAndKeepsIt() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let tui = try fixture.browse(cols: 100, rows: 40, extra: "--local-pace-ms 60")
        defer { tui.close() }
        try tui.waitFor("New chat with local")
        try tui.send("n")
        try tui.type("stop me")
        try tui.send("Enter")
        try tui.waitFor("You wrote")
        try tui.send("Escape")
        let screen = try tui.waitFor("Stopped; the partial answer is kept")
        #expect(screen.contains("offline engine"))
        #expect(!screen.contains("start `chatterm serve`"))
        try tui.send("C-q")
        try tui.waitFor("exit") { _ in (try? tui.isDead()) == true }
    }

    @Test func ctrlGEditsTheDraftInTheEditorAndNeverSends() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let editor = fixture.home.appendingPathComponent("editor.sh")
        try "#!/bin/sh\nprintf ' and more from the editor' >> \"$1\"\n".write(
            to: editor, atomically: true, encoding: .utf8)
        chmod(editor.path, 0o755)
        for (command, expected) in [
            (editor.path, "Draft updated from the editor"),
            ("/bin/false", "The editor failed; your draft is unchanged"),
        ] {
            let tui = try TmuxSession(
                command: fixture.binary, cols: 100, rows: 30,
                environment: [
                    "CHATTERM_HOME": fixture.home.path, "EDITOR": command, "VISUAL": "",
                    "XDG_CONFIG_HOME": fixture.home.appendingPathComponent("config").path,
                ])
            defer { tui.close() }
            try tui.waitFor("New chat with local")
            try tui.send("n")
            try tui.send("C-u")
            try tui.type("my draft")
            try tui.send("C-g")
            let screen = try tui.waitFor(expected)
            let edited = command == editor.path
            #expect(screen.contains("my draft and more from the editor") == edited)
            #expect(screen.contains("my draft"))
            #expect(!screen.contains("You wrote"))  // never sent
            try tui.send("C-q")
            try tui.waitFor("exit") { _ in (try? tui.isDead()) == true }
        }
    }
}
