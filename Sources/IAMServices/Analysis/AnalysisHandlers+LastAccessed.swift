import AWSQuery
import Foundation
import IAMModel
import IAMStorage

extension AnalysisHandlers {
    /// Jobs older than this are forgotten when a new one is made.
    static let reportJobLifetime: Int64 = 30 * 86_400

    /// A principal whose activity a report counts: a user (or, with roles, a role).
    struct ReportPrincipal: Sendable {
        var id: String
        var arn: String
        var name: String
        var path: String
        /// `USER` or `ROLE`.
        var type: String
    }

    func generateServiceLastAccessedDetails(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let arn = try arnParameter(p, "Arn")
        let granularity = p["Granularity"] ?? "SERVICE_LEVEL"
        guard ["SERVICE_LEVEL", "ACTION_LEVEL"].contains(granularity) else {
            throw AWSServiceError.validationError(IAMNames.violation(granularity, at: "granularity",
                                                                     "Member must satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]"))
        }
        _ = try await entity(arn, allowing: [.user, .group, .role, .policy], caller)
        let time = now()
        let job = IAMAccessReportJob(id: UUID().uuidString.lowercased(), accountID: caller.accountID, requesterARN: caller.arn,
                                     entityARN: arn, granularity: granularity, createdAt: time)
        try await store.deleteAccessReportJobs(createdBefore: time - Self.reportJobLifetime)
        try await store.createAccessReportJob(job)
        return write { $0.element("JobId", job.id) }
    }

    func getServiceLastAccessedDetails(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let job = try await reportJob(p, caller)
        let maxItems = try p.int("MaxItems")
        let marker = p["Marker"]
        let report: ServiceAccessReport
        do {
            let entity = try await entity(job.entityARN, allowing: [.user, .group, .role, .policy], caller)
            let documents = try await permissionsPolicies(entity, caller).map(\.document)
            let principals = try await reportPrincipals(entity, caller)
            let activity = try await store.activity(principalIDs: principals.map(\.id)).filter { $0.at <= job.createdAt }
            report = ServiceAccessReport(grants: ServiceGrants(catalog: try actionCatalog(), documents: documents), activity: activity,
                                         actionLevel: job.granularity == "ACTION_LEVEL")
        } catch let failure as AWSServiceError where failure.code == "NoSuchEntity" {
            // The entity was deleted after the job was made: the job failed.
            _ = try Paginator.page([Int](), marker: marker, maxItems: maxItems)
            return write { xml in
                xml.element("JobStatus", "FAILED")
                xml.element("JobType", job.granularity)
                xml.timestamp("JobCreationDate", job.createdAt)
                xml.open("ServicesLastAccessed")
                xml.close("ServicesLastAccessed")
                xml.timestamp("JobCompletionDate", job.createdAt)
                xml.element("IsTruncated", false)
                xml.open("Error")
                xml.element("Message", failure.message)
                xml.element("Code", failure.code)
                xml.close("Error")
            }
        }
        let page = try Paginator.page(report.services, marker: marker, maxItems: maxItems)
        return write { xml in
            xml.element("JobStatus", "COMPLETED")
            xml.element("JobType", job.granularity)
            xml.timestamp("JobCreationDate", job.createdAt)
            xml.list("ServicesLastAccessed", page.items) { xml, service in
                xml.element("ServiceName", service.name)
                if let use = service.lastUse { xml.timestamp("LastAuthenticated", use.at) }
                xml.element("ServiceNamespace", service.namespace)
                if let use = service.lastUse {
                    xml.element("LastAuthenticatedEntity", use.entityARN)
                    xml.element("LastAuthenticatedRegion", use.region)
                }
                xml.element("TotalAuthenticatedEntities", service.authenticatedEntities)
                if let tracked = service.trackedActions {
                    xml.list("TrackedActionsLastAccessed", tracked) { xml, action in
                        xml.element("ActionName", action.name)
                        if let use = action.lastUse {
                            xml.element("LastAccessedEntity", use.entityARN)
                            xml.timestamp("LastAccessedTime", use.at)
                            xml.element("LastAccessedRegion", use.region)
                        }
                    }
                }
            }
            xml.timestamp("JobCompletionDate", job.createdAt)
            xml.pagination(page)
        }
    }

