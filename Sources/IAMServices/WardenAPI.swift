public import AWSQuery
import Foundation
import IAMPolicy
public import IAMPolicyCatalog
public import IAMStorage
public import Logging

/// The service layer's front door: authenticate a key, then authorize and run one operation and
/// render its response. The HTTP server calls only this.
public final class WardenAPI: Sendable {
    /// A rendered response: HTTP status and XML body.
    public struct Response: Sendable {
        public var status: Int
        public var body: String
        /// For a denial: the deciding statement, for the console (never sent on the wire).
        public var explanation: String?
        /// For an EC2 denial: the sentence the encoded message stands for.
        public var plainDenial: String?
        /// For an error: its AWS code (metrics; the audit event's `errorCode`) and message (`errorMessage`).
        public var errorCode: String?
        public var errorMessage: String?
    }

    let store: any IAMStore
    let box: SecretBox
    let now: @Sendable () -> Int64
    let logger: Logger
    /// Request, decision, sign-in and MFA counters (`/metrics`).
    public let metrics: WardenMetrics
    let cache: PolicyCache
    let credentials: CredentialResolver
    let authorizer: Authorizer
    let iam: IAMHandlers
    let sts: STSHandlers
    let ec2: EC2Handlers
    let roles: RoleHandlers
    let providers: ProviderHandlers
    let serverCertificates: ServerCertificateHandlers
    let analysis: AnalysisHandlers
    let standalone: StandaloneHandlers
    let messages: AuthorizationMessageCodec
    let mfa: MFAVerifier
    let federation: FederatedIdentityVerifier
    /// Drops this node's caches when another node changed the store (see `ClusterGeneration`).
    let generation: ClusterGeneration
    /// Milliseconds, for the generation checks.
    let millis: @Sendable () -> Int64
    /// The console MFA wizard's not-yet-enabled devices, in the store.
    public let pendingMFA: PendingMFADevices
    /// Web console sign-in and sessions.
    public let console: ConsoleSignIn
    /// The audit trail's in-memory buffer and batch writer (`Audit/`).
    public let audit: AuditRecorder

    /// `millis` is a millisecond clock for the cross-node cache checks (default: wall clock).
    public init(store: any IAMStore, box: SecretBox, catalog: ManagedPolicyCatalog,
                now: @escaping @Sendable () -> Int64, logger: Logger, metrics: WardenMetrics = .disabled,
                millis: @escaping @Sendable () -> Int64 = WardenAPI.wallClockMillis) {
        self.store = store
        self.metrics = metrics
        self.box = box
        self.now = now
        self.logger = logger
        self.millis = millis
        let credentials = CredentialResolver(store: store, box: box)
        self.credentials = credentials
        let cache = PolicyCache()
        self.cache = cache
        generation = ClusterGeneration(store: store) {
            cache.invalidate()
            credentials.invalidate()
        }
        pendingMFA = PendingMFADevices(store: store, box: box)
        messages = AuthorizationMessageCodec(box: box)
        let users = UserLookup(store: store, cache: cache)
        authorizer = Authorizer(store: store, users: users,
                                policies: PolicySetBuilder(store: store, catalog: catalog, cache: cache), messages: messages,
                                metrics: metrics)
        ec2 = EC2Handlers(store: store, now: now)
        let mfa = MFAVerifier(store: store, box: box, metrics: metrics)
        self.mfa = mfa
        federation = FederatedIdentityVerifier(store: store)
        let audit = AuditRecorder(store: store, logger: logger)
        self.audit = audit
        console = ConsoleSignIn(store: store, mfa: mfa, generation: generation, audit: audit, now: now, metrics: metrics)
        iam = IAMHandlers(store: store, box: box, catalog: catalog, mfa: mfa, users: users, now: now)
        roles = RoleHandlers(store: store, box: box, catalog: catalog, now: now)
        providers = ProviderHandlers(store: store, box: box, catalog: catalog, now: now)
        serverCertificates = ServerCertificateHandlers(store: store, box: box, catalog: catalog, now: now)
        analysis = AnalysisHandlers(store: store, box: box, catalog: catalog, now: now)
        standalone = StandaloneHandlers(store: store, box: box, catalog: catalog, now: now)
        sts = STSHandlers(store: store, box: box, mfa: mfa, messages: messages, now: now)
    }

    /// The secret to verify a signature with, and who the key belongs to.
    public func authenticate(accessKeyID: String, sessionToken: String?) async throws(AWSServiceError) -> (secret: String, caller: Caller) {
        await syncCaches()
        do {
            let resolved = try await credentials.resolve(accessKeyID: accessKeyID, sessionToken: sessionToken, now: now())
            return (resolved.secretAccessKey, resolved.caller)
        } catch let error as AWSServiceError {
            throw error
        } catch {
            logger.error("credential lookup failed", metadata: ["error": "\(error)"])
            throw AWSServiceError.serviceFailure("An internal error occurred.")
        }
    }

    /// Forgets cached credentials and policies on this node and, through the store's change
    /// generation, on every other node (after a write, a reset or an out-of-band change).
    public func invalidateCaches() async {
        await generation.changed()
    }

