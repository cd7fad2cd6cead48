import ChatArchive
import ChatClient
import ChatModel
import ChatProtocol
import Foundation

/// A stream's events, applied to the open conversation when the answer lands there, and
/// its end: the server's copy replaces the streamed one, and a new chat gets its title.
extension Reducer {
    static func streamItem(_ state: inout AppState, id: String, item: ChatStreamItem) -> [Effect] {
        let now = state.now
        guard var stream = state.streams[id] else { return [] }
        var effects: [Effect] = []
        let showing = state.open?.id == stream.openKey
        switch item {
        case .transport(let how):
            stream.transport = how
        case .finished(let completion):
            stream.completion = completion
        case .event(let event):
            stream.acknowledged = true
            switch event {
            case .conversationID(let conversationID):
                if stream.stopping, stream.conversationID == nil {
                    // Esc came before the server named the chat: ask it to stop now that we can.
                    effects.append(.stopStream(id: stream.id, conversationID: conversationID))
                }
                stream.conversationID = conversationID
                if showing, state.open?.isPending == true {
                    state.open?.id = conversationID
                    stream.openKey = conversationID
                    effects.append(.saveSetting(key: lastOpenSetting, value: conversationID))
                }
            case .messageStarted(let started):
                if started.kind == .answer {
                    stream.answerID = started.message.id
                    stream.answerCharacters = 0
                    stream.estimatedTokens = 0
                }
                if showing, var open = state.open {
                    if started.kind == .answer { open.liveAnswerIDs.insert(started.message.id) }
                    let skip = started.kind == .echo && started.message.author.role == .system
                    if !skip {
                        let parent = [started.parentID, started.previousMessageID, stream.expectedParent].compactMap {
                            $0
                        }.first { open.tree.node($0) != nil }
                        open.upsert(started.message, parent: parent, follow: started.kind != .echo)
                        state.open = open
                    }
                }
                if started.kind == .answer, !started.message.content.streamedText.isEmpty {
                    noteText(&stream, started.message.content.streamedText, at: now)
                }
            case .textAppended(let messageID, let suffix):
                if messageID == stream.answerID { noteText(&stream, suffix, at: now) }
                if showing { state.open?.append(suffix, to: messageID) }
            case .textReplaced(let messageID, let text):
                if messageID == stream.answerID {
                    stream.answerCharacters = 0
                    stream.estimatedTokens = 0
                    noteText(&stream, text, at: now)
                }
                if showing { state.open?.replaceText(text, of: messageID) }
            case .messageUpdated(let message):
                if message.id == stream.answerID, let tokens = message.tokenUsage?.completionTokens {
                    // The service's own count (Dify `message_end`, Coze, OpenAI `usage`, llama.cpp `timings`).
                    stream.reportedTokens = tokens
                }
                if showing, state.open?.tree.node(message.id) != nil {
                    state.open?.upsert(message, parent: nil, follow: false)
                }
            case .messageFinished(let messageID, let status, let endTurn):
                if showing, var message = state.open?.tree.node(messageID)?.message {
                    if let text = state.open?.streamedText(of: messageID) {
                        message.content = message.content.replacingStreamedText(text)
                    }
                    message.status = status ?? message.status
                    message.endTurn = endTurn ?? message.endTurn
                    state.open?.upsert(message, parent: nil, follow: false)
                }
            case .title(let title):
                stream.title = title
                effects += applyGeneratedTitle(&state, title, to: stream.conversationID ?? stream.openKey)
            case .moderation(let verdict):
                if verdict.flagged || verdict.blocked {
                    state.message = StatusMessage(
                        verdict.blocked
                            ? "The server's moderation blocked this message"
                            : "The server's moderation flagged this message",
                        kind: .warning)
                }
            case .serverError(let why):
                state.message = StatusMessage("The server reported: \(why)", kind: .error)
            case .metadata, .done:
                break
            }
        }
        state.streams[id] = stream
        if showing, state.open?.followsStream == true { scrollToEnd(&state) }
        return effects
    }

    /// The request failed, or the connection dropped. What streamed stays; a message the
    /// server never saw goes back into the input box, so nothing typed is lost.
    static func streamFailed(_ state: inout AppState, id: String, why: String) -> [Effect] {
        guard let stream = state.streams[id] else { return [] }
        var effects: [Effect] = []
        if !stream.acknowledged, let sent = stream.userMessage, state.open?.id == stream.openKey {
            let (messageID, text) = (sent.id, sent.text)
            if var open = state.open {
                var c = open.committedConversation
                if let parent = c.mapping[messageID]?.parent {
                    c.mapping[parent]?.children.removeAll { $0 == messageID }
                    c.mapping[messageID] = nil
                    if open.isPending && c.mapping.count <= 1 {
                        state.open = nil
                    } else {
                        open.rebuild(
                            c, leaf: parent)
                        state.open = open
                    }
                }
            }
            if state.input.isEmpty {
                state.input = TextEditor(text)
                effects.append(.saveDraft(key: state.draftKey, draft: state.input))
            }
            relayoutPane(&state)
        }
        state.streams[id]?.failure = why
        state.message = StatusMessage(
            stream.acknowledged ? "\(why) — the partial answer is kept; Ctrl-R reloads the conversation" : why,
            kind: .error)
        return effects
    }

