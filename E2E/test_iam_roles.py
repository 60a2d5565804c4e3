"""IAM roles over the wire: CRUD with paths, trust policies (validated as IAM validates them),
descriptions, session durations, tags, inline and attached policies, permissions boundaries and
delete conflicts (botocore `iam/2010-05-08`; iam-facts §2.2, §4.3-4.4)."""
import json
from urllib.parse import unquote

import pytest

from helpers import client, expect_error, unique
from role_helpers import READ_ONLY, inline, new_role, trust

NAME_PATTERN = r"[\w+=,.@-]+"


@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


@pytest.fixture(scope="module")
def acct(shared_server):
    return shared_server.account_id

# ---- lifecycle and shapes -----------------------------------------------------------------------

def test_role_lifecycle_with_path_description_and_duration(iam, acct):
    name = unique("life")
    created = iam.create_role(RoleName=name, Path="/app/team/", AssumeRolePolicyDocument=trust(),
                              Description="Web tier", MaxSessionDuration=7200,
                              Tags=[{"Key": "team", "Value": "web"}])["Role"]
    assert created["RoleName"] == name and created["Path"] == "/app/team/"
    assert created["Arn"] == f"arn:aws:iam::{acct}:role/app/team/{name}"
    assert created["RoleId"].startswith("AROA") and len(created["RoleId"]) == 21
    assert created["AssumeRolePolicyDocument"] == json.loads(trust())
    assert created["Description"] == "Web tier" and created["MaxSessionDuration"] == 7200
    assert created["Tags"] == [{"Key": "team", "Value": "web"}]

    got = iam.get_role(RoleName=name.upper())["Role"]
    assert {k: got[k] for k in ("RoleName", "RoleId", "Arn", "Path", "Description", "MaxSessionDuration")} == \
        {k: created[k] for k in ("RoleName", "RoleId", "Arn", "Path", "Description", "MaxSessionDuration")}
    assert got["RoleLastUsed"] == {}, "GetRole carries an empty RoleLastUsed until the role is used"
    assert got["Tags"] == [{"Key": "team", "Value": "web"}]

    iam.delete_role(RoleName=name)
    expect_error(lambda: iam.get_role(RoleName=name), "NoSuchEntity", 404, f"The role with name {name} cannot be found.")
    expect_error(lambda: iam.delete_role(RoleName=name), "NoSuchEntity", 404, f"The role with name {name} cannot be found.")


def test_trust_policy_comes_back_url_encoded_as_given(iam, shared_server):
    text = '{"Version": "2012-10-17",\n "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}'
    name = unique("enc")
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=text)
    raw = client(shared_server)
    bodies = []
    raw.meta.events.register("after-call", lambda http_response, **kw: bodies.append(http_response.content.decode()))
    raw.get_role(RoleName=name)
    encoded = bodies[0].split("<AssumeRolePolicyDocument>")[1].split("</AssumeRolePolicyDocument>")[0]
    assert "%7B%22Version%22%3A%20%222012-10-17%22%2C%0A" in encoded
    assert unquote(encoded) == text


def test_defaults_and_case_insensitive_names(iam):
    role = new_role(iam)
    got = iam.get_role(RoleName=role["RoleName"])["Role"]
    assert got["MaxSessionDuration"] == 3600 and got["Path"] == "/"
    assert "Description" not in got and "PermissionsBoundary" not in got and "Tags" not in got
    expect_error(lambda: iam.create_role(RoleName=role["RoleName"].upper(), AssumeRolePolicyDocument=trust()),
                 "EntityAlreadyExists", 409, f"Role with name {role['RoleName'].upper()} already exists.")
    # A user, a group and a role may share a name.
    iam.create_user(UserName=role["RoleName"])
    iam.create_group(GroupName=role["RoleName"])


@pytest.mark.parametrize("name, constraint", [
    ("bad name!", f"Member must satisfy regular expression pattern: {NAME_PATTERN}"),
    ("a/b", f"Member must satisfy regular expression pattern: {NAME_PATTERN}"),
    ("r" * 65, "Member must have length less than or equal to 64"),
])
def test_invalid_role_names(iam, name, constraint):
    expect_error(lambda: iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust()), "ValidationError", 400,
                 f"1 validation error detected: Value '{name}' at 'roleName' failed to satisfy constraint: {constraint}")


