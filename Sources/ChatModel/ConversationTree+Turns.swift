import Foundation

/// The visible path as turns, with continued answers joined.
///
/// **Continuation rule.** Walking the path root → leaf and skipping what is not visible, a visible
/// assistant message joins the turn before it when that turn ends with a visible assistant message,
/// neither is reasoning, and the joining message has no siblings. This covers a `continue` answer
/// (`metadata.message_type == "continue"`), an answer cut by `max_tokens` or `end_turn == false`,
/// and any answer split across nodes (for example around hidden tool calls). A message with
/// siblings always starts its own turn, so its `‹i/n›` stays reachable.
///
/// **Joining text.** A real continuation (`message_type == "continue"`, or the previous message
/// stopped with `finish_details.type == "max_tokens"`) is concatenated directly, as ChatGPT does:
/// the model resumes mid-sentence or mid-word. Other joins are separated by a blank line, since
/// they are separate paragraphs of one answer (`end_turn == false` alone is set on every step of a
/// tool-using answer, so it does not imply mid-sentence).
extension ConversationTree {
    /// The turns of the visible path from the root to `leaf` (any node; an unknown id gives none).
    public func turns(to leaf: String, showReasoning: Bool = false) -> [Turn] {
        guard let l = index[leaf] else { return [] }
        var turns: [Turn] = []
        var previous: Message? = nil
        var aside = ToolAside()
        for i in pathIndices(to: l) {
            guard let message = messages[i] else { continue }
            guard Self.shows(message, showReasoning: showReasoning) else {
                aside.collect(message)
                continue
            }
            if let before = previous, var turn = turns.last, joins(message, at: i, after: before) {
                let separator = Self.continuesDirectly(message, after: before) ? "" : "\n\n"
                turn.nodeIDs.append(ids[i])
                let cited = Citations.resolve(
                    message.content.textBesideAttachments, metadata: message.metadata, after: turn.sources)
                turn.text += separator + cited.text
                turn.sources = cited.sources
                turn.modelSlug = message.modelSlug ?? turn.modelSlug
                turn.status = message.status ?? turn.status
                turn.takeExtras(of: message)
                turns[turns.count - 1] = turn
            } else {
                let position = siblingPosition(of: i)
                let cited = Citations.resolve(message.content.textBesideAttachments, metadata: message.metadata)
                var turn = Turn(
                    id: ids[i], nodeIDs: [ids[i]], author: message.author, text: cited.text,
                    isReasoning: message.isReasoning, siblingIndex: position.index, siblingCount: position.count,
                    modelSlug: modelSlug(of: message), createTime: message.createTime, status: message.status)
                turn.sources = cited.sources
                turn.isComparedAnswer = message.metadata["chatterm_added"]?.stringValue == "compared_answer"
                turn.takeExtras(of: message)
                turns.append(turn)
            }
            if message.author.role == .assistant, !message.isReasoning { aside.hand(to: &turns[turns.count - 1]) }
            previous = message
        }
        // What the tools said after the last answer belongs to that answer.
        if let last = turns.lastIndex(where: { $0.author.role == .assistant && !$0.isReasoning }) {
            aside.hand(to: &turns[last])
        }
        return turns
    }

    /// The model that wrote `message`: its own `model_slug`, else for an answer the
    /// conversation's `default_model_slug` (exports leave the message's out at times).
    func modelSlug(of message: Message) -> String? {
        message.modelSlug ?? (message.author.role == .assistant ? conversation.defaultModelSlug : nil)
    }

    /// Whether the visible message at `i` joins the turn ending with `before`.
    func joins(_ message: Message, at i: Int, after before: Message) -> Bool {
        guard message.author.role == .assistant, before.author.role == .assistant,
            !message.isReasoning, !before.isReasoning
        else { return false }
        return siblingPosition(of: i).count == 1
    }

    /// Whether `message` resumes `before` mid-text (joined without a separator).
    static func continuesDirectly(_ message: Message, after before: Message) -> Bool {
        message.metadata["message_type"]?.stringValue == "continue"
            || before.metadata["finish_details"]?["type"]?.stringValue == "max_tokens"
    }
}

extension Turn {
    /// Adds a joined message's extras: its notes and the sources it lists beside its
    /// citations, and its follow-ups, error and usage (the last message's win).
    mutating func takeExtras(of message: Message) {
        notes += message.notes
        for source in message.sources where !sources.contains(source) { sources.append(source) }
        followUps = message.followUps
        errorText = message.errorText
        usage = message.tokenUsage ?? usage
        ending = message.ending
        feedback = message.feedback ?? feedback
        attachments += message.attachments
    }
}

/// What hidden tool messages on the path say for the answer that follows them: the pages a
/// browsing tool quoted or opened (`tether_quote`, `sonic_webpage`), listed among the answer's
/// sources, and a `system_error`, shown as the answer's error.
struct ToolAside {
    var sources: [SourceLink] = []
    var errors: [String] = []
    /// Images a tool generated (DALL·E, image generation), shown with the answer.
    var images: [Attachment] = []
    /// The prompt of the last image-generation call, for images whose own metadata lacks it.
    var imagePrompt: String?

    /// Keeps what `message`, a message the reader does not see, says for the next answer.
    mutating func collect(_ message: Message) {
        let content = message.content
        if message.author.role == .assistant, let recipient = message.recipient,
            Self.imageTools.contains(recipient), let prompt = Self.prompt(inCall: content)
        {
            imagePrompt = prompt
        }
        if message.author.role == .tool {
            for var file in message.attachments where file.kind == .image {
                file.isGenerated = true
                file.prompt = file.prompt ?? imagePrompt
                images.append(file)
            }
        }
        switch content.type {
        case "tether_quote", "sonic_webpage":
            let url = content.raw["url"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let title = content.raw["title"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            guard url != nil || title != nil else { return }
            var source = SourceLink(title: title ?? "", url: url, attribution: content.raw["domain"]?.stringValue)
            if source.title.isEmpty { source.title = source.domain ?? url ?? "" }
            sources.append(source)
        case "system_error":
            let text = content.text ?? content.raw["text"]?.stringValue ?? ""
            let name = content.raw["name"]?.stringValue ?? ""
            let said = text.contains { !$0.isWhitespace } ? text : name.contains { !$0.isWhitespace } ? name : ""
            errors.append(said.isEmpty ? "The service reported an error" : said)
        default:
            break
        }
    }

    /// Adds what was collected to `turn` (sources it does not list yet after its own, the
    /// errors to its error text) and forgets it.
    mutating func hand(to turn: inout Turn) {
        for source in sources
        where !turn.sources.contains(where: { ($0.url != nil && $0.url == source.url) || $0 == source }) {
            turn.sources.append(source)
        }
        if !errors.isEmpty {
            turn.errorText = ([turn.errorText].compactMap { $0 } + errors).joined(separator: "\n")
        }
        turn.attachments += images
        self = ToolAside()
    }

    /// The tools that make images: DALL·E, and the image generation of 2025 on.
    static let imageTools: Set<String> = ["dalle.text2im", "t2uay3k.sj1i4kz", "image_gen.text2im"]

    /// The `prompt` of an image-generation call, whose text is a JSON object.
    static func prompt(inCall content: MessageContent) -> String? {
        let text = content.text ?? content.parts.first.map(\.displayText) ?? ""
        guard let data = text.data(using: .utf8),
            let call = try? JSONDecoder().decode(JSONValue.self, from: data),
            let prompt = call["prompt"]?.stringValue, prompt.contains(where: { !$0.isWhitespace })
        else { return nil }
        return prompt
    }
}
