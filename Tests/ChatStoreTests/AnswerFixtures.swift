import ChatClient
import ChatModel
import ChatProtocol
import Testing

@testable import ChatStore

/// States, messages and stream items for the ``TestStore`` tests of answers.
enum AnswerFixtures {
    static let root = Conversation.newConversationRoot
    static let backend = BackendInfo(name: "fake", sourceName: "fake")

    /// A 100×30 browser on the fake backend, with `draft` typed in the input box of a new chat.
    static func newChat(draft: String) -> AppState {
        var state = AppState(width: 100, height: 30)
        state.backend = backend
        state.focus = .input
        state.input = TextEditor(draft)
        return state
    }

    /// A 100×30 browser on the fake backend with conversation `c1` of the fake backend open on
    /// `leaf`, the last turn selected and the pane focused. `nodes` are `(id, parent, role, text)`.
    static func open(_ nodes: [(String, String?, Role, String)], leaf: String) -> AppState {
        var state = AppState(width: 100, height: 30)
        state.backend = backend
        state.focus = .messages
        var mapping = ["root": Node(id: "root")]
        for (id, parent, role, text) in nodes {
            let parent = parent ?? "root"
            mapping[id] = Node(id: id, message: message(id, role, text), parent: parent)
            mapping[parent]?.children.append(id)
        }
        let conversation = Conversation(id: "c1", title: "Trees", mapping: mapping, currentNode: leaf)
        state.open = OpenConversation(
            id: "c1", title: "Trees", source: "fake", tree: ConversationTree(conversation), leaf: leaf,
            memory: BranchMemory(), width: state.geometry.paneColumns, showReasoning: false)
        return state
    }

    /// A finished message.
    static func message(_ id: String, _ role: Role, _ text: String) -> Message {
        Message(
            id: id, author: Author(role: role), createTime: TestStore.date, content: .text(text),
            status: "finished_successfully", recipient: "all")
    }

    /// The user's prompt as ``Reducer`` sends it.
    static func prompt(_ id: String, _ text: String) -> Message {
        message(id, .user, text)
    }

    /// An answer's first, empty snapshot.
    static func emptyAnswer(_ id: String) -> Message {
        Message(id: id, author: Author(role: .assistant), content: .text(""), status: "in_progress", recipient: "all")
    }

    /// The stream item that starts answer `id` under `parent`.
    static func answerStarted(_ id: String, parent: String) -> ChatStreamItem {
        .event(.messageStarted(StreamMessage(message: emptyAnswer(id), parentID: parent, kind: .answer)))
    }

    /// The stream item that appends `text` to answer `id`.
    static func text(_ text: String, to id: String = "a1") -> ChatStreamItem {
        .event(.textAppended(messageID: id, suffix: text))
    }

    /// The stream item that finishes answer `id`.
    static func answerFinished(_ id: String = "a1") -> ChatStreamItem {
        .event(.messageFinished(messageID: id, status: "finished_successfully", endTurn: true))
    }

    /// Answer `id` as the store keeps it once finished: its streamed text written in.
    static func finished(_ id: String, in state: AppState) -> Message? {
        guard let open = state.open, var message = open.tree.node(id)?.message, let text = open.streamedText(of: id)
        else { return nil }
        message.content = message.content.replacingStreamedText(text)
        message.status = "finished_successfully"
        message.endTurn = true
        return message
    }
}

extension TestStore {
    /// The backend finishes answer `answerID` on stream `id` and closes the stream: the store
    /// writes the answer in, notes the completion, and the end leaves `message` in the status line.
    func finishAnswer(
        _ answerID: String, stream id: String, message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        typealias F = AnswerFixtures
        backend.yield(F.answerFinished(answerID), .finished(.complete), to: id)
        await receive(.stream(id: id, .item(F.answerFinished(answerID))), sourceLocation: sourceLocation) {
            if let answer = F.finished(answerID, in: $0) { $0.open?.upsert(answer, parent: nil, follow: false) }
        }
        await receive(.stream(id: id, .item(.finished(.complete))), sourceLocation: sourceLocation) {
            $0.streams[id]?.completion = .complete
        }
        backend.finish(id)
        await receive(.stream(id: id, .ended), sourceLocation: sourceLocation) {
            $0.streams[id] = nil
            $0.open?.liveAnswerIDs = []
            $0.open?.relayout()
            $0.message = StatusMessage(message)
        }
    }
}

/// A connection that dropped mid-answer.
struct DroppedConnection: Error, CustomStringConvertible {
    var description: String { "the connection dropped" }
}