def test_longest_name_and_invalid_paths(iam):
    longest = ("r" + unique("")).ljust(64, "x")
    assert iam.create_role(RoleName=longest, AssumeRolePolicyDocument=trust())["Role"]["RoleName"] == longest
    for path in ("noslash", "/missing-trailing", "/has space/"):
        expect_error(lambda: iam.create_role(RoleName=unique("p"), Path=path, AssumeRolePolicyDocument=trust()),
                     "ValidationError", 400)


@pytest.mark.parametrize("value, constraint", [
    (3599, "Member must have value greater than or equal to 3600"),
    (43201, "Member must have value less than or equal to 43200"),
])
def test_max_session_duration_range(shared_server, iam, value, constraint):
    loose = client(shared_server, validate=False)
    message = f"1 validation error detected: Value '{value}' at 'maxSessionDuration' failed to satisfy constraint: {constraint}"
    name = unique("dur")
    expect_error(lambda: loose.create_role(RoleName=name, AssumeRolePolicyDocument=trust(), MaxSessionDuration=value),
                 "ValidationError", 400, message)
    expect_error(lambda: iam.get_role(RoleName=name), "NoSuchEntity", 404)
    role = new_role(iam)
    expect_error(lambda: loose.update_role(RoleName=role["RoleName"], MaxSessionDuration=value), "ValidationError", 400, message)
    assert iam.get_role(RoleName=role["RoleName"])["Role"]["MaxSessionDuration"] == 3600
    assert iam.create_role(RoleName=unique("max"), AssumeRolePolicyDocument=trust(),
                           MaxSessionDuration=43200)["Role"]["MaxSessionDuration"] == 43200


def test_description_limits(shared_server, iam):
    loose = client(shared_server, validate=False)
    expect_error(lambda: loose.create_role(RoleName=unique("d"), AssumeRolePolicyDocument=trust(), Description="x" * 1001),
                 "ValidationError", 400, contains="Member must have length less than or equal to 1000")
    expect_error(lambda: loose.create_role(RoleName=unique("d"), AssumeRolePolicyDocument=trust(), Description="emoji \U0001F600"),
                 "ValidationError", 400, contains="Member must satisfy regular expression pattern")
    assert new_role(iam, Description="d" * 1000)["Description"] == "d" * 1000


def test_update_role_and_description(iam):
    role = new_role(iam, Description="first", MaxSessionDuration=7200)
    name = role["RoleName"]
    iam.update_role(RoleName=name, MaxSessionDuration=14400)
    got = iam.get_role(RoleName=name)["Role"]
    assert got["MaxSessionDuration"] == 14400 and got["Description"] == "first", "what is not given is kept"
    iam.update_role(RoleName=name, Description="second")
    got = iam.get_role(RoleName=name)["Role"]
    assert got["Description"] == "second" and got["MaxSessionDuration"] == 14400
    updated = iam.update_role_description(RoleName=name, Description="third")["Role"]
    assert updated["Description"] == "third" and updated["RoleName"] == name
    assert iam.get_role(RoleName=name)["Role"]["Description"] == "third"
    expect_error(lambda: iam.update_role(RoleName="nobody-" + unique(), Description="x"), "NoSuchEntity", 404)
    expect_error(lambda: iam.update_role_description(RoleName="nobody-" + unique(), Description="x"), "NoSuchEntity", 404)


# ---- trust policies -----------------------------------------------------------------------------

