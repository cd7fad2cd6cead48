import ChatImages
import ChatRender
import Dispatch
import Synchronization

/// Makes image previews off the draw path: the pane asks for a preview the cache does not hold,
/// draws its place empty meanwhile, and the painter renders it on a queue of its own into
/// ``ImagePreviewCache/shared``, then calls `onReady` so the run loop draws the frame again.
/// Without a painter (``RenderContext/previewPainter`` nil, as in tests) previews are made on the
/// draw path.
public final class PreviewPainter: Sendable {
    private struct Job: Hashable {
        let box: PreviewBox
        let colors: ImageColors
    }

    private let queue = DispatchQueue(label: "chatterm.previews", qos: .userInitiated)
    private let pending = Mutex(Set<Job>())
    private let onReady: @Sendable () -> Void

    /// A painter that calls `onReady` (on its queue) after each preview it made.
    public init(onReady: @escaping @Sendable () -> Void) {
        self.onReady = onReady
    }

    /// Whether no preview is being made (the screen is final).
    public var isIdle: Bool { pending.withLock { $0.isEmpty } }

    /// Makes the preview of `box` in `colors`, unless it is being made already.
    public func request(_ box: PreviewBox, colors: ImageColors) {
        let job = Job(box: box, colors: colors)
        guard pending.withLock({ $0.insert(job).inserted }) else { return }
        queue.async { [self] in
            _ = try? ImagePreviewCache.shared.preview(
                contentsOfFile: box.path, columns: box.columns, rows: box.rows, colors: colors)
            pending.withLock { _ = $0.remove(job) }
            onReady()
        }
    }
}
