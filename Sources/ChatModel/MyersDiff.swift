/// The longest common subsequence of two sequences of numbers, by Myers' O(ND) algorithm in
/// linear space ("An O(ND) Difference Algorithm and Its Variations", 1986, section 4b): the
/// middle snake of each part is found searching from both ends at once, and the parts before
/// and after it are compared the same way. Time grows with the sizes times the edits (at most
/// ``Search/costLimit`` a part), memory only with the sizes.
enum MyersDiff {
    /// For each element of `old`, the index of the element of `new` it is matched with, or -1
    /// when it was removed. Matched indices increase.
    static func matches(_ old: [Int32], _ new: [Int32]) -> [Int] {
        var result = [Int](repeating: -1, count: old.count)
        guard !old.isEmpty, !new.isEmpty else { return result }
        let size = 2 * (old.count + new.count) + 4
        var forward = [Int](repeating: 0, count: size)
        var backward = [Int](repeating: 0, count: size)
        old.withUnsafeBufferPointer { a in
            new.withUnsafeBufferPointer { b in
                forward.withUnsafeMutableBufferPointer { vf in
                    backward.withUnsafeMutableBufferPointer { vb in
                        result.withUnsafeMutableBufferPointer { out in
                            let search = Search(a: a, b: b, vf: vf, vb: vb, out: out)
                            search.compare(0, a.count, 0, b.count)
                        }
                    }
                }
            }
        }
        return result
    }

    /// One comparison's sequences, the two searches' furthest points by diagonal, and the result.
    private struct Search {
        let a: UnsafeBufferPointer<Int32>
        let b: UnsafeBufferPointer<Int32>
        let vf: UnsafeMutableBufferPointer<Int>
        let vb: UnsafeMutableBufferPointer<Int>
        let out: UnsafeMutableBufferPointer<Int>

        /// Matches `a[aLo..<aHi]` with `b[bLo..<bHi]`.
        func compare(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) {
            var aLo = aLo
            var bLo = bLo
            var aHi = aHi
            var bHi = bHi
            while aLo < aHi, bLo < bHi, a[aLo] == b[bLo] {
                out[aLo] = bLo
                aLo += 1
                bLo += 1
            }
            while aLo < aHi, bLo < bHi, a[aHi - 1] == b[bHi - 1] {
                aHi -= 1
                bHi -= 1
                out[aHi] = bHi
            }
            guard aLo < aHi, bLo < bHi, let snake = middleSnake(aLo, aHi, bLo, bHi) else { return }
            compare(aLo, snake.x0, bLo, snake.y0)
            for step in 0..<(snake.x1 - snake.x0) { out[snake.x0 + step] = snake.y0 + step }
            compare(snake.x1, aHi, snake.y1, bHi)
        }

        /// The middle snake of a part whose ends differ: from (x0, y0) to (x1, y1), in the
        /// sequences' own indices (nil only if the searches never met, which cannot happen).
        func middleSnake(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
            let n = aHi - aLo
            let m = bHi - bLo
            let delta = n - m
            let odd = delta & 1 != 0
            let limit = (n + m + 1) / 2
            let offset = limit + 1
            vf[offset + 1] = 0
            vb[offset + 1] = 0
            for d in 0...limit {
                if d > Self.costLimit { return furthestForward(aLo, bLo, n: n, m: m, cost: d - 1, offset: offset) }
                // Forward, from the start.
                for k in stride(from: -d, through: d, by: 2) {
                    var x =
                        (k == -d || (k != d && vf[offset + k - 1] < vf[offset + k + 1]))
                        ? vf[offset + k + 1] : vf[offset + k - 1] + 1
                    var y = x - k
                    let startX = x
                    let startY = y
                    while x < n, y < m, a[aLo + x] == b[bLo + y] {
                        x += 1
                        y += 1
                    }
                    vf[offset + k] = x
                    let kr = delta - k
                    if odd, kr >= -(d - 1), kr <= d - 1, x + vb[offset + kr] >= n {
                        return (aLo + startX, bLo + startY, aLo + x, bLo + y)
                    }
                }
                // Backward, from the end (x and y counted from the end).
                for kr in stride(from: -d, through: d, by: 2) {
                    var x =
                        (kr == -d || (kr != d && vb[offset + kr - 1] < vb[offset + kr + 1]))
                        ? vb[offset + kr + 1] : vb[offset + kr - 1] + 1
                    var y = x - kr
                    let startX = x
                    let startY = y
                    while x < n, y < m, a[aHi - 1 - x] == b[bHi - 1 - y] {
                        x += 1
                        y += 1
                    }
                    vb[offset + kr] = x
                    let k = delta - kr
                    if !odd, k >= -d, k <= d, x + vf[offset + k] >= n {
                        return (aHi - x, bHi - y, aHi - startX, bHi - startY)
                    }
                }
            }
            return nil
        }

        /// Edits a middle snake may cost before the search gives up on finding the fewest: past
        /// it a part is split where the forward search got furthest (GNU diff's heuristic for
        /// costly parts), so two texts that share little take time that grows with their sizes
        /// times this limit, not times their differences. Parts that differ by fewer words
        /// than this are compared exactly.
        static let costLimit = 128

        /// The furthest point (most of both sequences used) the forward search reached with
        /// `cost` edits, as an empty snake to split the part at; nil when it is a corner.
        func furthestForward(
            _ aLo: Int, _ bLo: Int, n: Int, m: Int, cost: Int, offset: Int
        ) -> (x0: Int, y0: Int, x1: Int, y1: Int)? {
            var best = (x: 0, y: 0)
            for k in stride(from: -cost, through: cost, by: 2) {
                let x = vf[offset + k]
                let y = x - k
                guard x <= n, y >= 0, y <= m, !(x == n && y == m), x + y > best.x + best.y else { continue }
                best = (x, y)
            }
            guard best.x + best.y > 0 else { return nil }
            return (aLo + best.x, bLo + best.y, aLo + best.x, bLo + best.y)
        }
    }
}
