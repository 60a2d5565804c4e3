"""The authorization gate, seen from IAM users signing with their own keys (iam-facts §2.3–2.6,
§3, §5; `AccessDenied` wording from `troubleshoot_access-denied.md`)."""
import pytest

from helpers import (IAM_FULL, IAM_READ_ONLY, INVALID_TOKEN, allow, client, deny, document, expect_error, unique,
                     user_with_key)


@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


@pytest.fixture(scope="module")
def acct(shared_server):
    return shared_server.account_id


def denied(acct, user, action, resource, why="identity"):
    reasons = {
        "identity": f"because no identity-based policy allows the {action} action",
        "explicit": "with an explicit deny in an identity-based policy",
        "boundary": f"because no permissions boundary allows the {action} action",
    }
    return f"User: arn:aws:iam::{acct}:user/{user} is not authorized to perform: {action} on resource: {resource} {reasons[why]}"


def test_read_only_user_can_read_but_not_create(shared_server, iam, acct):
    other = unique("other")
    iam.create_user(UserName=other)
    reader = user_with_key(iam, managed=[IAM_READ_ONLY])
    as_reader = client(shared_server, "iam", reader)
    assert other in {u["UserName"] for page in as_reader.get_paginator("list_users").paginate() for u in page["Users"]}
    assert as_reader.get_user(UserName=other)["User"]["UserName"] == other
    assert as_reader.get_user()["User"]["Arn"] == reader["Arn"], "GetUser without a name is the caller"
    assert as_reader.list_attached_user_policies(UserName=reader["Name"])["AttachedPolicies"][0]["PolicyArn"] == IAM_READ_ONLY
    new = unique("newname")
    expect_error(lambda: as_reader.create_user(UserName=new), "AccessDenied", 403,
                 denied(acct, reader["Name"], "iam:CreateUser", f"arn:aws:iam::{acct}:user/{new}"))
    expect_error(lambda: as_reader.delete_user(UserName=other), "AccessDenied", 403,
                 denied(acct, reader["Name"], "iam:DeleteUser", f"arn:aws:iam::{acct}:user/{other}"))
    group = unique("rogroup")
    expect_error(lambda: as_reader.create_group(GroupName=group), "AccessDenied", 403,
                 denied(acct, reader["Name"], "iam:CreateGroup", f"arn:aws:iam::{acct}:group/{group}"))
    # The denied calls changed nothing.
    expect_error(lambda: iam.get_user(UserName=new), "NoSuchEntity", 404)
    assert iam.get_user(UserName=other)["User"]["UserName"] == other


def test_explicit_deny_wins_over_an_allow(shared_server, iam, acct):
    reader = user_with_key(iam, managed=[IAM_READ_ONLY], inline=document(deny(["iam:ListUsers", "iam:ListGroups"])))
    as_reader = client(shared_server, "iam", reader)
    expect_error(lambda: as_reader.list_users(), "AccessDenied", 403,
                 denied(acct, reader["Name"], "iam:ListUsers", f"arn:aws:iam::{acct}:user/", "explicit"))
    expect_error(lambda: as_reader.list_groups(), "AccessDenied", 403,
                 denied(acct, reader["Name"], "iam:ListGroups", f"arn:aws:iam::{acct}:group/", "explicit"))
    assert as_reader.get_user()["User"]["UserName"] == reader["Name"], "what is not denied is still allowed"


def test_actions_match_case_insensitively_and_resources_by_glob(shared_server, iam, acct):
    prefix = unique("glob")
    inline = document(allow("IAM:getuser", f"arn:aws:iam::{acct}:user/{prefix}-*"))
    caller = user_with_key(iam, name=f"{prefix}-me", inline=inline)
    iam.create_user(UserName=f"{prefix}-peer")
    outsider = unique("outside")
    iam.create_user(UserName=outsider)
    as_caller = client(shared_server, "iam", caller)
    assert as_caller.get_user(UserName=f"{prefix}-peer")["User"]["UserName"] == f"{prefix}-peer"
    expect_error(lambda: as_caller.get_user(UserName=outsider), "AccessDenied", 403,
                 denied(acct, caller["Name"], "iam:GetUser", f"arn:aws:iam::{acct}:user/{outsider}"))


