import AWSQuery

extension EC2Handlers {
    func describeRegions(_ p: QueryParameters, _ scope: Scope) throws -> String {
        let names = try list(p, "RegionName")
        var xml = XMLWriter()
        xml.open("regionInfo")
        for region in EC2Catalog.regions where names.isEmpty || names.contains(region) {
            xml.open("item")
            xml.element("regionName", region)
            xml.element("regionEndpoint", "ec2.\(region).amazonaws.com")
            xml.element("optInStatus", "opt-in-not-required")
            xml.close("item")
        }
        xml.close("regionInfo")
        return xml.text
    }

    func describeAvailabilityZones(_ p: QueryParameters, _ scope: Scope) throws -> String {
        let names = try list(p, "ZoneName")
        var xml = XMLWriter()
        xml.open("availabilityZoneInfo")
        for (i, zone) in EC2Catalog.zones(region: scope.region).enumerated() where names.isEmpty || names.contains(zone) {
            xml.open("item")
            xml.element("optInStatus", "opt-in-not-required")
            xml.open("messageSet")
            xml.close("messageSet")
            xml.element("regionName", scope.region)
            xml.element("zoneName", zone)
            xml.element("zoneId", "\(scope.region.prefix(3))\(scope.region.split(separator: "-").last ?? "1")-az\(i + 1)")
            xml.element("groupName", scope.region)
            xml.element("networkBorderGroup", scope.region)
            xml.element("zoneType", "availability-zone")
            xml.element("zoneState", "available")
            xml.close("item")
        }
        xml.close("availabilityZoneInfo")
        return xml.text
    }

    func describeImages(_ p: QueryParameters, _ scope: Scope) throws -> String {
        let ids = try list(p, "ImageId")
        let filters = try self.filters(p)
        for id in ids where EC2Catalog.image(id) == nil {
            throw AWSServiceError.ec2("InvalidAMIID.NotFound", "The image id '[\(id)]' does not exist")
        }
        var xml = XMLWriter()
        xml.open("imagesSet")
        for image in EC2Catalog.images where ids.isEmpty || ids.contains(image.id) {
            let matches = filters.allSatisfy { filter in
                switch filter.name {
                case "name": filter.values.contains { EC2Filters.like($0, image.name) }
                case "image-id": filter.values.contains(image.id)
                case "architecture": filter.values.contains(image.architecture)
                case "platform-details": filter.values.contains(image.platform)
                case "state": filter.values.contains("available")
                default: true
                }
            }
            guard matches else { continue }
            xml.open("item")
            xml.element("imageId", image.id)
            xml.element("imageLocation", "amazon/\(image.name)")
            xml.element("imageState", "available")
            xml.element("imageOwnerId", EC2Catalog.imageOwner)
            xml.element("creationDate", image.creationDate)
            xml.element("isPublic", true)
            xml.element("architecture", image.architecture)
            xml.element("imageType", "machine")
            if image.platform == "Windows" { xml.element("platform", "windows") }
            xml.element("platformDetails", image.platform)
            xml.element("usageOperation", image.platform == "Windows" ? "RunInstances:0002" : "RunInstances")
            xml.element("imageOwnerAlias", "amazon")
            xml.element("name", image.name)
            xml.element("description", image.description)
            xml.element("rootDeviceType", "ebs")
            xml.element("rootDeviceName", "/dev/xvda")
            xml.element("virtualizationType", "hvm")
            xml.element("hypervisor", "xen")
            xml.element("enaSupport", true)
            xml.close("item")
        }
        xml.close("imagesSet")
        return xml.text
    }

    func describeVpcs(_ p: QueryParameters, _ scope: Scope) throws -> String {
        let vpc = EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID)
        let ids = try list(p, "VpcId")
        for id in ids where id != vpc {
            throw AWSServiceError.ec2("InvalidVpcID.NotFound", "The vpc ID '\(id)' does not exist")
        }
        var xml = XMLWriter()
        xml.open("vpcSet")
        xml.open("item")
        xml.element("vpcId", vpc)
        xml.element("ownerId", scope.accountID)
        xml.element("state", "available")
        xml.element("cidrBlock", "172.31.0.0/16")
        xml.open("cidrBlockAssociationSet")
        xml.open("item")
        xml.element("cidrBlock", "172.31.0.0/16")
        xml.element("associationId", "vpc-cidr-assoc-" + EC2Catalog.hexDigits(vpc, count: 8))
        xml.open("cidrBlockState")
        xml.element("state", "associated")
        xml.close("cidrBlockState")
        xml.close("item")
        xml.close("cidrBlockAssociationSet")
        xml.element("dhcpOptionsId", "dopt-" + EC2Catalog.hexDigits(vpc, count: 8))
        xml.element("instanceTenancy", "default")
        xml.element("isDefault", true)
        xml.close("item")
        xml.close("vpcSet")
        return xml.text
    }

    func describeSubnets(_ p: QueryParameters, _ scope: Scope) throws -> String {
        let vpc = EC2Catalog.defaultVPCID(region: scope.region, account: scope.accountID)
        let subnets = EC2Catalog.defaultSubnets(region: scope.region, account: scope.accountID)
        let ids = try list(p, "SubnetId")
        for id in ids where !subnets.contains(where: { $0.id == id }) {
            throw AWSServiceError.ec2("InvalidSubnetID.NotFound", "The subnet ID '\(id)' does not exist")
        }
        let filters = try self.filters(p)
        var xml = XMLWriter()
        xml.open("subnetSet")
        for subnet in subnets where ids.isEmpty || ids.contains(subnet.id) {
            let matches = filters.allSatisfy { filter in
                switch filter.name {
                case "vpc-id": filter.values.contains(vpc)
                case "availability-zone": filter.values.contains(subnet.zone)
                case "default-for-az": filter.values.contains("true")
                case "subnet-id": filter.values.contains(subnet.id)
                default: true
                }
            }
            guard matches else { continue }
            xml.open("item")
            xml.element("subnetId", subnet.id)
            xml.element("subnetArn", "arn:aws:ec2:\(scope.region):\(scope.accountID):subnet/\(subnet.id)")
            xml.element("state", "available")
            xml.element("ownerId", scope.accountID)
            xml.element("vpcId", vpc)
            xml.element("cidrBlock", subnet.cidr)
            xml.element("availableIpAddressCount", 4091)
            xml.element("availabilityZone", subnet.zone)
            xml.element("defaultForAz", true)
            xml.element("mapPublicIpOnLaunch", true)
            xml.close("item")
        }
        xml.close("subnetSet")
        return xml.text
    }
}
