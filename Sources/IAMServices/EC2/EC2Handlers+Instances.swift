import AWSQuery
import Foundation

/// RunInstances, DescribeInstances, DescribeInstanceStatus and the state changes. Each instance is one JSON document
/// (`EC2Kind.instance`); transitions complete lazily (`EC2InstanceState.settle`) and every read saves what settled.
extension EC2Handlers {
    enum StateChange { case start, stop, terminate }

    /// The instance types Warden launches: a few common families (botocore's `InstanceType` enum has them all).
    static let instanceTypes: Set<String> = {
        let burstable = ["nano", "micro", "small", "medium", "large", "xlarge", "2xlarge"]
        let general = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"]
        let compute = ["large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge"]
        var types: Set<String> = []
        for family in ["t2", "t3", "t3a"] { types.formUnion(burstable.map { "\(family).\($0)" }) }
        for family in ["m5", "r5"] { types.formUnion(general.map { "\(family).\($0)" }) }
        types.formUnion(compute.map { "c5.\($0)" })
        return types
    }()

    static let defaultInstanceType = "t2.micro"
    /// The default On-Demand instance limit a new account gets in each region.
    static let launchLimit = 20
    /// Idempotency records for RunInstances' `ClientToken` (one document per token).
    static let runTokenKind = "run-instances-token"

    /// Resource ids are unique across accounts and kinds, so a client's token is stored under its account and region.
    static func runTokenID(_ token: String, _ scope: Scope) -> String { "run-token|\(scope.accountID)|\(scope.region)|\(token)" }

    struct RunToken: Codable {
        var reservationId: String
        var instanceIds: [String]
        var fingerprint: String
    }

