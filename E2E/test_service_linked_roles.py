"""Service-linked roles over the wire: AWS's names and paths, the trust policy and managed policy
the service gets, custom suffixes, protection from changes, deletion tasks, and the gate on the
role a request would create (botocore `iam/2010-05-08`)."""
import pytest

from helpers import client, document, expect_error, unique, user_with_key
from role_helpers import READ_ONLY, denied, inline, new_role, trust


@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


@pytest.fixture(scope="module")
def acct(shared_server):
    return shared_server.account_id

# ---- service-linked roles -------------------------------------------------------------------------

def test_service_linked_role_lifecycle(server):
    iam = server.client("iam")
    acct = server.account_id
    role = iam.create_service_linked_role(AWSServiceName="ecs.amazonaws.com", Description="for ECS")["Role"]
    assert role["RoleName"] == "AWSServiceRoleForECS"
    assert role["Path"] == "/aws-service-role/ecs.amazonaws.com/"
    assert role["Arn"] == f"arn:aws:iam::{acct}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"
    assert role["RoleId"].startswith("AROA") and role["Description"] == "for ECS"
    assert role["AssumeRolePolicyDocument"]["Statement"] == [
        {"Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"}, "Action": "sts:AssumeRole"}]
    assert iam.list_attached_role_policies(RoleName="AWSServiceRoleForECS")["AttachedPolicies"] == [
        {"PolicyName": "AmazonECSServiceRolePolicy",
         "PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"}]
    expect_error(lambda: iam.create_service_linked_role(AWSServiceName="ecs.amazonaws.com"), "InvalidInput", 400,
                 "Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.")
    expect_error(lambda: iam.create_service_linked_role(AWSServiceName="ecs.amazonaws.com", CustomSuffix="two"),
                 "InvalidInput", 400, "Custom suffix is not allowed for ecs.amazonaws.com")

    # Only the service may change it.
    protected = "Cannot perform the operation on the protected role 'AWSServiceRoleForECS' - this role is only modifiable by AWS"
    for call in (lambda: iam.delete_role(RoleName="AWSServiceRoleForECS"),
                 lambda: iam.attach_role_policy(RoleName="AWSServiceRoleForECS", PolicyArn=READ_ONLY),
                 lambda: iam.detach_role_policy(RoleName="AWSServiceRoleForECS",
                                                PolicyArn="arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"),
                 lambda: iam.put_role_policy(RoleName="AWSServiceRoleForECS", PolicyName="p", PolicyDocument=inline()),
                 lambda: iam.update_assume_role_policy(RoleName="AWSServiceRoleForECS", PolicyDocument=trust()),
                 lambda: iam.put_role_permissions_boundary(RoleName="AWSServiceRoleForECS", PermissionsBoundary=READ_ONLY),
                 lambda: iam.update_role(RoleName="AWSServiceRoleForECS", MaxSessionDuration=7200)):
        expect_error(call, "UnmodifiableEntity", 400, protected)
    assert iam.update_role_description(RoleName="AWSServiceRoleForECS", Description="edited")["Role"]["Description"] == "edited"
    assert len(iam.list_attached_role_policies(RoleName="AWSServiceRoleForECS")["AttachedPolicies"]) == 1

    task = iam.delete_service_linked_role(RoleName="AWSServiceRoleForECS")["DeletionTaskId"]
    prefix = "task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/"
    assert task.startswith(prefix) and len(task) == len(prefix) + 36
    expect_error(lambda: iam.get_role(RoleName="AWSServiceRoleForECS"), "NoSuchEntity", 404)
    assert iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == "SUCCEEDED"
    expect_error(lambda: iam.get_service_linked_role_deletion_status(DeletionTaskId=prefix + "00000000-0000-4000-8000-000000000000"),
                 "NoSuchEntity", 404)
    expect_error(lambda: iam.get_service_linked_role_deletion_status(DeletionTaskId="walk"), "InvalidInput", 400)
    expect_error(lambda: iam.delete_service_linked_role(RoleName="AWSServiceRoleForECS"), "NoSuchEntity", 404)
    # The AWS managed policy is no longer attached to anything.
    policies = iam.list_entities_for_policy(PolicyArn="arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy")
    assert policies["PolicyRoles"] == []
    # It can be created again.
    assert iam.create_service_linked_role(AWSServiceName="ecs.amazonaws.com")["Role"]["RoleName"] == "AWSServiceRoleForECS"


def test_service_linked_role_names_and_suffixes(iam):
    suffix = unique("s").replace("-", "")
    auto = iam.create_service_linked_role(AWSServiceName="autoscaling.amazonaws.com", CustomSuffix=suffix)["Role"]
    assert auto["RoleName"] == f"AWSServiceRoleForAutoScaling_{suffix}"
    assert auto["Path"] == "/aws-service-role/autoscaling.amazonaws.com/"
    ruled = iam.create_service_linked_role(AWSServiceName="my-service.amazonaws.com", CustomSuffix=suffix)["Role"]
    assert ruled["RoleName"] == f"AWSServiceRoleForMyService_{suffix}"
    nested = iam.create_service_linked_role(AWSServiceName="thing.application-autoscaling.amazonaws.com",
                                            CustomSuffix=suffix)["Role"]
    assert nested["RoleName"] == f"AWSServiceRoleForApplicationAutoscaling_Thing_{suffix}"
    for service in ("walk", "Upper.amazonaws.com", "example.com", ".amazonaws.com"):
        expect_error(lambda: iam.create_service_linked_role(AWSServiceName=service), "InvalidInput", 400)
    expect_error(lambda: iam.create_service_linked_role(AWSServiceName="bad service"), "ValidationError", 400)


def test_delete_service_linked_role_refuses_ordinary_roles(iam):
    role = new_role(iam, path="/ecs.amazonaws.com/")
    expect_error(lambda: iam.delete_service_linked_role(RoleName=role["RoleName"]), "NoSuchEntity", 404)
    assert iam.get_role(RoleName=role["RoleName"])["Role"]["RoleId"] == role["RoleId"]


def test_the_service_role_path_is_reserved_for_service_linked_roles(iam):
    for path in ("/aws-service-role/", "/aws-service-role/ecs.amazonaws.com/"):
        name = unique("imposter")
        expect_error(lambda: iam.create_role(RoleName=name, Path=path, AssumeRolePolicyDocument=trust()), "InvalidInput", 400,
                     "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles")
        expect_error(lambda: iam.get_role(RoleName=name), "NoSuchEntity", 404)


def test_create_service_linked_role_is_authorized_for_the_role_it_would_create(shared_server, iam, acct):
    grant = document({"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole",
                      "Resource": "arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk*",
                      "Condition": {"StringEquals": {"iam:AWSServiceName": "elasticbeanstalk.amazonaws.com"}}})
    user = user_with_key(iam, inline=grant)
    mine = client(shared_server, creds=user)
    expect_error(lambda: mine.create_service_linked_role(AWSServiceName="rds.amazonaws.com"), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:CreateServiceLinkedRole",
                        f"arn:aws:iam::{acct}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"))
    expect_error(lambda: iam.get_role(RoleName="AWSServiceRoleForRDS"), "NoSuchEntity", 404)
    created = mine.create_service_linked_role(AWSServiceName="elasticbeanstalk.amazonaws.com")["Role"]
    assert created["RoleName"] == "AWSServiceRoleForElasticBeanstalk"
