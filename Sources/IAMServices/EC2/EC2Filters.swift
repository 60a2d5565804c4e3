import IAMPolicyCatalog

/// EC2 filter values: exact, or with `*` and `?` wildcards (EC2 filters accept them).
enum EC2Filters {
    static func like(_ pattern: String, _ value: String) -> Bool {
        ActionCatalog.glob(pattern, value)
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
