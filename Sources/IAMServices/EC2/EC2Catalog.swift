/// The fixed parts of Warden's EC2: regions, zones, a small image catalog, and each account's
/// default VPC and subnets (derived from account and region, so they need no storage).
enum EC2Catalog {
    static let regions = [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
        "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1",
        "ap-southeast-2", "sa-east-1",
    ]

    struct Image: Sendable {
        var id: String
        var name: String
        var description: String
        var platform: String
        var creationDate: String
        var architecture = "x86_64"
    }

    static let imageOwner = "137112412989"

    static let images: [Image] = [
        Image(id: "ami-0a1b2c3d4e5f60001", name: "al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64",
              description: "Amazon Linux 2023 AMI 2023.6.20241121.0 x86_64 HVM kernel-6.1", platform: "Linux/UNIX",
              creationDate: "2024-11-21T19:33:34.000Z"),
        Image(id: "ami-0a1b2c3d4e5f60002", name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20241119",
              description: "Canonical, Ubuntu, 24.04, amd64 noble image", platform: "Linux/UNIX",
              creationDate: "2024-11-19T08:15:02.000Z"),
        Image(id: "ami-0a1b2c3d4e5f60003", name: "debian-12-amd64-20241125-1942",
              description: "Debian 12 (20241125-1942)", platform: "Linux/UNIX", creationDate: "2024-11-25T20:10:45.000Z"),
        Image(id: "ami-0a1b2c3d4e5f60004", name: "Windows_Server-2022-English-Full-Base-2024.11.13",
              description: "Microsoft Windows Server 2022 Full Locale English AMI provided by Amazon", platform: "Windows",
              creationDate: "2024-11-13T21:04:51.000Z"),
    ]

    static func image(_ id: String) -> Image? { images.first { $0.id == id } }

    static func zones(region: String) -> [String] { ["a", "b", "c"].map { region + $0 } }

    /// Stable hex digits from a text (FNV-1a).
    static func hexDigits(_ text: String, count: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(String(repeating: "0", count: max(0, count - hex.count)) + hex).suffix(count).description
    }

    static func defaultVPCID(region: String, account: String) -> String {
        "vpc-" + hexDigits("vpc|\(account)|\(region)", count: 8)
    }

    static func defaultSubnetID(region: String, account: String, zone: String) -> String {
        "subnet-" + hexDigits("subnet|\(account)|\(zone)", count: 8)
    }

    static func defaultSecurityGroupID(region: String, account: String) -> String {
        "sg-" + hexDigits("sg-default|\(account)|\(region)", count: 8)
    }

    /// The default subnets: one /20 per zone in 172.31.0.0/16.
    static func defaultSubnets(region: String, account: String) -> [(id: String, zone: String, cidr: String)] {
        zones(region: region).enumerated().map { i, zone in
            (defaultSubnetID(region: region, account: account, zone: zone), zone, "172.31.\(i * 16).0/20")
        }
    }
}
