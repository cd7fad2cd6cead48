import ChatArchive
import ChatClient
import ChatModel
import Foundation

/// The effects that reach the chat backend. Each runs in a task of its own and feeds its
/// results back as actions; a stream feeds one action per event.
extension Store {
    /// How long a stop asked before the conversation id was known keeps the stream open for
    /// the id to arrive (so `stop_conversation` can be sent) before cancelling it here.
    static let stopWithoutIDGrace = Duration.seconds(5)

    func runBackend(_ effect: Effect) {
        guard let backend = environment.backend else {
            dispatch(.failed("No chat backend is configured"))
            return
        }
        let archive = environment.archive
        // Where copies of what the backend says go: nowhere when it keeps its conversations in
        // this archive itself (the embedded server in process).
        let cache = backend.keepsConversationsInArchive ? nil : archive
        switch effect {
        case .startStream(let request):
            let id = request.websocketRequestID
            streamTasks[id] = spawn { [weak self] in
                await Self.relay(backend.send(request), id: id) { await self?.feed($0) }
                await self?.streamFinished(id)
            }
        case .stopStream(let id, let conversationID):
            let task = streamTasks[id]
            spawn { [weak self] in
                if let conversationID {
                    try? await backend.stop(conversationID: conversationID, websocketRequestID: id)
                    // Give the server a moment to close the stream itself, then cancel it here.
                    try? await Task.sleep(for: .milliseconds(800))
                } else {
                    // No id yet: keep reading until the server names the chat (the reducer then
                    // asks again with it, see `Reducer.streamItem`), or give up after a while.
                    try? await Task.sleep(for: Self.stopWithoutIDGrace)
                }
                task?.cancel()
                _ = self
            }
        case .fetchConversation(let id):
            spawn { [weak self] in
                await self?.fetch(id, from: backend, cachingIn: cache)
            }
        case .listRemote(let archived, let offset):
            spawn { [weak self] in
                do {
                    let page = try await backend.listConversations(
                        offset: offset, limit: backend.listPageLimit, archived: archived)
                    try cache?.mergeRemote(page.items, source: backend.sourceName)
                    let next = page.isLast ? nil : page.nextOffset
                    await self?.feed(.backend(.listed(archived: archived, next: next)))
                } catch {
                    await self?.feed(.backend(.listFailed(archived: archived, offset: offset)))
                    await self?.feed(
                        .failed("Could not list conversations (showing the cache): \(Self.message(for: error))"))
                }
            }
        case .generateTitle(let conversationID, let messageID):
            spawn { [weak self] in
                if let title = try? await backend.generateTitle(conversationID: conversationID, messageID: messageID) {
                    try? cache?.setTitle(title, id: conversationID)
                    await self?.feed(.backend(.titleGenerated(conversationID: conversationID, title: title)))
                }
                await self?.fetch(conversationID, from: backend, cachingIn: cache)
            }
        case .changeConversation(let id, let change, let remote):
            spawn { [weak self] in
                do {
                    if remote {
                        switch change {
                        case .renamed(let title): try await backend.rename(conversationID: id, title: title)
                        case .archived(let archived):
                            try await backend.setArchived(conversationID: id, archived: archived)
                        case .deleted: try await backend.delete(conversationID: id)
                        case .pinned: break  // the reducer never sends a pin to the server
                        }
                    }
                    // A local change (an import's) is the archive's own; a remote one is copied.
                    if let target = remote ? cache : archive { try Self.apply(change, to: id, in: target) }
                    await self?.feed(.backend(.changed(id: id, change)))
                } catch {
                    await self?.feed(.failed("The server refused the change: \(Self.message(for: error))"))
                }
            }
        case .loadModels:
            spawn { [weak self] in
                do {
                    await self?.feed(.loaded(.models(try await backend.models())))
                } catch {
                    await self?.feed(.failed("Could not list models: \(Self.message(for: error))"))
                }
            }
        case .loadAccount:
            let profile = state.backend?.name ?? ""
            spawn { [weak self] in
                // Unanswered, the picker keeps what the token itself says: nothing to report.
                guard let info = try? await backend.account() else { return }
                await self?.feed(.loaded(.account(profile: profile, info)))
            }
        case .loadStarters:
            spawn { [weak self] in
                if let starters = try? await backend.starterPrompts(limit: 4) {
                    await self?.feed(.loaded(.starters(starters)))
                }
            }
        default:
            break
        }
    }

    /// Applies a change to the cached (or imported) copy.
    static func apply(_ change: ConversationChange, to id: String, in archive: Archive) throws {
        switch change {
        case .renamed(let title): try archive.setTitle(title, id: id)
        case .archived(let archived): try archive.setArchived(archived, id: id)
        case .deleted: try archive.delete(id: id)
        case .pinned(let pinned, let time): try archive.setLocalPin(pinned, id: id, at: time)
        }
    }

    /// Fetches a conversation, caches it in `cache` (none when the backend keeps it in the
    /// archive itself), and feeds it to the reducer.
    private func fetch(_ id: String, from backend: any ChatBackend, cachingIn cache: Archive?) async {
        do {
            let fetched = try await backend.conversation(id: id)
            try cache?.upsert(fetched.conversation, raw: fetched.raw, source: backend.sourceName, replacing: true)
            feed(.backend(.fetched(fetched.conversation)))
        } catch {
            feed(.failed("Could not load the conversation: \(Self.message(for: error))"))
        }
    }

    private func streamFinished(_ id: String) {
        streamTasks[id] = nil
        feed(.stream(id: id, .ended))
        noteIfSettled()
    }

    /// Feeds an answer's stream as actions: one per item, then `.failed` when the request
    /// fails (not when it is cancelled: stopped by the user, what streamed is kept). The caller
    /// feeds `.ended` once it has let go of the stream.
    static func relay(
        _ items: AsyncThrowingStream<ChatStreamItem, any Error>, id: String, to feed: (AppAction) async -> Void
    ) async {
        do {
            for try await item in items {
                await feed(.stream(id: id, .item(item)))
            }
        } catch is CancellationError {
            // Stopped by the user: what streamed is kept.
        } catch {
            await feed(.stream(id: id, .failed(message(for: error))))
        }
    }

    /// Waits until no answer is streaming (tests, and the CLI).
    public func waitForStreams() async {
        while let task = streamTasks.values.first {
            await task.value
            await Task.yield()
        }
    }

    /// The sentence the status line shows for `error` (never a Swift description).
    static func message(for error: any Error) -> String {
        ErrorSentence.of(error)
    }
}

extension Store {
    /// Connects a profile in a task of its own; on success it becomes the backend for every
    /// later effect (answers already streaming finish on the backend they started on).
    func switchProfile(_ name: String) {
        guard let connect = environment.connectProfile else {
            feed(.backend(.profileSwitchFailed(name: name, why: "profiles cannot be switched here")))
            return
        }
        spawn { [weak self] in
            do {
                let (backend, info) = try await connect(name)
                await self?.install(backend, info: info)
            } catch {
                await self?.feed(.backend(.profileSwitchFailed(name: name, why: Self.message(for: error))))
            }
        }
    }

    private func install(_ backend: any ChatBackend, info: BackendInfo) {
        environment.backend = backend
        feed(.backend(.profileSwitched(info)))
    }
}
