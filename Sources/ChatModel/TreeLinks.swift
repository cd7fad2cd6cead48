/// The repaired parent/child structure of a mapping, built once by `ConversationTree.init`.
///
/// Nodes are numbered by sorted mapping key, so every choice below is deterministic although
/// the mapping is a dictionary. All walks are iterative and every node is visited a bounded
/// number of times, so a 10 000-deep chain or a big cycle costs O(n log n) (the sort) at most.
///
/// Rules, in order:
/// 1. `children` entries naming missing nodes are dropped (`danglingChildDropped`); duplicates are
///    kept once, at their first position.
/// 2. A node's parent is its `parent` field when that names an existing node. A node without a
///    usable `parent` that some node lists as a child is adopted by that node (the first in key
///    order) without a report: both links are optional in real data. A node naming a missing parent
///    that nobody lists is an orphan.
/// 3. Parentless nodes compete for the root: `client-created-root`, else the one with most
///    descendants, then a message-less one, then the smallest id. The others are attached under it
///    (`extraRootAttached`), orphans too (`orphanAttached`). Without any parentless node a synthetic
///    root is created (`syntheticRootCreated`).
/// 4. Every node whose parent chain does not reach the root loops: in each loop the earliest node
///    (by create time, then id) is cut from its parent and attached under the root (`cycleCut`).
/// 5. Children are the listed children whose parent is that node, in listed order (a node listing
///    a child whose parent is another is reported: `childListedElsewhere`); then nodes
///    naming that parent without being listed, by create time (`childLinkAdded`, unless the parent
///    lists no children at all: the 2026 export gives only parents); on the root, then the attached
///    nodes of rules 3 and 4.
struct TreeLinks {
    /// Node ids by index; the synthetic root, if any, is last.
    var ids: [String]
    /// Index by id.
    var index: [String: Int]
    /// Messages by index.
    var messages: [Message?]
    /// Parent index, -1 for the root.
    var parent: [Int]
    /// Child indices in display order.
    var children: [[Int]]
    /// The root's index.
    var root: Int
    /// What was repaired, in the order rules 1–5 found it.
    var repairs: [TreeRepair]

