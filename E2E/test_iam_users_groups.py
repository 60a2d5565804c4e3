"""IAM users and groups over the wire: CRUD, paths, tags, membership, name rules, conflicts and
pagination (iam-facts §4.1–4.4; botocore `iam/2010-05-08`)."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from helpers import client, document, allow, expect_error, unique

NAME_PATTERN = r"[\w+=,.@-]+"


@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


def test_user_lifecycle_with_path_and_rename(iam, shared_server):
    name = unique("life")
    created = iam.create_user(UserName=name, Path="/eng/team/")["User"]
    acct = shared_server.account_id
    assert created["UserName"] == name
    assert created["Path"] == "/eng/team/"
    assert created["Arn"] == f"arn:aws:iam::{acct}:user/eng/team/{name}"
    assert created["UserId"].startswith("AIDA") and len(created["UserId"]) == 21
    got = iam.get_user(UserName=name)["User"]
    assert {k: got[k] for k in ("UserName", "UserId", "Arn", "Path")} == \
        {k: created[k] for k in ("UserName", "UserId", "Arn", "Path")}

    renamed = name + "-new"
    iam.update_user(UserName=name, NewUserName=renamed, NewPath="/ops/")
    got = iam.get_user(UserName=renamed)["User"]
    assert got["UserId"] == created["UserId"], "a rename keeps the unique id"
    assert got["Arn"] == f"arn:aws:iam::{acct}:user/ops/{renamed}"
    expect_error(lambda: iam.get_user(UserName=name), "NoSuchEntity", 404,
                 f"The user with name {name} cannot be found.")

    iam.delete_user(UserName=renamed)
    expect_error(lambda: iam.get_user(UserName=renamed), "NoSuchEntity", 404,
                 f"The user with name {renamed} cannot be found.")
    expect_error(lambda: iam.delete_user(UserName=renamed), "NoSuchEntity", 404)


def test_list_users_and_groups_filter_by_path_prefix(iam):
    base = "/" + unique("pp") + "/"
    a = [unique("pa") for _ in range(2)]
    b = [unique("pb")]
    for n in a:
        iam.create_user(UserName=n, Path=base + "a/")
        iam.create_group(GroupName=n, Path=base + "a/")
    for n in b:
        iam.create_user(UserName=n, Path=base + "b/")
        iam.create_group(GroupName=n, Path=base + "b/")
    only_a = {u["UserName"] for u in iam.list_users(PathPrefix=base + "a/")["Users"]}
    assert only_a == set(a)
    both = {u["UserName"] for u in iam.list_users(PathPrefix=base)["Users"]}
    assert both == set(a) | set(b)
    groups = {g["GroupName"] for g in iam.list_groups(PathPrefix=base + "b/")["Groups"]}
    assert groups == set(b)
    assert iam.list_users(PathPrefix=base + "nothing/")["Users"] == []


def test_user_and_group_names_are_unique_case_insensitively(iam):
    suffix = unique("ci")
    iam.create_user(UserName="Alice-" + suffix)
    err = expect_error(lambda: iam.create_user(UserName="alice-" + suffix), "EntityAlreadyExists", 409)
    assert "already exists" in err["Message"]
    iam.create_user(UserName="Bob-" + suffix)
    expect_error(lambda: iam.update_user(UserName="Bob-" + suffix, NewUserName="ALICE-" + suffix),
                 "EntityAlreadyExists", 409)
    iam.create_group(GroupName="Admins-" + suffix)
    expect_error(lambda: iam.create_group(GroupName="ADMINS-" + suffix), "EntityAlreadyExists", 409)
    # Lookups are case-insensitive too: the name refers to the same user.
    assert iam.get_user(UserName="ALICE-" + suffix)["User"]["UserName"] == "Alice-" + suffix


@pytest.mark.parametrize("name, constraint", [
    ("bad name!", f"Member must satisfy regular expression pattern: {NAME_PATTERN}"),
    ("a/b", f"Member must satisfy regular expression pattern: {NAME_PATTERN}"),
    ("u" * 65, "Member must have length less than or equal to 64"),
])
def test_invalid_user_names_are_validation_errors(iam, name, constraint):
    expect_error(lambda: iam.create_user(UserName=name), "ValidationError", 400,
                 f"1 validation error detected: Value '{name}' at 'userName' failed to satisfy constraint: {constraint}")


def test_name_length_limits(iam):
    longest_user = ("u" + unique("")).ljust(64, "x")
    assert iam.create_user(UserName=longest_user)["User"]["UserName"] == longest_user
    longest_group = ("g" + unique("")).ljust(128, "x")
    assert iam.create_group(GroupName=longest_group)["Group"]["GroupName"] == longest_group
    expect_error(lambda: iam.create_group(GroupName="g" * 129), "ValidationError", 400)
    expect_error(lambda: iam.create_group(GroupName="spaced group"), "ValidationError", 400)


@pytest.mark.parametrize("path", ["noslash", "/missing-trailing", "missing-leading/", "/has space/", "/tab\there/"])
def test_invalid_paths_are_validation_errors(iam, path):
    expect_error(lambda: iam.create_user(UserName=unique("path"), Path=path), "ValidationError", 400)
    expect_error(lambda: iam.create_group(GroupName=unique("path"), Path=path), "ValidationError", 400)


def test_special_characters_survive_the_round_trip(iam):
    name = "first.last+" + unique("x") + "=a,b@example.com"
    created = iam.create_user(UserName=name, Tags=[{"Key": "note", "Value": "hello world+more=/:@"},
                                                   {"Key": "city", "Value": "Zürich café"}])["User"]
    assert created["UserName"] == name
    got = iam.get_user(UserName=name)["User"]
    assert got["UserName"] == name and got["Arn"].endswith("/" + name)
    assert {t["Key"]: t["Value"] for t in got["Tags"]} == {"note": "hello world+more=/:@", "city": "Zürich café"}


def test_a_user_and_a_group_may_share_a_name(iam):
    name = unique("shared")
    iam.create_user(UserName=name)
    assert iam.create_group(GroupName=name)["Group"]["GroupName"] == name


@pytest.mark.parametrize("prefix", ["no-leading-slash", "/with space/"])
def test_invalid_path_prefix_is_a_validation_error(iam, prefix):
    expect_error(lambda: iam.list_users(PathPrefix=prefix), "ValidationError", 400)
    expect_error(lambda: iam.list_groups(PathPrefix=prefix), "ValidationError", 400)


def test_user_tags_and_the_50_tag_quota(iam):
    name = unique("tags")
    iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": "red"}])
    assert iam.get_user(UserName=name)["User"]["Tags"] == [{"Key": "team", "Value": "red"}]
    iam.tag_user(UserName=name, Tags=[{"Key": "team", "Value": "blue"}, {"Key": "cost", "Value": "42"}])
    tags = {t["Key"]: t["Value"] for t in iam.list_user_tags(UserName=name)["Tags"]}
    assert tags == {"team": "blue", "cost": "42"}, "tagging an existing key replaces its value"
    iam.untag_user(UserName=name, TagKeys=["cost"])
    assert iam.list_user_tags(UserName=name)["Tags"] == [{"Key": "team", "Value": "blue"}]

    iam.tag_user(UserName=name, Tags=[{"Key": f"k{i}", "Value": str(i)} for i in range(49)])
    assert len(iam.list_user_tags(UserName=name)["Tags"]) == 50
    expect_error(lambda: iam.tag_user(UserName=name, Tags=[{"Key": "one-too-many", "Value": "x"}]),
                 "LimitExceeded", 409)
    assert len(iam.list_user_tags(UserName=name)["Tags"]) == 50, "a refused TagUser changes nothing"
    expect_error(lambda: iam.tag_user(UserName=unique("ghost"), Tags=[{"Key": "a", "Value": "b"}]),
                 "NoSuchEntity", 404)


def test_group_lifecycle_and_membership(iam, shared_server):
    group, other = unique("grp"), unique("grp")
    created = iam.create_group(GroupName=group, Path="/division/")["Group"]
    assert created["Arn"] == f"arn:aws:iam::{shared_server.account_id}:group/division/{group}"
    assert created["GroupId"].startswith("AGPA") and len(created["GroupId"]) == 21
    iam.create_group(GroupName=other)
    users = [unique("mem") for _ in range(3)]
    for u in users:
        iam.create_user(UserName=u)
        iam.add_user_to_group(GroupName=group, UserName=u)
    iam.add_user_to_group(GroupName=other, UserName=users[0])

    got = iam.get_group(GroupName=group)
    assert got["Group"]["GroupName"] == group
    assert sorted(u["UserName"] for u in got["Users"]) == sorted(users)
    assert got["IsTruncated"] is False
    assert sorted(g["GroupName"] for g in iam.list_groups_for_user(UserName=users[0])["Groups"]) == sorted([group, other])
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName=users[1])["Groups"]] == [group]

    expect_error(lambda: iam.delete_group(GroupName=group), "DeleteConflict", 409)
    iam.remove_user_from_group(GroupName=group, UserName=users[2])
    assert iam.list_groups_for_user(UserName=users[2])["Groups"] == []
    expect_error(lambda: iam.remove_user_from_group(GroupName=group, UserName=users[2]), "NoSuchEntity", 404)

    renamed = group + "-r"
    iam.update_group(GroupName=group, NewGroupName=renamed, NewPath="/moved/")
    assert iam.get_group(GroupName=renamed)["Group"]["Path"] == "/moved/"
    expect_error(lambda: iam.get_group(GroupName=group), "NoSuchEntity", 404,
                 f"The group with name {group} cannot be found.")
    for u in users[:2]:
        iam.remove_user_from_group(GroupName=renamed, UserName=u)
    iam.delete_group(GroupName=renamed)
    expect_error(lambda: iam.get_group(GroupName=renamed), "NoSuchEntity", 404)


def test_membership_of_missing_entities_is_no_such_entity(iam):
    user, group = unique("solo"), unique("solo")
    iam.create_user(UserName=user)
    iam.create_group(GroupName=group)
    expect_error(lambda: iam.add_user_to_group(GroupName=unique("nogroup"), UserName=user), "NoSuchEntity", 404)
    expect_error(lambda: iam.add_user_to_group(GroupName=group, UserName=unique("nouser")), "NoSuchEntity", 404)
    expect_error(lambda: iam.list_groups_for_user(UserName=unique("nouser")), "NoSuchEntity", 404)
    expect_error(lambda: iam.delete_group(GroupName=unique("nogroup")), "NoSuchEntity", 404)


def test_a_user_can_join_at_most_10_groups(iam):
    user = unique("joiner")
    iam.create_user(UserName=user)
    groups = [unique("ten") for _ in range(11)]
    for g in groups:
        iam.create_group(GroupName=g)
    for g in groups[:10]:
        iam.add_user_to_group(GroupName=g, UserName=user)
    expect_error(lambda: iam.add_user_to_group(GroupName=groups[10], UserName=user), "LimitExceeded", 409)
    assert len(iam.list_groups_for_user(UserName=user)["Groups"]) == 10


def test_delete_user_conflicts_until_dependents_are_gone(iam):
    name, group = unique("dep"), unique("depg")
    iam.create_user(UserName=name)
    iam.create_group(GroupName=group)
    policy_arn = iam.create_policy(PolicyName=unique("depp"), PolicyDocument=document(allow("iam:GetUser")))["Policy"]["Arn"]

    iam.add_user_to_group(GroupName=group, UserName=name)
    expect_error(lambda: iam.delete_user(UserName=name), "DeleteConflict", 409)
    iam.remove_user_from_group(GroupName=group, UserName=name)

    iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=document(allow("iam:GetUser")))
    expect_error(lambda: iam.delete_user(UserName=name), "DeleteConflict", 409,
                 "Cannot delete entity, must delete policies first.")
    iam.delete_user_policy(UserName=name, PolicyName="inline")

    iam.attach_user_policy(UserName=name, PolicyArn=policy_arn)
    expect_error(lambda: iam.delete_user(UserName=name), "DeleteConflict", 409,
                 "Cannot delete entity, must detach all policies first.")
    iam.detach_user_policy(UserName=name, PolicyArn=policy_arn)

    key = iam.create_access_key(UserName=name)["AccessKey"]["AccessKeyId"]
    expect_error(lambda: iam.delete_user(UserName=name), "DeleteConflict", 409)
    iam.delete_access_key(UserName=name, AccessKeyId=key)

    iam.delete_user(UserName=name)
    expect_error(lambda: iam.get_user(UserName=name), "NoSuchEntity", 404)


def test_delete_group_conflicts_while_policies_remain(iam):
    group = unique("gpol")
    iam.create_group(GroupName=group)
    iam.put_group_policy(GroupName=group, PolicyName="inline", PolicyDocument=document(allow("iam:GetUser")))
    expect_error(lambda: iam.delete_group(GroupName=group), "DeleteConflict", 409)
    iam.delete_group_policy(GroupName=group, PolicyName="inline")
    iam.delete_group(GroupName=group)


# ---- pagination (iam-facts §4.1: MaxItems 1–1000, default 100; Marker only when truncated) ----

PAGED = 130


@pytest.fixture(scope="module")
def paged_users(iam):
    prefix = "/" + unique("page") + "/"
    names = [f"pg{i:03d}-{unique('u')}" for i in range(PAGED)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: iam.create_user(UserName=n, Path=prefix), names))
    return prefix, sorted(names)


def test_list_users_default_page_is_100_then_the_marker_gives_the_rest(iam, paged_users):
    prefix, names = paged_users
    first = iam.list_users(PathPrefix=prefix)
    assert len(first["Users"]) == 100
    assert first["IsTruncated"] is True
    assert first["Marker"]
    second = iam.list_users(PathPrefix=prefix, Marker=first["Marker"])
    assert len(second["Users"]) == PAGED - 100
    assert second["IsTruncated"] is False
    assert "Marker" not in second
    assert [u["UserName"] for u in first["Users"] + second["Users"]] == names


def test_small_pages_visit_every_user_once_in_name_order(iam, paged_users):
    prefix, names = paged_users
    seen, marker, pages = [], None, 0
    while True:
        args = {"PathPrefix": prefix, "MaxItems": 7}
        if marker:
            args["Marker"] = marker
        page = iam.list_users(**args)
        pages += 1
        assert len(page["Users"]) <= 7
        seen += [u["UserName"] for u in page["Users"]]
        if not page["IsTruncated"]:
            assert "Marker" not in page
            break
        marker = page["Marker"]
    assert seen == names
    assert pages >= PAGED // 7


def test_boto3_paginator_returns_every_user(iam, paged_users):
    prefix, names = paged_users
    found = [u["UserName"] for page in iam.get_paginator("list_users").paginate(PathPrefix=prefix) for u in page["Users"]]
    assert found == names
    found = [u["UserName"] for page in iam.get_paginator("list_users").paginate(
        PathPrefix=prefix, PaginationConfig={"PageSize": 50}) for u in page["Users"]]
    assert found == names


def test_invalid_marker_and_max_items_are_validation_errors(shared_server, paged_users):
    prefix, _ = paged_users
    raw = client(shared_server, "iam", validate=False)
    expect_error(lambda: raw.list_users(PathPrefix=prefix, Marker="not-a-marker-we-issued"), "ValidationError", 400)
    for bad in (0, 1001):
        err = expect_error(lambda: raw.list_users(PathPrefix=prefix, MaxItems=bad), "ValidationError", 400)
        assert "maxItems" in err["Message"]
    assert len(raw.list_users(PathPrefix=prefix, MaxItems=1000)["Users"]) == PAGED


def test_cli_create_user_and_list_users_with_max_items(shared_server, paged_users):
    prefix, names = paged_users
    name = unique("cli")
    _, created, _ = shared_server.cli("iam", "create-user", "--user-name", name, "--path", "/cli/")
    assert created["User"]["Arn"] == f"arn:aws:iam::{shared_server.account_id}:user/cli/{name}"
    _, listed, _ = shared_server.cli("iam", "list-users", "--path-prefix", prefix, "--max-items", "5")
    assert [u["UserName"] for u in listed["Users"]] == names[:5]
    assert listed.get("NextToken"), "the CLI reports more items"
    _, rest, _ = shared_server.cli("iam", "list-users", "--path-prefix", prefix, "--starting-token", listed["NextToken"])
    assert [u["UserName"] for u in rest["Users"]] == names[5:]
    code, _, stderr = shared_server.cli("iam", "get-user", "--user-name", unique("nobody"), check=False)
    assert code != 0 and "NoSuchEntity" in stderr
