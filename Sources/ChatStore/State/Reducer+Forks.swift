import ChatArchive
import ChatConfig
import ChatModel
import TerminalCanvas

/// Forking (`F`): a new local conversation made of part of the open one's tree from the selected
/// message (``ForkScope``), kept under the source whose server can continue it, opened at once.
extension Reducer {
    /// The source a fork made now is kept under: the current profile's when its server keeps
    /// its history in this archive, else the embedded server's (`local`): a service that keeps
    /// the history itself (chatgpt.com, Dify) has never seen the fork and cannot continue it.
    static func forkSource(_ state: AppState) -> String {
        guard let backend = state.backend, canContinueForks(backend.kind) else { return Archive.localServerSource }
        return backend.sourceName
    }

    /// Whether a profile of `kind` can continue a fork: its conversations are kept in this
    /// archive by chatterm's own server (an engine behind it), not by the service.
    static func canContinueForks(_ kind: String?) -> Bool {
        kind.flatMap(BackendKind.init(rawValue:)).map { !$0.keepsHistoryRemotely } ?? false
    }

    /// The profiles the fork window offers (those that can continue a fork, `local` first),
    /// the one chosen at first (the current profile when it can, else `local`), and the current
    /// profile's name when its service keeps the history itself and so is not offered.
    static func forkProfiles(_ state: AppState) -> (profiles: [ForkProfile], chosen: Int, notOffered: String?) {
        var offered = state.profiles.filter { canContinueForks($0.kind) }.map {
            ForkProfile(name: $0.name, sourceName: $0.sourceName, kind: $0.kind)
        }
        let current = state.backend
        if let current, canContinueForks(current.kind), !offered.contains(where: { $0.name == current.name }) {
            offered.insert(ForkProfile(name: current.name, sourceName: current.sourceName, kind: current.kind), at: 0)
        }
        // The embedded server first: it is always there.
        let local = offered.firstIndex { $0.sourceName == Archive.localServerSource }
        offered.insert(local.map { offered.remove(at: $0) } ?? .local, at: 0)
        let chosen =
            offered.firstIndex { $0.name == current?.name && canContinueForks(current?.kind) }
            ?? offered.firstIndex { $0.sourceName == Archive.localServerSource } ?? 0
        let notOffered = current.flatMap { $0.kind != nil && !canContinueForks($0.kind) ? $0.name : nil }
        return (offered, chosen, notOffered)
    }

    /// `fork`: the window to pick how much to copy from the selected message, and which profile
    /// continues the fork.
    static func beginFork(_ state: inout AppState) -> [Effect] {
        guard let open = state.open, open.turns.indices.contains(open.selected) else { return [] }
        let turn = open.turns[open.selected]
        let node = turn.nodeIDs.last ?? turn.id
        let (profiles, chosen, notOffered) = forkProfiles(state)
        state.overlay = .fork(
            ForkPickerState(
                conversationID: open.id, nodeID: node, tree: open.tree, profiles: profiles, profileIndex: chosen,
                notOffered: notOffered))
        return []
    }

    /// `[` `]` (Tab, Shift-Tab) in the fork window: the next or previous profile to continue it.
    static func stepForkProfile(_ state: inout AppState, by step: Int) -> [Effect] {
        guard case .fork(var picker) = state.overlay else { return [] }
        picker.stepProfile(by: step)
        state.overlay = .fork(picker)
        return []
    }

    /// Enter in the fork window: the archive makes the fork, under the chosen profile's source.
    /// Another profile than the current one (one `P` can switch to) is switched to first, the way
    /// `P` does it; the fork is made once it is connected (``forkAfterSwitch(_:_:)``).
    static func commitFork(_ state: inout AppState, _ picker: ForkPickerState) -> [Effect] {
        state.overlay = nil
        let chosen = picker.profile
        if chosen.name != state.backend?.name, state.profiles.contains(where: { $0.name == chosen.name }) {
            state.pendingFork = PendingFork(
                originID: picker.conversationID, nodeID: picker.nodeID, scope: picker.scope, profile: chosen)
            state.switchingTo = chosen.name
            state.message = StatusMessage("Connecting to \(chosen.name) to continue the fork…", kind: .progress)
            return [.switchProfile(chosen.name)]
        }
        state.pendingFork = nil
        return makeFork(
            &state, originID: picker.conversationID, nodeID: picker.nodeID, scope: picker.scope,
            source: chosen.sourceName)
    }