def test_resource_arns_include_the_path(shared_server, iam, acct):
    inline = document(allow(["iam:CreateUser", "iam:GetUser"], f"arn:aws:iam::{acct}:user/dev/*"))
    caller = user_with_key(iam, inline=inline)
    as_caller = client(shared_server, "iam", caller)
    ok, blocked = unique("devuser"), unique("produser")
    assert as_caller.create_user(UserName=ok, Path="/dev/")["User"]["Path"] == "/dev/"
    assert as_caller.get_user(UserName=ok)["User"]["UserName"] == ok
    expect_error(lambda: as_caller.create_user(UserName=blocked, Path="/prod/"), "AccessDenied", 403,
                 denied(acct, caller["Name"], "iam:CreateUser", f"arn:aws:iam::{acct}:user/prod/{blocked}"))
    iam.create_user(UserName=blocked, Path="/prod/")
    expect_error(lambda: as_caller.get_user(UserName=blocked), "AccessDenied", 403,
                 denied(acct, caller["Name"], "iam:GetUser", f"arn:aws:iam::{acct}:user/prod/{blocked}"))


def test_authorization_comes_before_existence_checks(shared_server, iam, acct):
    nobody = user_with_key(iam)
    ghost = unique("ghost")
    expect_error(lambda: client(shared_server, "iam", nobody).get_user(UserName=ghost), "AccessDenied", 403,
                 denied(acct, nobody["Name"], "iam:GetUser", f"arn:aws:iam::{acct}:user/{ghost}"))
    expect_error(lambda: client(shared_server, "iam", nobody).delete_group(GroupName=ghost), "AccessDenied", 403,
                 denied(acct, nobody["Name"], "iam:DeleteGroup", f"arn:aws:iam::{acct}:group/{ghost}"))


def test_aws_username_variable_limits_a_user_to_itself(shared_server, iam, acct):
    inline = document(allow(["iam:GetUser", "iam:ListAccessKeys", "iam:CreateAccessKey"],
                            "arn:aws:iam::*:user/${aws:username}"))
    me = user_with_key(iam, inline=inline)
    other = user_with_key(iam)
    as_me = client(shared_server, "iam", me)
    assert as_me.get_user(UserName=me["Name"])["User"]["UserId"] == me["UserId"]
    assert as_me.get_user()["User"]["UserName"] == me["Name"]
    keys = as_me.list_access_keys(UserName=me["Name"])["AccessKeyMetadata"]
    assert [k["AccessKeyId"] for k in keys] == [me["AccessKeyId"]]
    assert [k["AccessKeyId"] for k in as_me.list_access_keys()["AccessKeyMetadata"]] == [me["AccessKeyId"]]
    second = as_me.create_access_key(UserName=me["Name"])["AccessKey"]
    assert second["UserName"] == me["Name"] and second["AccessKeyId"].startswith("AKIA")

    for call, action in [(lambda: as_me.get_user(UserName=other["Name"]), "iam:GetUser"),
                         (lambda: as_me.list_access_keys(UserName=other["Name"]), "iam:ListAccessKeys"),
                         (lambda: as_me.create_access_key(UserName=other["Name"]), "iam:CreateAccessKey")]:
        expect_error(call, "AccessDenied", 403,
                     denied(acct, me["Name"], action, f"arn:aws:iam::{acct}:user/{other['Name']}"))
    assert len(iam.list_access_keys(UserName=other["Name"])["AccessKeyMetadata"]) == 1


