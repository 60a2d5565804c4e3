/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), used to suggest
/// the name a typo probably meant. Callers lowercase both sides.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let s = Array(a.unicodeScalars)
        let t = Array(b.unicodeScalars)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] {
                    best = min(best, previous2[j - 2] + 1)
                }
                current[j] = best
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }

    /// The candidate closest to `text` within `limit` edits (ties go to the first in order), or `nil`.
    static func closest<S: Sequence>(to text: String, in candidates: S, limit: Int) -> String? where S.Element == String {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            // Lengths differing by more than the limit cannot be within it.
            guard abs(candidate.count - text.count) <= limit else { continue }
            let distance = between(text, candidate.lowercased())
            if distance <= limit && distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// How many edits still count as a typo of a name this long: 2, or a sixth of long names.
    static func typoLimit(for text: String) -> Int { max(2, text.count / 6) }
}
