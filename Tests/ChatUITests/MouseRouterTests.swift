import ChatConfig
import ChatStore
import TerminalCanvas
import Testing

@testable import ChatUI

/// Mouse events into actions over a hit map: wheel, click, double click, markers, hints.
@Suite struct MouseRouterTests {
    /// A map like a small screen's: sidebar rows 0–2 on rows 1–3, a message on row 1 of the
    /// pane with a marker, the input box, and two footer hints.
    static var hits: HitMap {
        var hits = HitMap()
        hits.add(Rect(x: 0, y: 0, width: 20, height: 10), .sidebar)
        for row in 0..<3 { hits.add(Rect(x: 1, y: 1 + row, width: 18, height: 1), .sidebarRow(row)) }
        hits.add(Rect(x: 20, y: 0, width: 40, height: 7), .pane)
        hits.add(Rect(x: 21, y: 1, width: 38, height: 2), .message(turn: 4))
        hits.add(Rect(x: 30, y: 1, width: 1, height: 1), .siblingMarker(turn: 4, step: -1))
        hits.add(Rect(x: 34, y: 1, width: 1, height: 1), .siblingMarker(turn: 4, step: 1))
        hits.add(Rect(x: 20, y: 7, width: 40, height: 3), .input)
        hits.add(Rect(x: 1, y: 11, width: 10, height: 1), .hint(.command(.search)))
        hits.add(Rect(x: 12, y: 11, width: 6, height: 1), .hint(.confirm(false)))
        return hits
    }

    static let state = AppState(width: 60, height: 12)

    static func press(_ x: Int, _ y: Int, _ button: MouseButton = .left) -> MouseEvent {
        MouseEvent(.press(button), x: x, y: y)
    }

    @Test func aClickSelectsWhatItLandsOnAndFocusesItsPane() {
        var router = MouseRouter()
        func click(_ x: Int, _ y: Int, at time: Double) -> [AppAction] {
            router.actions(for: Self.press(x, y), at: time, hits: Self.hits, state: Self.state)
        }
        #expect(click(5, 2, at: 0) == [.user(.selectRow(1))])
        #expect(click(0, 2, at: 10) == [.user(.focus(.sidebar))])
        #expect(click(5, 8, at: 20) == [.user(.focus(.sidebar))], "below the list")
        #expect(click(25, 2, at: 30) == [.user(.selectMessage(4))])
        #expect(click(25, 5, at: 40) == [.user(.focus(.messages))])
        #expect(click(25, 8, at: 50) == [.user(.focus(.input))])
        #expect(click(59, 10, at: 60) == [], "the status line")
        #expect(click(80, 40, at: 70) == [], "off the map")
    }

    @Test func aClickOnAMarkersArrowSelectsTheMessageAndSwitchesVersion() {
        var router = MouseRouter()
        #expect(
            router.actions(for: Self.press(30, 1), at: 0, hits: Self.hits, state: Self.state) == [
                .user(.selectMessage(4)), .command(.siblingPrev),
            ])
        // A second click soon after on the same arrow switches again: no double click here.
        #expect(
            router.actions(for: Self.press(30, 1), at: 0.1, hits: Self.hits, state: Self.state) == [
                .user(.selectMessage(4)), .command(.siblingPrev),
            ])
        #expect(
            router.actions(for: Self.press(34, 1), at: 5, hits: Self.hits, state: Self.state) == [
                .user(.selectMessage(4)), .command(.siblingNext),
            ])
    }

    @Test func aClickOnAHintDoesWhatItsKeyDoes() {
        var router = MouseRouter()
        #expect(
            router.actions(for: Self.press(3, 11), at: 0, hits: Self.hits, state: Self.state) == [.command(.search)])
        #expect(
            router.actions(for: Self.press(13, 11), at: 9, hits: Self.hits, state: Self.state) == [
                .user(.confirm(false))
            ])
    }

    @Test func aDoubleClickOnASidebarRowOpensIt() {
        var router = MouseRouter()
        let hits = Self.hits
        let state = Self.state
        #expect(router.actions(for: Self.press(5, 3), at: 100, hits: hits, state: state) == [.user(.selectRow(2))])
        let release = MouseEvent(.release(.left), x: 5, y: 3)
        #expect(router.actions(for: release, at: 100.1, hits: hits, state: state) == [])
        #expect(
            router.actions(for: Self.press(5, 3), at: 100.3, hits: hits, state: state) == [
                .user(.selectRow(2)), .command(.open),
            ])
        // A third press starts over.
        #expect(router.actions(for: Self.press(5, 3), at: 100.5, hits: hits, state: state) == [.user(.selectRow(2))])
    }

    @Test func twoPressesTooSlowOrApartAreTwoClicks() {
        var router = MouseRouter()
        let hits = Self.hits
        let state = Self.state
        _ = router.actions(for: Self.press(5, 3), at: 0, hits: hits, state: state)
        #expect(router.actions(for: Self.press(5, 3), at: 0.45, hits: hits, state: state) == [.user(.selectRow(2))])
        #expect(router.actions(for: Self.press(6, 3), at: 0.5, hits: hits, state: state) == [.user(.selectRow(2))])
        // The right button is no click, and does not count towards one.
        _ = router.actions(for: Self.press(5, 2), at: 1, hits: hits, state: state)
        #expect(router.actions(for: Self.press(5, 2, .right), at: 1.1, hits: hits, state: state) == [])
        #expect(
            router.actions(for: Self.press(5, 2), at: 1.2, hits: hits, state: state) == [
                .user(.selectRow(1)), .command(.open),
            ])
    }

    @Test func theWheelScrollsThePaneUnderThePointer() {
        var router = MouseRouter()
        func wheel(_ direction: WheelDirection, _ x: Int, _ y: Int, _ state: AppState = Self.state) -> [AppAction] {
            router.actions(for: MouseEvent(.wheel(direction), x: x, y: y), at: 0, hits: Self.hits, state: state)
        }
        #expect(wheel(.down, 5, 2) == [.user(.scroll(.sidebar, lines: 3))])
        #expect(wheel(.up, 0, 9) == [.user(.scroll(.sidebar, lines: -3))])
        #expect(wheel(.down, 25, 2) == [.user(.scroll(.messages, lines: 3))])
        #expect(wheel(.up, 30, 1) == [.user(.scroll(.messages, lines: -3))], "over a marker")
        #expect(wheel(.up, 25, 5) == [.user(.scroll(.messages, lines: -3))])
        #expect(wheel(.down, 25, 8) == [], "the input box")
        #expect(wheel(.left, 25, 2) == [])
        var withHelp = Self.state
        withHelp.overlay = .help(scroll: 0)
        #expect(wheel(.down, 25, 2, withHelp) == [.command(.selectNext)], "a window moves its selection")
        #expect(wheel(.up, 90, 90, withHelp) == [.command(.selectPrev)])
        withHelp.overlay = .confirmQuit
        #expect(wheel(.up, 25, 2, withHelp) == [])
    }

    @Test func releasesDragsAndMovesDoNothing() {
        var router = MouseRouter()
        for action in [MouseEvent.Action.release(.left), .release(nil), .drag(.left), .move, .press(.middle)] {
            #expect(
                router.actions(for: MouseEvent(action, x: 5, y: 2), at: 0, hits: Self.hits, state: Self.state) == [])
        }
    }
}
