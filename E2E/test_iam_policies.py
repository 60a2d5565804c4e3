"""Managed and inline policies, attachments, quotas, account details, summary and aliases over the
wire (iam-facts §1.2, §2.1–2.2, §4.2, §4.4–4.5, §4.12–4.13)."""
import json

import pytest

from helpers import EC2_FULL, REFERENCE, allow, client, deny, document, expect_error, unique


@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


def policy_arn(account, name, path="/"):
    return f"arn:aws:iam::{account}:policy{path}{name}"


def test_create_policy_makes_v1_the_default_version(iam, shared_server):
    name = unique("pol")
    text = document(allow(["iam:GetUser", "iam:ListUsers"]),
                    {"Sid": "Conditional", "Effect": "Allow", "Action": "iam:ListGroups", "Resource": "*",
                     "Condition": {"Bool": {"aws:SecureTransport": "true"}}})
    policy = iam.create_policy(PolicyName=name, Path="/team/", PolicyDocument=text, Description="for tests")["Policy"]
    assert policy["Arn"] == policy_arn(shared_server.account_id, name, "/team/")
    assert policy["DefaultVersionId"] == "v1"
    assert policy["PolicyId"].startswith("ANPA")
    assert policy["AttachmentCount"] == 0 and policy["IsAttachable"] is True
    got = iam.get_policy(PolicyArn=policy["Arn"])["Policy"]
    assert got["Description"] == "for tests" and got["Path"] == "/team/"
    version = iam.get_policy_version(PolicyArn=policy["Arn"], VersionId="v1")["PolicyVersion"]
    assert version["IsDefaultVersion"] is True
    assert version["Document"] == json.loads(text), "boto3 decodes the URL-encoded document"
    expect_error(lambda: iam.create_policy(PolicyName=name, PolicyDocument=text), "EntityAlreadyExists", 409,
                 f"A policy called {name} already exists. Duplicate names are not allowed.")
    expect_error(lambda: iam.get_policy(PolicyArn=policy_arn(shared_server.account_id, unique("none"))),
                 "NoSuchEntity", 404)


def test_policy_names_are_unique_case_insensitively_across_paths(iam):
    name = unique("CasePol")
    text = document(allow("iam:GetUser"))
    iam.create_policy(PolicyName=name, Path="/one/", PolicyDocument=text)
    for other, path in [(name.lower(), "/one/"), (name.upper(), "/"), (name, "/two/")]:
        expect_error(lambda: iam.create_policy(PolicyName=other, Path=path, PolicyDocument=text),
                     "EntityAlreadyExists", 409)


def test_xml_special_characters_round_trip(iam):
    text = document({"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
                     "Condition": {"StringEquals": {"aws:username": "a&b<c>\"d'e"}}})
    description = "R&D <team> \"quoted\" 'single' é"
    arn = iam.create_policy(PolicyName=unique("xml"), PolicyDocument=text, Description=description)["Policy"]["Arn"]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["Description"] == description
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"] == json.loads(text)


def test_malformed_policy_arn_and_scope(iam, shared_server):
    expect_error(lambda: iam.get_policy(PolicyArn="this-is-not-an-arn-at-all"), "InvalidInput", 400)
    raw = client(shared_server, "iam", validate=False)
    expect_error(lambda: raw.list_policies(Scope="Everything"), "ValidationError", 400)


MALFORMED = {
    "trailing comma": ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", '
                       '"Resource": "*"},]}', "Syntax errors in policy."),
    "missing resource": (document({"Effect": "Allow", "Action": "iam:GetUser"}),
                         "Policy statement must contain resources."),
    "unknown condition operator": (document({"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
                                             "Condition": {"StringEqualsSometimes": {"aws:username": "x"}}}), None),
    "principal in identity policy": (document({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "iam:GetUser",
                                               "Resource": "*"}), "Policy document should not specify a principal."),
    "missing action": (document({"Effect": "Allow", "Resource": "*"}), "Policy statement must contain actions."),
    "not json": ("this is not a policy", None),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_documents_are_rejected(iam, case):
    text, message = MALFORMED[case]
    expect_error(lambda: iam.create_policy(PolicyName=unique("bad"), PolicyDocument=text),
                 "MalformedPolicyDocument", 400, message)


