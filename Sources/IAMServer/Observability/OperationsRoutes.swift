import Hummingbird
import HTTPTypes
import IAMStorage
package import Logging
import Prometheus

/// `/healthz` (the process answers), `/readyz` (the store answers a trivial query) and `/metrics`
/// (Prometheus text format). None is signed or authorized, and none reaches the AWS endpoint,
/// which only serves `/`.
package enum OperationsRoutes {
    /// How long `/readyz` waits for the store before answering 503.
    static let readinessTimeout: Duration = .seconds(2)

    static func register(on router: Router<WardenRequestContext>, store: any IAMStore, registry: PrometheusCollectorRegistry?,
                         logger: Logger) {
        router.get("/healthz") { _, _ in json(.ok, #"{"status":"ok"}"#) }
        router.get("/readyz") { _, _ in
            if await ready(ping: { try await store.ping() }, timeout: readinessTimeout, logger: logger) {
                return json(.ok, #"{"status":"ready"}"#)
            }
            return json(.serviceUnavailable, #"{"status":"unavailable"}"#)
        }
        if let registry {
            router.get("/metrics") { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                headers[.cacheControl] = "no-store"
                return Response(status: .ok, headers: headers,
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
            }
        }
    }

    /// True when `ping` (the store's `SELECT 1`) returned within `timeout`. It runs in its own task,
    /// so a store that hangs cannot hold the probe past the timeout.
    package static func ready(ping: @escaping @Sendable () async throws -> Void, timeout: Duration,
                              logger: Logger) async -> Bool {
        let answered = FirstAnswer()
        return await withCheckedContinuation { continuation in
            Task {
                var ready = false
                do {
                    try await ping()
                    ready = true
                } catch {
                    logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                }
                if answered.claim() { continuation.resume(returning: ready) }
            }
            Task {
                try? await Task.sleep(for: timeout)
                if answered.claim() {
                    logger.warning("readiness check timed out")
                    continuation.resume(returning: false)
                }
            }
        }
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
