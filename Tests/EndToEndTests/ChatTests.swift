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
        #expect(try tui.settle().contains("New chat with local"))
        try tui.press(.newChat, in: .sidebar)
        try tui.type("hello from tmux")
        try tui.press(.send, in: .input)
        // The answer streams in: the status line counts while the text grows. A state that
        // passes, so the screen is polled for it rather than waiting for idle.
        var screen = try tui.waitFor("answering")
        #expect(screen.contains("Esc stops"))
        // Idle: the answer is complete, and its title generated.
        screen = try tui.settle()
        #expect(screen.contains("Answer complete"), "screen:\n\(screen)")
        #expect(screen.contains("You wrote: \"hello from tmux\""))
        #expect(screen.contains("first text after"))
        // The new chat is in the sidebar, under the title generated from its prompt.
        #expect(
            screen.split(separator: "\n").contains { String($0.prefix(27)).contains("hello from tmux") },
            "screen:\n\(screen)")

        // Regenerate: a second answer, shown as ‹2/2› while it streams (polled) and after.
        try tui.press(.focusPrev, in: .input)
        try tui.press(.bottom, in: .messages)
        try tui.press(.regenerate, in: .messages)
        try tui.waitFor("‹2/2›")
        screen = try tui.settle()
        #expect(screen.contains("(answer 2)") && screen.contains("Answer complete"), "screen:\n\(screen)")
        #expect(screen.contains("‹2/2›"))
        try tui.press(.siblingPrev, in: .messages)
        screen = try tui.settle()
        #expect(screen.contains("‹1/2›"))
        #expect(!screen.contains("(answer 2)"))
        try tui.press(.siblingNext, in: .messages)
        #expect(try tui.settle().contains("(answer 2)"))

        // Edit the prompt: the input box fills, sending makes a sibling prompt.
        try tui.press(.top, in: .messages)
        try tui.press(.editPrompt, in: .messages)
        #expect(try tui.settle().contains("Editing your message"))
        try tui.press(.inputKillLine, in: .input)
        try tui.type("an edited prompt")
        try tui.press(.send, in: .input)
        screen = try tui.settle()
        #expect(screen.contains("You wrote: \"an edited prompt\"") && screen.contains("Answer complete"))
        #expect(screen.contains("You ‹2/2›"))
        try tui.press(.focusPrev, in: .input)
        try tui.press(.top, in: .messages)
        try tui.press(.siblingPrev, in: .messages)
        // The first prompt's branch, with its answer the second version (the one last visited
        // under this prompt).
        screen = try tui.settle()
        #expect(screen.contains("You ‹1/2›") && screen.contains("(answer 2)"), "screen:\n\(screen)")
        #expect(screen.contains("You wrote: \"hello from tmux\""))
        #expect(!screen.contains("an edited prompt\""))
        try tui.press(.forceQuit, in: .messages)
        try tui.waitForExit()
    }

    @Test func escStopsAStreamingAnswerAndKeepsIt() throws {
        let fixture = try E2EFixture(importing: [])
        defer { fixture.remove() }
        let tui = try fixture.browse(cols: 100, rows: 40, extra: "--local-pace-ms 60")
        defer { tui.close() }
        #expect(try tui.settle().contains("New chat with local"))
        try tui.press(.newChat, in: .sidebar)
        try tui.type("stop me")
        try tui.press(.send, in: .input)
        // Mid-answer, a state that passes: polled.
        try tui.waitFor("You wrote")
        try tui.press(.cancel, in: .input)
        let screen = try tui.settle()
        #expect(screen.contains("Stopped; the partial answer is kept"), "screen:\n\(screen)")
        #expect(screen.contains("offline engine"))
        #expect(!screen.contains("start `chatterm serve`"))
        try tui.press(.forceQuit, in: .input)
        try tui.waitForExit()
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
                    "XDG_CONFIG_HOME": fixture.config.path,
                ])
            defer { tui.close() }
            #expect(try tui.settle().contains("New chat with local"))
            try tui.press(.newChat, in: .sidebar)
            try tui.press(.inputKillLine, in: .input)
            try tui.type("my draft")
            try tui.press(.openEditor, in: .input)
            let screen = try tui.settle()
            #expect(screen.contains(expected), "screen:\n\(screen)")
            let edited = command == editor.path
            #expect(screen.contains("my draft and more from the editor") == edited)
            #expect(screen.contains("my draft"))
            #expect(!screen.contains("You wrote"))  // never sent
            try tui.press(.forceQuit, in: .input)
            try tui.waitForExit()
        }
    }
}
