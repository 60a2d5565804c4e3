import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole lines to standard error, one `write(2)` each, so concurrent lines never interleave.
enum StandardErrorLines {
    static let lock = Mutex(())

    static func emit(_ line: String) {
        let bytes = Array(line.utf8)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return -1 }
                    return write(2, base + offset, buffer.count - offset)
                }
                if written <= 0 { break }
                offset += written
            }
        }
    }
}
