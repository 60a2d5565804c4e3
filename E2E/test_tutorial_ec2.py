"""The tutorial continued on EC2 (iam-facts §0 and §6): MFAUser's long-term keys get
UnauthorizedOperation with an encoded message that an administrator decodes; MFA session
credentials run, stop and terminate instances; S3 stays denied; a tag-based policy limits
StopInstances to the user's team's instances."""
import json
import pathlib
import subprocess
import time

import pytest
from botocore.exceptions import ClientError

REFERENCE = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "policies"
IMAGE = "ami-0a1b2c3d4e5f60001"


def oathtool(seed, at):
    return subprocess.run(["oathtool", "--totp", "-b", seed, "-N", f"@{at}"], capture_output=True, text=True,
                          check=True).stdout.strip()


def error_of(call):
    with pytest.raises(ClientError) as info:
        call()
    return info.value.response


def wait_for_state(ec2, instance_id, state, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]["State"]["Name"]
        if found == state:
            return
        time.sleep(0.5)
    raise AssertionError(f"{instance_id} never reached {state}")


def test_mfa_unlocks_ec2(server):
    iam = server.client("iam")
    arn = iam.create_policy(PolicyName="Force_MFA", PolicyDocument=(REFERENCE / "Force_MFA.json").read_text())["Policy"]["Arn"]
    iam.create_group(GroupName="EC2MFA")
    iam.attach_group_policy(GroupName="EC2MFA", PolicyArn="arn:aws:iam::aws:policy/AmazonEC2FullAccess")
    iam.attach_group_policy(GroupName="EC2MFA", PolicyArn=arn)
    iam.create_user(UserName="MFAUser")
    iam.add_user_to_group(GroupName="EC2MFA", UserName="MFAUser")
    key = iam.create_access_key(UserName="MFAUser")["AccessKey"]
    long_term = dict(access_key_id=key["AccessKeyId"], secret_access_key=key["SecretAccessKey"])

    # Long-term keys: EC2 is denied with an encoded message; the admin decodes it.
    response = error_of(lambda: server.client("ec2", **long_term).describe_instances())
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "UnauthorizedOperation"
    prefix = "You are not authorized to perform this operation. Encoded authorization failure message: "
    assert response["Error"]["Message"].startswith(prefix)
    encoded = response["Error"]["Message"][len(prefix):]
    decoded = json.loads(server.client("sts").decode_authorization_message(EncodedMessage=encoded)["DecodedMessage"])
    assert decoded["allowed"] is False and decoded["explicitDeny"] is True
    assert decoded["context"]["action"] == "ec2:DescribeInstances"
    assert decoded["context"]["principal"]["arn"] == f"arn:aws:iam::{server.account_id}:user/MFAUser"
    assert decoded["matchedStatements"]["items"][0]["statementId"] == "DenyAllExceptListedIfNoMFA"
    # The user cannot decode it (Force_MFA denies sts:DecodeAuthorizationMessage without MFA).
    assert error_of(lambda: server.client("sts", **long_term).decode_authorization_message(EncodedMessage=encoded)
                    )["Error"]["Code"] == "AccessDenied"
    # A tampered message is not accepted.
    assert error_of(lambda: server.client("sts").decode_authorization_message(EncodedMessage=encoded[:-4] + "AAAA")
                    )["Error"]["Code"] == "InvalidAuthorizationMessageException"

    # MFA: set up a device and get session credentials.
    user_iam = server.client("iam", **long_term)
    device = user_iam.create_virtual_mfa_device(VirtualMFADeviceName="MFAUser")["VirtualMFADevice"]
    seed = device["Base32StringSeed"].decode()
    now = int(time.time())
    user_iam.enable_mfa_device(UserName="MFAUser", SerialNumber=device["SerialNumber"],
                               AuthenticationCode1=oathtool(seed, now - 30), AuthenticationCode2=oathtool(seed, now))
    creds = server.client("sts", **long_term).get_session_token(
        SerialNumber=device["SerialNumber"], TokenCode=oathtool(seed, now + 30))["Credentials"]
    session = dict(access_key_id=creds["AccessKeyId"], secret_access_key=creds["SecretAccessKey"],
                   session_token=creds["SessionToken"])
    ec2 = server.client("ec2", **session)
    instance = ec2.run_instances(ImageId=IMAGE, InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"][0]
    instance_id = instance["InstanceId"]
    wait_for_state(ec2, instance_id, "running")
    ec2.stop_instances(InstanceIds=[instance_id])
    wait_for_state(ec2, instance_id, "stopped")
    ec2.terminate_instances(InstanceIds=[instance_id])
    wait_for_state(ec2, instance_id, "terminated")

    # Other services stay denied, with MFA too (nothing allows them).
    rc, _, stderr = server.cli("s3", "ls", check=False, **session)
    assert rc != 0 and "AccessDenied" in stderr
    rc, _, stderr = server.cli("s3", "ls", check=False, **long_term)
    assert rc != 0 and "AccessDenied" in stderr


def test_tag_based_policy_limits_stop_to_the_team(server):
    iam = server.client("iam")
    policy = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Describe", "Effect": "Allow", "Action": ["ec2:Describe*", "ec2:RunInstances", "ec2:CreateTags"], "Resource": "*"},
        {"Sid": "StopOwnTeam", "Effect": "Allow", "Action": ["ec2:StopInstances", "ec2:StartInstances"],
         "Resource": "arn:aws:ec2:*:*:instance/*",
         "Condition": {"StringEquals": {"ec2:ResourceTag/team": "${aws:PrincipalTag/team}"}}},
    ]}
    iam.create_user(UserName="blue-dev", Tags=[{"Key": "team", "Value": "blue"}])
    iam.put_user_policy(UserName="blue-dev", PolicyName="team", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="blue-dev")["AccessKey"]
    admin_ec2 = server.client("ec2")
    def launch(team):
        return admin_ec2.run_instances(ImageId=IMAGE, InstanceType="t3.micro", MinCount=1, MaxCount=1, TagSpecifications=[
            {"ResourceType": "instance", "Tags": [{"Key": "team", "Value": team}]}])["Instances"][0]["InstanceId"]
    blue, red = launch("blue"), launch("red")
    wait_for_state(admin_ec2, blue, "running")
    wait_for_state(admin_ec2, red, "running")
    dev_ec2 = server.client("ec2", access_key_id=key["AccessKeyId"], secret_access_key=key["SecretAccessKey"])
    dev_ec2.stop_instances(InstanceIds=[blue])
    response = error_of(lambda: dev_ec2.stop_instances(InstanceIds=[red]))
    assert response["Error"]["Code"] == "UnauthorizedOperation"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    # Both at once: one denied target denies the request, and nothing changes.
    assert error_of(lambda: dev_ec2.stop_instances(InstanceIds=[red, blue]))["Error"]["Code"] == "UnauthorizedOperation"
    state = admin_ec2.describe_instances(InstanceIds=[red])["Reservations"][0]["Instances"][0]["State"]["Name"]
    assert state == "running"


