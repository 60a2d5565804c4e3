import AWSSigV4
import Synchronization

/// SigV4 signing keys per access key, day, region and service, so the four HMACs of the key
/// derivation run once per key and day instead of on every request. Bounded; the secret's hash is
/// part of the cache key so a key can never be used with another secret.
final class SigningKeyCache: Sendable {
    private let keys = Mutex([String: SigV4SigningKey]())
    static let limit = 10_000

    func key(accessKeyID: String, secret: String, date: String, region: String, service: String) -> SigV4SigningKey {
        let cacheKey = "\(accessKeyID)|\(date)|\(region)|\(service)|\(secret.hashValue)"
        if let cached = keys.withLock({ $0[cacheKey] }) { return cached }
        let derived = SigV4SigningKey(secretAccessKey: secret, date: date, region: region, service: service)
        keys.withLock { table in
            if table.count >= Self.limit { table.removeAll(keepingCapacity: true) }
            table[cacheKey] = derived
        }
        return derived
    }
}
