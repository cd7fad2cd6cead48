import ChatImages
import ChatModel
import ChatStore
import ChatTestSupport
import Foundation
import Testing

@testable import ChatUI

/// What the image window writes to a terminal that takes pixels (kitty graphics, sixel), frame
/// by frame, and that it writes nothing where there are none (tmux, screen, other terminals).
@Suite struct ImageGraphicsTests {
    @Test func kittyGetsTheImageOnceWhileItShowsAndADeleteOnClosing() async throws {
        let temp = TempDir()
        let (world, state) = try await ImageViewerScreenTests.viewing(temp)
        var graphics = ImageGraphics(
            graphicsProtocol: GraphicsProtocol.choose(environment: ["TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"]))
        #expect(graphics.graphicsProtocol == .kitty)
        #expect(graphics.plan(for: AppState(width: 60, height: 16), repaints: true) == ImageGraphics.Plan())
        let first = graphics.plan(for: state, repaints: false)
        #expect(first.clear == nil)
        let image = try #require(first.image)
        #expect(image.escapes.hasPrefix("\u{1B}_G"), "\(image.escapes.prefix(30).debugDescription)")
        // Cells of 10×20 pixels: 40×30 fits 32×12 in the 58×12 inside, centred.
        #expect((image.x, image.y) == (14, 1))
        #expect(graphics.isShowing)
        // The next frames of the same image send nothing, until the screen is repainted whole.
        #expect(graphics.plan(for: state, repaints: false) == ImageGraphics.Plan())
        #expect(graphics.plan(for: state, repaints: false) == ImageGraphics.Plan())
        let repainted = graphics.plan(for: state, repaints: true)
        #expect(repainted.clear == .sequence(GraphicsProtocol.kitty.clearSequence))
        #expect(repainted.image == image)
        // The next image: the first taken down, the second put up.
        let next = await world.send(.command(.siblingNext))
        let stepped = graphics.plan(for: next, repaints: false)
        #expect(stepped.clear == .sequence("\u{1B}_Ga=d,d=A\u{1B}\\"))
        let second = try #require(stepped.image)
        #expect(second.escapes != image.escapes)
        #expect((second.x, second.y) == (18, 1))
        // Esc: taken down once.
        let closed = await world.send(.command(.cancel))
        #expect(
            graphics.plan(for: closed, repaints: false)
                == ImageGraphics.Plan(clear: .sequence(GraphicsProtocol.kitty.clearSequence)))
        #expect(graphics.plan(for: closed, repaints: false) == ImageGraphics.Plan())
        #expect(!graphics.isShowing)
        #expect(graphics.takeDown() == nil)
    }

    @Test func sixelIsPaintedOverOnClosingAndTheCellSizeIsTheTerminals() async throws {
        let temp = TempDir()
        let (world, state) = try await ImageViewerScreenTests.viewing(temp)
        var graphics = ImageGraphics(graphicsProtocol: .sixel, cellPixelWidth: 8, cellPixelHeight: 16)
        #expect(graphics.cellAspect == 0.5)
        let image = try #require(graphics.plan(for: state, repaints: false).image)
        #expect(image.escapes.hasPrefix("\u{1B}P"), "\(image.escapes.prefix(30).debugDescription)")
        #expect(image.escapes.hasSuffix("\u{1B}\\"))
        let closed = await world.send(.command(.cancel))
        #expect(graphics.plan(for: closed, repaints: false) == ImageGraphics.Plan(clear: .repaint))
        // Before quitting with the window open, kitty's image is deleted.
        var kitty = ImageGraphics(graphicsProtocol: .kitty)
        #expect(kitty.plan(for: state, repaints: false).image != nil)
        #expect(kitty.takeDown() == .sequence(GraphicsProtocol.kitty.clearSequence))
    }

    @Test func insideTmuxOrWhereThereAreNoPixelsNothingIsWritten() async throws {
        let temp = TempDir()
        let (world, state) = try await ImageViewerScreenTests.viewing(temp)
        for environment in [
            ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-1000/default,1,0", "KITTY_WINDOW_ID": "1"],
            ["TERM": "screen.xterm-kitty", "STY": "1.pts-0"],
            ["TERM": "xterm-256color"],
        ] {
            var graphics = ImageGraphics(graphicsProtocol: GraphicsProtocol.choose(environment: environment))
            #expect(graphics.graphicsProtocol == .symbols, "\(environment)")
            #expect(graphics.plan(for: state, repaints: true) == ImageGraphics.Plan(), "\(environment)")
            #expect(graphics.plan(for: state, repaints: false) == ImageGraphics.Plan())
            #expect(!graphics.isShowing)
            let closed = await world.send(.command(.cancel))
            #expect(graphics.plan(for: closed, repaints: false) == ImageGraphics.Plan())
            await world.send(.command(.viewImage))
        }
    }

    @Test func anImageThatCannotBeDecodedSendsNoPixels() {
        let temp = TempDir()
        let broken = temp.file("broken.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]))
        var state = AppState(width: 60, height: 16)
        let file = ChatModel.Attachment(
            fileID: "file_x", kind: .image, name: "broken.png", local: LocalAsset(path: broken.path, sizeBytes: 11))
        state.overlay = .image(ImageViewerState(images: [file]))
        var graphics = ImageGraphics(graphicsProtocol: .kitty)
        #expect(graphics.plan(for: state, repaints: false) == ImageGraphics.Plan())
        #expect(graphics.plan(for: state, repaints: true) == ImageGraphics.Plan())
        #expect(!graphics.isShowing)
    }
}
