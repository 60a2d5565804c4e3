import AWSQuery

/// An `application/x-www-form-urlencoded` body or query string. Unlike API requests, browser
/// forms repeat names (checkbox groups), so every pair is kept in order.
struct ConsoleForm: Sendable {
    static let maximumFields = 2_000

    private(set) var pairs: [(name: String, value: String)] = []

    init(_ pairs: [(name: String, value: String)] = []) {
        self.pairs = pairs
    }

    /// Nil when the text is not a form (bad percent-encoding, too many fields).
    init?(encoded: String) {
        let segments = encoded.split(separator: "&", omittingEmptySubsequences: true)
        guard segments.count <= Self.maximumFields else { return nil }
        for segment in segments {
            let parts = segment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(String(parts[0]), plusIsSpace: true),
                  let value = PercentEncoding.decode(parts.count > 1 ? String(parts[1]) : "", plusIsSpace: true) else {
                return nil
            }
            pairs.append((name, value))
        }
    }

    /// The first value of `name`.
    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
}
