import Hummingbird
import HTTPTypes
import IAMStorage
import Logging
import Prometheus

/// `/healthz` (the process answers), `/readyz` (the store answers a trivial query) and `/metrics`
/// (Prometheus text format). None is signed or authorized, and none reaches the AWS endpoint,
/// which only serves `/`.
enum OperationsRoutes {
    /// How long `/readyz` waits for the store before answering 503.
    static let readinessTimeout: Duration = .seconds(2)

    static func register(on router: Router<WardenRequestContext>, store: any IAMStore, registry: PrometheusCollectorRegistry?,
                         logger: Logger) {
        router.get("/healthz") { _, _ in json(.ok, #"{"status":"ok"}"#) }
        router.get("/readyz") { _, _ in
            if await ready(store, logger: logger) { return json(.ok, #"{"status":"ready"}"#) }
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

    /// True when the store answered `SELECT 1` within `readinessTimeout`.
    static func ready(_ store: any IAMStore, logger: Logger) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await store.ping()
                    return true
                } catch {
                    logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: readinessTimeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
