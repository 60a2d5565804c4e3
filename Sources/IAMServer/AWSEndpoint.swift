import AWSQuery
import AWSSigV4
import Foundation
import HTTPTypes
import Hummingbird
import IAMServices
import IAMStorage
import Logging

/// The AWS endpoint: one URL for every service, as moto and LocalStack do. The chain runs in
/// order: request id → body limit → decode → SigV4 authenticate → route by credential-scope
/// service and `Action` → authorize → dispatch → encode (all inside `WardenAPI` after routing).
struct AWSEndpoint: Sendable {
    let api: WardenAPI
    let configuration: WardenConfiguration
    let now: @Sendable () -> Int64
    let logger: Logger
    let signingKeys = SigningKeyCache()

    /// What the chain produced, before it becomes an HTTP response: the body and its content type.
    struct Routed {
        var response: WardenAPI.Response
        var contentType = "text/xml"
    }

    func respond(_ request: Request, _ context: WardenRequestContext) async -> Response {
        let started = ContinuousClock.now
        let requestID = WardenRequestID.current ?? Self.requestID()
        var labels = (service: WardenMetrics.Service.iam, operation: WardenMetrics.unknown)
        let routed = await route(request, context, requestID: requestID, labels: &labels)
        api.metrics.recordRequest(service: labels.service, operation: labels.operation, status: routed.response.status,
                                  errorCode: routed.response.errorCode,
                                  nanoseconds: RequestObservationMiddleware.nanoseconds(ContinuousClock.now - started))
        logger.info("request", metadata: [
            "request-id": "\(requestID)", "service": "\(labels.service.rawValue)", "operation": "\(labels.operation)",
            "status": "\(routed.response.status)", "code": "\(routed.response.errorCode ?? "none")",
        ])
        return render(routed.response, requestID, contentType: routed.contentType)
    }

    /// The chain itself; `labels` learns the request's bounded metric labels as routing does.
    func route(_ request: Request, _ context: WardenRequestContext, requestID: String,
               labels: inout (service: WardenMetrics.Service, operation: String)) async -> Routed {
        let service = APIOperation.Service.iam
        // Body, bounded.
        let body: [UInt8]
        do {
            let buffer = try await request.body.collect(upTo: configuration.maximumBodyBytes)
            body = Array(buffer.readableBytesView)
        } catch {
            let tooLarge = AWSServiceError("RequestEntityTooLarge",
                                           "Request body is larger than \(configuration.maximumBodyBytes) bytes.", status: 413)
            return Routed(response: api.error(tooLarge, service: service, requestID: requestID))
        }
        let rawQuery = request.uri.query ?? ""
        // AWS JSON 1.1 (CloudTrail): the operation is in X-Amz-Target and the body is JSON, not a form.
        let jsonTarget = HTTPField.Name("X-Amz-Target").flatMap { request.headers[$0] }
        let parameters: QueryParameters
        do {
            let fromQuery = try QueryParameters(formEncoded: rawQuery)
            let fromBody = request.method == .post && jsonTarget == nil
                ? try QueryParameters(formEncoded: String(decoding: body, as: UTF8.self)) : QueryParameters([])
            parameters = try fromQuery.merging(fromBody)
        } catch {
            return Routed(response: api.error(AWSServiceError(error.code, error.message, status: error.httpStatus),
                                              service: service, requestID: requestID))
        }
        labels = Self.labels(action: parameters.action, scope: nil)
        // HTTPTypes keeps Host apart, as the `:authority` pseudo-header; SigV4 signs it as `host`.
        var headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        if let authority = request.head.authority { headers.append((name: "host", value: authority)) }
        let signed = SigV4Request(method: request.method.rawValue, path: request.uri.path, query: rawQuery, headers: headers)
        let time = now()
        // AssumeRoleWithWebIdentity / AssumeRoleWithSAML are called unsigned (the token is the proof).
        if let action = parameters.action, WardenAPI.unsignedActions.contains(action),
           request.headers[.authorization] == nil, !rawQuery.contains("X-Amz-Signature=") {
            var facts = RequestFacts(time: time, sourceIP: Self.sourceIP(context), secureTransport: false, region: "us-east-1")
            facts.userAgent = request.headers[.userAgent]
            return Routed(response: await api.handleUnsigned(parameters: parameters, facts: facts, requestID: requestID))
        }
        let authorization: SigV4Authorization
        switch SigV4.parseAuthorization(signed) {
        case .success(let parsed): authorization = parsed
        case .failure(let failure):
            let refused = AWSServiceError(failure.code.awsCode, failure.message, status: failure.code.httpStatus)
            return Routed(response: api.error(refused, service: service, requestID: requestID))
        }
        labels = Self.labels(action: parameters.action, scope: authorization.service)
        // Route by the credential scope's service: IAM and STS (Query), EC2, or anything else.
        let target: APIOperation.Service = authorization.service == "sts" ? .sts : .iam
        let isJSON = authorization.service == "cloudtrail" && jsonTarget != nil
        // Refusals before routing, in the protocol the client speaks (JSON for CloudTrail).
        func refuse(_ failure: AWSServiceError) -> Routed {
            isJSON ? Routed(response: api.jsonError(failure), contentType: "application/x-amz-json-1.1")
                : Routed(response: api.error(failure, service: target, requestID: requestID))
        }
        let caller: Caller
        do {
            let (secret, found) = try await api.authenticate(accessKeyID: authorization.accessKeyID,
                                                             sessionToken: authorization.securityToken)
            let payloadHash = Self.payloadHash(request.headers, body)
            let signingKey = signingKeys.key(accessKeyID: authorization.accessKeyID, secret: secret, date: authorization.date,
                                             region: authorization.region, service: authorization.service)
            if case .failure(let failure) = SigV4.verify(signed, authorization, signingKey: signingKey,
                                                         payloadSHA256: payloadHash, now: time) {
                return refuse(AWSServiceError(failure.code.awsCode, failure.message, status: failure.code.httpStatus))
            }
            caller = found
        } catch let failure {
            guard configuration.acceptAnyCredentials, failure.code == "InvalidClientTokenId" else {
                return refuse(failure)
            }
            caller = Caller(accountID: WardenConfiguration.anyCredentialsAccount, user: nil,
                            accessKeyID: authorization.accessKeyID)
        }
        var facts = RequestFacts(time: time, sourceIP: Self.sourceIP(context), secureTransport: false,
                                 region: authorization.region)
        facts.userAgent = request.headers[.userAgent]
        switch authorization.service {
        case "iam", "sts":
            return Routed(response: await api.handle(service: target, parameters: parameters, caller: caller, facts: facts,
                                                     requestID: requestID))
        case "ec2":
            return Routed(response: await api.handleEC2(parameters: parameters, caller: caller, facts: facts,
                                                        requestID: requestID))
        case "cloudtrail" where jsonTarget != nil:
            let response = await api.handleCloudTrail(target: jsonTarget ?? "", body: body, caller: caller, facts: facts,
                                                      requestID: requestID)
            return Routed(response: response, contentType: "application/x-amz-json-1.1")
        default:
            let (action, format) = Self.otherServiceAction(request, parameters, service: authorization.service)
            let response = await api.handleOtherService(service: authorization.service, action: action, format: format,
                                                        caller: caller, facts: facts, requestID: requestID)
            return Routed(response: response, contentType: format == .json ? "application/x-amz-json-1.1" : "text/xml")
        }
    }

