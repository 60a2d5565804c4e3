"""Roles in the account-wide views (GetAccountSummary, GetAccountAuthorizationDetails,
ListEntitiesForPolicy), the authorization gate on roles' real ARNs, and every role and instance
profile response against botocore's output shapes (botocore `iam/2010-05-08`; iam-facts §4.5)."""
import json

import pytest

from helpers import IAM_READ_ONLY, client, allow, document, expect_error, unique, user_with_key
from role_helpers import READ_ONLY, denied, inline, new_role, trust
from test_wire_shapes import Recorder, check_response


@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


@pytest.fixture(scope="module")
def acct(shared_server):
    return shared_server.account_id

# ---- account-wide views ---------------------------------------------------------------------------

def test_account_summary_counts_roles_and_instance_profiles(server):
    iam = server.client("iam")
    before = iam.get_account_summary()["SummaryMap"]
    assert before["Roles"] == 0 and before["InstanceProfiles"] == 0 and before["RolesQuota"] == 1000
    for _ in range(3):
        new_role(iam)
    iam.create_instance_profile(InstanceProfileName=unique("ip"))
    after = iam.get_account_summary()["SummaryMap"]
    assert after["Roles"] == 3 and after["InstanceProfiles"] == 1


def test_account_authorization_details_include_roles(server):
    iam = server.client("iam")
    boundary = iam.create_policy(PolicyName="bound", PolicyDocument=inline())["Policy"]["Arn"]
    role = new_role(iam, path="/ops/", PermissionsBoundary=boundary, Tags=[{"Key": "k", "Value": "v"}])
    name = role["RoleName"]
    iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=inline())
    iam.attach_role_policy(RoleName=name, PolicyArn=READ_ONLY)
    iam.create_instance_profile(InstanceProfileName="web", Path="/ops/")
    iam.add_role_to_instance_profile(InstanceProfileName="web", RoleName=name)
    details = iam.get_account_authorization_details(Filter=["Role"])
    assert details["UserDetailList"] == [] and details["GroupDetailList"] == []
    [detail] = details["RoleDetailList"]
    assert detail["RoleName"] == name and detail["Path"] == "/ops/" and detail["Arn"] == role["Arn"]
    assert detail["AssumeRolePolicyDocument"] == json.loads(trust())
    assert [p["InstanceProfileName"] for p in detail["InstanceProfileList"]] == ["web"]
    assert detail["InstanceProfileList"][0]["Roles"][0]["RoleName"] == name
    assert detail["RolePolicyList"] == [{"PolicyName": "inline", "PolicyDocument": json.loads(inline())}]
    assert detail["AttachedManagedPolicies"] == [{"PolicyName": "ReadOnlyAccess", "PolicyArn": READ_ONLY}]
    assert detail["PermissionsBoundary"]["PermissionsBoundaryArn"] == boundary
    assert detail["Tags"] == [{"Key": "k", "Value": "v"}]
    assert detail["RoleLastUsed"] == {}
    everything = iam.get_account_authorization_details()
    assert [r["RoleName"] for r in everything["RoleDetailList"]] == [name]
    policies = {p["Arn"]: p for p in everything["Policies"]}
    assert policies[READ_ONLY]["AttachmentCount"] == 1
    assert policies[boundary]["PermissionsBoundaryUsageCount"] == 1
    assert iam.get_account_authorization_details(Filter=["User"])["RoleDetailList"] == []


def test_list_entities_for_policy_names_roles(iam):
    arn = iam.create_policy(PolicyName=unique("ent"), PolicyDocument=inline())["Policy"]["Arn"]
    role = new_role(iam)
    user = unique("eu")
    iam.create_user(UserName=user)
    iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn=arn)
    iam.attach_user_policy(UserName=user, PolicyArn=arn)
    entities = iam.list_entities_for_policy(PolicyArn=arn)
    assert entities["PolicyRoles"] == [{"RoleName": role["RoleName"], "RoleId": role["RoleId"]}]
    assert [u["UserName"] for u in entities["PolicyUsers"]] == [user]
    only_roles = iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="Role")
    assert only_roles["PolicyRoles"] == entities["PolicyRoles"] and only_roles["PolicyUsers"] == []
    assert iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="User")["PolicyRoles"] == []


# ---- the gate ---------------------------------------------------------------------------------------


