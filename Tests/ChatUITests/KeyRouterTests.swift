import ChatConfig
import ChatStore
import TerminalCanvas
import Testing

@testable import ChatUI

@Suite struct KeyRouterTests {
    func route(_ key: Key, _ state: AppState) -> AppAction? {
        KeyRouter.action(for: .key(key), in: state, keymap: .builtin)
    }

    /// A command's key carries the command itself; what it does is the reducer's.
    @Test func everyCommandIsCarriedAsItself() {
        for command in Command.allCases where command != .copyCodeBlock {
            #expect(KeyRouter.action(for: command, key: Key(.char("3"))) == .command(command), "\(command.rawValue)")
        }
        #expect(KeyRouter.action(for: .copyCodeBlock, key: Key(.char("3"))) == .command(.copyCodeBlock, .digit(3)))
        #expect(KeyRouter.action(for: .copyCodeBlock, key: Key(.char("x"))) == nil)
        #expect(KeyRouter.action(for: .copyCodeBlock, key: Key(.char("0"))) == nil)
    }

    @Test func qQuitsFromTheSidebarButIsTypedInTheInput() {
        var state = AppState(width: 100, height: 30)
        #expect(route(.char("q"), state) == .command(.quit))
        state.focus = .input
        #expect(route(.char("q"), state) == .user(.type("q")))
    }

    @Test func bracketsSwitchSiblingsInThePane() {
        var state = AppState(width: 100, height: 30)
        state.focus = .messages
        #expect(route(.char("]"), state) == .command(.siblingNext))
        #expect(route(.char("["), state) == .command(.siblingPrev))
        #expect(route(Key(.left), state) == .command(.siblingPrev))
        #expect(route(.char("3"), state) == .command(.copyCodeBlock, .digit(3)))
    }

    @Test func upInTheInputBoxIsACommandWhateverTheDraft() {
        var state = AppState(width: 100, height: 30)
        state.focus = .input
        // Editing the last prompt from an empty box is the reducer's choice, not the router's.
        #expect(route(Key(.up), state) == .command(.inputUp))
    }

    @Test func ctrlCAsksAndCtrlKSearchesFromAnywhere() {
        for focus in Focus.allCases {
            var state = AppState(width: 100, height: 30)
            state.focus = focus
            #expect(route(.ctrl("c"), state) == .command(.interrupt), "\(focus)")
            #expect(route(.ctrl("k"), state) == .command(.search), "\(focus)")
        }
    }

    @Test func theQuitPromptTakesYesOrAnythingElse() {
        var state = AppState(width: 100, height: 30)
        state.overlay = .confirmQuit
        #expect(route(.char("y"), state) == .user(.confirm(true)))
        #expect(route(Key(.enter), state) == .user(.confirm(true)))
        #expect(route(.char("n"), state) == .user(.confirm(false)))
        #expect(route(Key(.escape), state) == .user(.confirm(false)))
    }

    @Test func theDeletePromptTakesOnlyYes() {
        var state = AppState(width: 100, height: 30)
        state.overlay = .confirmDelete(conversationID: "c", title: "T")
        #expect(route(.char("Y"), state) == .user(.confirm(true)))
        #expect(route(Key(.enter), state) == .user(.confirm(false)))
    }

    @Test func pastesGoOnlyToTextFields() {
        var state = AppState(width: 100, height: 30)
        #expect(KeyRouter.action(for: .paste("x"), in: state, keymap: .builtin) == nil)
        state.focus = .input
        #expect(KeyRouter.action(for: .paste("x"), in: state, keymap: .builtin) == .terminal(.paste("x")))
    }

    @Test func resizeIsAlwaysRouted() {
        let state = AppState(width: 100, height: 30)
        #expect(
            KeyRouter.action(for: .resize(width: 60, height: 20), in: state, keymap: .builtin)
                == .terminal(.resized(width: 60, height: 20)))
    }
}
