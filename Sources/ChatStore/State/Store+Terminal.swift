/// The effects the terminal serves (``TerminalServices``): the clipboard, the browser and the
/// editor. They run one after another, off the actor, and ``Store/send(_:)`` waits for them.
extension Store {
    func runTerminal(_ effect: Effect) {
        let terminal = environment.terminal
        switch effect {
        case .copy(let text):
            queueTerminal { await terminal.copy(text) }
        case .openLink(let url):
            queueTerminal { [weak self] in
                let outcome = await terminal.openLink(url)
                if case .opened = outcome {} else { await terminal.copy(url) }
                await self?.feed(.terminal(.linkHandled(url: url, outcome)))
            }
        case .openFile(let path):
            queueTerminal { [weak self] in
                let outcome = await terminal.openFile(path)
                if case .opened = outcome {} else { await terminal.copy(path) }
                await self?.feed(.terminal(.fileHandled(path: path, outcome)))
            }
        case .editText(let draft):
            queueTerminal { [weak self] in
                let text = await terminal.editText(draft)
                await self?.feed(.terminal(.editorFinished(text)))
            }
        default:
            break
        }
    }

    /// Runs `work` after the terminal's jobs queued before it.
    private func queueTerminal(_ work: @escaping @Sendable () async -> Void) {
        let previous = terminalWork
        effectStarted()
        terminalWork = Task { [weak self] in
            await previous?.value
            await work()
            await self?.effectFinished()
        }
    }

    /// Waits until the terminal has done every job queued so far (and those they led to).
    func terminalFinished() async {
        while let work = terminalWork {
            await work.value
            if terminalWork == work { terminalWork = nil }
        }
    }
}
