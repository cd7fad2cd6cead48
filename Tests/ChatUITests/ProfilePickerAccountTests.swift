import ChatStore
import Testing

@testable import ChatUI

/// The profile picker (`P`) names each profile's account and warns about its token a day
/// before it runs out and after (seed 000's session: `xxx@yyy.com`, `expires` 2023-05-07T02:57:57Z).
@Suite struct ProfilePickerAccountTests {
    static let expires = 1_683_428_277.0
    static let profile = BackendInfo(
        name: "work", sourceName: "work", kind: "chatgpt", account: "xxx@yyy.com", tokenExpires: expires)

    @Test func theTokenNoteWarnsOnlyWhenItMatters() {
        #expect(OverlayView.tokenNote(Self.profile, now: Self.expires - 3 * 86_400) == nil)
        #expect(
            OverlayView.tokenNote(Self.profile, now: Self.expires - 5 * 3600 - 60)
                == "token expires in 5 h: renew it soon")
        #expect(OverlayView.tokenNote(Self.profile, now: Self.expires + 60) == "token expired: sign in again")
        #expect(OverlayView.tokenNote(BackendInfo(name: "dify", sourceName: "dify"), now: 0) == nil)
    }
}