    /// Drops this node's caches when another node changed the store since the last look (at most
    /// one look per `ClusterGeneration.checkInterval`). Every entry point calls it.
    public func syncCaches() async {
        await generation.check(atMillis: millis())
    }

    public static func wallClockMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000).rounded(.down)) }

    public func handle(service: APIOperation.Service, parameters: QueryParameters, caller: Caller, facts: RequestFacts,
                       requestID: String) async -> Response {
        // Audit trail: one event per call, after the response is made (Audit/WardenAPI+Audit.swift).
        await audited(.signed(source: "\(service.rawValue).amazonaws.com", caller: caller), action: parameters.action ?? "",
                      parameters: parameters, facts: facts, requestID: requestID) {
            await serve(service: service, parameters: parameters, caller: caller, facts: facts, requestID: requestID)
        }
    }

    func serve(service: APIOperation.Service, parameters: QueryParameters, caller: Caller, facts: RequestFacts,
               requestID: String) async -> Response {
        await syncCaches()
        guard let action = parameters.action else {
            return error(.missingAction(), service: service, requestID: requestID)
        }
        guard let operation = APIOperation.named(action, service: service) else {
            return error(.invalidAction(action), service: service, requestID: requestID)
        }
        if Self.unsignedActions.contains(action) {
            // Signed anyway: the signature names nobody these operations care about.
            return await serveUnsigned(parameters: parameters, facts: facts, requestID: requestID)
        }
        do {
            var facts = facts
            if operation == .assumeRole, parameters["SerialNumber"] != nil || parameters["TokenCode"] != nil {
                // An MFA code sent with AssumeRole is checked before the gate, so that trust policies
                // requiring MFA see it (aws:MultiFactorAuthPresent).
                facts.mfaVerifiedAt = try await sts.verifyRequestMFA(parameters, caller)
            }
            var outcome = try await authorizer.authorize(operation, parameters, caller: caller, facts: facts)
            if operation == .decodeAuthorizationMessage, caller.user != nil {
                // Needs sts:DecodeAuthorizationMessage like any other permission.
                outcome = try await authorizer.authorizeAction("sts:DecodeAuthorizationMessage", caller: caller, facts: facts)
            }
            let result: String? = switch operation.family {
            case .iam: try await iam.perform(operation, parameters, caller)
            case .roles: try await roles.perform(operation, parameters, caller)
            case .providers: try await providers.perform(operation, parameters, caller)
            case .serverCertificates: try await serverCertificates.perform(operation, parameters, caller)
            case .analysis: try await analysis.perform(operation, parameters, caller)
            case .standalone: try await standalone.perform(operation, parameters, caller)
            case .sts: try await sts.perform(operation, parameters, caller)
            }
            if !(action.hasPrefix("Get") || action.hasPrefix("List")) { await invalidateCaches() }
            await credentials.recordUse(accessKeyID: caller.accessKeyID, at: facts.time, service: service.rawValue, region: facts.region)
            await credentials.recordRoleUse(caller, at: facts.time, region: facts.region)
            // Service last accessed (AnalysisHandlers): who used which action.
            await analysis.activity.record(caller: caller, action: outcome.action ?? "\(service.rawValue):\(action)",
                                           region: facts.region, at: facts.time)
            logger.debug("request", metadata: [
                "request-id": "\(requestID)", "action": "\(action)", "caller": "\(caller.arn)",
                "decided-by": "\(outcome.decision?.decidedBy?.description ?? (caller.isRoot ? "root" : "none"))",
            ])
            let body = QueryResponse.success(action: action, namespace: service.namespace, requestID: requestID,
                                             result: result.map { inner in { $0.raw(inner) } })
            return Response(status: 200, body: body)
        } catch let failure as AWSServiceError {
            logger.debug("request refused", metadata: [
                "request-id": "\(requestID)", "action": "\(action)", "caller": "\(caller.arn)", "code": "\(failure.code)",
            ])
            return error(failure, service: service, requestID: requestID)
        } catch let failure as QueryDecodingError {
            return error(AWSServiceError(failure.code, failure.message, status: failure.httpStatus), service: service,
                         requestID: requestID)
        } catch StorageError.conflict, StorageError.busy {
            return error(AWSServiceError("ConcurrentModification",
                                         "The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.",
                                         status: 409), service: service, requestID: requestID)
        } catch StorageError.notFound {
            return error(.noSuchEntity("The entity cannot be found."), service: service, requestID: requestID)

        } catch {
            logger.error("request failed", metadata: ["request-id": "\(requestID)", "action": "\(action)", "error": "\(error)"])
            return self.error(.serviceFailure("An internal error occurred. Request ID: \(requestID)"), service: service,
                              requestID: requestID)
        }
    }

    public func error(_ failure: AWSServiceError, service: APIOperation.Service, requestID: String) -> Response {
        Response(status: failure.httpStatus,
                 body: QueryErrorResponse.query(code: failure.code, message: failure.message, isSenderFault: failure.isSenderFault,
                                                requestID: requestID, namespace: service.namespace),
                 explanation: failure.explanation, errorCode: failure.code, errorMessage: failure.message)
    }
}