    /// Metric labels from the operation tables: the credential scope's service when known (else
    /// the service whose table has the action), and `unknown` for actions no table has.
    static func labels(action: String?, scope: String?) -> (service: WardenMetrics.Service, operation: String) {
        switch scope {
        case "iam": return (.iam, WardenMetrics.operation(action, service: .iam))
        case "sts": return (.sts, WardenMetrics.operation(action, service: .sts))
        case "ec2": return (.ec2, WardenMetrics.ec2Operation(action))
        case .some: return (.other, WardenMetrics.unknown)
        case nil:
            let sts = WardenMetrics.operation(action, service: .sts)
            if sts != WardenMetrics.unknown { return (.sts, sts) }
            return (.iam, WardenMetrics.operation(action, service: .iam))
        }
    }

    /// A random UUID-shaped request id, from the system generator (getrandom, not a file per call).
    static func requestID() -> String {
        var rng = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        var high = rng.next() as UInt64
        var low = rng.next() as UInt64
        for i in 0..<32 {
            if i == 8 || i == 12 || i == 16 || i == 20 { bytes.append(UInt8(ascii: "-")) }
            let nibble: UInt64
            if i < 16 {
                nibble = high & 0xF
                high >>= 4
            } else {
                nibble = low & 0xF
                low >>= 4
            }
            bytes.append(hex[Int(nibble)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The hash the signature covers: `UNSIGNED-PAYLOAD` when the client says so, else the real
    /// body's SHA-256 (the AWS CLI signs form POSTs without X-Amz-Content-Sha256).
    static func payloadHash(_ headers: HTTPFields, _ body: [UInt8]) -> String {
        if let name = HTTPField.Name("X-Amz-Content-Sha256"), headers[name] == "UNSIGNED-PAYLOAD" {
            return "UNSIGNED-PAYLOAD"
        }
        return SigV4.sha256Hex(body)
    }

    static func sourceIP(_ context: WardenRequestContext) -> String {
        context.remoteAddress?.ipAddress ?? "127.0.0.1"
    }

    /// The action of a request to a service Warden does not implement: the Query `Action`, the
    /// JSON protocol's `X-Amz-Target` (`DynamoDB_20120810.ListTables`), or S3's ListBuckets.
    static func otherServiceAction(_ request: Request, _ parameters: QueryParameters, service: String)
        -> (String, WardenAPI.OtherServiceFormat) {
        if let action = parameters.action { return (action, .query) }
        if let name = HTTPField.Name("X-Amz-Target"), let target = request.headers[name] {
            return (String(target.split(separator: ".").last ?? Substring(target)), .json)
        }
        if service == "s3" && request.method == .get && request.uri.path == "/" { return ("ListAllMyBuckets", .restXML) }
        return ("Unknown", .restXML)
    }

    func render(_ response: WardenAPI.Response, _ requestID: String, contentType: String = "text/xml") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if let name = HTTPField.Name("x-amzn-RequestId") { headers[name] = requestID }
        return Response(status: HTTPResponse.Status(code: response.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: response.body)))
    }
}