    func getServiceLastAccessedDetailsWithEntities(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let job = try await reportJob(p, caller)
        let namespace = try p.required("ServiceNamespace")
        try Self.checkNamespace(namespace, field: "serviceNamespace")
        let entity = try await entity(job.entityARN, allowing: [.user, .group, .role, .policy], caller)
        let documents = try await permissionsPolicies(entity, caller).map(\.document)
        var details: [(principal: ReportPrincipal, last: Int64?)] = []
        if ServiceGrants(catalog: try actionCatalog(), documents: documents).grants(service: namespace) {
            let principals = try await reportPrincipals(entity, caller)
            let activity = try await store.activity(principalIDs: principals.map(\.id))
                .filter { $0.at <= job.createdAt && $0.service == namespace.lowercased() }
            // The users (and roles) that used the service, most recent first.
            details = principals.compactMap { principal in
                activity.filter { $0.principalID == principal.id }.map(\.at).max().map { (principal, $0) }
            }
            details.sort { a, b in
                if a.last != b.last { return (a.last ?? Int64.min) > (b.last ?? Int64.min) }
                return a.principal.name.lowercased() < b.principal.name.lowercased()
            }
        }
        let page = try Paginator.page(details, marker: p["Marker"], maxItems: try p.int("MaxItems"))
        return write { xml in
            xml.element("JobStatus", "COMPLETED")
            xml.timestamp("JobCreationDate", job.createdAt)
            xml.timestamp("JobCompletionDate", job.createdAt)
            xml.list("EntityDetailsList", page.items) { xml, detail in
                xml.open("EntityInfo")
                xml.element("Arn", detail.principal.arn)
                xml.element("Name", detail.principal.name)
                xml.element("Type", detail.principal.type)
                xml.element("Id", detail.principal.id)
                xml.element("Path", detail.principal.path)
                xml.close("EntityInfo")
                if let last = detail.last { xml.timestamp("LastAuthenticated", last) }
            }
            xml.pagination(page)
        }
    }

    /// The job named by `JobId`, if the caller made it.
    private func reportJob(_ p: QueryParameters, _ caller: Caller) async throws -> IAMAccessReportJob {
        let id = try p.required("JobId")
        guard id.count == 36 else {
            let constraint = id.count < 36 ? "Member must have length greater than or equal to 36"
                : "Member must have length less than or equal to 36"
            throw AWSServiceError.validationError(IAMNames.violation(String(id.prefix(64)), at: "jobId", constraint))
        }
        // Only the principal that generated a report may read it (AWS documents the same rule).
        guard let job = try await store.accessReportJob(id: id), job.accountID == caller.accountID, job.requesterARN == caller.arn else {
            throw AWSServiceError.noSuchEntity("The job with id \(id) cannot be found.")
        }
        return job
    }

    /// Whose activity the report counts: the user or role itself, a group's members, or the users a
    /// policy is attached to directly or through their groups.
    func reportPrincipals(_ entity: AnalysisEntity, _ caller: Caller) async throws -> [ReportPrincipal] {
        var users: [IAMUser] = []
        switch entity {
        case .identity(let identity) where identity.kind == .group:
            users = try await store.members(groupID: identity.id)
        case .identity(let identity):
            return [ReportPrincipal(id: identity.id, arn: identity.arn, name: identity.name, path: identity.path,
                                    type: identity.entityType)]
        case .policy(let arn, _):
            // Roles the policy is attached to: add them here from `.role` references.
            for principal in try await store.entities(policyARN: arn) {
                if case .user(let id) = principal, let user = try await store.user(id: id), user.accountID == caller.accountID {
                    users.append(user)
                } else if case .group(let id) = principal, let group = try await store.group(id: id), group.accountID == caller.accountID {
                    users += try await store.members(groupID: group.id)
                }
            }
        }
        var seen: Set<String> = []
        return users.filter { seen.insert($0.id).inserted }
            .map { ReportPrincipal(id: $0.id, arn: $0.arn, name: $0.name, path: $0.path, type: "USER") }
    }

    /// `serviceNamespaceType`: 1 to 64 characters of `[\w-]`.
    static func checkNamespace(_ namespace: String, field: String) throws {
        if namespace.isEmpty || namespace.count > 64 {
            let constraint = namespace.isEmpty ? "Member must have length greater than or equal to 1"
                : "Member must have length less than or equal to 64"
            throw AWSServiceError.validationError(IAMNames.violation(String(namespace.prefix(64)), at: field, constraint))
        }
        guard namespace.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }) else {
            throw AWSServiceError.validationError(IAMNames.violation(namespace, at: field, "Member must satisfy regular expression pattern: [\\w-]*"))
        }
    }
}
