import Foundation
import IAMModel
import IAMServices
import IAMStorage

/// `warden backup` and `warden restore`: the SQLite store of a data directory, copied online and
/// put back. The master key is not part of the copy: without it the sealed secrets (secret
/// access keys, TOTP seeds) cannot be opened, so it must be kept (`master.key`, or
/// `WARDEN_MASTER_KEY`) and given to the restored data directory.
public enum WardenBackup {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Copies the data directory's database to `output`; returns what to tell the operator.
    public static func backup(dataDirectory: String, output: String) throws -> [String] {
        let directory = DataDirectory(path: URL(fileURLWithPath: dataDirectory).standardizedFileURL.path)
        do {
            let summary = try SQLStorage.backup(databasePath: directory.databasePath, to: output)
            return [
                "backed up \(directory.databasePath) to \(output) (\(summary.migrations.count) migrations, last \(summary.migrations.last ?? "none"))",
                "WARNING: the backup does not contain the master key. Keep \(directory.masterKeyPath) (or your WARDEN_MASTER_KEY) "
                    + "safe and apart from the backup: without it the secret access keys and MFA seeds in the backup cannot be used.",
            ]
        } catch let error as SQLStorage.BackupError {
            throw Failure(description: error.description)
        }
    }

    /// Replaces the data directory's database with the backup `input` (`force` when one exists).
    public static func restore(dataDirectory: String, input: String, force: Bool, masterKey: String?) async throws -> [String] {
        let directory = try DataDirectory.prepare(dataDirectory)
        if FileManager.default.fileExists(atPath: directory.databasePath) && !force {
            throw Failure(description: "\(directory.databasePath) exists: pass --force to replace it")
        }
        do {
            let summary = try SQLStorage.restore(from: input, to: directory.databasePath)
            var lines = ["restored \(input) into \(directory.databasePath) (\(summary.migrations.count) migrations)"]
            if masterKey == nil && !FileManager.default.fileExists(atPath: directory.masterKeyPath) {
                lines.append("WARNING: \(directory.masterKeyPath) does not exist. Copy the master key of the data directory the "
                             + "backup was taken from there (mode 0600), or set WARDEN_MASTER_KEY, before running warden serve: "
                             + "with a new key the stored secrets cannot be opened.")
            } else if try await !masterKeyOpensSecrets(directory, override: masterKey) {
                lines.append("WARNING: the master key of \(directory.path) does not open the restored secrets. Use the key of "
                             + "the data directory the backup was taken from.")
            }
            return lines
        } catch let error as SQLStorage.BackupError {
            throw Failure(description: error.description)
        }
    }

    /// Whether the data directory's master key opens a root access key's sealed secret in the
    /// restored store (true when the store holds none to try).
    static func masterKeyOpensSecrets(_ directory: DataDirectory, override: String?) async throws -> Bool {
        let box = try directory.masterKey(override: override)
        let store = try SQLStorage(path: directory.databasePath)
        for account in try await store.accounts() {
            if let key = try await store.accessKeys(accountID: account.id, userID: nil).first {
                return (try? box.open(key.sealedSecret, boundTo: key.id)) != nil
            }
        }
        return true
    }
}
