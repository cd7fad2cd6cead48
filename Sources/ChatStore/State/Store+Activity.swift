/// Whether the store is still at work: the run loop's idle report (which end-to-end tests wait
/// on; see TUIApp.swift and IdleReporter.swift) needs to know when every effect of the keys read
/// so far is done and its result applied.
extension Store {
    /// Nothing is under way: no answer streams, no effect's task runs (a backend call, a render,
    /// the clipboard, the browser or the editor), no save is being written, and no streamed text
    /// waits to be applied. A draft whose save failed and waits for its retry does not count:
    /// the failure is shown, and the retry may be seconds away.
    public var isSettled: Bool {
        effectsInFlight == 0 && streamTasks.isEmpty && current.streams.isEmpty && coalescedText.isEmpty
            && !isSavingDraft
    }

    /// The state (with every streamed text applied) and its ``StoreActivity/revision``, read at
    /// once, so a frame drawn from it can be matched with a later ``activity``.
    public func snapshot() -> (state: AppState, revision: Int) {
        let state = self.state
        return (state, revision)
    }

    /// How many actions have been applied and whether the store is settled, without applying
    /// the streamed text that waits (which the next frame will).
    public var activity: StoreActivity {
        StoreActivity(revision: revision, isSettled: isSettled)
    }

    /// Runs `work` in a task of its own (inheriting the caller's priority and task-locals),
    /// counted as an effect in flight until it returns.
    @discardableResult
    func spawn(_ work: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        effectStarted()
        return Task { [weak self] in
            await work()
            await self?.effectFinished()
        }
    }

    /// Counts an effect that started work off the actor; ``effectFinished()`` ends it.
    func effectStarted() {
        effectsInFlight += 1
    }

    /// Ends an effect counted by ``effectStarted()``, after it fed its results.
    func effectFinished() {
        effectsInFlight -= 1
        noteIfSettled()
    }

    /// Tells ``settles`` when nothing is under way any more. Work that ends with a fed action
    /// wakes the run loop through ``changes`` anyway; this covers work that ends without one.
    func noteIfSettled() {
        if isSettled { settled.yield() }
    }
}

/// What ``Store/activity`` reports.
public struct StoreActivity: Sendable, Equatable {
    /// How many actions the reducer has applied so far (streamed text counts once applied).
    public var revision: Int
    /// Whether nothing is under way (``Store/isSettled``).
    public var isSettled: Bool

    /// Creates a report.
    public init(revision: Int, isSettled: Bool) {
        self.revision = revision
        self.isSettled = isSettled
    }
}
