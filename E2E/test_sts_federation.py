"""STS GetFederationToken (federated users: the user's policies intersected with the session's)
and GetAccessKeyInfo, through boto3, with the responses checked against botocore's shapes."""
import json

from helpers import allow, client, document, expect_error, unique, user_with_key
from test_wire_shapes import Recorder, check_response

EC2_AND_FEDERATE = document(allow(["sts:GetFederationToken", "ec2:Describe*", "s3:ListAllMyBuckets"]))


def federate(server, creds, **args):
    sts = client(server, "sts", creds)
    recorder = Recorder()
    sts.meta.events.register("after-call.sts.GetFederationToken", recorder)
    answer = sts.get_federation_token(**args)
    for operation, body in recorder.bodies:
        assert check_response("sts", operation, body) == []
    return answer


def test_federated_user_gets_the_intersection_of_user_and_session_policies(server):
    iam = client(server)
    user = user_with_key(iam, inline=EC2_AND_FEDERATE)
    answer = federate(server, user, Name="bob", Policy=document(allow("ec2:DescribeInstances")), DurationSeconds=900)
    account = server.account_id
    assert answer["FederatedUser"] == {"FederatedUserId": f"{account}:bob",
                                       "Arn": f"arn:aws:sts::{account}:federated-user/bob"}
    assert 0 < answer["PackedPolicySize"] <= 100
    creds = answer["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA")
    identity = client(server, "sts", creds).get_caller_identity()
    assert identity["Arn"] == f"arn:aws:sts::{account}:federated-user/bob"
    assert identity["UserId"] == f"{account}:bob"
    ec2 = client(server, "ec2", creds)
    ec2.describe_instances()
    # The user may describe regions, the session policy does not allow it.
    expect_error(lambda: ec2.describe_regions(), "UnauthorizedOperation", 403)
    # Federated users cannot call IAM, nor federate again.
    expect_error(lambda: client(server, "iam", creds).get_user(UserName=user["Name"]), "InvalidClientTokenId", 403)
    expect_error(lambda: client(server, "sts", creds).get_federation_token(Name="again"), "AccessDenied", 403)


def test_without_a_session_policy_the_federated_user_may_do_nothing(server):
    iam = client(server)
    user = user_with_key(iam, inline=EC2_AND_FEDERATE)
    creds = federate(server, user, Name="nobody-allowed")["Credentials"]
    expect_error(lambda: client(server, "ec2", creds).describe_instances(), "UnauthorizedOperation", 403)
    # A managed session policy works like an inline one.
    creds = federate(server, user, Name="managed", PolicyArns=[{"arn": "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"}])["Credentials"]
    client(server, "ec2", creds).describe_instances()


def test_session_tags_become_principal_tags(server):
    iam = client(server)
    user = user_with_key(iam, inline=EC2_AND_FEDERATE)
    tagged_only = document({"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*",
                            "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}})
    blue = federate(server, user, Name="blue", Policy=tagged_only, Tags=[{"Key": "team", "Value": "blue"}])["Credentials"]
    client(server, "ec2", blue).describe_instances()
    red = federate(server, user, Name="red", Policy=tagged_only, Tags=[{"Key": "team", "Value": "red"}])["Credentials"]
    expect_error(lambda: client(server, "ec2", red).describe_instances(), "UnauthorizedOperation", 403)


def test_the_gate_and_validation(server):
    iam = client(server)
    plain = user_with_key(iam, inline=document(allow("ec2:Describe*")))
    sts = client(server, "sts", plain)
    expect_error(lambda: sts.get_federation_token(Name="carol"), "AccessDenied", 403,
                 contains=f"is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::{server.account_id}:federated-user/carol")
    allowed = client(server, "sts", user_with_key(iam, inline=EC2_AND_FEDERATE), validate=False)
    expect_error(lambda: allowed.get_federation_token(Name="x"), "ValidationError", 400)
    expect_error(lambda: allowed.get_federation_token(Name="bad name!"), "ValidationError", 400)
    expect_error(lambda: allowed.get_federation_token(Name="dave", DurationSeconds=800), "ValidationError", 400)
    expect_error(lambda: allowed.get_federation_token(Name="dave", Policy='{"Version":"2012-10-17"}'),
                 "MalformedPolicyDocument", 400)
    big = document(*[allow(f"ec2:Describe{i:04d}Things") for i in range(30)])
    tags = [{"Key": f"k{i:02d}" + "x" * 40, "Value": "v" * 200} for i in range(20)]
    expect_error(lambda: allowed.get_federation_token(Name="dave", Policy=big[:2048] if len(big) <= 2048 else document(allow("ec2:*")),
                                                      Tags=tags), "PackedPolicyTooLarge", 400)


def test_get_access_key_info(server):
    iam = client(server)
    denied = user_with_key(iam)
    expect_error(lambda: client(server, "sts", denied).get_access_key_info(AccessKeyId=denied["AccessKeyId"]),
                 "AccessDenied", 403, contains="sts:GetAccessKeyInfo")
    user = user_with_key(iam, inline=document(allow("sts:GetAccessKeyInfo")))
    sts = client(server, "sts", user)
    assert sts.get_access_key_info(AccessKeyId=user["AccessKeyId"])["Account"] == server.account_id
    session = sts.get_session_token()["Credentials"]
    assert sts.get_access_key_info(AccessKeyId=session["AccessKeyId"])["Account"] == server.account_id
    expect_error(lambda: sts.get_access_key_info(AccessKeyId="AKIAIOSFODNN7EXAMPLE"), "InvalidParameterValue", 400)
    assert json.loads(json.dumps(sts.get_caller_identity()["Arn"])) == user["Arn"]
