import ChatConfig
import ChatImages
import ChatStore
import ChatUI
import CursesTerminal
import Foundation
import Synchronization
import TerminalCanvas

/// The browser's run loop: terminal events → keymap → store → render → flush the diff.
@MainActor
final class TUIApp {
    private let setup: TUISetup
    private let screen: CursesScreen
    private let store: Store
    private var state: AppState
    private var renderer: FrameRenderer
    private var context: RenderContext { renderer.context }
    private var signalSources: [any DispatchSourceSignal] = []
    private var wakeSources: [any DispatchSourceProtocol] = []
    /// The signal (SIGTERM, SIGHUP) that ended the browser, if one did.
    private var terminatingSignal: Int32?
    /// The idle report end-to-end tests wait on (IdleReporter.swift); nil unless they ask.
    private let idleReport = IdleReporter.requested(in: ProcessInfo.processInfo.environment)
    /// The store's revision that the last frame drew (kept only for the idle report).
    private var drawnRevision = -1
    /// Tells the loop when an image preview made off the draw path is ready to be drawn.
    private let previews = PreviewRelay()
    /// The image window's pixels, where the terminal takes kitty or sixel graphics.
    private var graphics: ImageGraphics
    /// What the frame on screen drew where, for the mouse.
    private var hits = HitMap()
    /// Mouse events into actions (it remembers the last click, for double clicks).
    private var mouse = MouseRouter()

    init(setup: TUISetup) {
        self.setup = setup
        let screen = CursesScreen(
            hyperlinks: HyperlinkSupport.isEnabled(setup.hyperlinks, environment: ProcessInfo.processInfo.environment),
            mouse: setup.mouse)
        self.screen = screen
        let size = screen.size
        state = AppState(width: size.width, height: size.height)
        state.backend = setup.connection?.info
        state.profiles = setup.profiles
        // The pane and status line name the key that continues a cut answer, as the keymap binds it.
        state.continueKey = setup.keymap.firstKey(for: .continueAnswer, in: .messages)?.description
        var environment = StoreEnvironment(
            archive: setup.archive, backend: setup.connection?.backend, terminal: Self.services(of: screen))
        environment.connectProfile = setup.connectProfile
        store = Store(state: state, environment: environment)
        let pixels = screen.cellPixelSize
        let graphics = ImageGraphics(
            graphicsProtocol: GraphicsProtocol.choose(environment: ProcessInfo.processInfo.environment),
            cellPixelWidth: pixels?.width ?? 10, cellPixelHeight: pixels?.height ?? 20)
        self.graphics = graphics
        let support: ColorSupport
        switch screen.colorDepth {
        case .monochrome: support = .monochrome
        case .ansi16: support = .ansi16
        case .palette256: support = .palette256
        case .truecolor: support = .truecolor
        }
        renderer = FrameRenderer(
            context: RenderContext(
                theme: setup.theme.reduced(to: support), keymap: setup.keymap, now: Date().timeIntervalSince1970,
                imageColors: Self.imageColors(support),
                previewPainter: PreviewPainter { [previews] in previews.ready() }, cellAspect: graphics.cellAspect))
    }

    /// The colours previews are drawn in for a terminal's colour support.
    static func imageColors(_ support: ColorSupport) -> ImageColors {
        switch support {
        case .monochrome: .monochrome
        case .ansi16: .ansi16
        case .palette256: .palette256
        case .truecolor: .truecolor
        }
    }

