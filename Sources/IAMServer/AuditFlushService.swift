import IAMServices
import ServiceLifecycle

/// Runs beside the HTTP server and, at graceful shutdown (after the server stopped taking
/// requests: services stop in reverse order), writes the audit events still buffered in memory.
struct AuditFlushService: Service {
    let recorder: AuditRecorder

    func run() async throws {
        // Wait for shutdown; cancellation (not graceful) ends the wait too.
        try? await gracefulShutdown()
        await recorder.drain()
    }
}
