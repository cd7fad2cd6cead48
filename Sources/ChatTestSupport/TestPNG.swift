import Foundation

/// Writes real PNG files for tests, with no imaging library: the pixel rows go into "stored"
/// (uncompressed) deflate blocks, which every PNG reader takes.
public enum TestPNG {
    /// An RGB image `width × height` whose pixel at (x, y) is `color(x, y)`.
    public static func make(width: Int, height: Int, color: (Int, Int) -> (UInt8, UInt8, UInt8)) -> Data {
        var raw = Data()
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width {
                let (r, g, b) = color(x, y)
                raw.append(contentsOf: [r, g, b])
            }
        }
        var header = Data()
        header.be32(UInt32(width))
        header.be32(UInt32(height))
        header.append(contentsOf: [8, 2, 0, 0, 0])  // 8 bits, RGB, deflate, no filter, no interlace
        var out = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        out.append(chunk("IHDR", header))
        out.append(chunk("IDAT", zlibStored(raw)))
        out.append(chunk("IEND", Data()))
        return out
    }

    /// A zlib stream of stored blocks holding `data`.
    static func zlibStored(_ data: Data) -> Data {
        var out = Data([0x78, 0x01])
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let last = offset + count == data.count
            out.append(last ? 1 : 0)
            out.append(contentsOf: [
                UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF),
            ])
            out.append(data.subdata(in: offset..<offset + count))
            offset += count
        } while offset < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        out.be32(b << 16 | a)
        return out
    }

    static func chunk(_ type: String, _ body: Data) -> Data {
        var out = Data()
        out.be32(UInt32(body.count))
        let typed = Data(type.utf8) + body
        out.append(typed)
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in typed {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        out.be32(~crc)
        return out
    }
}

extension Data {
    fileprivate mutating func be32(_ v: UInt32) { Swift.withUnsafeBytes(of: v.bigEndian) { append(contentsOf: $0) } }
}
