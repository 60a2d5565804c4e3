import AWSQuery
import IAMModel
import IAMPolicyCatalog
import IAMStorage

extension RoleHandlers {
    func createServiceLinkedRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let service = try p.name("AWSServiceName", maxLength: 128)
        let suffix = p["CustomSuffix"] == nil ? nil : try p.name("CustomSuffix", maxLength: 64)
        let description = try roleDescription(p)
        guard let entry = ServiceLinkedRoles.entry(for: service) else {
            throw AWSServiceError.invalidInput("Invalid service principal \(service): service-linked roles are linked to AWS service principals such as elasticbeanstalk.amazonaws.com.")
        }
        if suffix != nil && !entry.acceptsSuffix {
            throw AWSServiceError.invalidInput("Custom suffix is not allowed for \(service)")
        }
        let name = entry.roleName + (suffix.map { "_" + $0 } ?? "")
        guard name.count <= 64 else {
            throw AWSServiceError.invalidInput("The role name \(name) is longer than 64 characters: use a shorter suffix.")
        }
        let taken = AWSServiceError.invalidInput("Service role name \(name) has been taken in this account, please try a different suffix.")
        if try await store.role(accountID: caller.accountID, name: name) != nil { throw taken }
        let count = try await store.entityCounts(accountID: caller.accountID)["Roles"] ?? 0
        guard count < IAMQuotas.roles else {
            throw AWSServiceError.limitExceeded("Cannot exceed quota for RolesPerAccount: \(IAMQuotas.roles)")
        }
        var rng = SystemRandomNumberGenerator()
        let role = IAMRole(id: IAMIdentifiers.uniqueID("AROA", using: &rng), accountID: caller.accountID, name: name,
                           path: ServiceLinkedRoles.path(service: service),
                           trustPolicy: ServiceLinkedRoles.trustPolicy(service: service), description: description,
                           createdAt: now(), linkedService: service)
        do {
            try await store.createRole(role)
        } catch StorageError.conflict {
            throw taken
        }
        // The service's own managed policy, when the catalog has it.
        if let policy = entry.policyName.map({ IAMARN.awsManagedPrefix + "aws-service-role/" + $0 }), catalog.policy(policy) != nil {
            try await store.attach(.role(role.id), policyARN: policy, at: now())
        }
        return write { $0.role(role, style: .created) }
    }

    /// Deletes the role at once (Warden's services hold no resources that would keep it) and
    /// records a deletion task that has already succeeded.
    func deleteServiceLinkedRole(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let role = try await existingRole(p, caller)
        guard let service = role.linkedService else {
            throw AWSServiceError.noSuchEntity("The service-linked role with name \(role.name) cannot be found: \(role.name) is not a service-linked role.")
        }
        var rng = SystemRandomNumberGenerator()
        let task = IAMRoleDeletionTask(
            id: ServiceLinkedRoles.deletionTaskID(service: service, roleName: role.name, uuid: Self.uuid(using: &rng)),
            accountID: caller.accountID, status: .succeeded, createdAt: now())
        try await store.deleteRole(id: role.id)
        try await store.createDeletionTask(task)
        return write { $0.element("DeletionTaskId", task.id) }
    }

    func getServiceLinkedRoleDeletionStatus(_ p: QueryParameters, _ caller: Caller) async throws -> String? {
        let id = try p.required("DeletionTaskId")
        if id.isEmpty || id.count > 1_000 {
            throw AWSServiceError.validationError(IAMNames.violation(String(id.prefix(1_000)), at: "deletionTaskId",
                                                                     "Member must have length between 1 and 1000"))
        }
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "task", parts[1] == "aws-service-role", parts.allSatisfy({ !$0.isEmpty }) else {
            throw AWSServiceError.invalidInput("Invalid deletion task id \(id): expected task/aws-service-role/<service>/<role name>/<id>.")
        }
        guard let task = try await store.deletionTask(id: id), task.accountID == caller.accountID else {
            throw AWSServiceError.noSuchEntity("The deletion task with id \(id) cannot be found.")
        }
        return write { $0.element("Status", task.status.rawValue) }
    }

    /// A random (version 4) UUID in lowercase: the last part of a deletion task id.
    static func uuid(using rng: inout some RandomNumberGenerator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
        var out = ""
        for (i, c) in hex.enumerated() {
            if [8, 12, 16, 20].contains(i) { out.append("-") }
            out.append(c)
        }
        return out
    }
}
