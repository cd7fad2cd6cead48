/// Answers as ChatGPT writes them, one construct each, for the golden-line tests.
enum MarkdownScreens {
    static let headingsAndInline = """
        # Title here
        Some **bold**, *italic*, `code`, ~~gone~~ and a [link](https://example.com) in one paragraph that wraps.

        ## Section
        ### Smaller
        """

    static let lists = """
        - one
        - two with a long line that keeps going and going
          - nested item
        1. first
        2. second

        - [x] done
        - [ ] todo
        """

    static let quoteRuleHTML = """
        > quoted text
        > more of it

        ---
        <b>html stays text</b>
        """

    static let table = """
        | Name | 数量 | Price |
        |:-----|:----:|------:|
        | apple | 三 | 1.5 |
        | banana split | 十二 | 100 |
        """

    static let code = """
        Run this:

        ```python
        print("hi")
        ```

            indented code
        """

    /// Every construct in one answer, with CJK and a long code line.
    static var everything: String {
        [
            headingsAndInline, lists, quoteRuleHTML, table, code,
            "```sh\necho a very long line of shell that is much wider than any narrow pane could ever show\n```",
            "中文段落：终端聊天客户端可以正确地折行宽字符，而不会把一个字符切成两半。",
        ].joined(separator: "\n\n")
    }
}