def test_group_policies_apply_to_members_only_while_they_are_members(shared_server, iam, acct):
    group = unique("readers")
    iam.create_group(GroupName=group)
    iam.attach_group_policy(GroupName=group, PolicyArn=IAM_READ_ONLY)
    member = user_with_key(iam)
    as_member = client(shared_server, "iam", member)
    listing = denied(acct, member["Name"], "iam:ListUsers", f"arn:aws:iam::{acct}:user/")
    expect_error(lambda: as_member.list_users(MaxItems=1), "AccessDenied", 403, listing)

    iam.add_user_to_group(GroupName=group, UserName=member["Name"])
    assert as_member.list_users(MaxItems=1)["Users"]
    iam.remove_user_from_group(GroupName=group, UserName=member["Name"])
    expect_error(lambda: as_member.list_users(MaxItems=1), "AccessDenied", 403, listing)

    iam.add_user_to_group(GroupName=group, UserName=member["Name"])
    assert as_member.list_users(MaxItems=1)["Users"]
    iam.detach_group_policy(GroupName=group, PolicyArn=IAM_READ_ONLY)
    expect_error(lambda: as_member.list_users(MaxItems=1), "AccessDenied", 403, listing)
    iam.put_group_policy(GroupName=group, PolicyName="inline", PolicyDocument=document(allow("iam:ListUsers")))
    assert as_member.list_users(MaxItems=1)["Users"], "group inline policies apply too"


