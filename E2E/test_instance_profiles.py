"""IAM instance profiles over the wire: CRUD with paths and tags, the one role a profile holds,
delete conflicts, listings with paging, and the authorization gate with profiles' real ARNs
(botocore `iam/2010-05-08`; iam-facts §4.3-4.4)."""
import json

import pytest

from helpers import IAM_READ_ONLY, allow, client, document, expect_error, unique, user_with_key
from role_helpers import denied, new_role, trust

NAME_PATTERN = r"[\w+=,.@-]+"


@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


@pytest.fixture(scope="module")
def acct(shared_server):
    return shared_server.account_id


def test_instance_profile_lifecycle(iam, acct):
    name = unique("prof")
    created = iam.create_instance_profile(InstanceProfileName=name, Path="/web/",
                                          Tags=[{"Key": "tier", "Value": "web"}])["InstanceProfile"]
    assert created["InstanceProfileName"] == name and created["Path"] == "/web/"
    assert created["Arn"] == f"arn:aws:iam::{acct}:instance-profile/web/{name}"
    assert created["InstanceProfileId"].startswith("AIPA") and len(created["InstanceProfileId"]) == 21
    assert created["Roles"] == [] and created["Tags"] == [{"Key": "tier", "Value": "web"}]
    got = iam.get_instance_profile(InstanceProfileName=name.upper())["InstanceProfile"]
    assert {k: got[k] for k in ("InstanceProfileName", "InstanceProfileId", "Arn", "Path", "Roles", "Tags")} == \
        {k: created[k] for k in ("InstanceProfileName", "InstanceProfileId", "Arn", "Path", "Roles", "Tags")}
    expect_error(lambda: iam.create_instance_profile(InstanceProfileName=name.upper()), "EntityAlreadyExists", 409,
                 f"Instance Profile {name.upper()} already exists.")
    iam.delete_instance_profile(InstanceProfileName=name)
    expect_error(lambda: iam.get_instance_profile(InstanceProfileName=name), "NoSuchEntity", 404,
                 f"Instance Profile {name} cannot be found.")
    expect_error(lambda: iam.delete_instance_profile(InstanceProfileName=name), "NoSuchEntity", 404,
                 f"Instance Profile {name} cannot be found.")


@pytest.mark.parametrize("name, constraint", [
    ("bad name!", f"Member must satisfy regular expression pattern: {NAME_PATTERN}"),
    ("p" * 129, "Member must have length less than or equal to 128"),
])
def test_invalid_instance_profile_names(iam, name, constraint):
    expect_error(lambda: iam.create_instance_profile(InstanceProfileName=name), "ValidationError", 400,
                 f"1 validation error detected: Value '{name}' at 'instanceProfileName' failed to satisfy constraint: {constraint}")


def test_longest_name_and_invalid_path(iam):
    longest = ("p" + unique("")).ljust(128, "x")
    assert iam.create_instance_profile(InstanceProfileName=longest)["InstanceProfile"]["InstanceProfileName"] == longest
    expect_error(lambda: iam.create_instance_profile(InstanceProfileName=unique("p"), Path="/no-trailing"),
                 "ValidationError", 400)


def test_a_profile_holds_one_role(iam, acct):
    profile = unique("one")
    iam.create_instance_profile(InstanceProfileName=profile)
    first, second = new_role(iam, path="/ec2/"), new_role(iam)
    iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=first["RoleName"])
    limit = "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"
    expect_error(lambda: iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=second["RoleName"]),
                 "LimitExceeded", 409, limit)
    expect_error(lambda: iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=first["RoleName"]),
                 "LimitExceeded", 409, limit)
    [role] = iam.get_instance_profile(InstanceProfileName=profile)["InstanceProfile"]["Roles"]
    assert role["RoleName"] == first["RoleName"] and role["Arn"] == first["Arn"] and role["RoleId"] == first["RoleId"]
    assert role["Path"] == "/ec2/" and role["AssumeRolePolicyDocument"] == json.loads(trust())
    for_role = iam.list_instance_profiles_for_role(RoleName=first["RoleName"])["InstanceProfiles"]
    assert [p["InstanceProfileName"] for p in for_role] == [profile]
    assert iam.list_instance_profiles_for_role(RoleName=second["RoleName"])["InstanceProfiles"] == []

    expect_error(lambda: iam.delete_instance_profile(InstanceProfileName=profile), "DeleteConflict", 409,
                 "Cannot delete entity, must remove roles from instance profile first.")
    expect_error(lambda: iam.remove_role_from_instance_profile(InstanceProfileName=profile, RoleName=second["RoleName"]),
                 "NoSuchEntity", 404)
    iam.remove_role_from_instance_profile(InstanceProfileName=profile, RoleName=first["RoleName"])
    assert iam.get_instance_profile(InstanceProfileName=profile)["InstanceProfile"]["Roles"] == []
    iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=second["RoleName"])
    assert [r["RoleName"] for r in iam.get_instance_profile(InstanceProfileName=profile)["InstanceProfile"]["Roles"]] == \
        [second["RoleName"]]


