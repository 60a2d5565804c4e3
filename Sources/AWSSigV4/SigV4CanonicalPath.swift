/// The canonical URI of a request.
///
/// For every service but S3, AWS normalizes the path (drops `.` segments, resolves `..`,
/// collapses repeated slashes) and then percent-encodes the *wire* path once more, so an
/// escape such as `%20` on the wire becomes `%2520` ("double encoding"), exactly as botocore
/// and aws-c-auth compute it.
enum SigV4CanonicalPath {
    static func canonicalURI(_ path: String, normalize: Bool) -> String {
        let source = normalize ? normalized(path) : path
        guard !source.isEmpty else { return "/" }
        let encoded = SigV4PercentEncoding.encode(source.utf8, keepingSlash: true)
        let absolute = encoded.first == UInt8(ascii: "/") ? encoded : [UInt8(ascii: "/")] + encoded
        return String(decoding: absolute, as: UTF8.self)
    }

    /// RFC 3986 §5.2.4 dot-segment removal, plus collapsing empty segments (botocore's
    /// `remove_dot_segments`). Keeps a trailing slash when the path had one and is not the root.
    static func normalized(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        let dot = UInt8(ascii: ".")
        let slash = UInt8(ascii: "/")
        var segments: [Substring.UTF8View] = []
        for segment in path.utf8.split(separator: slash, omittingEmptySubsequences: true) {
            if segment.elementsEqual([dot]) { continue }
            if segment.elementsEqual([dot, dot]) {
                if !segments.isEmpty { segments.removeLast() }
            } else {
                segments.append(segment)
            }
        }
        var output: [UInt8] = [slash]
        for (index, segment) in segments.enumerated() {
            if index > 0 { output.append(slash) }
            output += segment
        }
        if path.utf8.last == slash && !segments.isEmpty { output.append(slash) }
        return String(decoding: output, as: UTF8.self)
    }
}
