import Foundation
import NIOSSL
import PostgresNIO

/// `postgres://user:password@host:port/database?sslmode=disable|require&schema=name` as a connection
/// configuration and the schema Warden's tables live in (nil: the database's default search path).
enum PostgresURL {
    static func schema(_ url: String) throws -> String? {
        guard let name = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "schema" })?.value else { return nil }
        guard !name.isEmpty, name.count <= 63, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }),
              name.first?.isNumber == false else {
            throw StorageError.unavailable("schema must be 1-63 lower-case letters, digits or underscores")
        }
        return name
    }

    static func configuration(_ url: String) throws -> PostgresConnection.Configuration {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw StorageError.unavailable("the database URL must look like postgres://user:password@host:5432/database")
        }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? nil : path
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresConnection.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case "require", "verify-ca", "verify-full": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: throw StorageError.unavailable("unknown sslmode \(mode): use disable, prefer or require")
        }
        var configuration = PostgresConnection.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                             password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        if let schema = try schema(url) {
            configuration.options.additionalStartupParameters = [("options", "-c search_path=\(schema)")]
        }
        return configuration
    }
}
