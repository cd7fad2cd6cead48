import ChatClient
import Foundation
import Testing

@testable import ChatStore

/// The profile picker asks the service who the current profile signs in as (a ChatGPT session
/// cookie's user, a Dify key's app), once a session, and shows it with that profile.
@Suite struct ProfileAccountTests {
    static func twoProfiles(tokenExpires: Double? = nil) -> AppState {
        var state = AppState(width: 100, height: 30)
        let work = BackendInfo(name: "work", sourceName: "work", kind: "chatgpt", tokenExpires: tokenExpires)
        state.backend = work
        state.profiles = [BackendInfo(name: "local", sourceName: "local", kind: "local"), work]
        return state
    }

    @Test func thePickerAsksOnceAndShowsWhoTheProfileSignsInAs() {
        var state = Self.twoProfiles()
        #expect(Reducer.reduce(&state, .command(.pickProfile)) == [.loadAccount])
        #expect(state.overlay == .profiles(selected: 1))
        state.overlay = nil
        #expect(Reducer.reduce(&state, .command(.pickProfile)).isEmpty, "asked once a session")

        let expires = Date(timeIntervalSince1970: 1_800_000_000)
        let said = AccountInfo(name: "Ada", email: "ada@example.com", expires: expires)
        #expect(Reducer.reduce(&state, .loaded(.account(profile: "work", said))).isEmpty)
        #expect(state.backend?.account == "Ada <ada@example.com>")
        #expect(state.backend?.tokenExpires == 1_800_000_000)
        #expect(state.profiles.map(\.account) == [nil, "Ada <ada@example.com>"])
    }

    @Test func aTokensOwnExpiryStandsAndAnAppIsNamed() {
        var state = Self.twoProfiles(tokenExpires: 1_700_000_000)
        let said = AccountInfo(app: "Phone helper", expires: Date(timeIntervalSince1970: 1_900_000_000))
        _ = Reducer.reduce(&state, .loaded(.account(profile: "work", said)))
        #expect(state.backend?.account == "the app Phone helper")
        #expect(state.backend?.tokenExpires == 1_700_000_000)
        // An answer for a profile no longer current still names that profile in the list.
        _ = Reducer.reduce(&state, .loaded(.account(profile: "local", AccountInfo(name: "me"))))
        #expect(state.profiles.map(\.account) == ["me", "the app Phone helper"])
        #expect(state.backend?.account == "the app Phone helper")
    }

    @Test func withoutABackendNothingIsAsked() {
        var state = Self.twoProfiles()
        state.backend = nil
        #expect(Reducer.reduce(&state, .command(.pickProfile)).isEmpty)
    }
}
