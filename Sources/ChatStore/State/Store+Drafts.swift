import ChatArchive
import Foundation

/// Drafts are saved behind the keys: the newest text of each is kept in memory until it is on
/// disk. One save runs at a time, so a burst of keys in a long draft writes it once, not once
/// per key. A failed save is retried, sooner after a success, up to every `maxDraftRetryDelay`.
extension Store {
    /// A draft waiting to be saved, numbered so a save that finished knows it wrote the newest.
    struct PendingDraft: Sendable {
        var draft: TextEditor
        var generation: Int
    }

    /// The wait before the first retry of a failed save; it doubles up to `maxDraftRetryDelay`.
    static let firstDraftRetryDelay = Duration.seconds(1)
    /// The longest wait between retries.
    static let maxDraftRetryDelay = Duration.seconds(8)

    /// Keeps `draft` as the newest text of `key` and saves it when no save is running.
    func queueDraft(_ draft: TextEditor, for key: String) {
        draftGeneration += 1
        pendingDrafts[key] = PendingDraft(draft: draft, generation: draftGeneration)
        saveNextDraft()
    }

    /// The draft of `key` not on disk yet, if any: it wins over the archive's copy.
    func unsavedDraft(for key: String) -> String? {
        pendingDrafts[key]?.draft.text
    }

    /// Starts saving one pending draft, unless a save runs or a retry is waiting.
    private func saveNextDraft() {
        guard !isSavingDraft, draftRetry == nil, let (key, pending) = pendingDrafts.first else { return }
        isSavingDraft = true
        let archive = environment.archive
        writes.async { [weak self] in
            let failure = Self.failure { try archive.saveDraft(pending.draft.text, for: key) }
            Task { await self?.draftSaveFinished(key: key, generation: pending.generation, failure: failure) }
        }
    }

    private func draftSaveFinished(key: String, generation: Int, failure: String?) {
        isSavingDraft = false
        defer { noteIfSettled() }
        if let failure {
            // Unless `saveDraftsNow` saved the draft meanwhile.
            if pendingDrafts[key] != nil { draftFailed(failure) }
            return
        }
        draftSaved(key: key, generation: generation)
        saveNextDraft()
    }

    private func draftSaved(key: String, generation: Int) {
        if pendingDrafts[key]?.generation == generation { pendingDrafts[key] = nil }
        draftRetryDelay = Self.firstDraftRetryDelay
        if pendingDrafts.isEmpty, state.draftSaveFailure != nil { feed(.drafts(.allSaved)) }
    }

    private func draftFailed(_ failure: String) {
        if state.draftSaveFailure != failure { feed(.drafts(.failed(failure))) }
        guard draftRetry == nil else { return }
        let delay = draftRetryDelay
        draftRetryDelay = min(delay * 2, Self.maxDraftRetryDelay)
        draftRetry = Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.retryDrafts()
        }
    }

    private func retryDrafts() {
        draftRetry = nil
        saveNextDraft()
    }

    /// Saves every pending draft now, on the write queue (after the saves queued before).
    /// Drafts that still fail stay in memory.
    func saveDraftsNow() {
        let archive = environment.archive
        for (key, pending) in pendingDrafts {
            let failure = writes.sync { Self.failure { try archive.saveDraft(pending.draft.text, for: key) } }
            if let failure {
                draftFailed(failure)
            } else {
                draftSaved(key: key, generation: pending.generation)
            }
        }
    }

    /// Runs a write; the words for why it failed, or nil.
    nonisolated static func failure(_ write: () throws -> Void) -> String? {
        do {
            try write()
            return nil
        } catch {
            return WriteFailure.reason(error)
        }
    }
}
