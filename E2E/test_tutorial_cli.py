"""The seed scenario over the AWS CLI and boto3 (iam-facts §0): Force_MFA + AmazonEC2FullAccess on
group EC2MFA, MFAUser sets up a virtual MFA device itself, and MFA-authenticated session
credentials pass where long-term keys are denied. TOTP codes come from Debian's oathtool and the
QR code is read by zbarimg: both independent of Warden."""
import base64
import json
import pathlib
import shutil
import subprocess
import time
import urllib.parse

import pytest
from botocore.exceptions import ClientError

from warden_server import WardenServer

REFERENCE = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "policies"


def oathtool(seed, at):
    if not shutil.which("oathtool"):
        pytest.fail("oathtool is missing: apt-get install -y oathtool")
    return subprocess.run(["oathtool", "--totp", "-b", seed, "-N", f"@{at}"], capture_output=True, text=True,
                          check=True).stdout.strip()


def zbarimg(png_bytes, tmp_path):
    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg is missing: apt-get install -y zbar-tools")
    path = tmp_path / "qr.png"
    path.write_bytes(png_bytes)
    return subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, check=True).stdout.strip()


def error_of(call):
    with pytest.raises(ClientError) as info:
        call()
    return info.value.response["Error"]["Code"], info.value.response["Error"]["Message"]


@pytest.fixture
def tutorial(warden_bin, tmp_path):
    with WardenServer(warden_bin, data_dir=tmp_path / "data", log_level="debug") as server:
        yield server