    func runInstances(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let count = try launchCount(p)
        guard let imageID = p["ImageId"] else { throw AWSServiceError.ec2MissingParameter("ImageId") }
        guard imageID.hasPrefix("ami-") else {
            throw AWSServiceError.ec2("InvalidAMIID.Malformed", "Invalid id: \"\(imageID)\" (expecting \"ami-...\")")
        }
        guard EC2Catalog.image(imageID) != nil else {
            throw AWSServiceError.ec2("InvalidAMIID.NotFound", "The image id '[\(imageID)]' does not exist")
        }
        let instanceType = p["InstanceType"] ?? Self.defaultInstanceType
        guard Self.instanceTypes.contains(instanceType) else {
            throw AWSServiceError.invalidParameterValue("Invalid value '\(instanceType)' for InstanceType.")
        }
        let tags = try Self.validatedNewTags(tagSpecifications(p, resourceType: "instance"), existing: [])
        let fingerprint = Self.fingerprint(p)
        let tokenID = p["ClientToken"].map { Self.runTokenID($0, scope) }
        if let tokenID, let earlier = try await load(RunToken.self, kind: Self.runTokenKind, id: tokenID, scope) {
            guard earlier.fingerprint == fingerprint else {
                throw AWSServiceError.ec2("IdempotentParameterMismatch",
                                          "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).")
            }
            let instances = try await liveInstances(scope).filter { earlier.instanceIds.contains($0.instanceId) }
            return try await reservationXML(earlier.reservationId, instances, scope)
        }
        let keyName = try await launchKeyName(p, scope)
        let subnet = try launchSubnet(p, scope)
        let groupIDs = try await launchGroups(p, scope)
        let existing = try await loadAll(EC2Instance.self, kind: EC2Kind.instance, scope)
        var usedPrivate = Set(existing.map(\.privateIpAddress))
        var usedPublic = Set(existing.compactMap(\.publicIpAddress))
        let reservationID = Self.newID("r")
        let time = now()
        var launched: [EC2Instance] = []
        for index in 0..<count {
            let instance = EC2Instance(
                instanceId: Self.newID("i"), reservationId: reservationID, imageId: imageID, instanceType: instanceType,
                keyName: keyName, groupIds: groupIDs, subnetId: subnet.id,
                vpcId: EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID), availabilityZone: subnet.zone,
                privateIpAddress: try Self.allocatePrivateIP(in: subnet.cidr, used: &usedPrivate),
                publicIpAddress: Self.allocatePublicIP(used: &usedPublic), launchTime: time, amiLaunchIndex: index,
                state: "pending", stateSince: time, stateTransitionReason: "", stateReasonCode: "pending",
                stateReasonMessage: "pending", tags: tags, ownerId: scope.accountID)
            try await save(instance, kind: EC2Kind.instance, id: instance.instanceId, scope)
            launched.append(instance)
        }
        if let tokenID {
            let record = RunToken(reservationId: reservationID, instanceIds: launched.map(\.instanceId), fingerprint: fingerprint)
            try await save(record, kind: Self.runTokenKind, id: tokenID, scope)
        }
        return try await reservationXML(reservationID, launched, scope)
    }

    /// How many instances to launch: MaxCount capped at the limit, as long as MinCount fits (AWS launches "the
    /// largest possible number of instances above MinCount").
    func launchCount(_ p: QueryParameters) throws -> Int {
        guard let minCount = try p.int("MinCount") else { throw AWSServiceError.ec2MissingParameter("MinCount") }
        guard let maxCount = try p.int("MaxCount") else { throw AWSServiceError.ec2MissingParameter("MaxCount") }
        guard minCount >= 1 else {
            throw AWSServiceError.invalidParameterValue("Value (\(minCount)) for parameter minCount is invalid. Expected: '> 0'.")
        }
        guard maxCount >= 1 else {
            throw AWSServiceError.invalidParameterValue("Value (\(maxCount)) for parameter maxCount is invalid. Expected: '> 0'.")
        }
        guard minCount <= maxCount else {
            throw AWSServiceError.invalidParameterValue(
                "Value (\(minCount)) for parameter minCount is invalid. MinCount must be less than or equal to MaxCount (\(maxCount)).")
        }
        guard minCount <= Self.launchLimit else {
            throw AWSServiceError.ec2("InstanceLimitExceeded",
                                      "You have requested more instances (\(minCount)) than your current instance limit of "
                                          + "\(Self.launchLimit) allows for the specified instance type. Please visit "
                                          + "http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.")
        }
        return min(maxCount, Self.launchLimit)
    }

    func launchKeyName(_ p: QueryParameters, _ scope: Scope) async throws -> String? {
        guard let name = p["KeyName"] else { return nil }
        guard try await keyPair(named: name, scope) != nil else { throw AWSServiceError.keyPairNotFound(name) }
        return name
    }

    /// `SubnetId` (or the first network interface's), else the default subnet of `Placement.AvailabilityZone`, else
    /// the first default subnet.
    func launchSubnet(_ p: QueryParameters, _ scope: Scope) throws -> (id: String, zone: String, cidr: String) {
        let subnets = EC2Catalog.defaultSubnets(region: scope.region, account: scope.accountID)
        if let id = p["SubnetId"] ?? p["NetworkInterface.1.SubnetId"] {
            guard let subnet = subnets.first(where: { $0.id == id }) else {
                throw AWSServiceError.ec2("InvalidSubnetID.NotFound", "The subnet ID '\(id)' does not exist")
            }
            return subnet
        }
        if let zone = p["Placement.AvailabilityZone"] {
            guard let subnet = subnets.first(where: { $0.zone == zone }) else {
                throw AWSServiceError.invalidParameterValue("Invalid availability zone: [\(zone)]")
            }
            return subnet
        }
        guard let first = subnets.first else {
            let vpc = EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID)
            throw AWSServiceError.ec2("MissingInput", "No subnets found for the default VPC '\(vpc)'. Please specify a subnet.")
        }
        return first
    }

    /// `SecurityGroupId.N` and `SecurityGroup.N` (names) resolved to ids; the VPC's default group when neither is given.
    func launchGroups(_ p: QueryParameters, _ scope: Scope) async throws -> [String] {
        let ids = try list(p, "SecurityGroupId") + (try p.flatList("NetworkInterface.1.SecurityGroupId", limit: 16) ?? [])
        let names = try list(p, "SecurityGroup")
        guard !ids.isEmpty || !names.isEmpty else { return [try await defaultSecurityGroup(scope).groupId] }
        var result: [String] = []
        for id in ids {
            guard id.hasPrefix("sg-") else { throw AWSServiceError.malformedGroupID(id) }
            guard try await securityGroup(id: id, scope) != nil else { throw AWSServiceError.groupNotFound(id) }
            if !result.contains(id) { result.append(id) }
        }
        for name in names {
            guard let group = try await securityGroup(named: name, scope) else {
                throw AWSServiceError.groupNameNotFound(name, vpc: EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID))
            }
            if !result.contains(group.groupId) { result.append(group.groupId) }
        }
        return result
    }

    func describeInstances(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let ids = try list(p, "InstanceId")
        if !ids.isEmpty, p["MaxResults"] != nil {
            throw AWSServiceError.ec2("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults")
        }
        let filters = try self.filters(p)
        for filter in filters where !Self.isInstanceFilter(filter.name) { throw AWSServiceError.unknownNetworkFilter(filter.name) }
        let context = try await instanceContext(scope)
        let candidates = ids.isEmpty ? try await liveInstances(scope) : try await requireInstances(ids, scope)
        let matching = candidates.filter { instance in
            filters.allSatisfy { Self.instanceMatches($0, instance, context) }
        }
        let (page, nextToken) = try pageOfResults(matching, p)
        var xml = XMLWriter()
        Self.writeReservations(&xml, Array(page), context)
        xml.optionalElement("nextToken", nextToken)
        return xml.text
    }

    func describeInstanceStatus(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let ids = try list(p, "InstanceId")
        if !ids.isEmpty, p["MaxResults"] != nil {
            throw AWSServiceError.ec2("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults")
        }
        let includeAll = try p.bool("IncludeAllInstances") ?? false
        let filters = try self.filters(p)
        for filter in filters where Self.statusFilterValues(filter.name, nil) == nil { throw AWSServiceError.unknownNetworkFilter(filter.name) }
        let candidates = ids.isEmpty ? try await liveInstances(scope) : try await requireInstances(ids, scope)
        let matching = candidates.filter { instance in
            (includeAll || instance.state == "running") && filters.allSatisfy { filter in
                let values = Self.statusFilterValues(filter.name, instance) ?? []
                return filter.values.contains { pattern in values.contains { EC2Filters.like(pattern, $0) } }
            }
        }
        let (page, nextToken) = try pageOfResults(matching, p)
        var xml = XMLWriter()
        xml.open("instanceStatusSet")
        for instance in page { Self.writeInstanceStatus(&xml, instance) }
        xml.close("instanceStatusSet")
        xml.optionalElement("nextToken", nextToken)
        return xml.text
    }

    func changeState(_ p: QueryParameters, _ scope: Scope, to change: StateChange) async throws -> String {
        let ids = try list(p, "InstanceId")
        guard !ids.isEmpty else { throw AWSServiceError.ec2MissingParameter("InstanceId") }
        let live = try await liveInstances(scope)
        let instances = try Self.select(ids, from: live)
        for instance in instances { try Self.checkTransition(change, instance) }
        let time = now()
        var usedPublic = Set(live.compactMap(\.publicIpAddress))
        var xml = XMLWriter()
        xml.open("instancesSet")
        for var instance in instances {
            let previous = instance.state
            Self.apply(change, to: &instance, at: time, usedPublic: &usedPublic)
            if instance.state != previous { try await save(instance, kind: EC2Kind.instance, id: instance.instanceId, scope) }
            xml.open("item")
            xml.element("instanceId", instance.instanceId)
            Self.writeState(&xml, "currentState", instance.state)
            Self.writeState(&xml, "previousState", previous)
            xml.close("item")
        }
        xml.close("instancesSet")
        return xml.text
    }

    func rebootInstances(_ p: QueryParameters, _ scope: Scope) async throws -> String {
        let ids = try list(p, "InstanceId")
        guard !ids.isEmpty else { throw AWSServiceError.ec2MissingParameter("InstanceId") }
        for instance in try await requireInstances(ids, scope) where !["running", "pending"].contains(instance.state) {
            throw Self.incorrectState(instance.instanceId, "rebooted")
        }
        return "<return>true</return>"
    }

    // MARK: State

    static func checkTransition(_ change: StateChange, _ instance: EC2Instance) throws {
        switch (change, instance.state) {
        case (.start, "stopping"), (.start, "shutting-down"), (.start, "terminated"):
            throw incorrectState(instance.instanceId, "started")
        case (.stop, "shutting-down"), (.stop, "terminated"):
            throw incorrectState(instance.instanceId, "stopped")
        default: return
        }
    }

    /// AWS's transitions: start takes stopped to pending (with a new public address), stop takes pending or running
    /// to stopping, terminate takes anything not yet shutting down to shutting-down; other states stay as they are.
    static func apply(_ change: StateChange, to instance: inout EC2Instance, at time: Int64, usedPublic: inout Set<String>) {
        switch (change, instance.state) {
        case (.start, "stopped"):
            EC2InstanceState.set(&instance, "pending", at: time)
            instance.publicIpAddress = allocatePublicIP(used: &usedPublic)
            instance.stateTransitionReason = ""
            instance.stateReasonCode = nil
            instance.stateReasonMessage = nil
        case (.stop, "pending"), (.stop, "running"):
            userInitiatedShutdown(&instance, to: "stopping", at: time)
        case (.terminate, "pending"), (.terminate, "running"), (.terminate, "stopping"), (.terminate, "stopped"):
            userInitiatedShutdown(&instance, to: "shutting-down", at: time)
        default: break
        }
    }

    static func userInitiatedShutdown(_ instance: inout EC2Instance, to state: String, at time: Int64) {
        EC2InstanceState.set(&instance, state, at: time)
        let stamp = AWSTimestamp.iso8601(epochSeconds: time).dropLast().split(separator: "T").joined(separator: " ")
        instance.stateTransitionReason = "User initiated (\(stamp) GMT)"
        instance.stateReasonCode = "Client.UserInitiatedShutdown"
        instance.stateReasonMessage = "Client.UserInitiatedShutdown: User initiated shutdown"
    }

    static func incorrectState(_ id: String, _ verb: String) -> AWSServiceError {
        .ec2("IncorrectInstanceState", "The instance '\(id)' is not in a state from which it can be \(verb).")
    }

    // MARK: Lookup

    /// Every visible instance, settled as of now; instances whose state settled are saved.
    func liveInstances(_ scope: Scope) async throws -> [EC2Instance] {
        let time = now()
        var result: [EC2Instance] = []
        for var instance in try await loadAll(EC2Instance.self, kind: EC2Kind.instance, scope) {
            let before = instance.state
            EC2InstanceState.settle(&instance, now: time)
            if instance.state != before { try await save(instance, kind: EC2Kind.instance, id: instance.instanceId, scope) }
            if !EC2InstanceState.isGone(instance, now: time) { result.append(instance) }
        }
        return result
    }

    /// The visible instances named by `ids` (each once, in request order); malformed or unknown ids are errors.
    func requireInstances(_ ids: [String], _ scope: Scope) async throws -> [EC2Instance] {
        try Self.select(ids, from: try await liveInstances(scope))
    }

    static func select(_ ids: [String], from live: [EC2Instance]) throws -> [EC2Instance] {
        for id in ids where !isInstanceID(id) {
            throw AWSServiceError.ec2("InvalidInstanceID.Malformed", "Invalid id: \"\(id)\"")
        }
        var wanted: [String] = []
        for id in ids where !wanted.contains(id) { wanted.append(id) }
        let byID = Dictionary(live.map { ($0.instanceId, $0) }, uniquingKeysWith: { first, _ in first })
        let missing = wanted.filter { byID[$0] == nil }
        if missing.count == 1 {
            throw AWSServiceError.ec2("InvalidInstanceID.NotFound", "The instance ID '\(missing[0])' does not exist")
        } else if missing.count > 1 {
            throw AWSServiceError.ec2("InvalidInstanceID.NotFound", "The instance IDs '\(missing.joined(separator: ", "))' do not exist")
        }
        return wanted.compactMap { byID[$0] }
    }

    /// `i-` and 8 or 17 lowercase hex digits.
    static func isInstanceID(_ id: String) -> Bool {
        guard id.hasPrefix("i-") else { return false }
        let digits = id.utf8.dropFirst(2)
        return (digits.count == 8 || digits.count == 17)
            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    // MARK: Paging

    /// One page of `items` for `MaxResults` (5...1000) and `NextToken` (an opaque offset).
    func pageOfResults<T>(_ items: [T], _ p: QueryParameters) throws -> (page: ArraySlice<T>, nextToken: String?) {
        let maxResults = try p.int("MaxResults")
        if let maxResults, maxResults < 5 {
            throw AWSServiceError.invalidParameterValue(
                "Value ( \(maxResults) ) for parameter maxResults is invalid. Expecting a value greater than 5.")
        }
        if let maxResults, maxResults > 1_000 {
            throw AWSServiceError.invalidParameterValue(
                "Value ( \(maxResults) ) for parameter maxResults is invalid. Expecting a value less than 1000.")
        }
        var start = 0
        if let token = p["NextToken"] {
            guard let offset = Self.pageOffset(token), offset <= items.count else {
                throw AWSServiceError.ec2("InvalidPaginationToken", "The specified pagination token is not valid or is expired.")
            }
            start = offset
        }
        let end = min(items.count, start + (maxResults ?? items.count))
        return (items[start..<end], end < items.count ? Self.pageToken(end) : nil)
    }

    static func pageToken(_ offset: Int) -> String { Data("warden-page:\(offset)".utf8).base64EncodedString() }

    static func pageOffset(_ token: String) -> Int? {
        guard let data = Data(base64Encoded: token) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("warden-page:"), let offset = Int(text.dropFirst("warden-page:".count)), offset >= 0 else { return nil }
        return offset
    }

    // MARK: Addresses

    /// A free address of `cidr`, skipping the four first addresses and the last one, which AWS reserves.
    static func allocatePrivateIP(in cidr: String, used: inout Set<String>) throws -> String {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let base = ipv4Value(parts[0]), let bits = Int(parts[1]), (16...28).contains(bits) else {
            throw AWSServiceError("InternalError", "An internal error has occurred", status: 500)
        }
        let size = UInt32(1) << UInt32(32 - bits)
        let usable = size - 5
        let start = UInt32.random(in: 0..<usable)
        for step in 0..<usable {
            let address = ipv4Text(base + 4 + (start + step) % usable)
            if used.insert(address).inserted { return address }
        }
        throw AWSServiceError.ec2("InsufficientFreeAddressesInSubnet",
                                  "There are not enough free addresses in subnet to satisfy the requested number of instances.")
    }

    /// A public address in 3.0.0.0/8 that no instance holds.
    static func allocatePublicIP(used: inout Set<String>) -> String {
        var address: String
        repeat {
            address = "3.\(Int.random(in: 80...239)).\(Int.random(in: 0...255)).\(Int.random(in: 1...254))"
        } while !used.insert(address).inserted
        return address
    }

    static func ipv4Value(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        return octets.reduce(0) { $0 << 8 | $1 }
    }

    static func ipv4Text(_ value: UInt32) -> String {
        [24, 16, 8, 0].map { String(value >> UInt32($0) & 0xFF) }.joined(separator: ".")
    }

    /// What makes two RunInstances requests the same request (for `ClientToken`).
    static func fingerprint(_ p: QueryParameters) -> String {
        let skipped: Set<String> = ["Action", "Version", "ClientToken", "DryRun"]
        let text = p.pairs.filter { !skipped.contains($0.name) }.map { "\($0.name)=\($0.value)" }.sorted().joined(separator: "&")
        return EC2Catalog.hexDigits(text, count: 16)
    }
}
