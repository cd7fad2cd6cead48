import ChatArchive
import ChatClient
import ChatModel
import Foundation

/// Renaming, archiving and deleting conversations, picking the model, and starter prompts.
/// A conversation from the backend changes on the server first, then in the cache; one
/// from an import changes in the archive only. A command without a target (or a backend) is
/// refused before it gets here, by ``Availability/disabledReason(_:in:)``.
extension Reducer {
    /// The conversation a management key acts on: the sidebar's selection when the sidebar
    /// has the keys, else the open one.
    static func targetConversation(_ state: AppState) -> ConversationSummary? {
        if state.focus == .sidebar { return state.sidebar.row(state.sidebar.selected) }
        return openSummary(state)
    }

    /// The open conversation as a sidebar row (nil for a new chat the server has not named).
    private static func openSummary(_ state: AppState) -> ConversationSummary? {
        guard let open = state.open, !open.isPending else { return nil }
        return ConversationSummary(
            id: open.id, title: open.hasTitle ? open.title : nil, createTime: nil, updateTime: nil,
            isArchived: open.tree.conversation.isArchived, source: open.source, nodeCount: 1)
    }

    static func isRemote(_ state: AppState, _ summary: ConversationSummary) -> Bool {
        state.backend?.sourceName == summary.source
    }

    static func beginRename(_ state: inout AppState) -> [Effect] {
        guard let target = targetConversation(state) else { return [] }
        state.overlay = .rename(RenameState(conversationID: target.id, title: target.title ?? ""))
        return []
    }

    static func commitRename(_ state: inout AppState, _ rename: RenameState) -> [Effect] {
        let title = rename.title.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { return [] }  // refused before this, by Availability
        state.overlay = nil
        let remote = summary(state, rename.conversationID).map { isRemote(state, $0) } ?? false
        state.message = StatusMessage("Renaming…")
        return [.changeConversation(id: rename.conversationID, .renamed(title), remote: remote)]
    }

    static func toggleArchive(_ state: inout AppState) -> [Effect] {
        guard let target = targetConversation(state) else { return [] }
        let archived = !target.isArchived
        state.message = StatusMessage(archived ? "Archiving…" : "Unarchiving…")
        return [.changeConversation(id: target.id, .archived(archived), remote: isRemote(state, target))]
    }

    /// `p`: pins the conversation here, or unpins it (kept in the archive whatever the backend:
    /// the server is not told). The most recently pinned comes first.
    static func togglePin(_ state: inout AppState) -> [Effect] {
        guard let target = targetConversation(state) else { return [] }
        let pinned = !isPinned(state, target)
        let time = ReducerDependencies.current.date()
        return [.changeConversation(id: target.id, .pinned(pinned, at: time), remote: false)]
    }

    /// Whether `target` is pinned: as the list shows it, else as the open conversation knows.
    private static func isPinned(_ state: AppState, _ target: ConversationSummary) -> Bool {
        if let row = state.sidebar.loaded(id: target.id) { return row.facts.pinnedTime != nil }
        return state.open?.id == target.id && state.open?.isPinned == true
    }

    static func askDelete(_ state: inout AppState) -> [Effect] {
        guard let target = targetConversation(state) else { return [] }
        state.overlay = .confirmDelete(conversationID: target.id, title: target.title ?? "Untitled")
        return []
    }

    static func confirmDelete(_ state: inout AppState, _ yes: Bool) -> [Effect] {
        guard case .confirmDelete(let id, _) = state.overlay else { return [] }
        state.overlay = nil
        guard yes else {
            state.message = StatusMessage("Nothing deleted")
            return []
        }
        let remote = summary(state, id).map { isRemote(state, $0) } ?? false
        state.message = StatusMessage("Deleting…")
        return [.changeConversation(id: id, .deleted, remote: remote)]
    }

    /// The server (or the archive) made the change: show it.
    static func conversationChanged(_ state: inout AppState, _ id: String, _ change: ConversationChange) -> [Effect] {
        switch change {
        case .renamed(let title):
            _ = applyTitle(&state, title, to: id)
            if state.open?.id == id { state.open?.titledByUser = true }
            state.message = StatusMessage("Renamed to “\(title)”")
        case .archived(let archived):
            if var open = state.open, open.id == id {
                var c = open.committedConversation
                c.isArchived = archived
                open.rebuild(c, leaf: open.leaf)
                state.open = open
            }
            state.message = StatusMessage(
                archived ? "Archived (A shows archived conversations)" : "Moved back from the archive")
        case .deleted:
            if state.open?.id == id {
                state.open = nil
                state.input = TextEditor()
            }
            state.message = StatusMessage("Deleted")
        case .pinned(let pinned, _):
            return pinChanged(&state, id, pinned)
        }
        return [
            .loadSidebar(
                archived: state.sidebar.showArchived, offset: state.sidebar.windowOffset,
                limit: sidebarLoadLimit(state))
        ]
    }

    /// The archive keeps the pin: say so, and list again with the selection on it (it moved:
    /// to the top of the pinned ones, or back among the others).
    private static func pinChanged(_ state: inout AppState, _ id: String, _ pinned: Bool) -> [Effect] {
        let title = summary(state, id)?.title.flatMap { $0.isEmpty ? nil : $0 } ?? "Untitled"
        state.message = StatusMessage(pinned ? "Pinned “\(title)”." : "Unpinned “\(title)”.")
        if state.open?.id == id { state.open?.isPinned = pinned }
        let sidebar = state.sidebar
        let follow = state.focus == .sidebar && sidebar.filtered == nil && sidebar.row(sidebar.selected)?.id == id
        var effects: [Effect] = [
            .loadSidebar(
                archived: sidebar.showArchived, offset: sidebar.windowOffset, limit: sidebarLoadLimit(state),
                selecting: follow ? id : nil)
        ]
        if sidebar.filtered != nil {
            effects.append(.filterSidebar(archived: sidebar.showArchived, text: sidebar.filter.text))
        }
        return effects
    }

