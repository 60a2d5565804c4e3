/// Byte-level helpers. SigV4 is defined on bytes, but `String`'s `==`, hashing and `Character`
/// splitting use Unicode canonical equivalence (under which U+212A KELVIN SIGN equals "K" and
/// U+037E GREEK QUESTION MARK equals ";"), so everything that matches or splits request input
/// goes through the UTF-8 view instead.
extension StringProtocol {
    /// Whether the UTF-8 encodings are identical.
    func hasSameBytes(as other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8)
    }

    /// The pieces between `separator` bytes (an ASCII character), empty pieces kept.
    func splitBytes(_ separator: UInt8, maxSplits: Int = .max) -> [String] {
        utf8.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
