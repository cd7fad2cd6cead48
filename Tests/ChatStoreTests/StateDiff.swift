/// Where two values differ, as `path: expected …, got …` lines, found by walking their
/// mirrors (dictionaries by key, sets by element); for the failure messages of ``TestStore``.
enum StateDiff {
    /// At most `limit` lines naming the differing leaves of `expected` and `actual`.
    static func lines(expected: Any, actual: Any, limit: Int = 20) -> [String] {
        var out: [String] = []
        walk(expected, actual, path: "state", into: &out)
        return Array(out.prefix(limit))
    }

    private static func walk(_ expected: Any, _ actual: Any, path: String, into out: inout [String]) {
        let e = String(describing: expected)
        let a = String(describing: actual)
        let left = Mirror(reflecting: expected)
        let right = Mirror(reflecting: actual)
        if left.displayStyle == .dictionary, right.displayStyle == .dictionary {
            return walkDictionaries(entries(left), entries(right), path: path, into: &out)
        }
        guard e != a else { return }
        if left.displayStyle == .set, right.displayStyle == .set {
            let l = Set(left.children.map { String(describing: $0.value) })
            let r = Set(right.children.map { String(describing: $0.value) })
            out.append(
                "\(path): missing \(short(l.subtracting(r).sorted())), not expected \(short(r.subtracting(l).sorted()))"
            )
            return
        }
        let lc = Array(left.children)
        let rc = Array(right.children)
        guard !lc.isEmpty, lc.count == rc.count, zip(lc, rc).allSatisfy({ $0.label == $1.label }) else {
            out.append("\(path): expected \(short(e)), got \(short(a))")
            return
        }
        for (index, (l, r)) in zip(lc, rc).enumerated() {
            walk(l.value, r.value, path: path + "." + (l.label ?? "\(index)"), into: &out)
        }
    }

    private static func walkDictionaries(
        _ l: [String: Any], _ r: [String: Any], path: String, into out: inout [String]
    ) {
        for key in Set(l.keys).union(r.keys).sorted() {
            switch (l[key], r[key]) {
            case (let e?, let a?): walk(e, a, path: "\(path)[\(key)]", into: &out)
            case (let e?, nil): out.append("\(path)[\(key)]: expected \(short(String(describing: e))), missing")
            case (nil, let a?): out.append("\(path)[\(key)]: not expected, got \(short(String(describing: a)))")
            case (nil, nil): break
            }
        }
    }

    /// A dictionary's entries by the description of their key.
    private static func entries(_ mirror: Mirror) -> [String: Any] {
        var out: [String: Any] = [:]
        for child in mirror.children {
            let pair = Array(Mirror(reflecting: child.value).children)
            guard pair.count == 2 else { continue }
            out[String(describing: pair[0].value)] = pair[1].value
        }
        return out
    }

    private static func short(_ value: Any) -> String {
        let text = String(describing: value)
        return text.count <= 300 ? text : String(text.prefix(300)) + "…"
    }
}
