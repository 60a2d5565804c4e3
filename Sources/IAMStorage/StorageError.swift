/// What storage reports; services translate it into AWS error codes. SQL never leaves storage.
public enum StorageError: Error, Sendable, Equatable {
    case notFound
    /// A uniqueness constraint (the key names what collided: `user-name`, `alias`, ...).
    case conflict(String)
    /// A value neither engine stores faithfully (text holding U+0000: SQLite would cut it short,
    /// PostgreSQL refuses it), refused before it reaches either.
    case invalidValue(String)
    /// The database cannot be reached or failed.
    case unavailable(String)
    /// A quota checked inside the write (the name says which: `access-keys-per-user`, `versions-per-policy`).
    case limitExceeded(String)
    /// Concurrent writes to the same rows kept colliding (PostgreSQL serialization failures after every retry).
    case busy
}