def test_trust_policies_with_existing_principals_are_accepted(iam, acct):
    user = unique("trusted")
    iam.create_user(UserName=user, Path="/people/")
    other = new_role(iam, path="/svc/")
    principals = [
        {"AWS": f"arn:aws:iam::{acct}:user/people/{user}"},
        {"AWS": other["Arn"]},
        {"AWS": acct},
        {"AWS": f"arn:aws:iam::{acct}:root"},
        {"AWS": "*"},
        {"AWS": [f"arn:aws:iam::{acct}:root", other["Arn"]]},
        {"Service": ["ec2.amazonaws.com", "lambda.amazonaws.com"]},
        {"Federated": f"arn:aws:iam::{acct}:saml-provider/Corp"},
        {"Federated": "accounts.google.com"},
        "*",
    ]
    for principal in principals:
        action = "sts:AssumeRoleWithWebIdentity" if principal == {"Federated": "accounts.google.com"} else "sts:AssumeRole"
        iam.create_role(RoleName=unique("tp"), AssumeRolePolicyDocument=trust(principal, action=action))
    for action in (["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"], "sts:AssumeRole*",
                   "sts:*", "STS:assumerole"):
        iam.create_role(RoleName=unique("ta"), AssumeRolePolicyDocument=trust(action=action))
    old = json.dumps({"Version": "2008-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    iam.create_role(RoleName=unique("old"), AssumeRolePolicyDocument=old)


def test_trust_policy_errors_are_malformed_policy_documents(iam, acct):
    cases = [
        (trust({"AWS": f"arn:aws:iam::{acct}:user/nobody"}),
         f'Invalid principal in policy: "AWS":"arn:aws:iam::{acct}:user/nobody"'),
        (trust({"AWS": f"arn:aws:iam::{acct}:role/missing-role"}),
         f'Invalid principal in policy: "AWS":"arn:aws:iam::{acct}:role/missing-role"'),
        (trust({"AWS": f"arn:aws:iam::{acct}:user/*"}), f'Invalid principal in policy: "AWS":"arn:aws:iam::{acct}:user/*"'),
        (trust({"AWS": "not-an-arn"}), 'Invalid principal in policy: "AWS":"not-an-arn"'),
        (trust({"Service": "Not A Service"}), 'Invalid principal in policy: "SERVICE":"Not A Service"'),
        (trust({"Federated": "example.com"}), 'Invalid principal in policy: "FEDERATED":"example.com"'),
        (trust(action="s3:GetObject"), "AssumeRole policy may only specify STS AssumeRole actions."),
        (trust(action=["sts:AssumeRole", "iam:PassRole"]), "AssumeRole policy may only specify STS AssumeRole actions."),
        (trust(action="sts:GetCallerIdentity"), "AssumeRole policy may only specify STS AssumeRole actions."),
        (trust(Resource="*"), "Has prohibited field Resource."),
        (json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}),
         "Missing required field Principal"),
        ("{not json", "Syntax errors in policy."),
    ]
    for text, message in cases:
        name = unique("bad")
        expect_error(lambda: iam.create_role(RoleName=name, AssumeRolePolicyDocument=text), "MalformedPolicyDocument", 400,
                     message)
        expect_error(lambda: iam.get_role(RoleName=name), "NoSuchEntity", 404)


def test_trust_policy_size_quota_is_2048(iam):
    big = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "S" + str(i), "Effect": "Allow", "Principal": {"Service": f"svc{i:03d}.amazonaws.com"},
         "Action": "sts:AssumeRole"} for i in range(30)]})
    assert len(big.replace(" ", "")) > 2048
    name = unique("big")
    expect_error(lambda: iam.create_role(RoleName=name, AssumeRolePolicyDocument=big), "LimitExceeded", 409,
                 "Cannot exceed quota for ACLSizePerRole: 2048")
    role = new_role(iam)
    expect_error(lambda: iam.update_assume_role_policy(RoleName=role["RoleName"], PolicyDocument=big), "LimitExceeded", 409,
                 "Cannot exceed quota for ACLSizePerRole: 2048")


