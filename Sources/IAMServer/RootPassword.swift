import IAMModel
import IAMServices
import IAMStorage

/// `warden root-password`: sets the root user's console password in a data directory's store.
public enum RootPassword {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// AWS's root password rules: 8 to 128 characters, at least three of upper case, lower case,
    /// digits and symbols.
    public static func problem(with password: String) -> String? {
        guard (8...128).contains(password.count) else { return "the password must have 8 to 128 characters" }
        let kinds = [password.contains(where: \.isUppercase), password.contains(where: \.isLowercase),
                     password.contains(where: \.isNumber),
                     password.contains { !$0.isLetter && !$0.isNumber && !$0.isWhitespace }].filter { $0 }.count
        return kinds >= 3 ? nil : "the password needs three of: upper case, lower case, digits, symbols"
    }

    /// Sets the password for the (first) account in `dataDirectory`; returns the account id.
    public static func set(_ password: String, dataDirectory: String, databaseURL: String? = nil) async throws -> String {
        if let problem = problem(with: password) { throw Failure(description: problem) }
        let directory = try DataDirectory.prepare(dataDirectory)
        let store = try await StoreLocation.open(databaseURL: databaseURL, directory: directory)
        do {
            guard let account = try await store.accounts().first else {
                throw Failure(description: "no account in \(dataDirectory) yet: run `warden serve` once first")
            }
            try await ConsoleSignIn.setRootPassword(password, accountID: account.id, store: store, at: WardenServer.now())
            await store.close()
            return account.id
        } catch {
            await store.close()
            throw error
        }
    }
}