def big_document(non_whitespace):
    """A valid document with exactly `non_whitespace` non-whitespace characters, padded with spaces."""
    base = document(allow("iam:GetUser", "arn:aws:iam::*:user/X")).replace(" ", "")
    filler = non_whitespace - len(base)
    assert filler > 0
    return base.replace("user/X", "user/" + "x" * (filler + 1)).replace("{", "{   ")


def test_managed_policy_size_quota_counts_non_whitespace(iam):
    at_limit = big_document(6144)
    assert len(at_limit) > 6144 and len("".join(at_limit.split())) == 6144
    iam.create_policy(PolicyName=unique("big"), PolicyDocument=at_limit)
    expect_error(lambda: iam.create_policy(PolicyName=unique("big"), PolicyDocument=big_document(6145)),
                 "LimitExceeded", 409)


def test_policy_versions_default_quota_and_deletion(iam):
    arn = iam.create_policy(PolicyName=unique("ver"), PolicyDocument=document(allow("iam:GetUser")))["Policy"]["Arn"]
    v2 = iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(allow("iam:ListUsers")), SetAsDefault=True)
    assert v2["PolicyVersion"]["VersionId"] == "v2" and v2["PolicyVersion"]["IsDefaultVersion"] is True
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"
    v1 = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
    assert v1["IsDefaultVersion"] is False and v1["Document"] == json.loads(document(allow("iam:GetUser")))
    for n in (3, 4, 5):
        made = iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(allow(f"iam:Get{n}")))
        assert made["PolicyVersion"]["VersionId"] == f"v{n}" and made["PolicyVersion"]["IsDefaultVersion"] is False
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert sorted(v["VersionId"] for v in versions) == ["v1", "v2", "v3", "v4", "v5"]
    assert [v["VersionId"] for v in versions if v["IsDefaultVersion"]] == ["v2"]
    expect_error(lambda: iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(allow("iam:Get6"))),
                 "LimitExceeded", 409)
    expect_error(lambda: iam.delete_policy_version(PolicyArn=arn, VersionId="v2"), "DeleteConflict", 409)
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v4")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v4"
    iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
    expect_error(lambda: iam.get_policy_version(PolicyArn=arn, VersionId="v2"), "NoSuchEntity", 404)
    expect_error(lambda: iam.set_default_policy_version(PolicyArn=arn, VersionId="v9"), "NoSuchEntity", 404)
    made = iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(allow("iam:Get6")))
    assert made["PolicyVersion"]["VersionId"] == "v6", "version ids are never reused"
    expect_error(lambda: iam.create_policy_version(PolicyArn=arn, PolicyDocument='{"Statement": ['),
                 "MalformedPolicyDocument", 400)


def test_delete_policy_requires_deleting_non_default_versions_first(iam):
    arn = iam.create_policy(PolicyName=unique("multi"), PolicyDocument=document(allow("iam:GetUser")))["Policy"]["Arn"]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(allow("iam:ListUsers")))
    expect_error(lambda: iam.delete_policy(PolicyArn=arn), "DeleteConflict", 409,
                 "This policy has more than one version. Before you delete a policy, you must delete the policy's "
                 "versions. The default version is deleted with the policy.")
    iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
    iam.delete_policy(PolicyArn=arn)
    expect_error(lambda: iam.get_policy(PolicyArn=arn), "NoSuchEntity", 404)


