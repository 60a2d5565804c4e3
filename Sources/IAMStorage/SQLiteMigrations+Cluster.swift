extension SQLiteMigrations {
    /// State several `warden serve` processes on one store must share (issue 9, several nodes):
    /// failure throttles, the console MFA wizard's not-yet-enabled devices, and the change
    /// generation every node polls to drop its caches.
    static let cluster: [(id: String, sql: String)] = [
        ("v11-cluster", """
        CREATE TABLE failure_throttle (
            throttle_key TEXT NOT NULL PRIMARY KEY,
            failure_count INTEGER NOT NULL,
            window_start INTEGER NOT NULL
        );
        CREATE INDEX failure_throttle_window ON failure_throttle (window_start);
        CREATE TABLE pending_mfa_device (
            session_hash TEXT NOT NULL PRIMARY KEY,
            serial_number TEXT NOT NULL,
            sealed_seed BLOB NOT NULL,
            sealed_qr_png BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX pending_mfa_device_created ON pending_mfa_device (created_at);
        CREATE TABLE change_generation (
            id INTEGER NOT NULL PRIMARY KEY,
            generation INTEGER NOT NULL
        );
        INSERT INTO change_generation (id, generation) VALUES (1, 0);
        """),
    ]
}