    /// Runs until the user quits or a signal ends it; the drafts are saved and the terminal is
    /// restored on the way out. Returns the signal, if one ended it.
    func run() async -> Int32? {
        watchSignals()
        state = await store.send(.terminal(.started(width: state.width, height: state.height)))
        if let id = setup.openID {
            state = await store.send(.user(.open(id: id, focusNode: nil)))
            state = await store.send(.user(.focus(.messages)))
        }
        if idleReport != nil { state = await readState() }
        draw()
        StartupTrace.reportFirstFrame()
        let wakes = makeWakes()
        let changes = store.changes
        Task { @MainActor [weak self] in
            for await _ in changes { self?.wakeContinuation?.yield(.storeChanged) }
        }
        if idleReport != nil {
            let settles = store.settles
            Task { @MainActor [weak self] in
                for await _ in settles { self?.wakeContinuation?.yield(.settled) }
            }
            await reportIdle(dirty: false)
        }
        var lastDraw = ContinuousClock.now
        var dirty = false
        for await wake in wakes {
            if !state.isRunning || terminatingSignal != nil { break }
            switch wake {
            case .storeChanged:
                dirty = true
            case .tick:
                // The spinner and the clock move; a streaming answer has usually drawn a frame
                // since the last tick already, which moved them.
                if !state.streams.isEmpty, ContinuousClock.now - lastDraw >= Self.spinnerInterval { dirty = true }
                if previews.hasReady { dirty = true }  // a preview was ready before the loop listened
            case .input, .settled:
                break
            }
            let events = screen.readEvents()
            events: for event in events {
                idleReport?.count(event)
                for action in actions(for: event) {
                    // Returns once the terminal did what the action asked (the editor closed).
                    state = await store.send(action)
                    dirty = true
                    if !state.isRunning { break events }
                }
            }
            if !state.isRunning { break }
            // About one frame per 16 ms (33 ms while an answer streams), however fast stream
            // events arrive; keys draw at once.
            let interval = state.streams.isEmpty ? Self.frameInterval : Self.streamingFrameInterval
            if dirty, events.count > 0 || ContinuousClock.now - lastDraw >= interval - Self.frameSlack {
                state = await readState()
                draw()
                lastDraw = ContinuousClock.now
                dirty = false
            } else if dirty {
                scheduleFrame(at: lastDraw + interval)
            }
            if idleReport != nil { await reportIdle(dirty: dirty) }
        }
        wakeSources.forEach { $0.cancel() }
        if case .sequence(let bytes) = graphics.takeDown() { screen.writeRaw(bytes) }
        await store.flush()
        screen.shutdown()
        return terminatingSignal
    }

    /// What an input event asks: a key through the keymap, a mouse event through the frame on
    /// screen (a click may select and then open).
    private func actions(for event: InputEvent) -> [AppAction] {
        if case .mouse(let mouseEvent) = event {
            let now = ContinuousClock.now - Self.start
            let seconds = Double(now.components.seconds) + Double(now.components.attoseconds) * 1e-18
            return mouse.actions(for: mouseEvent, at: seconds, hits: hits, state: state)
        }
        return KeyRouter.action(for: event, in: state, keymap: context.keymap).map { [$0] } ?? []
    }

    /// The origin of the times the mouse router is given.
    private static let start = ContinuousClock.now

    /// Wake-ups of the run loop: at once when stdin has bytes, and every 100 ms, because a
    /// resize reaches ncurses only as KEY_RESIZE on the next read (SWIFT-NOTES pitfall 7).
    /// An idle browser thus wakes 10 times a second instead of spinning.
    private func makeWakes() -> AsyncStream<Wake> {
        let (stream, continuation) = AsyncStream.makeStream(of: Wake.self, bufferingPolicy: .bufferingNewest(8))
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { continuation.yield(.input) }
        let tick = DispatchSource.makeTimerSource(queue: .main)
        tick.schedule(deadline: .now(), repeating: .milliseconds(100))
        tick.setEventHandler { continuation.yield(.tick) }
        input.resume()
        tick.resume()
        wakeSources = [input, tick]
        wakeContinuation = continuation
        previews.attach(continuation)
        return stream
    }

    /// Why the run loop woke: `settled` only with the idle report on (the store finished its
    /// work without changing the state).
    enum Wake: Sendable { case input, tick, storeChanged, settled }

    private var wakeContinuation: AsyncStream<Wake>.Continuation?
    private var frameScheduled = false

    /// How often the spinner and the clock of a streaming answer move (the tick's period, less
    /// a little so a tick just late still moves them).
    static let spinnerInterval = Duration.milliseconds(90)
    /// The time between two frames drawn for changes that did not come from a key.
    static let frameInterval = Duration.milliseconds(16)
    /// The time between two frames while an answer streams and no key was pressed: the text
    /// moves 30 times a second (a key still draws at once). DECISIONS.md, 2026-12-06: a frame
    /// costs about 1 ms of CPU, and at 60 a second the TUI took 62–73 µs a delta at 2,000
    /// deltas/s, over issue 12's 60.
    static let streamingFrameInterval = EmbeddedSettings.inProcessChunkInterval
    /// How much sooner than ``frameInterval`` a change may still be drawn at once. The server
    /// hands a fast answer's text on once a frame too (`ServerConfiguration.chunkInterval`); a
    /// hand-on a little early would otherwise wait a whole frame for a timer, and cost one.
    static let frameSlack = Duration.milliseconds(4)