def test_role_operations_are_authorized_against_the_roles_real_arn(shared_server, iam, acct):
    app = new_role(iam, path="/app/")
    other = new_role(iam)
    grant = document(allow(["iam:GetRole", "iam:UpdateRole", "iam:TagRole"], f"arn:aws:iam::{acct}:role/app/*"),
                     allow("iam:ListRoles"))
    user = user_with_key(iam, inline=grant)
    mine = client(shared_server, creds=user)
    assert mine.get_role(RoleName=app["RoleName"])["Role"]["Arn"] == app["Arn"]
    mine.update_role(RoleName=app["RoleName"], Description="by the user")
    assert any(r["RoleName"] == app["RoleName"] for r in mine.list_roles(PathPrefix="/app/")["Roles"])
    expect_error(lambda: mine.get_role(RoleName=other["RoleName"]), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:GetRole", other["Arn"]))
    expect_error(lambda: mine.delete_role(RoleName=app["RoleName"]), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:DeleteRole", app["Arn"]))
    assert iam.get_role(RoleName=app["RoleName"])["Role"]["RoleId"] == app["RoleId"]
    name = unique("nope")
    expect_error(lambda: mine.create_role(RoleName=name, Path="/app/", AssumeRolePolicyDocument=trust()), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:CreateRole", f"arn:aws:iam::{acct}:role/app/{name}"))
    expect_error(lambda: iam.get_role(RoleName=name), "NoSuchEntity", 404)
    expect_error(lambda: mine.put_role_policy(RoleName=app["RoleName"], PolicyName="p", PolicyDocument=inline()),
                 "AccessDenied", 403, denied(acct, user["Name"], "iam:PutRolePolicy", app["Arn"]))
    assert iam.list_role_policies(RoleName=app["RoleName"])["PolicyNames"] == []
    # A role that does not exist is authorized at the root path, then not found.
    expect_error(lambda: mine.get_role(RoleName="app-missing"), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:GetRole", f"arn:aws:iam::{acct}:role/app-missing"))



def test_read_only_user_reads_roles_but_cannot_change_them(shared_server, iam, acct):
    role = new_role(iam, Tags=[{"Key": "a", "Value": "b"}])
    user = user_with_key(iam, managed=[IAM_READ_ONLY])
    mine = client(shared_server, creds=user)
    assert mine.get_role(RoleName=role["RoleName"])["Role"]["RoleId"] == role["RoleId"]
    assert mine.list_role_tags(RoleName=role["RoleName"])["Tags"] == [{"Key": "a", "Value": "b"}]
    expect_error(lambda: mine.untag_role(RoleName=role["RoleName"], TagKeys=["a"]), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:UntagRole", role["Arn"]))
    assert iam.list_role_tags(RoleName=role["RoleName"])["Tags"] == [{"Key": "a", "Value": "b"}]


# ---- wire shapes ------------------------------------------------------------------------------------

def test_every_role_response_matches_the_botocore_output_shape(server):
    iam = server.client("iam")
    recorder = Recorder()
    iam.meta.events.register("after-call", recorder)
    boundary = iam.create_policy(PolicyName="shape-bound", PolicyDocument=inline())["Policy"]["Arn"]
    iam.create_role(RoleName="shape-role", Path="/shape/", AssumeRolePolicyDocument=trust(), Description="d",
                    MaxSessionDuration=7200, PermissionsBoundary=boundary, Tags=[{"Key": "k", "Value": "v"}])
    iam.get_role(RoleName="shape-role")
    iam.list_roles()
    iam.update_role(RoleName="shape-role", Description="e")
    iam.update_role_description(RoleName="shape-role", Description="f")
    iam.update_assume_role_policy(RoleName="shape-role", PolicyDocument=trust({"Service": "lambda.amazonaws.com"}))
    iam.tag_role(RoleName="shape-role", Tags=[{"Key": "x", "Value": "y"}])
    iam.list_role_tags(RoleName="shape-role")
    iam.untag_role(RoleName="shape-role", TagKeys=["x"])
    iam.attach_role_policy(RoleName="shape-role", PolicyArn=READ_ONLY)
    iam.list_attached_role_policies(RoleName="shape-role")
    iam.put_role_policy(RoleName="shape-role", PolicyName="inline", PolicyDocument=inline())
    iam.get_role_policy(RoleName="shape-role", PolicyName="inline")
    iam.list_role_policies(RoleName="shape-role")
    iam.put_role_permissions_boundary(RoleName="shape-role", PermissionsBoundary=READ_ONLY)
    iam.delete_role_permissions_boundary(RoleName="shape-role")
    iam.create_instance_profile(InstanceProfileName="shape-profile", Path="/shape/", Tags=[{"Key": "k", "Value": "v"}])
    iam.add_role_to_instance_profile(InstanceProfileName="shape-profile", RoleName="shape-role")
    iam.get_instance_profile(InstanceProfileName="shape-profile")
    iam.list_instance_profiles()
    iam.list_instance_profiles_for_role(RoleName="shape-role")
    iam.tag_instance_profile(InstanceProfileName="shape-profile", Tags=[{"Key": "x", "Value": "y"}])
    iam.list_instance_profile_tags(InstanceProfileName="shape-profile")
    iam.untag_instance_profile(InstanceProfileName="shape-profile", TagKeys=["x"])
    iam.list_entities_for_policy(PolicyArn=READ_ONLY)
    iam.get_account_authorization_details()
    iam.get_account_summary()
    iam.remove_role_from_instance_profile(InstanceProfileName="shape-profile", RoleName="shape-role")
    iam.delete_instance_profile(InstanceProfileName="shape-profile")
    iam.detach_role_policy(RoleName="shape-role", PolicyArn=READ_ONLY)
    iam.delete_role_policy(RoleName="shape-role", PolicyName="inline")
    iam.delete_role(RoleName="shape-role")
    iam.create_service_linked_role(AWSServiceName="elasticloadbalancing.amazonaws.com")
    task = iam.delete_service_linked_role(RoleName="AWSServiceRoleForElasticLoadBalancing")["DeletionTaskId"]
    iam.get_service_linked_role_deletion_status(DeletionTaskId=task)

    problems = []
    for operation, body in recorder.bodies:
        problems += check_response("iam", operation, body)
    assert not problems, "\n".join(problems)
    checked = {operation for operation, _ in recorder.bodies}
    assert len(checked) >= 36, sorted(checked)


# ---- account quotas ---------------------------------------------------------------------------------

def test_roles_and_instance_profiles_per_account_quotas(server):
    """1,000 roles and 1,000 instance profiles per account (iam-facts §4.4); the next is LimitExceeded."""
    from concurrent.futures import ThreadPoolExecutor
    iam = server.client("iam")
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda i: iam.create_role(RoleName=f"quota-{i}", AssumeRolePolicyDocument=trust()), range(1000)))
        list(pool.map(lambda i: iam.create_instance_profile(InstanceProfileName=f"quota-{i}"), range(1000)))
    expect_error(lambda: iam.create_role(RoleName="quota-extra", AssumeRolePolicyDocument=trust()), "LimitExceeded", 409,
                 "Cannot exceed quota for RolesPerAccount: 1000")
    expect_error(lambda: iam.create_service_linked_role(AWSServiceName="ecs.amazonaws.com"), "LimitExceeded", 409,
                 "Cannot exceed quota for RolesPerAccount: 1000")
    expect_error(lambda: iam.create_instance_profile(InstanceProfileName="quota-extra"), "LimitExceeded", 409,
                 "Cannot exceed quota for InstanceProfilesPerAccount: 1000")
    summary = iam.get_account_summary()["SummaryMap"]
    assert summary["Roles"] == 1000 and summary["InstanceProfiles"] == 1000
    expect_error(lambda: iam.get_role(RoleName="quota-extra"), "NoSuchEntity", 404)
    # The default page is 100 and the marker walks the rest.
    first = iam.list_roles()
    assert len(first["Roles"]) == 100 and first["IsTruncated"]
    total = sum(len(page["Roles"]) for page in iam.get_paginator("list_roles").paginate())
    assert total == 1000
    iam.delete_role(RoleName="quota-0")
    iam.create_role(RoleName="quota-extra", AssumeRolePolicyDocument=trust())


def test_only_attached_policies_include_those_attached_to_roles(iam):
    arn = iam.create_policy(PolicyName=unique("onlyrole"), PolicyDocument=inline())["Policy"]["Arn"]
    listed = {p["Arn"] for p in iam.list_policies(Scope="Local", OnlyAttached=True)["Policies"]}
    assert arn not in listed
    iam.attach_role_policy(RoleName=new_role(iam)["RoleName"], PolicyArn=arn)
    listed = {p["Arn"]: p for p in iam.list_policies(Scope="Local", OnlyAttached=True)["Policies"]}
    assert listed[arn]["AttachmentCount"] == 1
