import Foundation
import IAMServices

/// The data directory: the SQLite database, the master key and the root credentials file, all
/// readable by the owner only.
struct DataDirectory {
    let path: String

    var databasePath: String { path + "/warden.sqlite" }
    var masterKeyPath: String { path + "/master.key" }
    var credentialsPath: String { path + "/root-credentials" }

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates the directory (mode 0700) if needed and returns it with an absolute path.
    static func prepare(_ path: String) throws -> DataDirectory {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        do {
            try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SetupError(description: "cannot create the data directory \(absolute): \(error.localizedDescription)")
        }
        return DataDirectory(path: absolute)
    }

    /// The master key from `WARDEN_MASTER_KEY` (base64 of 32 bytes), else from `master.key`,
    /// else a new random key written there (mode 0600).
    func masterKey(override: String?) throws -> SecretBox {
        if let override {
            guard let bytes = Data(base64Encoded: override), let box = SecretBox(keyBytes: [UInt8](bytes)) else {
                throw SetupError(description: "WARDEN_MASTER_KEY must be the base64 encoding of 32 bytes")
            }
            return box
        }
        if let data = FileManager.default.contents(atPath: masterKeyPath) {
            guard let bytes = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                  let box = SecretBox(keyBytes: [UInt8](bytes)) else {
                throw SetupError(description: "\(masterKeyPath) does not hold a base64 32-byte key")
            }
            return box
        }
        let bytes = SecretBox.generateKeyBytes()
        try Self.writePrivate(Data(bytes).base64EncodedString() + "\n", to: masterKeyPath)
        guard let box = SecretBox(keyBytes: bytes) else { throw SetupError(description: "cannot create a master key") }
        return box
    }

    /// Writes the root key in the AWS CLI's credentials-file format (mode 0600).
    func writeCredentials(accessKeyID: String, secretAccessKey: String) throws {
        let text = """
            # Warden root credentials. Use with: AWS_SHARED_CREDENTIALS_FILE=\(credentialsPath)
            [default]
            aws_access_key_id = \(accessKeyID)
            aws_secret_access_key = \(secretAccessKey)

            """
        try Self.writePrivate(text, to: credentialsPath)
    }

    static func writePrivate(_ text: String, to path: String) throws {
        let created = FileManager.default.createFile(atPath: path, contents: Data(text.utf8),
                                                     attributes: [.posixPermissions: 0o600])
        guard created else { throw SetupError(description: "cannot write \(path)") }
        // createFile does not change the mode of an existing file.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
