import AWSQuery

/// An instance as clients see it: its XML (botocore's `Reservation`, `Instance`, `InstanceStatus` shapes, by
/// `locationName`) and the attribute values DescribeInstances filters match, both derived from the stored document.
extension EC2Handlers {
    /// What describing an instance needs besides its document.
    struct InstanceContext: Sendable {
        var region: String
        /// Security group id → name, for `groupSet`.
        var groupNames: [String: String]
    }

    func instanceContext(_ scope: Scope) async throws -> InstanceContext {
        InstanceContext(region: scope.region, groupNames: try await instanceGroupNames(scope))
    }

    /// Security group id → name, for every group of the account and region.
    func instanceGroupNames(_ scope: Scope) async throws -> [String: String] {
        Dictionary(try await securityGroups(scope).map { ($0.groupId, $0.groupName) }, uniquingKeysWith: { first, _ in first })
    }

    /// RunInstances' response: the reservation's members at the top level.
    func reservationXML(_ reservationID: String, _ instances: [EC2Instance], _ scope: Scope) async throws -> String {
        var xml = XMLWriter()
        Self.writeReservation(&xml, reservationID, owner: scope.accountID, instances, try await instanceContext(scope))
        return xml.text
    }

    /// `reservationSet`: one item per reservation, in order of first appearance.
    static func writeReservations(_ xml: inout XMLWriter, _ instances: [EC2Instance], _ context: InstanceContext) {
        var order: [String] = []
        var members: [String: [EC2Instance]] = [:]
        for instance in instances {
            if members[instance.reservationId] == nil { order.append(instance.reservationId) }
            members[instance.reservationId, default: []].append(instance)
        }
        xml.open("reservationSet")
        for id in order {
            let group = members[id] ?? []
            xml.open("item")
            writeReservation(&xml, id, owner: group.first?.ownerId ?? "", group, context)
            xml.close("item")
        }
        xml.close("reservationSet")
    }

    static func writeReservation(_ xml: inout XMLWriter, _ id: String, owner: String, _ instances: [EC2Instance],
                                 _ context: InstanceContext) {
        xml.element("reservationId", id)
        xml.element("ownerId", owner)
        // Instances launched into a VPC list their groups per instance; the reservation's list stays empty.
        xml.open("groupSet")
        xml.close("groupSet")
        xml.open("instancesSet")
        for instance in instances { writeInstance(&xml, instance, context) }
        xml.close("instancesSet")
    }

