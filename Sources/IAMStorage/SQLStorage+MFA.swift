import Foundation
public import IAMModel

extension SQLStorage {
    public func createMFADevice(_ device: IAMMFADevice) async throws {
        try await write(conflictKey: "mfa-device") { db in
            try db.execute(sql: """
                INSERT INTO mfa_device (serial_number, account_id, name, path, sealed_seed, user_id, enabled_at, last_used_step,
                    drift_steps, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [device.serialNumber, device.accountID, device.name, device.path, Data(device.sealedSeed),
                                 device.userID, device.enabledAt, device.lastUsedStep, device.driftSteps, device.createdAt])
            try Self.setTags(db, kind: "mfa", id: device.serialNumber, device.tags)
        }
    }

    public func mfaDevice(serialNumber: String) async throws -> IAMMFADevice? {
        try await read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM mfa_device WHERE serial_number = ?", arguments: [serialNumber])
                .map { try Self.mfaDevice($0, db) }
        }
    }

    public func mfaDevices(accountID: String) async throws -> [IAMMFADevice] {
        try await read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM mfa_device WHERE account_id = ? ORDER BY serial_number", arguments: [accountID])
                .map { try Self.mfaDevice($0, db) }
        }
    }

    public func mfaDevices(userID: String) async throws -> [IAMMFADevice] {
        try await read { db in
            // NULLs sort first in SQLite and last in PostgreSQL: say where not-yet-enabled devices go (first).
            try SQLRow.fetchAll(db, sql: """
                SELECT * FROM mfa_device WHERE user_id = ?
                ORDER BY CASE WHEN enabled_at IS NULL THEN 0 ELSE 1 END, enabled_at, serial_number
                """, arguments: [userID]).map { try Self.mfaDevice($0, db) }
        }
    }

    public func updateMFADevice(_ device: IAMMFADevice) async throws {
        try await write { db in
            try db.execute(sql: """
                UPDATE mfa_device SET user_id = ?, enabled_at = ?, last_used_step = ?, drift_steps = ? WHERE serial_number = ?
                """, arguments: [device.userID, device.enabledAt, device.lastUsedStep, device.driftSteps, device.serialNumber])
        }
    }

    public func assignMFADevice(_ device: IAMMFADevice, limit: Int) async throws {
        try await write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT user_id, last_used_step FROM mfa_device WHERE serial_number = ?",
                                                arguments: [device.serialNumber]) else { throw StorageError.notFound }
            guard (row["user_id"] as String?) == nil else { throw StorageError.conflict("mfa-device-in-use") }
            if let used: Int64 = row["last_used_step"], let step = device.lastUsedStep, step <= used {
                throw StorageError.conflict("mfa-step-used")
            }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mfa_device WHERE user_id = ?", arguments: [device.userID]) ?? 0
            guard count < limit else { throw StorageError.limitExceeded("mfa-devices-per-user") }
            try db.execute(sql: """
                UPDATE mfa_device SET user_id = ?, enabled_at = ?, last_used_step = ?, drift_steps = ? WHERE serial_number = ?
                """, arguments: [device.userID, device.enabledAt, device.lastUsedStep, device.driftSteps, device.serialNumber])
        }
    }

    public func consumeMFAStep(serialNumber: String, step: Int64) async throws -> Bool {
        try await write { db in
            try db.execute(sql: """
                UPDATE mfa_device SET last_used_step = ? WHERE serial_number = ? AND (last_used_step IS NULL OR last_used_step < ?)
                """, arguments: [step, serialNumber, step])
            return db.changesCount == 1
        }
    }

    public func deleteMFADevice(serialNumber: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM tag WHERE resource_kind = 'mfa' AND resource_id = ?", arguments: [serialNumber])
            try db.execute(sql: "DELETE FROM mfa_device WHERE serial_number = ?", arguments: [serialNumber])
        }
    }

    public func setMFADeviceTags(serialNumber: String, tags: [IAMTag]) async throws {
        try await write { db in try Self.setTags(db, kind: "mfa", id: serialNumber, tags) }
    }

    static func mfaDevice(_ row: SQLRow, _ db: any SQLSession) throws -> IAMMFADevice {
        let serial: String = row["serial_number"]
        return IAMMFADevice(serialNumber: serial, accountID: row["account_id"], name: row["name"], path: row["path"],
                            sealedSeed: bytes(row, "sealed_seed"), userID: row["user_id"], enabledAt: row["enabled_at"],
                            lastUsedStep: row["last_used_step"], driftSteps: row["drift_steps"], createdAt: row["created_at"],
                            tags: try tags(db, kind: "mfa", id: serial))
    }
}