    /// Wakes the loop again at `due` (a frame after the last), to draw changes that came too
    /// soon after the last frame.
    private func scheduleFrame(at due: ContinuousClock.Instant) {
        guard !frameScheduled else { return }
        frameScheduled = true
        let wait = max(.zero, due - ContinuousClock.now)
        let nanoseconds =
            Int(wait.components.seconds) * 1_000_000_000 + Int(wait.components.attoseconds / 1_000_000_000)
        DispatchQueue.main.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in
            MainActor.assumeIsolated {
                self?.frameScheduled = false
                self?.wakeContinuation?.yield(.storeChanged)
            }
        }
    }

    /// What the store asks of this terminal: OSC 52 copies, the browser, `$EDITOR` with curses
    /// suspended (ExternalEditor.swift). Each runs on the main actor, which owns curses.
    private static func services(of screen: CursesScreen) -> TerminalServices {
        let opener = LinkOpener(environment: ProcessInfo.processInfo.environment)
        return TerminalServices(
            copy: { @MainActor text in screen.copyToClipboard(text) },
            openLink: { url in opener.open(url) },
            editText: { @MainActor draft in ExternalEditor.edit(draft, on: screen) },
            openFile: { path in opener.openFile(path) })
    }

    /// SIGTERM and SIGHUP end the loop like a quit, so the drafts are flushed and the
    /// terminal is restored instead of being left in raw mode; the exit status then says
    /// which signal it was (128 + its number), as shells expect.
    private func watchSignals() {
        for number in [SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { [weak self] in
                MainActor.assumeIsolated { self?.terminatingSignal = number }
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// The store's state for the next frame; with the idle report on, also its revision.
    private func readState() async -> AppState {
        guard idleReport != nil else { return await store.state }
        let snapshot = await store.snapshot()
        drawnRevision = snapshot.revision
        return snapshot.state
    }

    /// Reports idle when the store is settled, nothing waits to be drawn, and the last frame
    /// drew the store's latest state.
    private func reportIdle(dirty: Bool) async {
        guard let idleReport else { return }
        let activity = await store.activity
        let idle =
            !dirty && !frameScheduled && activity.isSettled && activity.revision == drawnRevision
            && context.previewPainter?.isIdle ?? true && !previews.hasReady
        idleReport.report(idle: idle, width: state.width, height: state.height, on: screen)
    }

    /// Draws the frame; the image window's pixels (ImageGraphics) are taken down before it
    /// and written after it, raw.
    private func draw() {
        previews.drawn()
        let frame = renderer.render(state)
        hits = frame.hits
        let plan = graphics.plan(for: state, repaints: screen.repaintsWhole(frame.buffer))
        switch plan.clear {
        case .sequence(let bytes): screen.writeRaw(bytes)
        case .repaint: screen.invalidate()
        case nil: break
        }
        screen.draw(frame.buffer, cursor: frame.cursor.map { (x: $0.x, y: $0.y) })
        if let image = plan.image { screen.write(image.escapes, atX: image.x, y: image.y) }
    }
}

/// Wakes the run loop when the preview painter made a preview, and remembers that one is ready
/// until a frame is drawn (a preview ready before the loop listens is drawn on its next tick).
final class PreviewRelay: Sendable {
    private let state = Mutex<(continuation: AsyncStream<TUIApp.Wake>.Continuation?, ready: Bool)>((nil, false))

    /// A preview is ready: wake the loop.
    func ready() {
        state.withLock {
            $0.ready = true
            $0.continuation?.yield(.storeChanged)
        }
    }

    /// Whether a preview was made since the last frame.
    var hasReady: Bool { state.withLock { $0.ready } }

    /// A frame is being drawn: the previews made so far are in it.
    func drawn() { state.withLock { $0.ready = false } }

    /// Wakes go to `continuation` from now on.
    func attach(_ continuation: AsyncStream<TUIApp.Wake>.Continuation) {
        state.withLock { $0.continuation = continuation }
    }
}