def test_aws_managed_policy_is_readable(iam):
    reference = json.loads((REFERENCE / "policies" / "AmazonEC2FullAccess.json").read_text())
    policy = iam.get_policy(PolicyArn=EC2_FULL)["Policy"]
    assert policy["PolicyName"] == "AmazonEC2FullAccess" and policy["Arn"] == EC2_FULL
    assert policy["Path"] == "/" and policy["DefaultVersionId"] == reference["DefaultVersionId"] == "v5"
    version = iam.get_policy_version(PolicyArn=EC2_FULL, VersionId="v5")["PolicyVersion"]
    assert version["IsDefaultVersion"] is True
    assert version["Document"] == reference["Document"]
    expect_error(lambda: iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/NoSuchManagedPolicyAtAll"), "NoSuchEntity", 404)


def test_list_policies_scopes_and_only_attached(iam, shared_server):
    path = "/" + unique("scope") + "/"
    attached = iam.create_policy(PolicyName=unique("att"), Path=path, PolicyDocument=document(allow("iam:GetUser")))["Policy"]
    loose = iam.create_policy(PolicyName=unique("loose"), Path=path, PolicyDocument=document(allow("iam:GetUser")))["Policy"]
    user = unique("scopeuser")
    iam.create_user(UserName=user)
    iam.attach_user_policy(UserName=user, PolicyArn=attached["Arn"])
    iam.attach_user_policy(UserName=user, PolicyArn=EC2_FULL)

    local = {p["Arn"] for p in iam.list_policies(Scope="Local", PathPrefix=path)["Policies"]}
    assert local == {attached["Arn"], loose["Arn"]}
    local_attached = {p["Arn"]: p for p in iam.list_policies(Scope="Local", OnlyAttached=True, PathPrefix=path)["Policies"]}
    assert set(local_attached) == {attached["Arn"]} and local_attached[attached["Arn"]]["AttachmentCount"] == 1
    assert iam.list_policies(Scope="AWS", PathPrefix=path)["Policies"] == []

    aws_attached = [p for page in iam.get_paginator("list_policies").paginate(Scope="AWS", OnlyAttached=True)
                    for p in page["Policies"]]
    assert EC2_FULL in {p["Arn"] for p in aws_attached}
    assert all(p["Arn"].startswith("arn:aws:iam::aws:policy/") for p in aws_attached)
    everything_attached = {p["Arn"] for page in iam.get_paginator("list_policies").paginate(Scope="All", OnlyAttached=True)
                           for p in page["Policies"]}
    assert {EC2_FULL, attached["Arn"]} <= everything_attached and loose["Arn"] not in everything_attached
    first = iam.list_policies(Scope="AWS")
    assert len(first["Policies"]) == 100 and first["IsTruncated"] is True, "over a thousand AWS managed policies"


def test_attach_detach_entities_and_delete_conflict(iam, shared_server):
    arn = iam.create_policy(PolicyName=unique("shared"), PolicyDocument=document(allow("iam:GetUser")))["Policy"]["Arn"]
    user, group = unique("au"), unique("ag")
    iam.create_user(UserName=user)
    iam.create_group(GroupName=group)
    iam.attach_user_policy(UserName=user, PolicyArn=arn)
    iam.attach_group_policy(GroupName=group, PolicyArn=arn)
    iam.attach_group_policy(GroupName=group, PolicyArn=EC2_FULL)
    name = arn.rsplit("/", 1)[1]
    assert iam.list_attached_user_policies(UserName=user)["AttachedPolicies"] == [{"PolicyName": name, "PolicyArn": arn}]
    assert sorted(p["PolicyArn"] for p in iam.list_attached_group_policies(GroupName=group)["AttachedPolicies"]) == \
        sorted([arn, EC2_FULL])
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 2
    entities = iam.list_entities_for_policy(PolicyArn=arn)
    assert [u["UserName"] for u in entities["PolicyUsers"]] == [user]
    assert [g["GroupName"] for g in entities["PolicyGroups"]] == [group]
    assert entities.get("PolicyRoles", []) == []
    only_users = iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="User")
    assert [u["UserName"] for u in only_users["PolicyUsers"]] == [user] and only_users.get("PolicyGroups", []) == []

    expect_error(lambda: iam.delete_policy(PolicyArn=arn), "DeleteConflict", 409)
    iam.detach_user_policy(UserName=user, PolicyArn=arn)
    iam.detach_group_policy(GroupName=group, PolicyArn=arn)
    expect_error(lambda: iam.detach_user_policy(UserName=user, PolicyArn=arn), "NoSuchEntity", 404)
    assert iam.list_attached_user_policies(UserName=user)["AttachedPolicies"] == []
    iam.delete_policy(PolicyArn=arn)
    expect_error(lambda: iam.get_policy(PolicyArn=arn), "NoSuchEntity", 404)
    expect_error(lambda: iam.attach_user_policy(UserName=user, PolicyArn=arn), "NoSuchEntity", 404)
    expect_error(lambda: iam.attach_user_policy(UserName=unique("ghost"), PolicyArn=EC2_FULL), "NoSuchEntity", 404)


