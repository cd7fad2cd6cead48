import Synchronization

/// Previews and header infos of image files kept by file identity (path, inode, size,
/// modification time) and box, so drawing a frame again costs a `stat` and a lookup instead of
/// decoding and running chafa. A file changed on disk is read again; failures are kept too, so
/// a damaged file is not decoded every frame. The least recently used entries go first.
public final class ImagePreviewCache: Sendable {
    /// The cache the message pane uses.
    public static let shared = ImagePreviewCache(capacity: 64)

    private struct Key: Hashable {
        let file: FileIdentity
        let columns: Int
        let rows: Int
        let colors: ImageColors
        let cellAspect: Double
    }

    /// A value and when it was last used.
    private struct Entry<Value> {
        var value: Value
        var used: UInt64
    }

    private struct Entries {
        var previews: [Key: Entry<Result<ImagePreview, ImageError>>] = [:]
        var infos: [FileIdentity: Entry<Result<ImageInfo, ImageError>>] = [:]
        /// The last image decoded, so the same file in another box (a resize) skips decoding.
        var lastImage: (file: FileIdentity, image: RGBAImage)?
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    /// The largest decoded image kept for another box (16 MB of pixels).
    private static let keptImagePixels = 4 << 20

    private let capacity: Int
    private let limits: ImageLimits
    private let entries = Mutex(Entries())

    /// A cache of up to `capacity` previews and as many infos, decoding within `limits`.
    public init(capacity: Int, limits: ImageLimits = .standard) {
        self.capacity = max(1, capacity)
        self.limits = limits
    }

    /// Lookups answered from the cache, and those that read the file.
    public var statistics: (hits: Int, misses: Int) { entries.withLock { ($0.hits, $0.misses) } }

    /// The preview of the image file at `path` in a box (``ImagePreview/render(_:columns:rows:colors:cellAspect:)``),
    /// made once for each state of the file. Throws ``ImageError``.
    public func preview(
        contentsOfFile path: String, columns: Int, rows: Int, colors: ImageColors,
        cellAspect: Double = CellFit.defaultCellAspect
    ) throws(ImageError) -> ImagePreview {
        let file = try FileIdentity(path: path)
        let key = Key(file: file, columns: columns, rows: rows, colors: colors, cellAspect: cellAspect)
        let known = entries.withLock { entries -> (Result<ImagePreview, ImageError>?, RGBAImage?) in
            entries.clock += 1
            if let hit = entries.previews[key] {
                entries.previews[key]?.used = entries.clock
                entries.hits += 1
                return (hit.value, nil)
            }
            entries.misses += 1
            return (nil, entries.lastImage?.file == file ? entries.lastImage?.image : nil)
        }
        if let result = known.0 { return try result.get() }
        let result: Result<ImagePreview, ImageError>
        var decoded: RGBAImage?
        do throws(ImageError) {
            let image: RGBAImage
            if let kept = known.1 {
                image = kept
            } else {
                image = try ImageDecoder.decode(contentsOfFile: path, limits: limits)
            }
            decoded = image
            result = .success(
                ImagePreview.render(image, columns: columns, rows: rows, colors: colors, cellAspect: cellAspect))
        } catch {
            result = .failure(error)
        }
        entries.withLock { entries in
            entries.clock += 1
            entries.previews[key] = Entry(value: result, used: entries.clock)
            if let decoded, decoded.width * decoded.height <= Self.keptImagePixels {
                entries.lastImage = (file, decoded)
            }
            Self.trim(&entries.previews, to: capacity)
        }
        return try result.get()
    }

    /// The preview ``preview(contentsOfFile:columns:rows:colors:cellAspect:)`` would give, when
    /// it has been made already: a `stat` and a lookup, never a decode. Nil when it has not (or
    /// the file cannot be read).
    public func cachedPreview(
        contentsOfFile path: String, columns: Int, rows: Int, colors: ImageColors,
        cellAspect: Double = CellFit.defaultCellAspect
    ) -> Result<ImagePreview, ImageError>? {
        guard let file = try? FileIdentity(path: path) else { return nil }
        let key = Key(file: file, columns: columns, rows: rows, colors: colors, cellAspect: cellAspect)
        return entries.withLock { entries in
            guard let hit = entries.previews[key] else { return nil }
            entries.clock += 1
            entries.previews[key]?.used = entries.clock
            entries.hits += 1
            return hit.value
        }
    }

    /// The header info of the image file at `path` (``ImageInfo/init(contentsOfFile:)``), read
    /// once for each state of the file. Throws ``ImageError``.
    public func info(contentsOfFile path: String) throws(ImageError) -> ImageInfo {
        let file = try FileIdentity(path: path)
        let known = entries.withLock { entries -> Result<ImageInfo, ImageError>? in
            entries.clock += 1
            guard let hit = entries.infos[file] else {
                entries.misses += 1
                return nil
            }
            entries.infos[file]?.used = entries.clock
            entries.hits += 1
            return hit.value
        }
        if let known { return try known.get() }
        let result: Result<ImageInfo, ImageError>
        do throws(ImageError) {
            result = .success(try ImageInfo(contentsOfFile: path))
        } catch {
            result = .failure(error)
        }
        entries.withLock { entries in
            entries.clock += 1
            entries.infos[file] = Entry(value: result, used: entries.clock)
            Self.trim(&entries.infos, to: capacity)
        }
        return try result.get()
    }

    /// Forgets everything.
    public func removeAll() {
        entries.withLock { $0 = Entries() }
    }

    /// Drops the least recently used entries beyond `capacity`.
    private static func trim<K, V>(_ dictionary: inout [K: Entry<V>], to capacity: Int) {
        while dictionary.count > capacity, let oldest = dictionary.min(by: { $0.value.used < $1.value.used })?.key {
            dictionary[oldest] = nil
        }
    }
}
