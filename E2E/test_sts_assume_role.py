"""STS AssumeRole: trust policies in the gate (MFA, ExternalId, principals), role sessions and their
policies, session policies, permissions boundaries, session tags, role chaining, RoleLastUsed."""
import json
import subprocess
import time

import pytest

from helpers import allow, client, document, expect_error, unique, user_with_key
from test_wire_shapes import Recorder, check_response


def trust(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def trusting(principal, actions="sts:AssumeRole", condition=None):
    statement = {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": actions}
    if condition:
        statement["Condition"] = condition
    return trust(statement)


def make_role(iam, trust_policy, managed=(), boundary=None, max_session=3600):
    name = unique("role")
    args = dict(RoleName=name, AssumeRolePolicyDocument=trust_policy, MaxSessionDuration=max_session)
    if boundary:
        args["PermissionsBoundary"] = boundary
    role = iam.create_role(**args)["Role"]
    for arn in managed:
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    return role


def totp(seed, offset=0):
    return subprocess.run(["oathtool", "--totp", "-b", "--now", f"@{int(time.time()) + offset}", seed],
                          capture_output=True, text=True, check=True).stdout.strip()


def assume(server, creds, **args):
    sts = client(server, "sts", creds)
    recorder = Recorder()
    sts.meta.events.register("after-call.sts.AssumeRole", recorder)
    answer = sts.assume_role(**args)
    for operation, body in recorder.bodies:
        assert check_response("sts", operation, body) == []
    return answer


def test_user_assumes_a_role_that_requires_mfa_then_chains_to_a_second_role(server):
    iam = client(server)
    account = server.account_id
    first = make_role(iam, trusting(f"arn:aws:iam::{account}:root", condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
                      managed=["arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"])
    second = make_role(iam, trusting(first["Arn"]), managed=["arn:aws:iam::aws:policy/IAMReadOnlyAccess"])
    user = user_with_key(iam, inline=document(allow("sts:AssumeRole", first["Arn"])))
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=user["Name"])["VirtualMFADevice"]
    seed = device["Base32StringSeed"].decode()
    iam.enable_mfa_device(UserName=user["Name"], SerialNumber=device["SerialNumber"],
                          AuthenticationCode1=totp(seed, -30), AuthenticationCode2=totp(seed))
    # Without MFA the trust policy's condition fails.
    expect_error(lambda: assume(server, user, RoleArn=first["Arn"], RoleSessionName="no-mfa"), "AccessDenied", 403,
                 contains=f"is not authorized to perform: sts:AssumeRole on resource: {first['Arn']}")
    expect_error(lambda: assume(server, user, RoleArn=first["Arn"], RoleSessionName="bad-code",
                                SerialNumber=device["SerialNumber"], TokenCode="000000" if totp(seed, 30) != "000000" else "111111"),
                 "AccessDenied", 403, contains="MultiFactorAuthentication failed")
    answer = assume(server, user, RoleArn=first["Arn"], RoleSessionName="with-mfa", SerialNumber=device["SerialNumber"],
                    TokenCode=totp(seed, 30))
    session = answer["Credentials"]
    assert session["AccessKeyId"].startswith("ASIA")
    assert answer["AssumedRoleUser"] == {"AssumedRoleId": f"{first['RoleId']}:with-mfa",
                                         "Arn": f"arn:aws:sts::{account}:assumed-role/{first['RoleName']}/with-mfa"}
    identity = client(server, "sts", session).get_caller_identity()
    assert identity["Arn"] == answer["AssumedRoleUser"]["Arn"] and identity["UserId"] == f"{first['RoleId']}:with-mfa"
    client(server, "ec2", session).describe_instances()
    expect_error(lambda: client(server, "iam", session).list_users(), "AccessDenied", 403,
                 contains=f"User: arn:aws:sts::{account}:assumed-role/{first['RoleName']}/with-mfa is not authorized to perform: iam:ListUsers")
    # Role chaining: at most an hour, and the second role's policies apply.
    expect_error(lambda: assume(server, session, RoleArn=second["Arn"], RoleSessionName="chained", DurationSeconds=7200),
                 "ValidationError", 400)
    chained = assume(server, session, RoleArn=second["Arn"], RoleSessionName="chained")["Credentials"]
    assert client(server, "sts", chained).get_caller_identity()["Arn"].endswith(f"assumed-role/{second['RoleName']}/chained")
    client(server, "iam", chained).list_users()
    expect_error(lambda: client(server, "ec2", chained).describe_instances(), "UnauthorizedOperation", 403)
    # The user cannot assume the second role (its trust policy names only the first role).
    expect_error(lambda: assume(server, user, RoleArn=second["Arn"], RoleSessionName="direct"), "AccessDenied", 403)
    assert iam.get_role(RoleName=first["RoleName"])["Role"]["RoleLastUsed"].get("LastUsedDate") is not None


def test_session_policy_intersects_and_a_boundary_caps_an_admin_role(server):
    iam = client(server)
    user = user_with_key(iam)
    capped = make_role(iam, trusting(user["Arn"]), managed=["arn:aws:iam::aws:policy/AdministratorAccess"],
                       boundary="arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess")
    # A trust policy naming the user itself grants without an identity policy (same account).
    session = assume(server, user, RoleArn=capped["Arn"], RoleSessionName="capped")["Credentials"]
    client(server, "ec2", session).describe_instances()
    expect_error(lambda: client(server, "iam", session).list_users(), "AccessDenied", 403,
                 contains="because no permissions boundary allows the iam:ListUsers action")
    narrowed = assume(server, user, RoleArn=capped["Arn"], RoleSessionName="narrowed",
                      Policy=document(allow("ec2:DescribeRegions")))["Credentials"]
    client(server, "ec2", narrowed).describe_regions()
    expect_error(lambda: client(server, "ec2", narrowed).describe_instances(), "UnauthorizedOperation", 403)


def test_trust_policy_rules(server):
    iam = client(server)
    account = server.account_id
    by_account = make_role(iam, trusting(f"arn:aws:iam::{account}:root"))
    nobody = user_with_key(iam)
    # Naming only the account delegates to identity policies: without one, no.
    expect_error(lambda: assume(server, nobody, RoleArn=by_account["Arn"], RoleSessionName="s1"), "AccessDenied", 403)
    # The root user may not assume roles at all; unknown roles are denied, not NoSuchEntity.
    expect_error(lambda: client(server, "sts").assume_role(RoleArn=by_account["Arn"], RoleSessionName="root"),
                 "AccessDenied", 403, message="Roles may not be assumed by root accounts.")
    allowed = user_with_key(iam, inline=document(allow(["sts:AssumeRole", "sts:TagSession"])))
    expect_error(lambda: assume(server, allowed, RoleArn=f"arn:aws:iam::{account}:role/nope", RoleSessionName="s1"),
                 "AccessDenied", 403)
    external = make_role(iam, trusting(f"arn:aws:iam::{account}:root", condition={"StringEquals": {"sts:ExternalId": "secret-id"}}))
    expect_error(lambda: assume(server, allowed, RoleArn=external["Arn"], RoleSessionName="s1", ExternalId="wrong-id"),
                 "AccessDenied", 403)
    assume(server, allowed, RoleArn=external["Arn"], RoleSessionName="s1", ExternalId="secret-id")
    # Session tags need sts:TagSession in the trust policy as well.
    tags = [{"Key": "team", "Value": "blue"}]
    expect_error(lambda: assume(server, allowed, RoleArn=by_account["Arn"], RoleSessionName="s2", Tags=tags),
                 "AccessDenied", 403, contains="sts:TagSession")
    taggable = make_role(iam, trusting(f"arn:aws:iam::{account}:root", actions=["sts:AssumeRole", "sts:TagSession"]))
    iam.put_role_policy(RoleName=taggable["RoleName"], PolicyName="tagged", PolicyDocument=document(
        {"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*",
         "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}}))
    blue = assume(server, allowed, RoleArn=taggable["Arn"], RoleSessionName="s3", Tags=tags)["Credentials"]
    client(server, "ec2", blue).describe_instances()
    red = assume(server, allowed, RoleArn=taggable["Arn"], RoleSessionName="s4", Tags=[{"Key": "team", "Value": "red"}])["Credentials"]
    expect_error(lambda: client(server, "ec2", red).describe_instances(), "UnauthorizedOperation", 403)


def test_validation_and_deleted_roles(server):
    iam = client(server)
    user = user_with_key(iam)
    role = make_role(iam, trusting(user["Arn"]))
    raw = client(server, "sts", user, validate=False)
    expect_error(lambda: raw.assume_role(RoleArn=role["Arn"], RoleSessionName="x"), "ValidationError", 400)
    expect_error(lambda: raw.assume_role(RoleArn=role["Arn"], RoleSessionName="bad name"), "ValidationError", 400)
    expect_error(lambda: raw.assume_role(RoleArn=role["Arn"], RoleSessionName="ok-name", DurationSeconds=7200),
                 "ValidationError", 400)
    expect_error(lambda: raw.assume_role(RoleArn=role["Arn"], RoleSessionName="ok-name", DurationSeconds=600),
                 "ValidationError", 400)
    session = assume(server, user, RoleArn=role["Arn"], RoleSessionName="short-lived", DurationSeconds=900)["Credentials"]
    client(server, "sts", session).get_caller_identity()
    iam.delete_role(RoleName=role["RoleName"])
    expect_error(lambda: client(server, "sts", session).get_caller_identity(), "InvalidClientTokenId", 403)