    init(mapping: [String: Node]) {
        var ids = mapping.keys.sorted()
        let nodes = ids.map { mapping[$0] ?? Node(id: $0) }
        var index = [String: Int](minimumCapacity: ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        var messages = nodes.map(\.message)
        var n = ids.count
        var repairs: [TreeRepair] = []

        // Orders attached nodes: earliest create time first, then index (= id order).
        func earlier(_ a: Int, _ b: Int) -> Bool {
            let ta = messages[a]?.createTime ?? -Double.infinity
            let tb = messages[b]?.createTime ?? -Double.infinity
            return ta != tb ? ta < tb : a < b
        }

        // 1. Listed children that exist, deduplicated; the first node listing each one claims it.
        var listed = [[Int]](repeating: [], count: n)
        var claimedBy = [Int](repeating: -1, count: n)
        var lastLister = [Int](repeating: -1, count: n)
        for (i, node) in nodes.enumerated() {
            var droppedHere: [String] = []
            for child in node.children {
                guard let c = index[child] else {
                    if !droppedHere.contains(child) {
                        droppedHere.append(child)
                        repairs.append(.danglingChildDropped(parent: ids[i], child: child))
                    }
                    continue
                }
                if lastLister[c] == i { continue }
                lastLister[c] = i
                listed[i].append(c)
                if claimedBy[c] < 0, c != i { claimedBy[c] = i }
            }
        }

        // 2. Parents.
        var parent = [Int](repeating: -1, count: n)
        var parentless: [Int] = []
        var orphans: [(node: Int, missing: String)] = []
        for (i, node) in nodes.enumerated() {
            let named = node.parent.flatMap { $0.isEmpty ? nil : $0 }
            if let named, let p = index[named] {
                parent[i] = p
            } else if claimedBy[i] >= 0 {
                parent[i] = claimedBy[i]
            } else if let named {
                orphans.append((i, named))
            } else {
                parentless.append(i)
            }
        }

        // 3. The root.
        let top = Self.tops(parent)
        var descendants = [Int](repeating: 0, count: n)
        for t in top where t >= 0 { descendants[t] += 1 }
        let root: Int
        if let clientRoot = index["client-created-root"], parentless.contains(clientRoot) {
            root = clientRoot
        } else if let best = parentless.min(by: { a, b in
            if descendants[a] != descendants[b] { return descendants[a] > descendants[b] }
            let aBare = messages[a] == nil
            let bBare = messages[b] == nil
            if aBare != bBare { return aBare }
            return a < b
        }) {
            root = best
        } else {
            var synthetic = ConversationTree.syntheticRootID
            var suffix = 1
            while index[synthetic] != nil {
                synthetic = "\(ConversationTree.syntheticRootID)-\(suffix)"
                suffix += 1
            }
            root = n
            ids.append(synthetic)
            index[synthetic] = root
            messages.append(nil)
            parent.append(-1)
            listed.append([])
            n += 1
            repairs.append(.syntheticRootCreated)
        }
        var attached: [Int] = []
        for extra in parentless.filter({ $0 != root }).sorted(by: earlier) {
            parent[extra] = root
            attached.append(extra)
            repairs.append(.extraRootAttached(node: ids[extra]))
        }
        for orphan in orphans.sorted(by: { earlier($0.node, $1.node) }) {
            parent[orphan.node] = root
            attached.append(orphan.node)
            repairs.append(.orphanAttached(node: ids[orphan.node], missingParent: orphan.missing))
        }

        // 4. Cut loops: walk up from every node not yet known to reach the root.
        var reaches = [UInt8](repeating: 0, count: n)  // 0 unknown, 1 on this walk, 2 reaches the root
        var walkPosition = [Int](repeating: -1, count: n)
        var walk: [Int] = []
        reaches[root] = 2
        for start in 0..<n where reaches[start] == 0 {
            walk.removeAll(keepingCapacity: true)
            var j = start
            while reaches[j] != 2 {
                if reaches[j] == 1 {
                    let loop = walk[walkPosition[j]...]
                    let cut = loop.min(by: earlier) ?? j
                    parent[cut] = root
                    attached.append(cut)
                    repairs.append(.cycleCut(node: ids[cut]))
                    break
                }
                reaches[j] = 1
                walkPosition[j] = walk.count
                walk.append(j)
                guard parent[j] >= 0 else { break }  // unreachable: only the root is parentless now
                j = parent[j]
            }
            for w in walk { reaches[w] = 2 }
        }

        // 5. Children in display order.
        var children = [[Int]](repeating: [], count: n)
        var linked = [Bool](repeating: false, count: n)
        var isAttached = [Bool](repeating: false, count: n)
        for a in attached { isAttached[a] = true }
        for p in 0..<n {
            for c in listed[p] where c != p {
                if parent[c] == p {
                    children[p].append(c)
                    linked[c] = true
                } else if parent[c] >= 0, !isAttached[c] {
                    // Two nodes claim the child: its `parent` (or the first lister) wins.
                    repairs.append(.childListedElsewhere(lister: ids[p], child: ids[c], parent: ids[parent[c]]))
                }
            }
        }
        var unlisted: [Int] = []
        for c in 0..<n where c != root && !linked[c] && !isAttached[c] && parent[c] >= 0 {
            unlisted.append(c)
        }
        for c in unlisted.sorted(by: { parent[$0] != parent[$1] ? parent[$0] < parent[$1] : earlier($0, $1) }) {
            children[parent[c]].append(c)
            linked[c] = true
            // A parent that lists no children at all (the 2026 export shape) contradicts nothing.
            if nodes[parent[c]].childrenListed {
                repairs.append(.childLinkAdded(parent: ids[parent[c]], child: ids[c]))
            }
        }
        for a in attached where !linked[a] {
            children[root].append(a)
            linked[a] = true
        }

        self.ids = ids
        self.index = index
        self.messages = messages
        self.parent = parent
        self.children = children
        self.root = root
        self.repairs = repairs
    }

    /// For every node, the parentless node its parent chain ends at, or -1 when the chain loops.
    static func tops(_ parent: [Int]) -> [Int] {
        let unknown = -2
        let onWalk = -3
        var top = [Int](repeating: unknown, count: parent.count)
        var walk: [Int] = []
        for start in parent.indices where top[start] == unknown {
            walk.removeAll(keepingCapacity: true)
            var j = start
            var result = -1
            while true {
                if top[j] >= -1 {
                    result = top[j]
                    break
                }
                if top[j] == onWalk {
                    result = -1
                    break
                }
                top[j] = onWalk
                walk.append(j)
                guard parent[j] >= 0 else {
                    result = j
                    break
                }
                j = parent[j]
            }
            for w in walk { top[w] = result }
        }
        return top
    }
}