def test_update_assume_role_policy(iam, acct):
    role = new_role(iam)
    name = role["RoleName"]
    user = unique("assumer")
    iam.create_user(UserName=user)
    iam.update_assume_role_policy(RoleName=name, PolicyDocument=trust({"AWS": f"arn:aws:iam::{acct}:user/{user}"}))
    assert iam.get_role(RoleName=name)["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == \
        {"AWS": f"arn:aws:iam::{acct}:user/{user}"}
    expect_error(lambda: iam.update_assume_role_policy(RoleName=name, PolicyDocument=trust({"AWS": "nope"})),
                 "MalformedPolicyDocument", 400, 'Invalid principal in policy: "AWS":"nope"')
    assert iam.get_role(RoleName=name)["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == \
        {"AWS": f"arn:aws:iam::{acct}:user/{user}"}, "a refused update changes nothing"
    expect_error(lambda: iam.update_assume_role_policy(RoleName="nobody-" + unique(), PolicyDocument=trust()),
                 "NoSuchEntity", 404)


# ---- listing ------------------------------------------------------------------------------------

def test_list_roles_filters_by_path_and_omits_what_aws_omits(iam):
    base = "/" + unique("lp") + "/"
    names = sorted(unique("lr") for _ in range(5))
    for i, name in enumerate(names):
        iam.create_role(RoleName=name, Path=base + ("a/" if i < 3 else "b/"), AssumeRolePolicyDocument=trust(),
                        Description="listed", PermissionsBoundary=READ_ONLY, Tags=[{"Key": "k", "Value": "v"}])
    listed = iam.list_roles(PathPrefix=base + "a/")["Roles"]
    assert [r["RoleName"] for r in listed] == names[:3]
    for role in listed:
        assert role["Description"] == "listed" and role["MaxSessionDuration"] == 3600
        assert "AssumeRolePolicyDocument" in role
        assert "Tags" not in role and "PermissionsBoundary" not in role and "RoleLastUsed" not in role
    assert [r["RoleName"] for r in iam.list_roles(PathPrefix=base)["Roles"]] == names
    page = iam.list_roles(PathPrefix=base, MaxItems=2)
    assert page["IsTruncated"] and len(page["Roles"]) == 2
    seen = [r["RoleName"] for r in page["Roles"]]
    while page["IsTruncated"]:
        page = iam.list_roles(PathPrefix=base, MaxItems=2, Marker=page["Marker"])
        seen += [r["RoleName"] for r in page["Roles"]]
    assert seen == names
    paginated = [r["RoleName"] for p in iam.get_paginator("list_roles").paginate(PathPrefix=base, PaginationConfig={"PageSize": 1})
                 for r in p["Roles"]]
    assert paginated == names
    expect_error(lambda: iam.list_roles(Marker="garbage"), "ValidationError", 400)
    expect_error(lambda: iam.list_roles(PathPrefix="no-slash"), "ValidationError", 400)


# ---- tags ---------------------------------------------------------------------------------------

def test_role_tags_and_the_50_tag_quota(iam):
    role = new_role(iam, Tags=[{"Key": "Env", "Value": "dev"}])
    name = role["RoleName"]
    iam.tag_role(RoleName=name, Tags=[{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "ops"}])
    assert iam.list_role_tags(RoleName=name)["Tags"] == [{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "ops"}]
    iam.untag_role(RoleName=name, TagKeys=["OWNER"])
    assert iam.list_role_tags(RoleName=name)["Tags"] == [{"Key": "env", "Value": "prod"}]
    iam.tag_role(RoleName=name, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(49)])
    expect_error(lambda: iam.tag_role(RoleName=name, Tags=[{"Key": "one-too-many", "Value": "v"}]), "LimitExceeded", 409,
                 "The number of tags has reached the maximum limit.")
    assert len(iam.list_role_tags(RoleName=name)["Tags"]) == 50
    page = iam.list_role_tags(RoleName=name, MaxItems=20)
    assert page["IsTruncated"] and len(page["Tags"]) == 20
    expect_error(lambda: iam.tag_role(RoleName=name, Tags=[{"Key": "aws:reserved", "Value": "v"}]), "InvalidInput", 400)
    expect_error(lambda: iam.create_role(RoleName=unique("t"), AssumeRolePolicyDocument=trust(),
                                         Tags=[{"Key": "a", "Value": "1"}, {"Key": "A", "Value": "2"}]), "InvalidInput", 400)
    expect_error(lambda: iam.list_role_tags(RoleName="nobody-" + unique()), "NoSuchEntity", 404)


# ---- inline and attached policies -----------------------------------------------------------------

def test_role_inline_policies(iam):
    role = new_role(iam)
    name = role["RoleName"]
    iam.put_role_policy(RoleName=name, PolicyName="read", PolicyDocument=inline())
    iam.put_role_policy(RoleName=name, PolicyName="write", PolicyDocument=inline("s3:PutObject"))
    assert iam.list_role_policies(RoleName=name)["PolicyNames"] == ["read", "write"]
    got = iam.get_role_policy(RoleName=name, PolicyName="READ")
    assert got["RoleName"] == name and got["PolicyName"] == "read"
    assert got["PolicyDocument"] == json.loads(inline())
    iam.put_role_policy(RoleName=name, PolicyName="read", PolicyDocument=inline("s3:ListBucket"))
    assert iam.get_role_policy(RoleName=name, PolicyName="read")["PolicyDocument"]["Statement"][0]["Action"] == "s3:ListBucket"
    expect_error(lambda: iam.get_role_policy(RoleName=name, PolicyName="missing"), "NoSuchEntity", 404,
                 "The role policy with name missing cannot be found.")
    expect_error(lambda: iam.put_role_policy(RoleName=name, PolicyName="bad", PolicyDocument=trust()),
                 "MalformedPolicyDocument", 400, "Policy document should not specify a principal.")
    page = iam.list_role_policies(RoleName=name, MaxItems=1)
    assert page["IsTruncated"] and page["PolicyNames"] == ["read"]
    iam.delete_role_policy(RoleName=name, PolicyName="write")
    expect_error(lambda: iam.delete_role_policy(RoleName=name, PolicyName="write"), "NoSuchEntity", 404,
                 "The role policy with name write cannot be found.")
    expect_error(lambda: iam.put_role_policy(RoleName="nobody-" + unique(), PolicyName="p", PolicyDocument=inline()),
                 "NoSuchEntity", 404)


def test_role_inline_policy_size_quota_is_10240_for_all_together(iam):
    role = new_role(iam)
    name = role["RoleName"]
    one = inline(padding=3000)
    size = len(one.replace(" ", ""))
    for i in range(10240 // size):
        iam.put_role_policy(RoleName=name, PolicyName=f"p{i}", PolicyDocument=one)
    expect_error(lambda: iam.put_role_policy(RoleName=name, PolicyName="over", PolicyDocument=one), "LimitExceeded", 409,
                 f"Maximum policy size of 10240 bytes exceeded for role {name}")
    assert "over" not in iam.list_role_policies(RoleName=name)["PolicyNames"]
    # Replacing a policy counts its new size, not both.
    iam.put_role_policy(RoleName=name, PolicyName="p0", PolicyDocument=one)


def test_role_attached_policies_and_quota(iam, acct):
    role = new_role(iam)
    name = role["RoleName"]
    arn = iam.create_policy(PolicyName=unique("rp"), Path="/team/", PolicyDocument=inline())["Policy"]["Arn"]
    iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    iam.attach_role_policy(RoleName=name, PolicyArn=READ_ONLY)
    attached = iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
    assert attached == [{"PolicyName": arn.rsplit("/", 1)[1], "PolicyArn": arn},
                        {"PolicyName": "ReadOnlyAccess", "PolicyArn": READ_ONLY}]
    assert iam.list_attached_role_policies(RoleName=name, PathPrefix="/team/")["AttachedPolicies"] == attached[:1]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 1
    expect_error(lambda: iam.delete_policy(PolicyArn=arn), "DeleteConflict", 409, "Cannot delete a policy attached to entities.")

    missing = f"arn:aws:iam::{acct}:policy/{unique('missing')}"
    expect_error(lambda: iam.attach_role_policy(RoleName=name, PolicyArn=missing), "NoSuchEntity", 404,
                 f"Policy {missing} does not exist or is not attachable.")
    expect_error(lambda: iam.attach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/NoSuchPolicyHere"),
                 "NoSuchEntity", 404)
    expect_error(lambda: iam.attach_role_policy(RoleName=name, PolicyArn="not-an-arn-at-all-xx"), "InvalidInput", 400)
    expect_error(lambda: iam.detach_role_policy(RoleName=name, PolicyArn=missing), "NoSuchEntity", 404,
                 f"Policy {missing} was not found.")
    extra = [iam.create_policy(PolicyName=unique("q"), PolicyDocument=inline())["Policy"]["Arn"] for _ in range(8)]
    for policy in extra:
        iam.attach_role_policy(RoleName=name, PolicyArn=policy)
    eleventh = iam.create_policy(PolicyName=unique("q"), PolicyDocument=inline())["Policy"]["Arn"]
    expect_error(lambda: iam.attach_role_policy(RoleName=name, PolicyArn=eleventh), "LimitExceeded", 409,
                 "Cannot exceed quota for PoliciesPerRole: 10")
    assert len(iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]) == 10
    iam.detach_role_policy(RoleName=name, PolicyArn=arn)
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 0
    iam.delete_policy(PolicyArn=arn)


def test_role_permissions_boundary(iam):
    boundary = iam.create_policy(PolicyName=unique("bound"), PolicyDocument=inline())["Policy"]["Arn"]
    role = new_role(iam, PermissionsBoundary=boundary)
    name = role["RoleName"]
    assert role["PermissionsBoundary"] == {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                                           "PermissionsBoundaryArn": boundary}
    assert iam.get_policy(PolicyArn=boundary)["Policy"]["PermissionsBoundaryUsageCount"] == 1
    iam.put_role_permissions_boundary(RoleName=name, PermissionsBoundary=READ_ONLY)
    assert iam.get_role(RoleName=name)["Role"]["PermissionsBoundary"]["PermissionsBoundaryArn"] == READ_ONLY
    assert iam.get_policy(PolicyArn=boundary)["Policy"]["PermissionsBoundaryUsageCount"] == 0
    iam.delete_role_permissions_boundary(RoleName=name)
    assert "PermissionsBoundary" not in iam.get_role(RoleName=name)["Role"]
    missing = boundary + "-gone"
    expect_error(lambda: iam.put_role_permissions_boundary(RoleName=name, PermissionsBoundary=missing), "NoSuchEntity", 404,
                 f"Policy {missing} does not exist or is not attachable.")
    expect_error(lambda: iam.create_role(RoleName=unique("b"), AssumeRolePolicyDocument=trust(), PermissionsBoundary=missing),
                 "NoSuchEntity", 404)


def test_delete_role_conflicts_until_dependents_are_gone(iam):
    role = new_role(iam)
    name = role["RoleName"]
    profile = unique("ip")
    iam.create_instance_profile(InstanceProfileName=profile)
    iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=name)
    iam.attach_role_policy(RoleName=name, PolicyArn=READ_ONLY)
    iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=inline())
    expect_error(lambda: iam.delete_role(RoleName=name), "DeleteConflict", 409,
                 "Cannot delete entity, must remove roles from instance profile first.")
    iam.remove_role_from_instance_profile(InstanceProfileName=profile, RoleName=name)
    expect_error(lambda: iam.delete_role(RoleName=name), "DeleteConflict", 409,
                 "Cannot delete entity, must detach all policies first.")
    iam.detach_role_policy(RoleName=name, PolicyArn=READ_ONLY)
    expect_error(lambda: iam.delete_role(RoleName=name), "DeleteConflict", 409, "Cannot delete entity, must delete policies first.")
    assert iam.get_role(RoleName=name)["Role"]["RoleId"] == role["RoleId"], "refused deletes change nothing"
    iam.delete_role_policy(RoleName=name, PolicyName="inline")
    iam.delete_role(RoleName=name)
    expect_error(lambda: iam.get_role(RoleName=name), "NoSuchEntity", 404)
    # A new role of the same name is a new role.
    again = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust())["Role"]
    assert again["RoleId"] != role["RoleId"]
    assert iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"] == []