def test_managed_policy_version_change_takes_effect(shared_server, iam, acct):
    arn = iam.create_policy(PolicyName=unique("switch"), PolicyDocument=document(allow("iam:ListGroups")))["Policy"]["Arn"]
    user = user_with_key(iam, managed=[arn])
    as_user = client(shared_server, "iam", user)
    as_user.list_groups(MaxItems=1)
    expect_error(lambda: as_user.list_users(MaxItems=1), "AccessDenied", 403)
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(allow("iam:ListUsers")), SetAsDefault=True)
    as_user.list_users(MaxItems=1)
    expect_error(lambda: as_user.list_groups(MaxItems=1), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:ListGroups", f"arn:aws:iam::{acct}:group/"))


def test_permissions_boundary_caps_what_policies_allow(shared_server, iam, acct):
    bounded = user_with_key(iam, managed=[IAM_FULL], boundary=IAM_READ_ONLY)
    assert iam.get_user(UserName=bounded["Name"])["User"]["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": IAM_READ_ONLY}
    as_bounded = client(shared_server, "iam", bounded)
    assert as_bounded.list_users(MaxItems=1)["Users"], "allowed by both the policy and the boundary"
    new = unique("blocked")
    expect_error(lambda: as_bounded.create_user(UserName=new), "AccessDenied", 403,
                 denied(acct, bounded["Name"], "iam:CreateUser", f"arn:aws:iam::{acct}:user/{new}", "boundary"))

    iam.delete_user_permissions_boundary(UserName=bounded["Name"])
    assert "PermissionsBoundary" not in iam.get_user(UserName=bounded["Name"])["User"]
    assert as_bounded.create_user(UserName=new)["User"]["UserName"] == new

    # A boundary alone grants nothing.
    only_boundary = user_with_key(iam, boundary=IAM_READ_ONLY)
    expect_error(lambda: client(shared_server, "iam", only_boundary).list_users(), "AccessDenied", 403,
                 denied(acct, only_boundary["Name"], "iam:ListUsers", f"arn:aws:iam::{acct}:user/"))


def test_principal_tags_feed_conditions(shared_server, iam, acct):
    inline = document({"Effect": "Allow", "Action": "iam:ListGroups", "Resource": "*",
                       "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}})
    user = user_with_key(iam, inline=inline)
    as_user = client(shared_server, "iam", user)
    refusal = denied(acct, user["Name"], "iam:ListGroups", f"arn:aws:iam::{acct}:group/")
    expect_error(lambda: as_user.list_groups(MaxItems=1), "AccessDenied", 403, refusal)
    iam.tag_user(UserName=user["Name"], Tags=[{"Key": "team", "Value": "red"}])
    as_user.list_groups(MaxItems=1)
    iam.tag_user(UserName=user["Name"], Tags=[{"Key": "team", "Value": "blue"}])
    expect_error(lambda: as_user.list_groups(MaxItems=1), "AccessDenied", 403, refusal)


def test_permissions_boundary_condition_key_on_create_user(shared_server, iam, acct):
    inline = document({"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*",
                       "Condition": {"StringEquals": {"iam:PermissionsBoundary": IAM_READ_ONLY}}})
    admin = user_with_key(iam, inline=inline)
    as_admin = client(shared_server, "iam", admin)
    free, capped = unique("free"), unique("capped")
    expect_error(lambda: as_admin.create_user(UserName=free), "AccessDenied", 403,
                 denied(acct, admin["Name"], "iam:CreateUser", f"arn:aws:iam::{acct}:user/{free}"))
    made = as_admin.create_user(UserName=capped, PermissionsBoundary=IAM_READ_ONLY)["User"]
    assert made["PermissionsBoundary"]["PermissionsBoundaryArn"] == IAM_READ_ONLY


def test_get_caller_identity_needs_no_permission(shared_server, iam, acct):
    nobody = user_with_key(iam)
    identity = client(shared_server, "sts", nobody).get_caller_identity()
    assert identity["Arn"] == nobody["Arn"] == f"arn:aws:iam::{acct}:user/{nobody['Name']}"
    assert identity["UserId"] == nobody["UserId"] and identity["Account"] == acct
    expect_error(lambda: client(shared_server, "iam", nobody).get_user(), "AccessDenied", 403,
                 denied(acct, nobody["Name"], "iam:GetUser", nobody["Arn"]))
    # Not even an explicit Deny of everything blocks it (iam-facts §5).
    iam.put_user_policy(UserName=nobody["Name"], PolicyName="deny-all", PolicyDocument=document(deny("*")))
    assert client(shared_server, "sts", nobody).get_caller_identity()["Arn"] == nobody["Arn"]


def test_inactive_and_deleted_keys_are_invalid_tokens(shared_server, iam):
    user = user_with_key(iam, managed=[IAM_READ_ONLY])
    as_user = client(shared_server, "iam", user)
    sts = client(shared_server, "sts", user)
    as_user.get_user()
    iam.update_access_key(UserName=user["Name"], AccessKeyId=user["AccessKeyId"], Status="Inactive")
    assert iam.list_access_keys(UserName=user["Name"])["AccessKeyMetadata"][0]["Status"] == "Inactive"
    expect_error(lambda: as_user.get_user(), "InvalidClientTokenId", 403, INVALID_TOKEN)
    expect_error(lambda: sts.get_caller_identity(), "InvalidClientTokenId", 403, INVALID_TOKEN)
    iam.update_access_key(UserName=user["Name"], AccessKeyId=user["AccessKeyId"], Status="Active")
    assert as_user.get_user()["User"]["UserName"] == user["Name"]
    iam.delete_access_key(UserName=user["Name"], AccessKeyId=user["AccessKeyId"])
    expect_error(lambda: as_user.get_user(), "InvalidClientTokenId", 403, INVALID_TOKEN)
    expect_error(lambda: sts.get_caller_identity(), "InvalidClientTokenId", 403, INVALID_TOKEN)


def test_wrong_secret_for_a_real_key_is_a_signature_mismatch(shared_server, iam):
    user = user_with_key(iam, managed=[IAM_READ_ONLY])
    forged = dict(user, SecretAccessKey=user["SecretAccessKey"][::-1])
    expect_error(lambda: client(shared_server, "iam", forged).get_user(), "SignatureDoesNotMatch", 403)


def test_access_keys_quota_is_two(shared_server, iam):
    user = user_with_key(iam)
    iam.create_access_key(UserName=user["Name"])
    expect_error(lambda: iam.create_access_key(UserName=user["Name"]), "LimitExceeded", 409)
    raw = client(shared_server, "iam", validate=False)
    expect_error(lambda: raw.update_access_key(UserName=user["Name"], AccessKeyId=user["AccessKeyId"], Status="Bogus"),
                 "ValidationError", 400)


def test_cli_get_caller_identity_with_a_users_keys(shared_server, iam, acct):
    user = user_with_key(iam)
    _, identity, _ = shared_server.cli("sts", "get-caller-identity", access_key_id=user["AccessKeyId"],
                                       secret_access_key=user["SecretAccessKey"])
    assert identity == {"UserId": user["UserId"], "Account": acct, "Arn": user["Arn"]}
    code, _, stderr = shared_server.cli("iam", "list-users", access_key_id=user["AccessKeyId"],
                                        secret_access_key=user["SecretAccessKey"], check=False)
    assert code != 0 and "AccessDenied" in stderr
