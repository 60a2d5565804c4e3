#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Textual encoding of DER objects (RFC 7468): `-----BEGIN label-----`, base64 lines, `-----END label-----`.
///
/// Parsing is line based and tolerant in the ways RFC 7468 §2 asks for: `\r\n` or `\n` line breaks, spaces and tabs
/// around lines, base64 lines of any length, and explanatory text outside the blocks. It rejects what would make the
/// decoded bytes doubtful: an END that does not match its BEGIN, a block that never ends, a stray boundary line,
/// RFC 1421 headers (`Proc-Type:` and the like, used by encrypted keys) and base64 that does not decode.
enum PEMArmor {
    /// One decoded block.
    struct Block: Equatable {
        /// The label between `BEGIN ` and `-----`, such as `CERTIFICATE`.
        var label: String
        /// The decoded contents.
        var der: [UInt8]
    }

    /// Why a text could not be split into blocks. Descriptions follow the house message style.
    enum Failure: Error, Equatable, CustomStringConvertible {
        case unterminated(label: String)
        case mismatchedEnd(label: String)
        case strayBoundary
        case headers(label: String)
        case badBase64(label: String)
        case textOutsideBlocks

        /// The label of the block at fault, if there is one.
        var label: String? {
            switch self {
            case .unterminated(let label), .mismatchedEnd(let label), .headers(let label), .badBase64(let label): label
            case .strayBoundary, .textOutsideBlocks: nil
            }
        }

        var description: String {
            switch self {
            case .unterminated(let label): "the PEM block `\(label)` has no matching END line"
            case .mismatchedEnd(let label): "the PEM block `\(label)` ends with a different label"
            case .strayBoundary: "a PEM END line appears outside any block"
            case .headers(let label): "the PEM block `\(label)` has headers, which are not supported"
            case .badBase64(let label): "the PEM block `\(label)` is not valid base64"
            case .textOutsideBlocks: "the body has text outside the PEM block"
            }
        }
    }

    static let beginPrefix = Array("-----BEGIN ".utf8)
    static let endPrefix = Array("-----END ".utf8)
    static let dashes = Array("-----".utf8)

    /// Whether `text` contains a BEGIN boundary at the start of a line, the cue that it is meant as PEM.
    static func looksLikePEM(_ text: String) -> Bool {
        lines(of: text).contains { boundaryLabel($0, prefix: beginPrefix) != nil }
    }

    /// Every block in `text`, in order. Text outside blocks is skipped when `allowingText` is true (RFC 7468's
    /// explanatory text) and is a failure otherwise; blank lines are always allowed.
    static func blocks(in text: String, allowingText: Bool = true) -> Result<[Block], Failure> {
        var blocks: [Block] = []
        var openLabel: String?
        var base64: [UInt8] = []
        for line in lines(of: text) {
            if let label = openLabel {
                if let endLabel = boundaryLabel(line, prefix: endPrefix) {
                    guard endLabel == label else { return .failure(.mismatchedEnd(label: label)) }
                    guard let der = decodeBase64(base64) else { return .failure(.badBase64(label: label)) }
                    blocks.append(Block(label: label, der: der))
                    openLabel = nil
                } else if line.starts(with: dashes) {
                    return .failure(.unterminated(label: label))
                } else if line.contains(UInt8(ascii: ":")) {
                    return .failure(.headers(label: label))
                } else {
                    base64.append(contentsOf: line.lazy.filter { !isBlank($0) })
                }
            } else if let label = boundaryLabel(line, prefix: beginPrefix) {
                openLabel = label
                base64 = []
            } else if boundaryLabel(line, prefix: endPrefix) != nil {
                return .failure(.strayBoundary)
            } else if !allowingText && !line.isEmpty {
                return .failure(.textOutsideBlocks)
            }
        }
        if let label = openLabel { return .failure(.unterminated(label: label)) }
        return .success(blocks)
    }

    /// `der` as one PEM block: 64-character base64 lines and a final line break, the layout OpenSSL writes.
    static func encode(label: String, der: some Collection<UInt8>) -> String {
        let base64 = Array(Data(der).base64EncodedString().utf8)
        var text = "-----BEGIN \(label)-----\n"
        var start = 0
        while start < base64.count {
            let end = min(start + 64, base64.count)
            text += String(decoding: base64[start..<end], as: UTF8.self) + "\n"
            start = end
        }
        return text + "-----END \(label)-----\n"
    }

    /// Standard padded base64 with no whitespace, or nil.
    static func decodeBase64(_ ascii: some Collection<UInt8>) -> [UInt8]? {
        guard !ascii.isEmpty, let data = Data(base64Encoded: Data(ascii)) else { return nil }
        return Array(data)
    }

    /// The lines of `text` as UTF-8 bytes, split at `\n`, with surrounding spaces, tabs and `\r` removed.
    private static func lines(of text: String) -> [ArraySlice<UInt8>] {
        Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            var trimmed = line
            while let first = trimmed.first, isBlank(first) { trimmed = trimmed.dropFirst() }
            while let last = trimmed.last, isBlank(last) { trimmed = trimmed.dropLast() }
            return trimmed
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The label of a `-----BEGIN label-----` or `-----END label-----` line, or nil if `line` is not one.
    private static func boundaryLabel(_ line: ArraySlice<UInt8>, prefix: [UInt8]) -> String? {
        guard line.count >= prefix.count + dashes.count, line.starts(with: prefix), line.suffix(5).elementsEqual(dashes)
        else { return nil }
        let label = line.dropFirst(prefix.count).dropLast(dashes.count)
        return String(decoding: label, as: UTF8.self)
    }
}
