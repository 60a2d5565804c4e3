import Foundation
public import IAMModel

extension SQLStorage {
    /// No throttle window lasts longer: rows older than this are dropped when a failure is recorded.
    static let throttleRetentionSeconds: Int64 = 86_400

    public func throttleFailures(key: String, windowStart: Int64) async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT failure_count FROM failure_throttle WHERE throttle_key = ? AND window_start >= ?",
                             arguments: [key, windowStart]) ?? 0
        }
    }

    @discardableResult
    public func recordThrottleFailure(key: String, at time: Int64, windowSeconds: Int64) async throws -> Int {
        try await write(isolation: .readCommitted) { db in
            try db.execute(sql: "DELETE FROM failure_throttle WHERE window_start < ?",
                           arguments: [time - Self.throttleRetentionSeconds])
            try db.execute(sql: """
                INSERT INTO failure_throttle (throttle_key, failure_count, window_start) VALUES (?, 1, ?)
                ON CONFLICT (throttle_key) DO UPDATE SET
                failure_count = CASE WHEN failure_throttle.window_start < ? THEN 1 ELSE failure_throttle.failure_count + 1 END,
                window_start = CASE WHEN failure_throttle.window_start < ? THEN excluded.window_start
                                    ELSE failure_throttle.window_start END
                """, arguments: [key, time, time - windowSeconds, time - windowSeconds])
            return try Int.fetchOne(db, sql: "SELECT failure_count FROM failure_throttle WHERE throttle_key = ?",
                                    arguments: [key]) ?? 0
        }
    }

    public func clearThrottle(key: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM failure_throttle WHERE throttle_key = ?", arguments: [key]) }
    }

    public func putPendingMFADevice(_ device: PendingMFADevice, expiredBefore: Int64) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM pending_mfa_device WHERE created_at < ?", arguments: [expiredBefore])
            try db.execute(sql: """
                INSERT INTO pending_mfa_device (session_hash, serial_number, sealed_seed, sealed_qr_png, created_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (session_hash) DO UPDATE SET serial_number = excluded.serial_number,
                sealed_seed = excluded.sealed_seed, sealed_qr_png = excluded.sealed_qr_png, created_at = excluded.created_at
                """, arguments: [device.sessionHash, device.serialNumber, Data(device.sealedSeed), Data(device.sealedQRCodePNG),
                                 device.createdAt])
        }
    }

    public func pendingMFADevice(sessionHash: String, serialNumber: String, createdSince: Int64) async throws -> PendingMFADevice? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: """
                SELECT * FROM pending_mfa_device WHERE session_hash = ? AND serial_number = ? AND created_at >= ?
                """, arguments: [sessionHash, serialNumber, createdSince]).map { row in
                PendingMFADevice(sessionHash: row["session_hash"], serialNumber: row["serial_number"],
                                 sealedSeed: Self.bytes(row, "sealed_seed"), sealedQRCodePNG: Self.bytes(row, "sealed_qr_png"),
                                 createdAt: row["created_at"])
            }
        }
    }

    public func deletePendingMFADevice(sessionHash: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM pending_mfa_device WHERE session_hash = ?", arguments: [sessionHash])
        }
    }

    public func changeGeneration() async throws -> Int64 {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT generation FROM change_generation WHERE id = ?", arguments: [1]) ?? 0
        }
    }

    @discardableResult
    public func bumpChangeGeneration() async throws -> Int64 {
        try await write(isolation: .readCommitted) { db in
            try Int64.fetchOne(db, sql: "UPDATE change_generation SET generation = generation + 1 WHERE id = ? RETURNING generation",
                               arguments: [1]) ?? 0
        }
    }
}
