import ChatConfig
import ChatStore
import ChatUI
import CursesTerminal
import Foundation
import TerminalCanvas

/// The browser's run loop: terminal events → keymap → store → render → flush the diff.
@MainActor
final class TUIApp {
    private let setup: TUISetup
    private let screen: CursesScreen
    private let store: Store
    private var state: AppState
    private let context: RenderContext
    private var signalSources: [any DispatchSourceSignal] = []
    private var wakeSources: [any DispatchSourceProtocol] = []
    private var terminated = false

    init(setup: TUISetup) {
        self.setup = setup
        let screen = CursesScreen()
        self.screen = screen
        let size = screen.size
        state = AppState(width: size.width, height: size.height)
        let environment = StoreEnvironment(archive: setup.archive) { text in
            Task { @MainActor in screen.copyToClipboard(text) }
        }
        store = Store(state: state, environment: environment)
        let support: ColorSupport
        switch screen.colorDepth {
        case .monochrome: support = .monochrome
        case .ansi16: support = .ansi16
        case .palette256: support = .palette256
        case .truecolor: support = .truecolor
        }
        context = RenderContext(
            theme: setup.theme.reduced(to: support), keymap: setup.keymap, now: Date().timeIntervalSince1970)
    }

    /// Runs until the user quits; the terminal is restored on the way out.
    func run() async {
        watchSignals()
        state = await store.send(.started(width: state.width, height: state.height))
        if let id = setup.openID {
            state = await store.send(.open(id: id, focusNode: nil))
            state = await store.send(.focus(.messages))
        }
        draw()
        StartupTrace.reportFirstFrame()
        let wakes = makeWakes()
        for await _ in wakes {
            if !state.isRunning || terminated { break }
            let events = screen.readEvents()
            if events.isEmpty { continue }
            for event in events {
                guard let action = KeyRouter.action(for: event, in: state, keymap: context.keymap) else { continue }
                state = await store.send(action)
                if !state.isRunning { break }
            }
            draw()
            if !state.isRunning { break }
        }
        wakeSources.forEach { $0.cancel() }
        await store.flush()
        screen.shutdown()
    }

    /// Wake-ups of the run loop: at once when stdin has bytes, and every 100 ms, because a
    /// resize reaches ncurses only as KEY_RESIZE on the next read (SWIFT-NOTES pitfall 7).
    /// An idle browser thus wakes 10 times a second instead of spinning.
    private func makeWakes() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { continuation.yield() }
        let tick = DispatchSource.makeTimerSource(queue: .main)
        tick.schedule(deadline: .now(), repeating: .milliseconds(100))
        tick.setEventHandler { continuation.yield() }
        input.resume()
        tick.resume()
        wakeSources = [input, tick]
        return stream
    }

    /// SIGTERM and SIGHUP end the loop like a quit, so the drafts are flushed and the
    /// terminal is restored instead of being left in raw mode.
    private func watchSignals() {
        for number in [SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { [weak self] in
                MainActor.assumeIsolated { self?.terminated = true }
            }
            source.resume()
            signalSources.append(source)
        }
    }

    private func draw() {
        let frame = Screen.render(state, context: context)
        screen.draw(frame.buffer, cursor: frame.cursor.map { (x: $0.x, y: $0.y) })
    }
}