def test_list_entities_for_policy_rejects_an_unknown_filter(shared_server):
    raw = client(shared_server, "iam", validate=False)
    expect_error(lambda: raw.list_entities_for_policy(PolicyArn=EC2_FULL, EntityFilter="Bogus"), "ValidationError", 400)


@pytest.mark.parametrize("kind", ["user", "group"])
def test_at_most_10_managed_policies_per_user_and_group(iam, kind):
    name = unique(kind)
    arns = [iam.create_policy(PolicyName=unique("q"), PolicyDocument=document(allow("iam:GetUser")))["Policy"]["Arn"]
            for _ in range(11)]
    if kind == "user":
        iam.create_user(UserName=name)
        attach = lambda arn: iam.attach_user_policy(UserName=name, PolicyArn=arn)  # noqa: E731
    else:
        iam.create_group(GroupName=name)
        attach = lambda arn: iam.attach_group_policy(GroupName=name, PolicyArn=arn)  # noqa: E731
    for arn in arns[:10]:
        attach(arn)
    expect_error(lambda: attach(arns[10]), "LimitExceeded", 409)


def test_inline_user_and_group_policies(iam):
    user, group = unique("iu"), unique("ig")
    iam.create_user(UserName=user)
    iam.create_group(GroupName=group)
    first, second = document(allow("iam:GetUser")), document(deny("iam:DeleteUser"), allow("iam:ListUsers"))
    iam.put_user_policy(UserName=user, PolicyName="one", PolicyDocument=first)
    iam.put_user_policy(UserName=user, PolicyName="two", PolicyDocument=second)
    got = iam.get_user_policy(UserName=user, PolicyName="two")
    assert got["UserName"] == user and got["PolicyName"] == "two"
    assert got["PolicyDocument"] == json.loads(second)
    assert sorted(iam.list_user_policies(UserName=user)["PolicyNames"]) == ["one", "two"]
    iam.put_user_policy(UserName=user, PolicyName="one", PolicyDocument=second)
    assert iam.get_user_policy(UserName=user, PolicyName="one")["PolicyDocument"] == json.loads(second)
    iam.delete_user_policy(UserName=user, PolicyName="one")
    assert iam.list_user_policies(UserName=user)["PolicyNames"] == ["two"]
    expect_error(lambda: iam.get_user_policy(UserName=user, PolicyName="one"), "NoSuchEntity", 404)
    expect_error(lambda: iam.delete_user_policy(UserName=user, PolicyName="one"), "NoSuchEntity", 404)
    expect_error(lambda: iam.put_user_policy(UserName=user, PolicyName="bad", PolicyDocument="{"),
                 "MalformedPolicyDocument", 400)

    iam.put_group_policy(GroupName=group, PolicyName="g", PolicyDocument=first)
    assert iam.get_group_policy(GroupName=group, PolicyName="g")["PolicyDocument"] == json.loads(first)
    assert iam.list_group_policies(GroupName=group)["PolicyNames"] == ["g"]
    iam.delete_group_policy(GroupName=group, PolicyName="g")
    expect_error(lambda: iam.get_group_policy(GroupName=group, PolicyName="g"), "NoSuchEntity", 404)
    expect_error(lambda: iam.put_group_policy(GroupName=unique("nog"), PolicyName="g", PolicyDocument=first),
                 "NoSuchEntity", 404)