def test_the_tutorial_end_to_end(tutorial, tmp_path):
    server = tutorial
    secrets = [server.secret_access_key]
    acct = server.account_id
    me = f"arn:aws:iam::{acct}:user/MFAUser"

    # 1-2. The admin, through the AWS CLI.
    force_mfa = REFERENCE / "Force_MFA.json"
    _, created, _ = server.cli("iam", "create-policy", "--policy-name", "Force_MFA", "--policy-document",
                               f"file://{force_mfa}", "--description",
                               "This policy allows users to manage their own passwords and MFA devices but nothing else unless they authenticate with MFA.")
    force_mfa_arn = created["Policy"]["Arn"]
    server.cli("iam", "create-group", "--group-name", "EC2MFA")
    server.cli("iam", "attach-group-policy", "--group-name", "EC2MFA", "--policy-arn", "arn:aws:iam::aws:policy/AmazonEC2FullAccess")
    server.cli("iam", "attach-group-policy", "--group-name", "EC2MFA", "--policy-arn", force_mfa_arn)
    server.cli("iam", "create-user", "--user-name", "MFAUser")
    password = "Initial-Passw0rd!"
    secrets.append(password)
    server.cli("iam", "create-login-profile", "--user-name", "MFAUser", "--password", password)
    server.cli("iam", "add-user-to-group", "--user-name", "MFAUser", "--group-name", "EC2MFA")
    _, key, _ = server.cli("iam", "create-access-key", "--user-name", "MFAUser")
    key_id, key_secret = key["AccessKey"]["AccessKeyId"], key["AccessKey"]["SecretAccessKey"]
    secrets.append(key_secret)
    assert len(key_secret) == 40

    # 3. MFAUser with long-term keys: everything but the listed actions is explicitly denied.
    user_iam = server.client("iam", access_key_id=key_id, secret_access_key=key_secret)
    for call, action, resource in [
        (lambda: user_iam.change_password(OldPassword=password, NewPassword="Another-Passw0rd!"), "iam:ChangePassword", me),
        (lambda: user_iam.list_access_keys(), "iam:ListAccessKeys", me),
        (lambda: user_iam.list_users(), "iam:ListUsers", f"arn:aws:iam::{acct}:user/"),
    ]:
        code, message = error_of(call)
        assert code == "AccessDenied"
        assert message == (f"User: {me} is not authorized to perform: {action} on resource: {resource} "
                           "with an explicit deny in an identity-based policy")
    assert user_iam.get_user()["User"]["UserName"] == "MFAUser"

    # The user creates and enables their own virtual MFA device.
    device = user_iam.create_virtual_mfa_device(VirtualMFADeviceName="MFAUser")["VirtualMFADevice"]
    serial = device["SerialNumber"]
    assert serial == f"arn:aws:iam::{acct}:mfa/MFAUser"
    seed = device["Base32StringSeed"].decode()  # boto3 base64-decodes the blob: the ASCII Base32 seed
    secrets.append(seed)
    assert len(seed) >= 32 and set(seed) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    uri = zbarimg(device["QRCodePNG"], tmp_path)
    parsed = urllib.parse.urlparse(uri)
    assert parsed.scheme == "otpauth" and parsed.netloc == "totp"
    assert urllib.parse.parse_qs(parsed.query)["secret"] == [seed]
    assert urllib.parse.parse_qs(parsed.query)["issuer"] == ["Warden"]

    now = int(time.time())
    code, _ = error_of(lambda: user_iam.enable_mfa_device(UserName="MFAUser", SerialNumber=serial,
                                                          AuthenticationCode1="000000", AuthenticationCode2="000001"))
    assert code == "InvalidAuthenticationCode"
    code1, code2 = oathtool(seed, now - 30), oathtool(seed, now)
    user_iam.enable_mfa_device(UserName="MFAUser", SerialNumber=serial, AuthenticationCode1=code1, AuthenticationCode2=code2)
    listed = user_iam.list_mfa_devices()["MFADevices"]
    assert [d["SerialNumber"] for d in listed] == [serial]
    # The same codes again are a replay.
    code, _ = error_of(lambda: user_iam.resync_mfa_device(UserName="MFAUser", SerialNumber=serial,
                                                          AuthenticationCode1=code1, AuthenticationCode2=code2))
    assert code == "InvalidAuthenticationCode"

    # 4. GetSessionToken with MFA, through the CLI.
    token_code = oathtool(seed, now + 30)
    _, session, _ = server.cli("sts", "get-session-token", "--serial-number", serial, "--token-code", token_code,
                               access_key_id=key_id, secret_access_key=key_secret)
    creds = session["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA") and len(creds["AccessKeyId"]) == 20
    secrets += [creds["SecretAccessKey"], creds["SessionToken"]]
    # The same code cannot be used twice.
    rc, _, stderr = server.cli("sts", "get-session-token", "--serial-number", serial, "--token-code", token_code,
                               access_key_id=key_id, secret_access_key=key_secret, check=False)
    assert rc != 0 and "AccessDenied" in stderr

    mfa_iam = server.client("iam", access_key_id=creds["AccessKeyId"], secret_access_key=creds["SecretAccessKey"],
                            session_token=creds["SessionToken"])
    assert [k["AccessKeyId"] for k in mfa_iam.list_access_keys()["AccessKeyMetadata"]] == [key_id]
    new_key = mfa_iam.create_access_key()["AccessKey"]
    secrets.append(new_key["SecretAccessKey"])
    new_password = "Changed-Passw0rd!"
    secrets.append(new_password)
    mfa_iam.change_password(OldPassword=password, NewPassword=new_password)
    code, message = error_of(lambda: mfa_iam.delete_virtual_mfa_device(SerialNumber=serial))
    assert code == "AccessDenied"
    assert message.endswith("because no identity-based policy allows the iam:DeleteVirtualMFADevice action")
    identity = server.client("sts", access_key_id=creds["AccessKeyId"], secret_access_key=creds["SecretAccessKey"],
                             session_token=creds["SessionToken"]).get_caller_identity()
    assert identity["Arn"] == me

    # Session credentials without MFA may not call IAM at all; long-term keys still cannot.
    plain = server.client("sts", access_key_id=key_id, secret_access_key=key_secret).get_session_token()["Credentials"]
    secrets += [plain["SecretAccessKey"], plain["SessionToken"]]
    plain_iam = server.client("iam", access_key_id=plain["AccessKeyId"], secret_access_key=plain["SecretAccessKey"],
                              session_token=plain["SessionToken"])
    assert error_of(lambda: plain_iam.list_access_keys())[0] == "InvalidClientTokenId"

    # No secret the run saw ever reached the server's log.
    server.stop()
    log = "".join(server.output)
    assert "request" in log, "debug logging was on"
    for secret in secrets:
        assert secret not in log


