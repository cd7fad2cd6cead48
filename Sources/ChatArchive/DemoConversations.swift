/// The text of the demo conversations (written for chatterm; see ``DemoArchive``).
enum DemoConversations {
    static var all: [DemoBuilder] { [welcome, swiftLines, chinese, releaseChecklist, archivedColours] }

    /// 2026-01-05 09:00 UTC.
    static let epoch = 1_767_603_600.0

    /// A prompt answered three times (‹1/3› … ‹3/3›); the third, long answer is current
    /// and the conversation continues under it.
    static var welcome: DemoBuilder {
        var b = DemoBuilder(id: "demo-welcome", title: "Getting around chatterm", start: epoch + 4 * 86400)
        let question = b.add("user", "I just installed chatterm. How do I get around?")
        b.add("assistant", welcomeShort, under: question)
        b.add("assistant", welcomeList, under: question, delay: 90)
        b.add("assistant", welcomeLong, under: question, delay: 90)
        b.add("user", "How do I find something I asked months ago?")
        b.add("assistant", welcomeSearch)
        return b
    }

    static let welcomeShort = """
        Welcome! The screen has three parts: the sidebar with your conversations on the left, the messages \
        on the right, and the input box at the bottom. Tab moves the focus between them, j and k move up \
        and down, and ? shows every key of the keymap in force.
        """

    static let welcomeList = """
        Here are the keys of the default keymap you will use most:

        - Tab / Shift+Tab: move the focus between sidebar, messages and input
        - j / k (or the arrows): next / previous conversation or message
        - [ / ] (or h / l): previous / next version of the selected message (‹2/3›)
        - t: every branch of the conversation at once
        - Ctrl+K: search every conversation and every branch
        - y: copy the selected message; 1–9: copy its code block N
        - Ctrl+Q: quit (Ctrl+C asks first)
        - ? or F1: the help overlay, generated from the active keymap

        Keymaps are TOML files, so you can change any of these.
        """

    static let welcomeLong = """
        Happy to give you a tour. chatterm is keyboard-first: everything has a key, and the help overlay (?) \
        always shows the keys of the keymap you are actually using, so you never have to remember this \
        message.

        **The layout.** The sidebar on the left lists your conversations, newest first. Archived ones are \
        kept out of the way in their own list: A switches to it and back. The message pane on the right \
        shows the conversation you opened, and the input box at the bottom is where you type. Tab moves \
        the focus from one to the next; the focused part has a highlighted border, and the footer lists \
        the keys that work there.

        **Moving around.** In the sidebar, j and k (or the arrow keys) select the next or previous \
        conversation, / filters them by title, and Enter opens one. In the message pane the same keys \
        select the next or previous message, g and G jump to the first and last, Page Up and Page Down \
        scroll a screen, Ctrl+U and Ctrl+D half a screen.

        **Branches.** A conversation is a tree, not a list. When you regenerate an answer, the new answer \
        becomes a sibling of the old one instead of replacing it, and the message shows a marker such as \
        ‹3/3›. This message is one of those: it is the third answer to the same question. Press [ and ] \
        (or h and l) on a message to step through its versions. Editing a prompt works the same way: the \
        edited prompt is a sibling of the original, and each one keeps the answers that followed it. \
        { and } jump to the previous or next message that has versions, t lists every branch of the \
        conversation, and the status line says how many branches continue off the path you are reading.

        When you switch to another version, chatterm returns you to the place in that branch where you \
        were last, not just to its first message. It remembers this per conversation, across restarts.

        **Copying.** y copies the selected message, and the digits 1 to 9 copy its numbered code blocks, \
        through your terminal's clipboard (OSC 52; inside tmux, turn on set-clipboard).

        **Writing.** Alt+Enter inserts a new line and a paste arrives as one piece. A draft you leave in \
        the input box is saved with the conversation on every keystroke and is still there after a \
        restart, even after a crash. Sending needs a chat backend, which comes in the next version; this \
        one reads archives.

        **Your data.** chatterm keeps its archive in one SQLite file under your data folder \
        ($XDG_DATA_HOME/chatterm, usually ~/.local/share/chatterm). `chatterm import` reads a ChatGPT data \
        export (the zip you get by e-mail) and every conversation, with all of its branches, becomes \
        searchable offline. Importing the same export twice changes nothing, and a newer export only \
        replaces the conversations that changed. `chatterm ls`, `show`, `export` and `search` do the same \
        from scripts.

        **Making it yours.** Keymaps and themes are TOML files. Your keymap file only needs the keys you \
        want to change: everything else keeps its default. There are vim- and emacs-flavoured keymaps to \
        start from (--keymap), dark, light and high-contrast themes (--theme), and themes fall back to 256 \
        or 16 colours when your terminal has fewer. NO_COLOR is honoured.

        That is all you need for a first session. Try [ and ] on this message to see the two shorter \
        answers to the same question.
        """

    static let welcomeSearch = """
        Use full-text search: it covers every message of every branch of every conversation, including \
        answers you regenerated away and prompts you edited. Type a few words; each one matches the start \
        of a word, so `regen` finds "regenerate". Chinese and Japanese text is found anywhere inside a \
        sentence. Enter on a result opens the conversation on the branch that holds it.
        """

