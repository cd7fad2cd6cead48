import ChatClient
import ChatModel
import ChatRender
import Foundation

/// Sending, regenerating, editing and continuing (DESIGN.md §3): each builds a request,
/// shows the user's message at once, and starts a stream whose events
/// (``Reducer/streamItem(_:id:item:)``) grow the answer in place. A command reaches these only
/// when ``Availability/disabledReason(_:in:)`` has no reason against it (no backend, a blank
/// draft, an answer streaming, a conversation that lives elsewhere), so their guards only
/// unwrap what that judgement has checked.
extension Reducer {
    /// Enter in the input box: send the draft as a new message, or as an edit of the prompt
    /// being edited (a sibling of it).
    static func submit(_ state: inout AppState) -> [Effect] {
        let text = state.input.text
        guard let backend = state.backend else { return [] }
        let dependencies = ReducerDependencies.current
        let messageID = dependencies.newID()
        let date = dependencies.date()
        let user = Message(
            id: messageID, author: Author(role: .user), createTime: date,
            content: .text(text), status: "finished_successfully", recipient: "all")
        var parent: String
        if let editing = state.editingPrompt, let open = state.open, let p = open.tree.parent(of: editing) {
            parent = p
        } else {
            parent = state.open?.leaf ?? Conversation.newConversationRoot
        }
        var conversationID = state.open?.id
        if state.open == nil || state.open?.isPending == true {
            conversationID = nil
            parent = Conversation.newConversationRoot
        }
        // A new chat sends the starters it showed, and marks one sent as offered (web page, seed 001).
        let starters = conversationID == nil ? state.starters.map(\.prompt) : []
        let request = ChatRequest(
            action: .next, conversationID: conversationID, parentMessageID: parent,
            messages: [TextMessage(id: messageID, text: text)], model: backend.model,
            websocketRequestID: dependencies.newID(), gizmoID: state.open?.tree.conversation.gizmoID,
            isStarterPrompt: starters.contains(text), suggestions: starters)
        let draftKey = state.draftKey
        if state.open == nil {
            state.open = OpenConversation.newChat(
                key: AppState.pendingConversationPrefix + request.websocketRequestID, source: backend.sourceName,
                createTime: date, width: state.geometry.paneColumns, showReasoning: state.showReasoning,
                continueKey: state.continueKey)
        }
        state.open?.upsert(user, parent: parent, follow: true)
        state.input = TextEditor()
        state.editingPrompt = nil
        var stream = ActiveStream(request: request, openKey: state.open?.id ?? "", startedAt: state.now)
        stream.userMessage = TextMessage(id: messageID, text: text)
        return begin(&state, stream) + [.saveDraft(key: draftKey, draft: TextEditor())]
    }

    /// `r` on an answer: a new answer to the same prompt, shown as a new sibling while it streams.
    static func regenerate(_ state: inout AppState) -> [Effect] {
        let now = state.now
        guard let (open, turn) = selectedTurn(state), let backend = state.backend,
            turn.author.role == .assistant, let first = turn.nodeIDs.first, let prompt = open.tree.parent(of: first)
        else { return [] }
        return answerAgain(&state, .variant, under: prompt, in: open, backend: backend, now: now)
    }

    /// `c`: continue the last answer of the open branch.
    static func continueAnswer(_ state: inout AppState) -> [Effect] {
        let now = state.now
        guard let open = state.open, let backend = state.backend, let last = open.turns.last,
            last.author.role == .assistant, let node = last.nodeIDs.last
        else { return [] }
        return answerAgain(&state, .continue, under: node, in: open, backend: backend, now: now)
    }

    /// Streams a new answer (`action`: `variant` or `continue`) under `parent` in `open`,
    /// with no new message.
    private static func answerAgain(
        _ state: inout AppState, _ action: ChatAction, under parent: String, in open: OpenConversation,
        backend: BackendInfo, now: Double
    ) -> [Effect] {
        let request = ChatRequest(
            action: action, conversationID: open.id, parentMessageID: parent, messages: [], model: backend.model,
            websocketRequestID: ReducerDependencies.current.newID(), gizmoID: open.tree.conversation.gizmoID)
        return begin(&state, ActiveStream(request: request, openKey: open.id, startedAt: now))
    }

    /// `e` on a prompt: its text fills the input box; sending makes a sibling of it.
    static func editPrompt(_ state: inout AppState) -> [Effect] {
        guard let (_, turn) = selectedTurn(state), turn.author.role == .user else { return [] }
        state.editingPrompt = turn.id
        state.input = TextEditor(turn.text)
        state.focus = .input
        state.message = StatusMessage("Editing your message: Enter sends it as a new branch, Esc cancels")
        relayoutPane(&state)
        return [.saveDraft(key: state.draftKey, draft: state.input)]
    }

    /// Up in an empty input box: edit the last prompt of the open branch (only where `e` on
    /// it could act: ``upEditsLastPrompt(_:)``).
    static func editLastPrompt(_ state: inout AppState) -> [Effect] {
        guard var open = state.open, let index = open.turns.lastIndex(where: { $0.author.role == .user }) else {
            return []
        }
        open.selected = index
        state.open = open
        return editPrompt(&state)
    }

    /// `n`: a new, empty chat in the input box.
    static func newChat(_ state: inout AppState) -> [Effect] {
        state.open = nil
        state.editingPrompt = nil
        state.input = TextEditor()
        state.focus = .input
        state.message = StatusMessage("New chat: type your message and press Enter")
        return [.loadDraft(key: state.draftKey), .loadStarters]
    }

    /// Esc or Ctrl-C while the open conversation streams: ask the server to stop and cancel the stream.
    static func stopStreaming(_ state: inout AppState) -> [Effect] {
        guard let key = state.open?.id, let stream = state.streams.values.first(where: { $0.openKey == key }) else {
            return []
        }
        state.streams[stream.id]?.stopping = true
        state.message = StatusMessage("Stopping the answer…")
        return [.stopStream(id: stream.id, conversationID: stream.conversationID)]
    }

    /// Whether the open conversation has an answer streaming.
    static func isStreamingOpen(_ state: AppState) -> Bool {
        guard let key = state.open?.id else { return false }
        return state.streams.values.contains { $0.openKey == key }
    }

    private static func begin(_ state: inout AppState, _ stream: ActiveStream) -> [Effect] {
        state.streams[stream.id] = stream
        state.open?.followsStream = true
        scrollToEnd(&state)
        state.message = StatusMessage(
            stream.request.action == .variant
                ? "Regenerating…" : stream.request.action == .continue ? "Continuing…" : "Sending…")
        return [.startStream(stream.request)]
    }

    private static func selectedTurn(_ state: AppState) -> (OpenConversation, Turn)? {
        guard let open = state.open, open.turns.indices.contains(open.selected) else { return nil }
        return (open, open.turns[open.selected])
    }

    /// Puts the end of the open conversation on screen and selects its last turn.
    static func scrollToEnd(_ state: inout AppState) {
        guard var open = state.open else { return }
        open.selected = max(0, open.turns.count - 1)
        open.scrollTop = max(0, open.layout.lines.count - state.geometry.paneRows)
        state.open = open
    }
}
