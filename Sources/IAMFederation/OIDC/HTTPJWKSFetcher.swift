public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches an issuer's keys the OIDC way: `<issuer>/.well-known/openid-configuration`, then its
/// `jwks_uri`. HTTPS only (certificates checked against the system's trusted CAs), no redirects,
/// a timeout per request and a size cap per document. Plain `http://` to a loopback address is
/// allowed only when `allowLoopbackHTTP` is set (tests).
public struct HTTPJWKSFetcher: JWKSFetching {
    public var allowLoopbackHTTP: Bool
    public var timeout: Double
    public static let maximumDiscoveryBytes = 64 * 1_024

    public init(allowLoopbackHTTP: Bool = false, timeout: Double = 5) {
        self.allowLoopbackHTTP = allowLoopbackHTTP
        self.timeout = timeout
    }

    static let unreachable = "The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. Retry the request."

    public func keySet(forIssuer issuer: String) async throws(FederationError) -> JSONWebKeySet {
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        guard let discoveryURL = URL(string: base + "/.well-known/openid-configuration"), isAllowed(discoveryURL) else {
            throw .invalid(WebIdentityVerifier.noKey, detail: "the issuer is not an https URL")
        }
        let discovery = try await fetch(discoveryURL, limit: Self.maximumDiscoveryBytes)
        guard let configuration = try? JSONSerialization.jsonObject(with: discovery) as? [String: Any],
              let jwksText = configuration["jwks_uri"] as? String, let jwksURL = URL(string: jwksText), isAllowed(jwksURL) else {
            throw .invalid(WebIdentityVerifier.noKey, detail: "the discovery document has no usable jwks_uri")
        }
        if let named = configuration["issuer"] as? String {
            let trimmed = named.hasSuffix("/") ? String(named.dropLast()) : named
            guard trimmed == base else { throw .invalid(WebIdentityVerifier.noKey, detail: "the discovery document names another issuer") }
        }
        let jwks = try await fetch(jwksURL, limit: JSONWebKeySet.maximumBytes)
        guard let text = String(data: jwks, encoding: .utf8) else {
            throw .invalid(WebIdentityVerifier.noKey, detail: "the key set is not UTF-8")
        }
        do {
            return try JSONWebKeySet.parse(text)
        } catch {
            throw .invalid(WebIdentityVerifier.noKey, detail: error.reason)
        }
    }

    /// `https`, or `http` to 127.0.0.1 / localhost / ::1 behind the test switch.
    public func isAllowed(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty, url.user == nil else { return false }
        if scheme == "https" { return true }
        return scheme == "http" && allowLoopbackHTTP && Self.isLoopback(host)
    }

    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
    }

    func fetch(_ url: URL, limit: Int) async throws(FederationError) -> Data {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let download = BoundedDownload(limit: limit)
        let outcome = await download.run(request, timeout: timeout)
        switch outcome {
        case .success(let status, let data):
            guard status == 200 else { throw .invalid(WebIdentityVerifier.noKey, detail: "HTTP \(status) from \(url.host ?? "")") }
            return data
        case .tooLarge:
            throw .invalid(WebIdentityVerifier.noKey, detail: "a document is larger than \(limit) bytes")
        case .redirected:
            throw .invalid(WebIdentityVerifier.noKey, detail: "redirects are not followed")
        case .failed(let reason):
            throw .init(.idpCommunicationError, Self.unreachable, detail: reason)
        }
    }
}

/// One GET with a byte cap: the transfer is cancelled as soon as the body exceeds `limit`.
final class BoundedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Outcome: Sendable {
        case success(status: Int, data: Data)
        case tooLarge
        case redirected
        case failed(String)
    }

    let limit: Int
    private let lock = NSLock()
    private var data = Data()
    private var status = 0
    private var verdict: Outcome?
    private var continuation: CheckedContinuation<Outcome, Never>?

    init(limit: Int) { self.limit = limit }

    func run(_ request: URLRequest, timeout: Double) async -> Outcome {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return await withCheckedContinuation { continuation in
            lock.withLock { self.continuation = continuation }
            session.dataTask(with: request).resume()
        }
    }

    private func finish(_ outcome: Outcome) {
        let waiting: CheckedContinuation<Outcome, Never>? = lock.withLock {
            if verdict == nil { verdict = outcome } else { return nil }
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: verdict ?? outcome)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        lock.withLock { status = http?.statusCode ?? 0 }
        if response.expectedContentLength > Int64(limit) {
            finish(.tooLarge)
            completionHandler(.cancel)
        } else {
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive chunk: Data) {
        let over: Bool = lock.withLock {
            data.append(chunk)
            return data.count > limit
        }
        if over {
            finish(.tooLarge)
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        finish(.redirected)
        completionHandler(nil)
        task.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            finish(.failed(error.localizedDescription))
        } else {
            let result: (Int, Data) = lock.withLock { (status, data) }
            finish(.success(status: result.0, data: result.1))
        }
    }
}