def test_a_role_may_be_in_several_profiles(iam):
    role = new_role(iam)
    names = sorted(unique("many") for _ in range(3))
    for name in names:
        iam.create_instance_profile(InstanceProfileName=name)
        iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=role["RoleName"])
    listed = iam.list_instance_profiles_for_role(RoleName=role["RoleName"])
    assert [p["InstanceProfileName"] for p in listed["InstanceProfiles"]] == names
    page = iam.list_instance_profiles_for_role(RoleName=role["RoleName"], MaxItems=2)
    assert page["IsTruncated"] and len(page["InstanceProfiles"]) == 2
    rest = iam.list_instance_profiles_for_role(RoleName=role["RoleName"], Marker=page["Marker"])
    assert [p["InstanceProfileName"] for p in page["InstanceProfiles"] + rest["InstanceProfiles"]] == names
    expect_error(lambda: iam.list_instance_profiles_for_role(RoleName="nobody-" + unique()), "NoSuchEntity", 404)


def test_missing_roles_and_profiles_are_no_such_entity(iam):
    profile = unique("miss")
    iam.create_instance_profile(InstanceProfileName=profile)
    role = new_role(iam)
    ghost = "ghost-" + unique()
    expect_error(lambda: iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=ghost), "NoSuchEntity", 404,
                 f"The role with name {ghost} cannot be found.")
    expect_error(lambda: iam.add_role_to_instance_profile(InstanceProfileName=ghost, RoleName=role["RoleName"]),
                 "NoSuchEntity", 404, f"Instance Profile {ghost} cannot be found.")
    assert iam.get_instance_profile(InstanceProfileName=profile)["InstanceProfile"]["Roles"] == []


def test_list_instance_profiles_filters_and_pages(iam):
    base = "/" + unique("lip") + "/"
    names = sorted(unique("lp") for _ in range(5))
    for i, name in enumerate(names):
        iam.create_instance_profile(InstanceProfileName=name, Path=base + ("a/" if i % 2 == 0 else "b/"))
    assert [p["InstanceProfileName"] for p in iam.list_instance_profiles(PathPrefix=base + "a/")["InstanceProfiles"]] == \
        names[0::2]
    seen, marker = [], None
    while True:
        page = iam.list_instance_profiles(PathPrefix=base, MaxItems=2, **({"Marker": marker} if marker else {}))
        seen += [p["InstanceProfileName"] for p in page["InstanceProfiles"]]
        if not page["IsTruncated"]:
            break
        marker = page["Marker"]
    assert seen == names
    expect_error(lambda: iam.list_instance_profiles(Marker="nope"), "ValidationError", 400)