def test_inline_policies_share_2048_user_and_5120_group_quotas(iam):
    user = unique("quota")
    iam.create_user(UserName=user)
    half = big_document(1100)
    iam.put_user_policy(UserName=user, PolicyName="a", PolicyDocument=half)
    iam.put_user_policy(UserName=user, PolicyName="a", PolicyDocument=half)  # replacing does not double count
    expect_error(lambda: iam.put_user_policy(UserName=user, PolicyName="b", PolicyDocument=half), "LimitExceeded", 409)
    iam.put_user_policy(UserName=user, PolicyName="b", PolicyDocument=big_document(948))
    assert sorted(iam.list_user_policies(UserName=user)["PolicyNames"]) == ["a", "b"]
    group = unique("gquota")
    iam.create_group(GroupName=group)
    iam.put_group_policy(GroupName=group, PolicyName="a", PolicyDocument=big_document(2600))
    iam.put_group_policy(GroupName=group, PolicyName="b", PolicyDocument=big_document(2520))
    expect_error(lambda: iam.put_group_policy(GroupName=group, PolicyName="c", PolicyDocument=big_document(200)),
                 "LimitExceeded", 409)


def test_account_authorization_details(iam, shared_server):
    user, group = unique("aad"), unique("aadg")
    arn = iam.create_policy(PolicyName=unique("aadp"), PolicyDocument=document(allow("iam:GetUser")))["Policy"]["Arn"]
    iam.create_user(UserName=user)
    iam.create_group(GroupName=group)
    iam.add_user_to_group(GroupName=group, UserName=user)
    inline = document(allow("iam:ListUsers"))
    iam.put_user_policy(UserName=user, PolicyName="mine", PolicyDocument=inline)
    iam.attach_user_policy(UserName=user, PolicyArn=arn)
    iam.attach_group_policy(GroupName=group, PolicyArn=EC2_FULL)

    pages = list(iam.get_paginator("get_account_authorization_details").paginate())
    users = {u["UserName"]: u for p in pages for u in p["UserDetailList"]}
    groups = {g["GroupName"]: g for p in pages for g in p["GroupDetailList"]}
    policies = {p["Arn"]: p for page in pages for p in page["Policies"]}
    detail = users[user]
    assert detail["Arn"] == f"arn:aws:iam::{shared_server.account_id}:user/{user}"
    assert detail["GroupList"] == [group]
    assert detail["UserPolicyList"] == [{"PolicyName": "mine", "PolicyDocument": json.loads(inline)}]
    assert detail["AttachedManagedPolicies"] == [{"PolicyName": arn.rsplit("/", 1)[1], "PolicyArn": arn}]
    assert groups[group]["AttachedManagedPolicies"] == [{"PolicyName": "AmazonEC2FullAccess", "PolicyArn": EC2_FULL}]
    versions = policies[arn]["PolicyVersionList"]
    assert [(v["VersionId"], v["IsDefaultVersion"]) for v in versions] == [("v1", True)]
    assert versions[0]["Document"] == json.loads(document(allow("iam:GetUser")))
    assert EC2_FULL in policies, "attached AWS managed policies are listed"
    only_users = iam.get_account_authorization_details(Filter=["User"])
    assert only_users.get("GroupDetailList", []) == [] and only_users.get("Policies", []) == []
    assert user in {u["UserName"] for u in only_users["UserDetailList"]}


SUMMARY_QUOTAS = {
    "UsersQuota": 5000, "GroupsQuota": 300, "PoliciesQuota": 1500, "PolicySizeQuota": 6144,
    "UserPolicySizeQuota": 2048, "GroupPolicySizeQuota": 5120, "RolePolicySizeQuota": 10240,
    "AssumeRolePolicySizeQuota": 2048, "VersionsPerPolicyQuota": 5, "PolicyVersionsInUseQuota": 10000,
    "GroupsPerUserQuota": 10, "AttachedPoliciesPerUserQuota": 10, "AttachedPoliciesPerGroupQuota": 10,
    "AttachedPoliciesPerRoleQuota": 10, "AccessKeysPerUserQuota": 2, "SigningCertificatesPerUserQuota": 2,
    "ServerCertificatesQuota": 20, "RolesQuota": 1000, "InstanceProfilesQuota": 1000,
}
SUMMARY_KEYS = set(SUMMARY_QUOTAS) | {
    "Users", "Groups", "ServerCertificates", "MFADevices", "MFADevicesInUse", "AccountMFAEnabled",
    "AccountAccessKeysPresent", "AccountPasswordPresent", "AccountSigningCertificatesPresent", "Policies",
    "PolicyVersionsInUse", "GlobalEndpointTokenVersion", "InstanceProfiles", "Providers", "Roles",
}