    static func writeInstance(_ xml: inout XMLWriter, _ instance: EC2Instance, _ context: InstanceContext) {
        let image = EC2Catalog.image(instance.imageId)
        let attached = isAttached(instance)
        let launch = AWSTimestamp.iso8601(epochMilliseconds: instance.launchTime * 1_000)
        xml.open("item")
        xml.element("instanceId", instance.instanceId)
        xml.element("imageId", instance.imageId)
        writeState(&xml, "instanceState", instance.state)
        xml.element("privateDnsName", attached ? privateDNSName(instance.privateIpAddress, context.region) : "")
        xml.element("dnsName", instance.publicIpAddress.map { publicDNSName($0, context.region) } ?? "")
        xml.element("reason", instance.stateTransitionReason)
        xml.optionalElement("keyName", instance.keyName)
        xml.element("amiLaunchIndex", instance.amiLaunchIndex)
        xml.open("productCodes")
        xml.close("productCodes")
        xml.element("instanceType", instance.instanceType)
        xml.element("launchTime", launch)
        xml.open("placement")
        xml.element("availabilityZone", instance.availabilityZone)
        xml.element("groupName", "")
        xml.element("tenancy", "default")
        xml.close("placement")
        if image?.platform == "Windows" { xml.element("platform", "windows") }
        xml.open("monitoring")
        xml.element("state", "disabled")
        xml.close("monitoring")
        if attached {
            xml.element("subnetId", instance.subnetId)
            xml.element("vpcId", instance.vpcId)
            xml.element("privateIpAddress", instance.privateIpAddress)
        }
        xml.optionalElement("ipAddress", instance.publicIpAddress)
        xml.element("sourceDestCheck", true)
        writeInstanceGroups(&xml, attached ? instance.groupIds : [], context)
        if let reason = stateReason(instance) {
            xml.open("stateReason")
            xml.element("code", reason.code)
            xml.element("message", reason.message)
            xml.close("stateReason")
        }
        xml.element("architecture", image?.architecture ?? "x86_64")
        xml.element("rootDeviceType", "ebs")
        xml.element("rootDeviceName", "/dev/xvda")
        xml.open("blockDeviceMapping")
        if attached {
            xml.open("item")
            xml.element("deviceName", "/dev/xvda")
            xml.open("ebs")
            xml.element("volumeId", "vol-0" + EC2Catalog.hexDigits("vol|" + instance.instanceId, count: 16))
            xml.element("status", "attached")
            xml.element("attachTime", launch)
            xml.element("deleteOnTermination", true)
            xml.close("ebs")
            xml.close("item")
        }
        xml.close("blockDeviceMapping")
        xml.element("virtualizationType", "hvm")
        writeInstanceTags(&xml, instance.tags)
        xml.element("hypervisor", "xen")
        writeNetworkInterfaces(&xml, instance, context)
        xml.element("ebsOptimized", false)
        xml.element("enaSupport", true)
        xml.open("cpuOptions")
        xml.element("coreCount", 1)
        xml.element("threadsPerCore", 1)
        xml.close("cpuOptions")
        xml.open("capacityReservationSpecification")
        xml.element("capacityReservationPreference", "open")
        xml.close("capacityReservationSpecification")
        xml.open("hibernationOptions")
        xml.element("configured", false)
        xml.close("hibernationOptions")
        xml.open("metadataOptions")
        xml.element("state", instance.state == "pending" ? "pending" : "applied")
        xml.element("httpTokens", "required")
        xml.element("httpPutResponseHopLimit", 2)
        xml.element("httpEndpoint", "enabled")
        xml.element("httpProtocolIpv6", "disabled")
        xml.element("instanceMetadataTags", "disabled")
        xml.close("metadataOptions")
        xml.open("enclaveOptions")
        xml.element("enabled", false)
        xml.close("enclaveOptions")
        xml.element("platformDetails", image?.platform ?? "Linux/UNIX")
        xml.element("usageOperation", image?.platform == "Windows" ? "RunInstances:0002" : "RunInstances")
        xml.element("usageOperationUpdateTime", launch)
        xml.open("privateDnsNameOptions")
        xml.element("hostnameType", "ip-name")
        xml.element("enableResourceNameDnsARecord", false)
        xml.element("enableResourceNameDnsAAAARecord", false)
        xml.close("privateDnsNameOptions")
        xml.open("maintenanceOptions")
        xml.element("autoRecovery", "default")
        xml.close("maintenanceOptions")
        xml.element("currentInstanceBootMode", "legacy-bios")
        xml.close("item")
    }

    /// One primary interface while the instance exists; AWS detaches it on termination.
    static func writeNetworkInterfaces(_ xml: inout XMLWriter, _ instance: EC2Instance, _ context: InstanceContext) {
        xml.open("networkInterfaceSet")
        defer { xml.close("networkInterfaceSet") }
        guard isAttached(instance) else { return }
        let privateDNS = privateDNSName(instance.privateIpAddress, context.region)
        let mac = Array(EC2Catalog.hexDigits("mac|" + instance.instanceId, count: 10))
        func writeAssociation(_ xml: inout XMLWriter) {
            guard let ip = instance.publicIpAddress else { return }
            xml.open("association")
            xml.element("ipOwnerId", "amazon")
            xml.element("publicDnsName", publicDNSName(ip, context.region))
            xml.element("publicIp", ip)
            xml.close("association")
        }
        xml.open("item")
        writeAssociation(&xml)
        xml.open("attachment")
        xml.element("attachTime", AWSTimestamp.iso8601(epochMilliseconds: instance.launchTime * 1_000))
        xml.element("attachmentId", "eni-attach-0" + EC2Catalog.hexDigits("eni-attach|" + instance.instanceId, count: 16))
        xml.element("deleteOnTermination", true)
        xml.element("deviceIndex", 0)
        xml.element("status", "attached")
        xml.element("networkCardIndex", 0)
        xml.close("attachment")
        xml.element("description", "")
        writeInstanceGroups(&xml, instance.groupIds, context)
        xml.open("ipv6AddressesSet")
        xml.close("ipv6AddressesSet")
        xml.element("macAddress", "0e:" + stride(from: 0, to: 10, by: 2).map { String(mac[$0..<$0 + 2]) }.joined(separator: ":"))
        xml.element("networkInterfaceId", "eni-0" + EC2Catalog.hexDigits("eni|" + instance.instanceId, count: 16))
        xml.element("ownerId", instance.ownerId)
        xml.element("privateDnsName", privateDNS)
        xml.element("privateIpAddress", instance.privateIpAddress)
        xml.open("privateIpAddressesSet")
        xml.open("item")
        writeAssociation(&xml)
        xml.element("primary", true)
        xml.element("privateDnsName", privateDNS)
        xml.element("privateIpAddress", instance.privateIpAddress)
        xml.close("item")
        xml.close("privateIpAddressesSet")
        xml.element("sourceDestCheck", true)
        xml.element("status", "in-use")
        xml.element("subnetId", instance.subnetId)
        xml.element("vpcId", instance.vpcId)
        xml.element("interfaceType", "interface")
        xml.close("item")
    }

