@testable import IAMServices
import Testing

/// How service-linked roles are named and what they trust (pure rules, no store).
@Suite("Service-linked roles")
struct ServiceLinkedRoleTests {
    @Test("services in the table get AWS's names")
    func tableNames() {
        #expect(ServiceLinkedRoles.roleName(service: "ecs.amazonaws.com", suffix: nil) == "AWSServiceRoleForECS")
        #expect(ServiceLinkedRoles.roleName(service: "rds.amazonaws.com", suffix: nil) == "AWSServiceRoleForRDS")
        #expect(ServiceLinkedRoles.roleName(service: "spot.amazonaws.com", suffix: nil) == "AWSServiceRoleForEC2Spot")
        #expect(ServiceLinkedRoles.roleName(service: "dynamodb.application-autoscaling.amazonaws.com", suffix: nil)
            == "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable")
        #expect(ServiceLinkedRoles.roleName(service: "autoscaling.amazonaws.com", suffix: "blue")
            == "AWSServiceRoleForAutoScaling_blue")
        #expect(ServiceLinkedRoles.entry(for: "ecs.amazonaws.com")?.acceptsSuffix == false)
        #expect(ServiceLinkedRoles.entry(for: "autoscaling.amazonaws.com")?.acceptsSuffix == true)
    }

    @Test("other services follow the rule: the service label in PascalCase, then the first label")
    func ruleNames() {
        #expect(ServiceLinkedRoles.roleName(service: "access-thing.amazonaws.com", suffix: nil) == "AWSServiceRoleForAccessThing")
        #expect(ServiceLinkedRoles.roleName(service: "comprehend.application-autoscaling.amazonaws.com", suffix: nil)
            == "AWSServiceRoleForApplicationAutoscaling_Comprehend")
        #expect(ServiceLinkedRoles.roleName(service: "ecs.amazonaws.com.cn", suffix: nil) == "AWSServiceRoleForEcs")
    }

    @Test("names that are not service principals have no role", arguments: [
        "walk", "example.com", ".amazonaws.com", "a..b.amazonaws.com", "Upper.amazonaws.com", "-x.amazonaws.com",
        "amazonaws.com", "x_y.amazonaws.com",
    ])
    func notServices(_ service: String) {
        #expect(ServiceLinkedRoles.roleName(service: service, suffix: nil) == nil)
    }

    @Test("path, trust policy and deletion task id")
    func pathTrustAndTask() {
        #expect(ServiceLinkedRoles.path(service: "ecs.amazonaws.com") == "/aws-service-role/ecs.amazonaws.com/")
        #expect(ServiceLinkedRoles.trustPolicy(service: "ecs.amazonaws.com")
            == #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)
        #expect(ServiceLinkedRoles.deletionTaskID(service: "ecs.amazonaws.com", roleName: "AWSServiceRoleForECS", uuid: "u")
            == "task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/u")
    }

    @Test("deletion task ids end in a version 4 UUID")
    func uuids() {
        var rng = SystemRandomNumberGenerator()
        var seen: Set<String> = []
        for _ in 0..<50 {
            let id = RoleHandlers.uuid(using: &rng)
            let parts = id.split(separator: "-").map(\.count)
            #expect(parts == [8, 4, 4, 4, 12])
            #expect(id.dropFirst(14).first == "4")
            #expect(["8", "9", "a", "b"].contains(id.dropFirst(19).first))
            #expect(id.allSatisfy { $0 == "-" || $0.isHexDigit && !$0.isUppercase })
            seen.insert(id)
        }
        #expect(seen.count == 50)
    }
}