    /// The stream is over: fetch the server's copy (which caches it and replaces the
    /// streamed tree), and ask for a title for a new chat that has none.
    static func streamEnded(_ state: inout AppState, id: String) -> [Effect] {
        guard let stream = state.streams.removeValue(forKey: id) else { return [] }
        var effects: [Effect] = []
        if let answer = stream.answerID, var open = state.open, open.liveAnswerIDs.remove(answer) != nil {
            // No longer live: an answer the server left unfinished is marked as such.
            open.relayout()
            state.open = open
        }
        let cut =
            stream.answerID.flatMap { state.open?.tree.node($0)?.message?.ending } == .cutAtLengthLimit
            && !stream.stopping
        if stream.failure == nil, cut {
            // A ChatGPT answer at `max_tokens` ends without `end_turn`, which reads as incomplete;
            // an OpenAI-compatible one ends complete: both are said as what they are.
            let offer = state.continueKey.map { "; \($0) continues it" } ?? ""
            state.message = StatusMessage("The answer was cut at the length limit" + offer, kind: .warning)
        } else if stream.failure == nil {
            switch stream.completion {
            case .complete?:
                if state.open?.id == stream.openKey {
                    state.message = StatusMessage(Self.figures(stream))
                }
            case .incomplete(let reason)?:
                state.message = StatusMessage(
                    stream.stopping
                        ? "Stopped; the partial answer is kept"
                        : "The answer is incomplete (\(describe(reason))); Ctrl-R reloads the conversation",
                    kind: stream.stopping ? .info : .warning)
            case nil:
                if stream.stopping { state.message = StatusMessage("Stopped; the partial answer is kept") }
            }
        }
        guard let conversationID = stream.conversationID else { return effects }
        let showing = state.open?.id == conversationID
        // A chat still without a title of its own (none, or "New chat": generation failed or was
        // skipped) gets one after this answer, unless the reader named it with `R`.
        let untitled = showing && state.open?.hasTitle == false
        let named = showing && state.open?.titledByUser == true
        if stream.request.conversationID == nil || untitled, !named, stream.title == nil, let answer = stream.answerID {
            // Titles first, then the server's copy (which then carries the title).
            effects.append(.generateTitle(conversationID: conversationID, messageID: answer))
        } else {
            effects.append(.fetchConversation(id: conversationID))
        }
        return effects
    }

    /// The server's copy of a conversation arrived (and is cached): it replaces the open
    /// tree unless an answer still streams into it.
    static func conversationFetched(_ state: inout AppState, _ conversation: Conversation) -> [Effect] {
        if var open = state.open, open.id == conversation.id,
            !state.streams.values.contains(where: { $0.openKey == conversation.id })
        {
            let leaf =
                open.tree.node(open.leaf) != nil && conversation.mapping[open.leaf] != nil
                ? open.leaf : (conversation.currentNode ?? open.leaf)
            let selected = open.selected
            let scroll = open.scrollTop
            open.title = conversation.displayTitle
            open.hasTitle = OpenConversation.isOwnTitle(conversation.title)
            open.rebuild(
                conversation, leaf: leaf)
            open.selected = min(selected, max(0, open.turns.count - 1))
            open.scrollTop = scroll
            open.clampScroll(rows: state.geometry.paneRows)
            state.open = open
            if open.followsStream { scrollToEnd(&state) }
            if state.message?.kind == .progress { state.message = nil }
        }
        return [
            .loadSidebar(
                archived: state.sidebar.showArchived, offset: state.sidebar.windowOffset,
                limit: sidebarLoadLimit(state))
        ]
    }

    /// Shows a generated title (the stream's, `gen_title`'s), unless the reader named the
    /// conversation with `R` while it was open: their title wins.
    static func applyGeneratedTitle(_ state: inout AppState, _ title: String, to conversationID: String) -> [Effect] {
        if state.open?.id == conversationID, state.open?.titledByUser == true { return [] }
        return applyTitle(&state, title, to: conversationID)
    }

    /// Shows a new title on the open conversation and in the sidebar.
    static func applyTitle(_ state: inout AppState, _ title: String, to conversationID: String) -> [Effect] {
        if state.open?.id == conversationID {
            state.open?.title = title
            state.open?.hasTitle = true
        }
        for i in state.sidebar.window.indices where state.sidebar.window[i].id == conversationID {
            state.sidebar.window[i].title = title
        }
        return []
    }

    private static func noteText(_ stream: inout ActiveStream, _ text: String, at now: Double) {
        stream.answerCharacters += text.count
        stream.estimatedTokens += TokenEstimate.tokens(in: text)
        if stream.firstTextAt == nil { stream.firstTextAt = now }
        stream.lastTextAt = now
    }

    /// "Answer complete · first text after 0.30 s · 42 tok/s" (`≈42 tok/s` when estimated).
    static func figures(_ stream: ActiveStream) -> String {
        var parts = ["Answer complete"]
        if let ttft = stream.timeToFirstText { parts.append(String(format: "first text after %.2f s", ttft)) }
        if let speed = stream.speed { parts.append(speed.text) }
        if let transport = stream.transport { parts.append("via \(transport)") }
        return parts.joined(separator: " · ")
    }

    /// Why an answer is incomplete, in the words `send` uses too (IncompleteReason+Words).
    static func describe(_ reason: IncompleteReason) -> String { reason.description }
}