    static func writeInstanceStatus(_ xml: inout XMLWriter, _ instance: EC2Instance) {
        xml.open("item")
        xml.element("instanceId", instance.instanceId)
        xml.element("availabilityZone", instance.availabilityZone)
        writeState(&xml, "instanceState", instance.state)
        for name in ["systemStatus", "instanceStatus"] {
            let (summary, detail) = statusSummary(instance)
            xml.open(name)
            xml.element("status", summary)
            if let detail {
                xml.open("details")
                xml.open("item")
                xml.element("name", "reachability")
                xml.element("status", detail)
                xml.close("item")
                xml.close("details")
            }
            xml.close(name)
        }
        xml.close("item")
    }

    /// The status checks' summary and reachability detail: passing while running, starting while pending.
    static func statusSummary(_ instance: EC2Instance) -> (summary: String, detail: String?) {
        switch instance.state {
        case "running": ("ok", "passed")
        case "pending": ("initializing", "initializing")
        default: ("not-applicable", nil)
        }
    }

    static func writeState(_ xml: inout XMLWriter, _ name: String, _ state: String) {
        xml.open(name)
        xml.element("code", EC2InstanceState.codes[state] ?? 0)
        xml.element("name", state)
        xml.close(name)
    }

    static func writeInstanceGroups(_ xml: inout XMLWriter, _ ids: [String], _ context: InstanceContext) {
        xml.open("groupSet")
        for id in ids {
            xml.open("item")
            xml.element("groupId", id)
            xml.optionalElement("groupName", context.groupNames[id])
            xml.close("item")
        }
        xml.close("groupSet")
    }

    /// `tagSet`, left out when there are no tags, as EC2 does.
    static func writeInstanceTags(_ xml: inout XMLWriter, _ tags: [EC2Tag]) {
        guard !tags.isEmpty else { return }
        xml.open("tagSet")
        for tag in tags {
            xml.open("item")
            xml.element("key", tag.key)
            xml.element("value", tag.value)
            xml.close("item")
        }
        xml.close("tagSet")
    }

    /// Pending instances say so; stopped and terminated ones keep why.
    static func stateReason(_ instance: EC2Instance) -> (code: String, message: String)? {
        switch instance.state {
        case "pending": return ("pending", "pending")
        case "stopping", "stopped", "shutting-down", "terminated":
            guard let code = instance.stateReasonCode else { return nil }
            return (code, instance.stateReasonMessage ?? code)
        default: return nil
        }
    }

    /// Whether the instance still has its network interface and volume (until it is terminated).
    static func isAttached(_ instance: EC2Instance) -> Bool { instance.state != "terminated" }

    static func privateDNSName(_ ip: String, _ region: String) -> String {
        "ip-" + ip.split(separator: ".").joined(separator: "-") + (region == "us-east-1" ? ".ec2.internal" : ".\(region).compute.internal")
    }

    static func publicDNSName(_ ip: String, _ region: String) -> String {
        "ec2-" + ip.split(separator: ".").joined(separator: "-")
            + (region == "us-east-1" ? ".compute-1.amazonaws.com" : ".\(region).compute.amazonaws.com")
    }

    // MARK: Filters