    /// An edited prompt (two user siblings) whose branches continue differently.
    static var swiftLines: DemoBuilder {
        var b = DemoBuilder(id: "demo-swift-lines", title: "Reading a big file line by line in Swift", start: epoch)
        b.add("user", "How do I read a file line by line in Swift?", under: b.system)
        b.add("assistant", swiftAsync)
        b.add(
            "user", "Edited: how do I read a 2 GB log file line by line in Swift on Linux, with little memory?",
            under: b.system, delay: 300)
        b.add("assistant", swiftGetline)
        b.add("user", "Nice. And how do I count the lines as fast as possible?")
        b.add("assistant", swiftCount)
        return b
    }

    static let swiftAsync = #"""
        On macOS 12 and later the simplest way is `URL.lines`, an async sequence:

        ```swift
        let url = URL(fileURLWithPath: "notes.txt")
        for try await line in url.lines {
            print(line)
        }
        ```

        It reads the file lazily, so memory stays small even for big files.
        """#

    static let swiftGetline = #"""
        On Linux, `URL.lines` is not available, but C's `getline` is, and it is fast: it reuses one buffer \#
        for every line, so memory stays flat however large the file is.

        ```swift
        import Foundation

        func forEachLine(in path: String, _ body: (Substring) throws -> Void) throws {
            guard let file = fopen(path, "r") else {
                throw CocoaError(.fileReadNoSuchFile)
            }
            defer { fclose(file) }
            var buffer: UnsafeMutablePointer<CChar>? = nil
            var capacity = 0
            defer { free(buffer) }
            while getline(&buffer, &capacity, file) > 0 {
                let line = String(cString: buffer!)
                try body(line.dropLast(line.hasSuffix("\n") ? 1 : 0))
            }
        }
        ```

        Build it in release mode and try it on a big file:

        ```bash
        swift build -c release
        time .build/release/lines /var/log/syslog
        ```

        Debug builds of string-heavy code are often ten times slower, so always measure release builds.
        """#

    static let swiftCount = #"""
        Skip strings entirely and count newline bytes in large chunks:

        ```swift
        func countLines(path: String) throws -> Int {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            var count = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                count += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
            return count
        }
        ```

        Reading 1 MB at a time keeps system calls rare, and no line is ever decoded as UTF-8.
        """#

    /// Chinese, with emoji and a code block.
    static var chinese: DemoBuilder {
        var b = DemoBuilder(id: "demo-zh-intro", title: "介绍下你自己", start: epoch + 2 * 86400)
        b.add("user", "介绍下你自己")
        b.add("assistant", chineseIntro)
        b.add("user", "你能用 Swift 写一个统计中文字数的函数吗？🙏")
        b.add("assistant", chineseCode)
        return b
    }

    static let chineseIntro = """
        你好！👋 我是 chatterm 自带的演示助手。chatterm 是一个在终端里使用的聊天客户端，完全用键盘操作。✨

        我可以帮你：
        - 回答问题、解释概念 📚
        - 写代码和调试程序 💻
        - 翻译和润色文字 🌏

        在 chatterm 里，每条消息的所有分支都会保存下来，全文搜索也支持中文：输入“模型”就能找到句子中间的词。🚀
        """

    static let chineseCode = #"""
        当然可以！下面的函数统计字符串里的汉字个数（CJK 统一表意文字）：

        ```swift
        /// 统计汉字个数
        func countHanzi(_ text: String) -> Int {
            text.unicodeScalars.filter { scalar in
                (0x4E00...0x9FFF).contains(scalar.value)   // 基本区
                    || (0x3400...0x4DBF).contains(scalar.value)   // 扩展 A 区
            }.count
        }

        print(countHanzi("你好，世界！Hello"))   // 4
        ```

        注意：标点符号“，”和“！”不算汉字，所以结果是 4。😊
        """#

    /// A "continue": one answer split over two consecutive assistant nodes.
    static var releaseChecklist: DemoBuilder {
        var b = DemoBuilder(
            id: "demo-continue", title: "Release checklist for a terminal app", start: epoch + 3 * 86400)
        b.add("user", "Give me a numbered release checklist for a terminal app, about 12 items.")
        b.add("assistant", checklistFirst, finish: "max_tokens")
        b.add("assistant", checklistRest, delay: 20)
        return b
    }

    static let checklistFirst = """
        Here is a checklist you can copy into your release notes template:

        1. Run the full test suite in release mode, not only debug.
        2. Try the app in a 80×24 terminal and in a very wide one.
        3. Check 16-colour, 256-colour and truecolor terminals, and NO_COLOR=1.
        4. Resize the window while an answer is streaming.
        5. Paste a large block of text with bracketed paste on and off.
        6. Start it with an empty data folder (first run) and with an old one (migrations).
        7. Test a UTF-8 locale with wide characters (中文, emoji) and
        """

    static let checklistRest = """
        combining accents, and make sure the cursor lands in the right column.
        8. Test over SSH and inside tmux and screen.
        9. Make sure Ctrl+C, Ctrl+Z and a crash all leave the terminal usable.
        10. Check that secrets never reach the log file.
        11. Update the help overlay screenshot and the changelog.
        12. Tag the release and attach checksums for the binaries.
        """

    /// Archived: kept out of the main list.
    static var archivedColours: DemoBuilder {
        var b = DemoBuilder(
            id: "demo-archived", title: "ncurses colour pairs (archived)", start: epoch - 30 * 86400, archived: true)
        b.add("user", "Why do my ncurses colours look wrong after the 8th pair?")
        b.add(
            "assistant",
            """
            Probably because you call `init_pair` before `start_color()`, or your terminal reports only 8 \
            colour pairs. Check `COLOR_PAIRS` after `start_color()`, and call `use_default_colors()` if you \
            want -1 to mean the terminal's own background.
            """)
        return b
    }
}
