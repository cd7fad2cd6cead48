import ChatModel

/// The engine used when nothing else is configured: no network, no model, instant to start.
///
/// Its answers are canned but deterministic (the same request always gives the same text),
/// say plainly that they come from a stand-in, and exercise what the client must render:
/// paragraphs, a list, a fenced code block, and Chinese text when the prompt is CJK.
/// Chunks arrive at `pace` (default 20 ms per token; zero for tests).
public struct OfflineEngine: AnswerEngine {
    /// The time between two chunks.
    public var pace: Duration

    /// Creates the engine.
    public init(pace: Duration = .milliseconds(20)) {
        self.pace = pace
    }

    /// The offline model: clearly labelled, so nobody mistakes it for a real one.
    public static let offlineModel = ModelInfo(
        slug: "chatterm-offline",
        title: "Offline stand-in (no model)",
        description: "chatterm's built-in offline engine: canned answers, no network, not a real model.",
        tags: ["offline"],
        maxTokens: 8191)

    /// The offline model.
    public var model: ModelInfo { Self.offlineModel }

    /// Streams ``text(for:)`` split into ``tokens(_:)``.
    public func answer(_ request: EngineRequest) -> AsyncThrowingStream<String, any Error> {
        let tokens = Self.tokens(Self.text(for: request))
        let pace = pace
        return .producing { continuation in
            for token in tokens {
                if pace > .zero { try await Task.sleep(for: pace) }
                try Task.checkCancellation()
                continuation.yield(token)
            }
        }
    }

    /// The first words of the prompt: six words, or twelve characters of CJK text.
    public func title(for prompt: String) async throws -> String {
        Self.title(for: prompt)
    }

    /// The first words of `prompt` (see ``title(for:)``), "New chat" when it is blank.
    public static func title(for prompt: String) -> String {
        let trimmed = prompt.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let title: String
        if containsCJK(trimmed) {
            title = String(trimmed.trimmingSpaces.prefix(12))
        } else {
            title = trimmed.split(separator: " ").prefix(6).joined(separator: " ")
        }
        return title.isEmpty ? "New chat" : title
    }

    /// The whole answer to `request`.
    public static func text(for request: EngineRequest) -> String {
        let prompt = request.prompt
        let quoted = quote(prompt)
        let cjk = containsCJK(prompt)
        switch (request.action, cjk) {
        case (.continue, false):
            return """
                (continued) There is nothing more to say: this offline stand-in has no model behind it, so \
                continuing only adds this sentence.
                """
        case (.continue, true):
            return "（续）这里是离线替身的续写：它背后没有模型，所以只能补上这一句。"
        case (_, true):
            let variant = request.attempt > 0 ? "（第 \(request.attempt + 1) 个回答）" : ""
            return """
                这是 chatterm 的离线引擎\(variant)：它只是模型的替身，不是真正的模型，也不需要网络。

                你说：「\(quoted)」

                它可以演示客户端需要显示的内容：

                - 段落
                - 列表
                - 代码块

                ```python
                print("你好，chatterm")
                ```

                要和真正的模型对话，请用别的引擎启动 `chatterm serve`。
                """
        case (_, false):
            let variant = request.attempt > 0 ? " (answer \(request.attempt + 1))" : ""
            return """
                This is chatterm's offline engine\(variant): a stand-in for a model, not a real one, and it \
                needs no network.

                You wrote: "\(quoted)"

                Here is what an answer can contain, so the client has something to render:

                - paragraphs like the one above
                - a list (this one)
                - a fenced code block:

                ```swift
                let greeting = "Hello from chatterm"
                print(greeting)
                ```

                To talk to a real model, start `chatterm serve` with another engine.
                """
        }
    }

    /// `prompt` on one line, at most 80 characters.
    static func quote(_ prompt: String) -> String {
        let flat = prompt.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingSpaces
        return flat.count > 80 ? String(flat.prefix(79)) + "…" : flat
    }

    /// Splits text into chunks the way models stream: a word with its leading space, a
    /// newline run on its own, and CJK text two characters at a time. Joined, the chunks
    /// give back the text exactly.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        for ch in text {
            if ch == "\n" {
                if !current.allSatisfy({ $0 == "\n" }) { flush() }
                current.append(ch)
            } else if ch == " " {
                if !current.allSatisfy({ $0 == " " }) { flush() }
                current.append(ch)
            } else if isCJK(ch) {
                if current.contains(where: { !isCJK($0) && $0 != " " }) || current.count >= 2 { flush() }
                current.append(ch)
            } else {
                if current.contains(where: { $0 == "\n" || isCJK($0) }) { flush() }
                current.append(ch)
            }
        }
        flush()
        return tokens
    }

    /// Whether `text` holds any CJK ideograph, kana or hangul.
    public static func containsCJK(_ text: String) -> Bool {
        text.contains(where: isCJK)
    }

    static func isCJK(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x3000...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xAC00...0xD7AF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