def test_instance_profile_tags_and_quota(iam):
    name = unique("tags")
    iam.create_instance_profile(InstanceProfileName=name, Tags=[{"Key": "Env", "Value": "dev"}])
    iam.tag_instance_profile(InstanceProfileName=name, Tags=[{"Key": "env", "Value": "prod"}, {"Key": "o", "Value": "x"}])
    assert iam.list_instance_profile_tags(InstanceProfileName=name)["Tags"] == [{"Key": "env", "Value": "prod"},
                                                                               {"Key": "o", "Value": "x"}]
    iam.untag_instance_profile(InstanceProfileName=name, TagKeys=["O"])
    assert iam.list_instance_profile_tags(InstanceProfileName=name)["Tags"] == [{"Key": "env", "Value": "prod"}]
    iam.tag_instance_profile(InstanceProfileName=name, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(49)])
    expect_error(lambda: iam.tag_instance_profile(InstanceProfileName=name, Tags=[{"Key": "more", "Value": "v"}]),
                 "LimitExceeded", 409, "The number of tags has reached the maximum limit.")
    assert len(iam.get_instance_profile(InstanceProfileName=name)["InstanceProfile"]["Tags"]) == 50
    page = iam.list_instance_profile_tags(InstanceProfileName=name, MaxItems=10)
    assert page["IsTruncated"] and len(page["Tags"]) == 10
    expect_error(lambda: iam.tag_instance_profile(InstanceProfileName="nobody-" + unique(), Tags=[{"Key": "a", "Value": "b"}]),
                 "NoSuchEntity", 404)


def test_instance_profile_quota_message_and_summary(server):
    iam = server.client("iam")
    for i in range(3):
        iam.create_instance_profile(InstanceProfileName=f"count-{i}")
    assert iam.get_account_summary()["SummaryMap"]["InstanceProfiles"] == 3
    assert iam.get_account_summary()["SummaryMap"]["InstanceProfilesQuota"] == 1000
    iam.delete_instance_profile(InstanceProfileName="count-0")
    assert iam.get_account_summary()["SummaryMap"]["InstanceProfiles"] == 2


def test_service_linked_roles_cannot_join_profiles(server):
    iam = server.client("iam")
    iam.create_service_linked_role(AWSServiceName="spot.amazonaws.com")
    iam.create_instance_profile(InstanceProfileName="spot")
    expect_error(lambda: iam.add_role_to_instance_profile(InstanceProfileName="spot", RoleName="AWSServiceRoleForEC2Spot"),
                 "UnmodifiableEntity", 400,
                 "Cannot perform the operation on the protected role 'AWSServiceRoleForEC2Spot' - this role is only modifiable by AWS")



def test_instance_profiles_are_authorized_against_their_real_arn(shared_server, iam, acct):
    web, other = unique("web"), unique("other")
    iam.create_instance_profile(InstanceProfileName=web, Path="/web/")
    iam.create_instance_profile(InstanceProfileName=other)
    role = new_role(iam)
    grant = document(allow(["iam:GetInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:TagInstanceProfile"],
                           f"arn:aws:iam::{acct}:instance-profile/web/*"),
                     allow("iam:ListInstanceProfiles"))
    user = user_with_key(iam, inline=grant)
    mine = client(shared_server, creds=user)
    assert mine.get_instance_profile(InstanceProfileName=web)["InstanceProfile"]["Path"] == "/web/"
    mine.add_role_to_instance_profile(InstanceProfileName=web, RoleName=role["RoleName"])
    mine.list_instance_profiles(PathPrefix="/web/")
    expect_error(lambda: mine.get_instance_profile(InstanceProfileName=other), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:GetInstanceProfile", f"arn:aws:iam::{acct}:instance-profile/{other}"))
    expect_error(lambda: mine.remove_role_from_instance_profile(InstanceProfileName=web, RoleName=role["RoleName"]),
                 "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:RemoveRoleFromInstanceProfile", f"arn:aws:iam::{acct}:instance-profile/web/{web}"))
    assert len(iam.get_instance_profile(InstanceProfileName=web)["InstanceProfile"]["Roles"]) == 1
    name = unique("made")
    expect_error(lambda: mine.create_instance_profile(InstanceProfileName=name, Path="/web/"), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:CreateInstanceProfile", f"arn:aws:iam::{acct}:instance-profile/web/{name}"))
    expect_error(lambda: iam.get_instance_profile(InstanceProfileName=name), "NoSuchEntity", 404)
    reader = client(shared_server, creds=user_with_key(iam, managed=[IAM_READ_ONLY]))
    assert reader.list_instance_profiles_for_role(RoleName=role["RoleName"])["InstanceProfiles"][0]["InstanceProfileName"] == web
    expect_error(lambda: reader.delete_instance_profile(InstanceProfileName=other), "AccessDenied", 403)
    assert iam.get_instance_profile(InstanceProfileName=other)["InstanceProfile"]["InstanceProfileName"] == other
