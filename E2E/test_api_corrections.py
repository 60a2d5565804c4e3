"""Answers corrected after the console exposed them: GetAccountSummary's MFA counts, input checks
that come before lookups (UpdateAccessKey Status, DetachUserPolicy ARN)."""
import subprocess
import time

from helpers import client, expect_error, unique


def test_account_summary_counts_mfa_devices_and_devices_in_use(server):
    iam = client(server)
    before = iam.get_account_summary()["SummaryMap"]
    assert before["MFADevices"] == 0 and before["MFADevicesInUse"] == 0
    user = unique("mfa")
    iam.create_user(UserName=user)
    idle = iam.create_virtual_mfa_device(VirtualMFADeviceName=unique("idle"))["VirtualMFADevice"]
    used = iam.create_virtual_mfa_device(VirtualMFADeviceName=user)["VirtualMFADevice"]
    seed = used["Base32StringSeed"].decode()
    now = int(time.time())
    codes = [subprocess.run(["oathtool", "--totp", "-b", "--now", f"@{now + offset}", seed], capture_output=True,
                            text=True, check=True).stdout.strip() for offset in (-30, 0)]
    iam.enable_mfa_device(UserName=user, SerialNumber=used["SerialNumber"], AuthenticationCode1=codes[0],
                          AuthenticationCode2=codes[1])
    summary = iam.get_account_summary()["SummaryMap"]
    assert summary["MFADevices"] == 2 and summary["MFADevicesInUse"] == 1
    assert summary["AccountMFAEnabled"] == 0
    assert idle["SerialNumber"] != used["SerialNumber"]


def test_update_access_key_checks_status_before_looking_up_the_key(shared_server):
    iam = client(shared_server, validate=False)
    expect_error(lambda: iam.update_access_key(AccessKeyId="AKIAIOSFODNN7EXAMPLE", Status="Sideways"),
                 "ValidationError", 400, contains="Member must satisfy enum value set: [Active, Inactive]")


def test_detach_with_a_malformed_arn_is_invalid_input(shared_server):
    iam = client(shared_server)
    user = unique("det")
    iam.create_user(UserName=user)
    expect_error(lambda: iam.detach_user_policy(UserName=user, PolicyArn="arn:aws:iam::bogus-policy"),
                 "InvalidInput", 400, message="ARN arn:aws:iam::bogus-policy is not valid.")
    expect_error(lambda: iam.detach_user_policy(UserName=user, PolicyArn=f"arn:aws:iam::{shared_server.account_id}:policy/none"),
                 "NoSuchEntity", 404)
