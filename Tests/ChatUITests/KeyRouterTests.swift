import ChatConfig
import ChatStore
import TerminalCanvas
import Testing

@testable import ChatUI

@Suite struct KeyRouterTests {
    func route(_ key: Key, _ state: AppState) -> AppAction? {
        KeyRouter.action(for: .key(key), in: state, keymap: .builtin)
    }

    /// The router's switch over commands has no default: this checks none of its branches is empty.
    @Test func everyCommandLeadsToAnAction() {
        for command in Command.allCases {
            #expect(KeyRouter.action(for: command, key: Key(.char("3"))) != nil, "\(command.rawValue)")
        }
        #expect(KeyRouter.action(for: .copyCodeBlock, key: Key(.char("x"))) == nil)
    }

    @Test func qQuitsFromTheSidebarButIsTypedInTheInput() {
        var state = AppState(width: 100, height: 30)
        guard case .quit? = route(.char("q"), state) else {
            Issue.record("q should quit from the sidebar")
            return
        }
        state.focus = .input
        guard case .edit(.insert("q"))? = route(.char("q"), state) else {
            Issue.record("q should be typed in the input")
            return
        }
    }

    @Test func bracketsSwitchSiblingsInThePane() {
        var state = AppState(width: 100, height: 30)
        state.focus = .messages
        guard case .switchSibling(1)? = route(.char("]"), state),
            case .switchSibling(-1)? = route(.char("["), state),
            case .switchSibling(-1)? = route(Key(.left), state)
        else {
            Issue.record("sibling keys are not routed")
            return
        }
        guard case .copyCodeBlock(3)? = route(.char("3"), state) else {
            Issue.record("3 should copy code block 3")
            return
        }
    }

    @Test func ctrlCAsksAndCtrlKSearchesFromAnywhere() {
        for focus in Focus.allCases {
            var state = AppState(width: 100, height: 30)
            state.focus = focus
            guard case .interrupt? = route(.ctrl("c"), state), case .showSearch? = route(.ctrl("k"), state) else {
                Issue.record("global keys fail in \(focus)")
                return
            }
        }
    }

    @Test func theQuitPromptTakesYesOrAnythingElse() {
        var state = AppState(width: 100, height: 30)
        state.overlay = .confirmQuit
        guard case .confirmQuit(true)? = route(.char("y"), state),
            case .confirmQuit(false)? = route(.char("n"), state),
            case .confirmQuit(false)? = route(Key(.escape), state)
        else {
            Issue.record("quit prompt")
            return
        }
    }

    @Test func pastesGoOnlyToTextFields() {
        var state = AppState(width: 100, height: 30)
        #expect(KeyRouter.action(for: .paste("x"), in: state, keymap: .builtin) == nil)
        state.focus = .input
        guard case .paste("x")? = KeyRouter.action(for: .paste("x"), in: state, keymap: .builtin) else {
            Issue.record("paste into input")
            return
        }
    }

    @Test func resizeIsAlwaysRouted() {
        let state = AppState(width: 100, height: 30)
        guard
            case .resized(60, 20)? = KeyRouter.action(for: .resize(width: 60, height: 20), in: state, keymap: .builtin)
        else {
            Issue.record("resize")
            return
        }
    }
}
