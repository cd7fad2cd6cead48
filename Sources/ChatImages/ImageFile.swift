import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which file, in which state: its path, device and inode, size and modification time. Two equal
/// identities are the same bytes unless the file was rewritten within one timestamp tick
/// keeping its size, so a preview made of one can be shown for the other.
public struct FileIdentity: Sendable, Hashable {
    /// The path as given.
    public var path: String
    /// The file's size in bytes.
    public var size: Int
    /// Device, inode and modification time (seconds and nanoseconds), packed.
    var device: UInt64
    var inode: UInt64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    /// The identity of the file at `path` now (one `stat`).
    public init(path: String) throws(ImageError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAnImage }
        self.path = path
        size = Int(info.st_size)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        #if canImport(Darwin)
            modifiedSeconds = Int(info.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
            modifiedSeconds = Int(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }
}

/// Reads an image file's bytes with plain `open`/`read`.
enum ImageFile {
    /// Up to `limit` bytes from the start of the file at `path` (no more memory than the file
    /// has bytes).
    static func readPrefix(_ path: String, upTo limit: Int) throws(ImageError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        let count = fstat(fd, &info) == 0 ? min(limit, max(0, Int(info.st_size))) : limit
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + filled, count - filled)
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .unreadable(String(cString: strerror(errno))) }
            if n == 0 { break }
            filled += n
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}