def test_account_summary_counts_and_quotas(server):
    iam = server.client("iam")
    before = iam.get_account_summary()["SummaryMap"]
    assert SUMMARY_KEYS <= set(before), SUMMARY_KEYS - set(before)
    assert {k: before[k] for k in SUMMARY_QUOTAS} == SUMMARY_QUOTAS
    assert before["Users"] == 0 and before["Groups"] == 0 and before["Policies"] == 0
    assert before["AccountAccessKeysPresent"] == 1, "the root user has an access key"
    for name in ("s1", "s2"):
        iam.create_user(UserName=name)
    iam.create_group(GroupName="sg")
    arn = iam.create_policy(PolicyName="sp", PolicyDocument=document(allow("iam:GetUser")))["Policy"]["Arn"]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=document(allow("iam:ListUsers")))
    after = iam.get_account_summary()["SummaryMap"]
    assert (after["Users"], after["Groups"], after["Policies"]) == (2, 1, 1)


def test_account_alias_lifecycle(server):
    iam = server.client("iam")
    assert iam.list_account_aliases()["AccountAliases"] == []
    iam.create_account_alias(AccountAlias="warden-e2e")
    assert iam.list_account_aliases()["AccountAliases"] == ["warden-e2e"]
    iam.create_account_alias(AccountAlias="warden-e2e")  # the same alias again: no change, no error
    expect_error(lambda: iam.create_account_alias(AccountAlias="warden-other"), "LimitExceeded", 409)
    assert iam.list_account_aliases()["AccountAliases"] == ["warden-e2e"]
    expect_error(lambda: iam.delete_account_alias(AccountAlias="warden-other"), "NoSuchEntity", 404)
    iam.delete_account_alias(AccountAlias="warden-e2e")
    assert iam.list_account_aliases()["AccountAliases"] == []
    iam.create_account_alias(AccountAlias="warden-other")
    assert iam.list_account_aliases()["AccountAliases"] == ["warden-other"]


@pytest.mark.parametrize("alias", ["Upper-case", "ab", "-leading", "trailing-", "double--hyphen", "under_score",
                                   "x" * 64])
def test_invalid_account_aliases(shared_server, alias):
    raw = client(shared_server, "iam", validate=False)
    expect_error(lambda: raw.create_account_alias(AccountAlias=alias), "ValidationError", 400)


def test_cli_create_policy_from_file_and_attach(shared_server, tmp_path):
    text = document(allow("iam:GetUser"))
    path = tmp_path / "policy.json"
    path.write_text(text)
    name, user = unique("clipol"), unique("cliuser")
    _, created, _ = shared_server.cli("iam", "create-policy", "--policy-name", name, "--policy-document", f"file://{path}")
    arn = created["Policy"]["Arn"]
    assert arn == f"arn:aws:iam::{shared_server.account_id}:policy/{name}" and created["Policy"]["DefaultVersionId"] == "v1"
    shared_server.cli("iam", "create-user", "--user-name", user)
    shared_server.cli("iam", "attach-user-policy", "--user-name", user, "--policy-arn", arn)
    _, attached, _ = shared_server.cli("iam", "list-attached-user-policies", "--user-name", user)
    assert attached["AttachedPolicies"] == [{"PolicyName": name, "PolicyArn": arn}]
    _, version, _ = shared_server.cli("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v1")
    assert version["PolicyVersion"]["Document"] == json.loads(text)
    code, _, stderr = shared_server.cli("iam", "create-policy", "--policy-name", name, "--policy-document",
                                        f"file://{path}", check=False)
    assert code != 0 and "EntityAlreadyExists" in stderr
