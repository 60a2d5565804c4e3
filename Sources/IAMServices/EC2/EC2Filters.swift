/// EC2 filter values: exact, or with `*` and `?` wildcards (EC2 filters accept them).
enum EC2Filters {
    static func like(_ pattern: String, _ value: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        let s = Array(value.unicodeScalars)
        var pi = 0
        var si = 0
        var star = -1
        var mark = 0
        while si < s.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == s[si]) {
                pi += 1
                si += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether a resource's tags satisfy `tag:Key` / `tag-key` / `tag-value` filters.
    static func tagMatches(_ filter: (name: String, values: [String]), _ tags: [EC2Tag]) -> Bool? {
        if filter.name.hasPrefix("tag:") {
            let key = String(filter.name.dropFirst(4))
            guard let tag = tags.first(where: { $0.key == key }) else { return false }
            return filter.values.contains { like($0, tag.value) }
        }
        switch filter.name {
        case "tag-key": return tags.contains { tag in filter.values.contains { like($0, tag.key) } }
        case "tag-value": return tags.contains { tag in filter.values.contains { like($0, tag.value) } }
        default: return nil
        }
    }
}