    static func pickModel(_ state: inout AppState) -> [Effect] {
        state.overlay = .models(ModelPickerState())
        return [.loadModels]
    }

    static func modelsLoaded(_ state: inout AppState, _ models: [ModelInfo]) -> [Effect] {
        guard case .models(var picker) = state.overlay else { return [] }
        picker.models = models
        picker.loaded = true
        picker.selected = models.firstIndex { $0.slug == state.backend?.model } ?? 0
        state.overlay = .models(picker)
        return []
    }

    static func chooseModel(_ state: inout AppState, _ picker: ModelPickerState) -> [Effect] {
        state.overlay = nil
        guard picker.models.indices.contains(picker.selected) else { return [] }
        let model = picker.models[picker.selected]
        state.backend?.model = model.slug
        state.message = StatusMessage("Model: \(model.title) (\(model.slug))")
        return [.saveSetting(key: modelSetting, value: model.slug)]
    }

    /// Setting key of the model last picked.
    public static let modelSetting = "model"

    /// `1`–`4` on an empty new chat: the starter prompt fills the input box (it is not sent).
    static func pickStarter(_ state: inout AppState, _ n: Int) -> [Effect] {
        guard state.starters.indices.contains(n - 1) else { return [] }
        let prompt = state.starters[n - 1].prompt
        state.input = TextEditor(prompt)
        state.focus = .input
        relayoutPane(&state)
        state.message = StatusMessage("Starter prompt \(n): Enter sends it, or edit it first")
        return [.saveDraft(key: state.draftKey, draft: state.input)]
    }

    /// Alt+digit on an answer with follow-ups: the suggestion fills the input box (not sent).
    static func pickFollowUp(_ state: inout AppState, _ n: Int) -> [Effect] {
        guard let prompts = state.open?.turns.last?.followUps, prompts.indices.contains(n - 1) else { return [] }
        let prompt = prompts[n - 1]
        state.input = TextEditor(prompt)
        state.focus = .input
        relayoutPane(&state)
        state.message = StatusMessage("Follow-up \(n): Enter sends it, or edit it first")
        return [.saveDraft(key: state.draftKey, draft: state.input)]
    }

    private static func summary(_ state: AppState, _ id: String) -> ConversationSummary? {
        if let row = state.sidebar.loaded(id: id) { return row }
        return openSummary(state).flatMap { $0.id == id ? $0 : nil }
    }
}

/// Switching profile (`P`): the picker, then the new backend.
extension Reducer {
    static func pickProfile(_ state: inout AppState) -> [Effect] {
        let current = state.profiles.firstIndex { $0.name == state.backend?.name } ?? 0
        state.overlay = .profiles(selected: current)
        // The service says who the profile signs in as (a session cookie's user, a Dify app), once.
        guard var backend = state.backend, !backend.accountAsked else { return [] }
        backend.accountAsked = true
        state.backend = backend
        return [.loadAccount]
    }

    /// The service's word on who `profile` signs in as: shown for it in the picker (and its
    /// session's end, when the token itself said none).
    static func accountLoaded(_ state: inout AppState, profile: String, _ info: AccountInfo?) -> [Effect] {
        guard let info else { return [] }
        func update(_ backend: inout BackendInfo) {
            if let who = info.who { backend.account = who }
            if backend.tokenExpires == nil, let expires = info.expires {
                backend.tokenExpires = expires.timeIntervalSince1970
            }
        }
        if state.backend?.name == profile, var backend = state.backend {
            update(&backend)
            state.backend = backend
        }
        for i in state.profiles.indices where state.profiles[i].name == profile { update(&state.profiles[i]) }
        return []
    }

    static func chooseProfile(_ state: inout AppState, _ selected: Int) -> [Effect] {
        state.overlay = nil
        guard state.profiles.indices.contains(selected) else { return [] }
        let profile = state.profiles[selected]
        guard profile.name != state.backend?.name else { return [] }
        state.switchingTo = profile.name
        state.message = StatusMessage("Connecting to \(profile.name)…")
        return [.switchProfile(profile.name)]
    }

    /// The new backend is in place: its models and starters are not known yet, and the
    /// sidebar lists its conversations (all of the archive stays listed, each with its source).
    static func profileSwitched(_ state: inout AppState, _ info: BackendInfo) -> [Effect] {
        state.switchingTo = nil
        state.backend = info
        state.starters = []
        let kind = info.kind.map { " (\($0))" } ?? ""
        state.message = StatusMessage("Profile \(info.name)\(kind)" + (info.model.map { " · \($0)" } ?? ""))
        state.sidebar.remoteLoading = true
        state.sidebar.remoteNextOffset = 0
        var effects: [Effect] = [.listRemote(archived: state.sidebar.showArchived, offset: 0)]
        if state.open?.isPending == true { effects.append(.loadStarters) }
        effects += forkAfterSwitch(&state, info)  // Reducer+Forks.swift
        return effects
    }
}