def test_tag_based_policy_on_security_groups_named_by_name(server):
    """A group named by GroupName is authorized as that group, with its tags (ec2:ResourceTag)."""
    iam = server.client("iam")
    policy = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Describe", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
        {"Sid": "OwnTeamRules", "Effect": "Allow", "Action": "ec2:AuthorizeSecurityGroupIngress",
         "Resource": "arn:aws:ec2:*:*:security-group/*",
         "Condition": {"StringEquals": {"ec2:ResourceTag/team": "blue"}}},
    ]}
    iam.create_user(UserName="sg-dev")
    iam.put_user_policy(UserName="sg-dev", PolicyName="team", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="sg-dev")["AccessKey"]
    admin = server.client("ec2")
    for team in ("blue", "red"):
        admin.create_security_group(GroupName=f"{team}-web", Description=f"{team} web", TagSpecifications=[
            {"ResourceType": "security-group", "Tags": [{"Key": "team", "Value": team}]}])
    dev = server.client("ec2", access_key_id=key["AccessKeyId"], secret_access_key=key["SecretAccessKey"])
    rule = [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]
    dev.authorize_security_group_ingress(GroupName="blue-web", IpPermissions=rule)
    response = error_of(lambda: dev.authorize_security_group_ingress(GroupName="red-web", IpPermissions=rule))
    assert response["Error"]["Code"] == "UnauthorizedOperation"
    red = admin.describe_security_groups(GroupNames=["red-web"])["SecurityGroups"][0]
    assert red["IpPermissions"] == []