    private static func makeFork(
        _ state: inout AppState, originID: String, nodeID: String, scope: ForkScope, source: String
    ) -> [Effect] {
        state.message = StatusMessage("Forking…", kind: .progress)
        let dependencies = ReducerDependencies.current
        return [
            .fork(
                originID: originID, nodeID: nodeID, scope: scope, id: dependencies.newID().lowercased(),
                source: source, now: dependencies.date())
        ]
    }

    /// A profile was switched to: when a fork waits for it, the fork is made now (under its
    /// source); a switch to another profile drops the waiting fork.
    static func forkAfterSwitch(_ state: inout AppState, _ info: BackendInfo) -> [Effect] {
        guard let pending = state.pendingFork else { return [] }
        guard pending.profile.name == info.name else {
            state.pendingFork = nil
            return []
        }
        return makeFork(
            &state, originID: pending.originID, nodeID: pending.nodeID, scope: pending.scope,
            source: pending.profile.sourceName)
    }

    /// The profile a fork waits for could not be connected: nothing is forked.
    static func forkSwitchFailed(_ state: inout AppState, name: String, why: String) -> [Effect] {
        guard state.pendingFork?.profile.name == name else { return [] }
        state.pendingFork = nil
        state.message = StatusMessage("Could not switch to \(name), so nothing was forked: \(why)", kind: .error)
        return []
    }

    /// The fork is stored: it opens at the message it was made from (a jump: `jump_back` returns
    /// to the origin), and the list shows it.
    static func forked(_ state: inout AppState, _ made: MadeFork) -> [Effect] {
        recordJump(&state)
        var effects = conversationLoaded(
            &state, made.conversation, nil, made.memory, nil, made.link.originNodeID, marks: made.marks)
        state.open?.source = made.source
        state.open?.forkLinks = ForkLinks(origin: made.link)
        state.focus = .messages
        let continuing = state.pendingFork.flatMap { $0.profile.sourceName == made.source ? $0.profile.name : nil }
        state.pendingFork = nil
        state.message = StatusMessage(
            forkedSentence(made, backend: state.backend?.sourceName, continuingWith: continuing))
        let sidebar = state.sidebar
        effects.append(
            .loadSidebar(
                archived: sidebar.showArchived, offset: sidebar.windowOffset, limit: sidebarLoadLimit(state),
                selecting: sidebar.showArchived ? nil : made.conversation.id))
        return effects
    }

    /// "Forked “Title” (3 messages): type below to continue it"; for a fork the profile was
    /// switched for, "Forked “Title” (3 messages) to continue with ollama: type below".
    static func forkedSentence(_ made: MadeFork, backend: String?, continuingWith profile: String? = nil) -> String {
        let title = TextSanitizer.cleanLine(made.link.originTitle ?? "Untitled")
        let count = made.visibleMessages == 1 ? "1 message" : "\(made.visibleMessages) messages"
        if let profile, backend == made.source {
            return "Forked “\(title)” (\(count)) to continue with \(TextSanitizer.cleanLine(profile)): type below"
        }
        let next =
            backend == made.source
            ? "type below to continue it"
            : "switch to the profile \(TextSanitizer.cleanLine(made.source)) (P) to continue it"
        return "Forked “\(title)” (\(count)): \(next)"
    }

    /// Where a fork was made (its origin, at the message), when the open conversation is a fork
    /// whose origin is still stored.
    static func forkOrigin(_ state: AppState) -> JumpPosition? {
        guard let link = state.open?.forkLinks.origin, link.originTitle != nil else { return nil }
        return JumpPosition(conversationID: link.originID, leaf: link.originNodeID, nodeID: link.originNodeID)
    }

    /// A conversation's fork links arrived: the status line and the pane's title show them.
    static func forkLinksLoaded(_ state: inout AppState, _ id: String, _ links: ForkLinks) -> [Effect] {
        guard state.open?.id == id else { return [] }
        state.open?.forkLinks = links
        return []
    }
}
