/// `Marker`/`MaxItems` pagination over a sorted list (iam-facts §4.1): MaxItems 1–1000, default
/// 100; the marker is opaque to clients and encodes the offset of the next item.
struct Page<Item> {
    var items: ArraySlice<Item>
    /// Present only when truncated.
    var nextMarker: String?
    var isTruncated: Bool { nextMarker != nil }
}

enum Paginator {
    static let markerPrefix = "WARDEN1-"

    static func page<Item>(_ all: [Item], marker: String?, maxItems: Int?) throws -> Page<Item> {
        let limit = maxItems ?? 100
        guard (1...1000).contains(limit) else {
            throw AWSServiceError.validationError(
                "1 validation error detected: Value '\(limit)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000")
        }
        var start = 0
        if let marker {
            guard marker.hasPrefix(markerPrefix), let offset = Int(marker.dropFirst(markerPrefix.count)),
                  offset >= 0, offset <= all.count else {
                throw AWSServiceError.validationError("Invalid Marker.")
            }
            start = offset
        }
        let end = min(all.count, start + limit)
        return Page(items: all[start..<end], nextMarker: end < all.count ? "\(markerPrefix)\(end)" : nil)
    }
}
