import IAMServices
import IAMStorage
import ServiceLifecycle

/// Runs beside the HTTP server and, at graceful shutdown (after the server stopped taking
/// requests: services stop in reverse order), writes the audit events still buffered in memory,
/// then closes the store (PostgreSQL connections end cleanly).
struct ShutdownService: Service {
    let recorder: AuditRecorder
    let store: any IAMStore

    func run() async throws {
        // Wait for shutdown; cancellation (not graceful) ends the wait too.
        try? await gracefulShutdown()
        await recorder.drain()
        await store.close()
    }
}
