"""Every credential, MFA and password operation once, with each raw response body checked element by
element against botocore's output shape (`test_wire_shapes.check_response`)."""
import base64
import xml.etree.ElementTree as ET

from helpers import allow, client, document, unique, user_with_key
from test_mfa_devices import oathtool, steady_now
from test_uploaded_credentials import certificate, run, ssh_key
from test_wire_shapes import Recorder, check_response

EXPECTED = {
    "iam": {"CreateVirtualMFADevice", "EnableMFADevice", "ListMFADevices", "GetMFADevice", "ListVirtualMFADevices",
            "TagMFADevice", "UntagMFADevice", "ListMFADeviceTags", "ResyncMFADevice", "DeactivateMFADevice",
            "DeleteVirtualMFADevice", "CreateAccountAlias", "CreateLoginProfile", "GetLoginProfile",
            "UpdateLoginProfile", "DeleteLoginProfile", "ChangePassword", "UpdateAccountPasswordPolicy",
            "GetAccountPasswordPolicy", "DeleteAccountPasswordPolicy", "UploadSigningCertificate",
            "ListSigningCertificates", "UpdateSigningCertificate", "DeleteSigningCertificate", "UploadSSHPublicKey",
            "GetSSHPublicKey", "ListSSHPublicKeys", "UpdateSSHPublicKey", "DeleteSSHPublicKey",
            "CreateServiceSpecificCredential", "ListServiceSpecificCredentials", "ResetServiceSpecificCredential",
            "UpdateServiceSpecificCredential", "DeleteServiceSpecificCredential", "ListUsers"},
    "sts": {"GetSessionToken", "GetCallerIdentity"},
}


def recorded(server, service, recorders, creds=None):
    api = client(server, service, creds=creds)
    recorder = Recorder()
    api.meta.events.register("after-call", recorder)
    recorders.append((service, recorder))
    return api


def test_every_credential_response_matches_the_botocore_output_shape(server, tmp_path):
    recorders = []
    iam = recorded(server, "iam", recorders)
    name = unique("shape")
    user = user_with_key(client(server), name=name, inline=document(
        allow(["iam:ChangePassword", "iam:ListUsers"])))
    own_iam = recorded(server, "iam", recorders, creds=user)
    own_sts = recorded(server, "sts", recorders, creds=user)

    # MFA: an assigned device, an unassigned one, tags, resync, a session, then teardown.
    iam.create_account_alias(AccountAlias=unique("alias"))
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=unique("dev"), Path="/shapes/",
                                           Tags=[{"Key": "team", "Value": "blue"}])["VirtualMFADevice"]
    serial, seed = device["SerialNumber"], device["Base32StringSeed"].decode()
    spare = iam.create_virtual_mfa_device(VirtualMFADeviceName=unique("dev"))["VirtualMFADevice"]["SerialNumber"]
    now = steady_now()
    iam.enable_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1=oathtool(seed, now - 30),
                          AuthenticationCode2=oathtool(seed, now))
    iam.list_mfa_devices(UserName=name)
    iam.get_mfa_device(SerialNumber=serial, UserName=name)
    for status in ("Assigned", "Unassigned", "Any"):
        iam.list_virtual_mfa_devices(AssignmentStatus=status)
    iam.tag_mfa_device(SerialNumber=serial, Tags=[{"Key": "cost", "Value": "1"}])
    iam.list_mfa_device_tags(SerialNumber=serial)
    iam.untag_mfa_device(SerialNumber=serial, TagKeys=["cost"])
    iam.resync_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1=oathtool(seed, now + 30),
                          AuthenticationCode2=oathtool(seed, now + 60))
    creds = own_sts.get_session_token(SerialNumber=serial, TokenCode=oathtool(seed, now + 90),
                                      DurationSeconds=900)["Credentials"]
    recorded(server, "iam", recorders, creds=creds).list_users()
    recorded(server, "sts", recorders, creds=creds).get_caller_identity()
    iam.deactivate_mfa_device(UserName=name, SerialNumber=serial)
    iam.delete_virtual_mfa_device(SerialNumber=serial)
    iam.delete_virtual_mfa_device(SerialNumber=spare)

    # Passwords.
    iam.update_account_password_policy(MinimumPasswordLength=8, RequireNumbers=True, MaxPasswordAge=30,
                                       PasswordReusePrevention=2, AllowUsersToChangePassword=True)
    iam.get_account_password_policy()
    iam.create_login_profile(UserName=name, Password="shape-pass-1", PasswordResetRequired=True)
    iam.get_login_profile(UserName=name)
    iam.update_login_profile(UserName=name, Password="shape-pass-2")
    own_iam.change_password(OldPassword="shape-pass-2", NewPassword="shape-pass-3")
    iam.delete_login_profile(UserName=name)
    iam.delete_account_password_policy()

    # Signing certificates, SSH keys, service-specific credentials.
    cert = iam.upload_signing_certificate(UserName=name, CertificateBody=certificate(tmp_path))["Certificate"]
    iam.list_signing_certificates(UserName=name)
    iam.update_signing_certificate(UserName=name, CertificateId=cert["CertificateId"], Status="Inactive")
    iam.delete_signing_certificate(UserName=name, CertificateId=cert["CertificateId"])
    pub = ssh_key(tmp_path)
    key = iam.upload_ssh_public_key(UserName=name, SSHPublicKeyBody=pub.read_text())["SSHPublicKey"]
    iam.get_ssh_public_key(UserName=name, SSHPublicKeyId=key["SSHPublicKeyId"], Encoding="SSH")
    iam.get_ssh_public_key(UserName=name, SSHPublicKeyId=key["SSHPublicKeyId"], Encoding="PEM")
    iam.list_ssh_public_keys(UserName=name)
    iam.update_ssh_public_key(UserName=name, SSHPublicKeyId=key["SSHPublicKeyId"], Status="Inactive")
    iam.delete_ssh_public_key(UserName=name, SSHPublicKeyId=key["SSHPublicKeyId"])
    iam.upload_ssh_public_key(UserName=name, SSHPublicKeyBody=run("ssh-keygen", "-e", "-m", "PKCS8", "-f", str(pub)))
    cred = iam.create_service_specific_credential(UserName=name, ServiceName="codecommit.amazonaws.com")
    cred_id = cred["ServiceSpecificCredential"]["ServiceSpecificCredentialId"]
    iam.list_service_specific_credentials(UserName=name)
    iam.reset_service_specific_credential(UserName=name, ServiceSpecificCredentialId=cred_id)
    iam.update_service_specific_credential(UserName=name, ServiceSpecificCredentialId=cred_id, Status="Inactive")
    iam.delete_service_specific_credential(UserName=name, ServiceSpecificCredentialId=cred_id)

    problems, checked = [], {"iam": set(), "sts": set()}
    for service, recorder in recorders:
        for operation, body in recorder.bodies:
            checked[service].add(operation)
            problems += check_response(service, operation, body)
    assert not problems, "\n".join(problems)
    assert checked == EXPECTED, {s: checked[s] ^ EXPECTED[s] for s in checked}

    # The two blobs are base64 on the wire: the ASCII Base32 seed and a PNG.
    created = next(body for _, r in recorders for op, body in r.bodies if op == "CreateVirtualMFADevice")
    result = ET.fromstring(created).find("{*}CreateVirtualMFADeviceResult/{*}VirtualMFADevice")
    assert base64.b64decode(result.findtext("{*}Base32StringSeed"), validate=True).decode() == seed
    assert base64.b64decode(result.findtext("{*}QRCodePNG"), validate=True).startswith(b"\x89PNG\r\n\x1a\n")