def test_password_policy_and_credentials_rules(shared_server):
    iam = shared_server.client("iam")
    code, _ = error_of(lambda: iam.get_account_password_policy())
    assert code == "NoSuchEntity"
    iam.update_account_password_policy(MinimumPasswordLength=12, RequireNumbers=True, PasswordReusePrevention=2,
                                       AllowUsersToChangePassword=True)
    policy = iam.get_account_password_policy()["PasswordPolicy"]
    assert policy["MinimumPasswordLength"] == 12 and policy["RequireNumbers"] is True
    assert policy["RequireSymbols"] is False and policy["ExpirePasswords"] is False
    assert policy["PasswordReusePrevention"] == 2
    # boto3 validates ranges itself; the server must too, for clients that do not.
    from botocore.config import Config
    import boto3
    unchecked = boto3.client("iam", endpoint_url=shared_server.endpoint, region_name="us-east-1",
                             aws_access_key_id=shared_server.access_key_id,
                             aws_secret_access_key=shared_server.secret_access_key,
                             config=Config(parameter_validation=False, retries={"max_attempts": 1}))
    assert error_of(lambda: unchecked.update_account_password_policy(MinimumPasswordLength=5))[0] == "ValidationError"
    assert error_of(lambda: unchecked.update_account_password_policy(MaxPasswordAge=1096))[0] == "ValidationError"
    iam.create_user(UserName="pw-user")
    assert error_of(lambda: iam.create_login_profile(UserName="pw-user", Password="short1"))[0] == "PasswordPolicyViolation"
    assert error_of(lambda: iam.create_login_profile(UserName="pw-user", Password="longbutnodigits"))[0] == "PasswordPolicyViolation"
    iam.create_login_profile(UserName="pw-user", Password="longenough123", PasswordResetRequired=True)
    assert iam.get_login_profile(UserName="pw-user")["LoginProfile"]["PasswordResetRequired"] is True
    assert error_of(lambda: iam.create_login_profile(UserName="pw-user", Password="longenough123"))[0] == "EntityAlreadyExists"
    # AllowUsersToChangePassword lets a user with no policies change their own password.
    key = iam.create_access_key(UserName="pw-user")["AccessKey"]
    user_iam = shared_server.client("iam", access_key_id=key["AccessKeyId"], secret_access_key=key["SecretAccessKey"])
    user_iam.change_password(OldPassword="longenough123", NewPassword="anotherone456")
    assert error_of(lambda: user_iam.change_password(OldPassword="anotherone456", NewPassword="longenough123"))[0] == \
        "PasswordPolicyViolation", "reuse prevention remembers the last 2 passwords"
    assert error_of(lambda: user_iam.change_password(OldPassword="wrong-password-1", NewPassword="freshpassword789"))[0] == "InvalidInput"
    # Access-key quota and inactive keys.
    iam.create_access_key(UserName="pw-user")
    assert error_of(lambda: iam.create_access_key(UserName="pw-user"))[0] == "LimitExceeded"
    iam.update_access_key(UserName="pw-user", AccessKeyId=key["AccessKeyId"], Status="Inactive")
    assert error_of(lambda: user_iam.get_user())[0] == "InvalidClientTokenId"
    iam.delete_account_password_policy()
    assert error_of(lambda: iam.get_account_password_policy())[0] == "NoSuchEntity"


def test_signing_certificates_and_ssh_keys(shared_server, tmp_path):
    iam = shared_server.client("iam")
    iam.create_user(UserName="key-user")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=warden-test",
                    "-keyout", str(tmp_path / "k.pem"), "-out", str(tmp_path / "c.pem")], check=True, capture_output=True)
    body = (tmp_path / "c.pem").read_text()
    cert = iam.upload_signing_certificate(UserName="key-user", CertificateBody=body)["Certificate"]
    assert cert["Status"] == "Active" and len(cert["CertificateId"]) >= 24
    assert error_of(lambda: iam.upload_signing_certificate(UserName="key-user", CertificateBody=body))[0] == "DuplicateCertificate"
    assert error_of(lambda: iam.upload_signing_certificate(UserName="key-user", CertificateBody="not a certificate"))[0] == "MalformedCertificate"
    iam.update_signing_certificate(UserName="key-user", CertificateId=cert["CertificateId"], Status="Inactive")
    assert iam.list_signing_certificates(UserName="key-user")["Certificates"][0]["Status"] == "Inactive"

    subprocess.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", str(tmp_path / "id")], check=True)
    public = (tmp_path / "id.pub").read_text()
    uploaded = iam.upload_ssh_public_key(UserName="key-user", SSHPublicKeyBody=public)["SSHPublicKey"]
    assert uploaded["SSHPublicKeyId"].startswith("APKA")
    expected = subprocess.run(["ssh-keygen", "-l", "-E", "md5", "-f", str(tmp_path / "id.pub")], capture_output=True,
                              text=True, check=True).stdout.split()[1].removeprefix("MD5:")
    assert uploaded["Fingerprint"] == expected
    pem = iam.get_ssh_public_key(UserName="key-user", SSHPublicKeyId=uploaded["SSHPublicKeyId"], Encoding="PEM")
    assert pem["SSHPublicKey"]["SSHPublicKeyBody"].startswith("-----BEGIN")
    assert error_of(lambda: iam.upload_ssh_public_key(UserName="key-user", SSHPublicKeyBody=public))[0] == "DuplicateSSHPublicKey"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "ed")], check=True)
    assert error_of(lambda: iam.upload_ssh_public_key(UserName="key-user", SSHPublicKeyBody=(tmp_path / "ed.pub").read_text()))[0] == \
        "UnrecognizedPublicKeyEncoding"
    subprocess.run(["ssh-keygen", "-q", "-t", "rsa", "-b", "1024", "-N", "", "-f", str(tmp_path / "small")], check=True)
    assert error_of(lambda: iam.upload_ssh_public_key(UserName="key-user", SSHPublicKeyBody=(tmp_path / "small.pub").read_text()))[0] == \
        "InvalidPublicKey"
    code, _ = error_of(lambda: iam.delete_user(UserName="key-user"))
    assert code == "DeleteConflict"