    static func isInstanceFilter(_ name: String) -> Bool {
        name.hasPrefix("tag:") || name == "tag-key" || name == "tag-value" || instanceFilterValues(name, nil, nil) != nil
    }

    static func instanceMatches(_ filter: (name: String, values: [String]), _ instance: EC2Instance,
                                _ context: InstanceContext) -> Bool {
        if let matched = EC2Filters.tagMatches(filter, instance.tags) { return matched }
        let values = instanceFilterValues(filter.name, instance, context) ?? []
        return filter.values.contains { pattern in values.contains { EC2Filters.like(pattern, $0) } }
    }

    /// The values a DescribeInstances filter compares with; nil for a filter Warden does not know. With no instance,
    /// only says whether the filter is known.
    static func instanceFilterValues(_ name: String, _ instance: EC2Instance?, _ context: InstanceContext?) -> [String]? {
        let known: Set<String> = [
            "instance-id", "instance-state-name", "instance-state-code", "instance-type", "image-id", "key-name",
            "vpc-id", "subnet-id", "availability-zone", "reservation-id", "owner-id", "private-ip-address", "ip-address",
            "private-dns-name", "dns-name", "architecture", "launch-index", "group-id", "instance.group-id", "group-name",
            "instance.group-name", "root-device-type", "root-device-name", "tenancy", "monitoring-state", "hypervisor",
            "virtualization-type", "platform-details", "launch-time",
        ]
        guard known.contains(name) else { return nil }
        guard let instance, let context else { return [] }
        let attached = isAttached(instance)
        let network = { (value: String) in attached ? [value] : [] }
        switch name {
        case "instance-id": return [instance.instanceId]
        case "instance-state-name": return [instance.state]
        case "instance-state-code": return [String(EC2InstanceState.codes[instance.state] ?? 0)]
        case "instance-type": return [instance.instanceType]
        case "image-id": return [instance.imageId]
        case "key-name": return instance.keyName.map { [$0] } ?? []
        case "vpc-id": return network(instance.vpcId)
        case "subnet-id": return network(instance.subnetId)
        case "availability-zone": return [instance.availabilityZone]
        case "reservation-id": return [instance.reservationId]
        case "owner-id": return [instance.ownerId]
        case "private-ip-address": return network(instance.privateIpAddress)
        case "ip-address": return instance.publicIpAddress.map { [$0] } ?? []
        case "private-dns-name": return network(privateDNSName(instance.privateIpAddress, context.region))
        case "dns-name": return instance.publicIpAddress.map { [publicDNSName($0, context.region)] } ?? []
        case "architecture": return [EC2Catalog.image(instance.imageId)?.architecture ?? "x86_64"]
        case "launch-index": return [String(instance.amiLaunchIndex)]
        case "group-id", "instance.group-id": return attached ? instance.groupIds : []
        case "group-name", "instance.group-name": return attached ? instance.groupIds.compactMap { context.groupNames[$0] } : []
        case "root-device-type": return ["ebs"]
        case "root-device-name": return ["/dev/xvda"]
        case "tenancy": return ["default"]
        case "monitoring-state": return ["disabled"]
        case "hypervisor": return ["xen"]
        case "virtualization-type": return ["hvm"]
        case "platform-details": return [EC2Catalog.image(instance.imageId)?.platform ?? "Linux/UNIX"]
        case "launch-time": return [AWSTimestamp.iso8601(epochMilliseconds: instance.launchTime * 1_000)]
        default: return []
        }
    }

    /// The values a DescribeInstanceStatus filter compares with; nil for an unknown filter. With no instance, only
    /// says whether the filter is known.
    static func statusFilterValues(_ name: String, _ instance: EC2Instance?) -> [String]? {
        let known: Set<String> = [
            "availability-zone", "instance-state-name", "instance-state-code", "instance-status.status",
            "system-status.status", "instance-status.reachability", "system-status.reachability",
        ]
        guard known.contains(name) else { return nil }
        guard let instance else { return [] }
        let (summary, detail) = statusSummary(instance)
        switch name {
        case "availability-zone": return [instance.availabilityZone]
        case "instance-state-name": return [instance.state]
        case "instance-state-code": return [String(EC2InstanceState.codes[instance.state] ?? 0)]
        case "instance-status.status", "system-status.status": return [summary]
        default: return detail.map { [$0] } ?? []
        }
    }
}
