"""Signing certificates, SSH public keys and service-specific credentials (iam-facts §4.9–§4.11;
botocore `iam/2010-05-08`). Certificates come from `openssl`, SSH keys and their MD5 fingerprints
from `ssh-keygen`: both independent of Warden."""
import datetime
import re
import subprocess

import pytest

from helpers import client, expect_error, unique

CA_CONFIG = """[ ca ]
default_ca = self
[ self ]
database = {dir}/index.txt
new_certs_dir = {dir}
serial = {dir}/serial
default_md = sha256
policy = anything
unique_subject = no
x509_extensions = leaf
[ anything ]
commonName = supplied
[ leaf ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
"""


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def certificate(tmp_path, key="rsa", days=30):
    """A fresh self-signed certificate (PEM text) with an RSA-2048 or EC P-256 key."""
    name = unique("cert")
    key_args = ["-newkey", "rsa:2048"] if key == "rsa" else ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    run("openssl", "req", "-x509", *key_args, "-nodes", "-days", str(days), "-subj", f"/CN={name}",
        "-keyout", str(tmp_path / f"{name}.key"), "-out", str(tmp_path / f"{name}.pem"))
    return (tmp_path / f"{name}.pem").read_text()


def dated_certificate(tmp_path, start, end):
    """A self-signed RSA certificate valid from `start` to `end` (datetimes). OpenSSL 3.0's `x509` has no
    `-not_before`/`-not_after`, so this goes through `openssl ca -selfsign -startdate -enddate`."""
    work = tmp_path / unique("ca")
    work.mkdir()
    (work / "index.txt").write_text("")
    (work / "serial").write_text("1000\n")
    (work / "ca.cnf").write_text(CA_CONFIG.format(dir=work))
    run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={work.name}",
        "-keyout", str(work / "k.pem"), "-out", str(work / "r.csr"))
    stamp = "%Y%m%d%H%M%SZ"
    run("openssl", "ca", "-batch", "-notext", "-config", str(work / "ca.cnf"), "-selfsign", "-keyfile", str(work / "k.pem"),
        "-in", str(work / "r.csr"), "-startdate", start.strftime(stamp), "-enddate", end.strftime(stamp),
        "-out", str(work / "c.pem"))
    return (work / "c.pem").read_text()


def ssh_key(tmp_path, bits=2048):
    """Generates an RSA key pair; returns the path of the `.pub` file."""
    path = tmp_path / unique("id")
    run("ssh-keygen", "-q", "-t", "rsa", "-b", str(bits), "-N", "", "-f", str(path))
    return path.with_suffix(".pub")


def md5_fingerprint(pub):
    return run("ssh-keygen", "-l", "-E", "md5", "-f", str(pub)).split()[1].removeprefix("MD5:")


def blob(ssh_line):
    kind, data = ssh_line.split()[:2]
    assert kind == "ssh-rsa", ssh_line
    return data


def new_user(iam):
    name = unique("user")
    iam.create_user(UserName=name)
    return name


UTC = datetime.timezone.utc


# ---- signing certificates --------------------------------------------------------------------

def test_signing_certificate_quota_status_duplicates_and_delete(shared_server, tmp_path):
    iam = client(shared_server)
    alice, bob = new_user(iam), new_user(iam)
    rsa = certificate(tmp_path, "rsa")
    first = iam.upload_signing_certificate(UserName=alice, CertificateBody=rsa)["Certificate"]
    assert first["UserName"] == alice and first["Status"] == "Active"
    assert re.fullmatch(r"\w{24,128}", first["CertificateId"]), first["CertificateId"]
    assert first["CertificateBody"].strip() == rsa.strip()
    ec = iam.upload_signing_certificate(UserName=alice, CertificateBody=certificate(tmp_path, "ec"))["Certificate"]
    assert ec["Status"] == "Active"
    expect_error(lambda: iam.upload_signing_certificate(UserName=alice, CertificateBody=certificate(tmp_path)),
                 "LimitExceeded", 409)
    # The same certificate on another user of the account.
    expect_error(lambda: iam.upload_signing_certificate(UserName=bob, CertificateBody=rsa), "DuplicateCertificate", 409,
                 "The request was rejected because the same certificate is associated with an IAM user in the account.")

    iam.update_signing_certificate(UserName=alice, CertificateId=first["CertificateId"], Status="Inactive")
    listed = {c["CertificateId"]: c for c in iam.list_signing_certificates(UserName=alice)["Certificates"]}
    assert {cid: c["Status"] for cid, c in listed.items()} == {first["CertificateId"]: "Inactive",
                                                               ec["CertificateId"]: "Active"}
    assert all(c["UserName"] == alice for c in listed.values())
    iam.delete_signing_certificate(UserName=alice, CertificateId=first["CertificateId"])
    assert [c["CertificateId"] for c in iam.list_signing_certificates(UserName=alice)["Certificates"]] == [ec["CertificateId"]]
    expect_error(lambda: iam.update_signing_certificate(UserName=alice, CertificateId=first["CertificateId"],
                                                        Status="Active"), "NoSuchEntity", 404)
    expect_error(lambda: iam.delete_signing_certificate(UserName=alice, CertificateId=first["CertificateId"]),
                 "NoSuchEntity", 404)
    # Deleted, it may go to another user; the freed slot takes a new one.
    assert iam.upload_signing_certificate(UserName=bob, CertificateBody=rsa)["Certificate"]["UserName"] == bob
    iam.upload_signing_certificate(UserName=alice, CertificateBody=certificate(tmp_path))
    assert iam.list_signing_certificates(UserName=bob)["Certificates"][0]["Status"] == "Active"


def test_a_certificate_dated_by_openssl_ca_is_accepted(shared_server, tmp_path):
    # The control for the two tests below: the same tool with a current validity period is fine.
    now = datetime.datetime.now(UTC)
    body = dated_certificate(tmp_path, now - datetime.timedelta(days=1), now + datetime.timedelta(days=30))
    iam = client(shared_server)
    assert iam.upload_signing_certificate(UserName=new_user(iam), CertificateBody=body)["Certificate"]["Status"] == "Active"


def test_an_expired_certificate_is_rejected_as_malformed(shared_server, tmp_path):
    body = dated_certificate(tmp_path, datetime.datetime(2020, 1, 1, tzinfo=UTC), datetime.datetime(2020, 1, 2, tzinfo=UTC))
    iam = client(shared_server)
    expect_error(lambda: iam.upload_signing_certificate(UserName=new_user(iam), CertificateBody=body),
                 "MalformedCertificate", 400)


def test_a_not_yet_valid_certificate_is_rejected_as_malformed(shared_server, tmp_path):
    now = datetime.datetime.now(UTC)
    body = dated_certificate(tmp_path, now + datetime.timedelta(days=10), now + datetime.timedelta(days=40))
    iam = client(shared_server)
    expect_error(lambda: iam.upload_signing_certificate(UserName=new_user(iam), CertificateBody=body),
                 "MalformedCertificate", 400)


# ---- SSH public keys -------------------------------------------------------------------------

def test_ssh_keys_quota_update_list_and_delete(shared_server, tmp_path):
    iam = client(shared_server)
    name = new_user(iam)
    keys = [ssh_key(tmp_path) for _ in range(6)]
    ids = []
    for pub in keys[:5]:
        uploaded = iam.upload_ssh_public_key(UserName=name, SSHPublicKeyBody=pub.read_text())["SSHPublicKey"]
        assert uploaded["Status"] == "Active" and uploaded["UserName"] == name
        assert uploaded["Fingerprint"] == md5_fingerprint(pub)
        assert re.fullmatch(r"([0-9a-f]{2}:){15}[0-9a-f]{2}", uploaded["Fingerprint"])
        ids.append(uploaded["SSHPublicKeyId"])
    assert all(i.startswith("APKA") for i in ids) and len(set(ids)) == 5
    expect_error(lambda: iam.upload_ssh_public_key(UserName=name, SSHPublicKeyBody=keys[5].read_text()), "LimitExceeded", 409)

    iam.update_ssh_public_key(UserName=name, SSHPublicKeyId=ids[0], Status="Inactive")
    listed = iam.list_ssh_public_keys(UserName=name)["SSHPublicKeys"]
    assert sorted(k["SSHPublicKeyId"] for k in listed) == sorted(ids)
    for entry in listed:  # metadata only
        assert set(entry) == {"UserName", "SSHPublicKeyId", "Status", "UploadDate"}, entry
        assert entry["Status"] == ("Inactive" if entry["SSHPublicKeyId"] == ids[0] else "Active")
    got = iam.get_ssh_public_key(UserName=name, SSHPublicKeyId=ids[0], Encoding="SSH")["SSHPublicKey"]
    assert got["Status"] == "Inactive" and blob(got["SSHPublicKeyBody"]) == blob(keys[0].read_text())

    iam.delete_ssh_public_key(UserName=name, SSHPublicKeyId=ids[0])
    assert len(iam.list_ssh_public_keys(UserName=name)["SSHPublicKeys"]) == 4
    expect_error(lambda: iam.get_ssh_public_key(UserName=name, SSHPublicKeyId=ids[0], Encoding="SSH"), "NoSuchEntity", 404)
    expect_error(lambda: iam.update_ssh_public_key(UserName=name, SSHPublicKeyId=ids[0], Status="Active"),
                 "NoSuchEntity", 404)
    iam.upload_ssh_public_key(UserName=name, SSHPublicKeyBody=keys[5].read_text())
    expect_error(lambda: iam.delete_user(UserName=name), "DeleteConflict", 409)


def test_ssh_key_in_pem_form_and_both_encodings(shared_server, tmp_path):
    iam = client(shared_server)
    name = new_user(iam)
    pub = ssh_key(tmp_path)
    pem = run("ssh-keygen", "-e", "-m", "PKCS8", "-f", str(pub))
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    uploaded = iam.upload_ssh_public_key(UserName=name, SSHPublicKeyBody=pem)["SSHPublicKey"]
    assert uploaded["Fingerprint"] == md5_fingerprint(pub), "PEM and ssh-rsa forms of one key share a fingerprint"
    key_id = uploaded["SSHPublicKeyId"]
    # The ssh-rsa form of the same key is a duplicate for this user.
    expect_error(lambda: iam.upload_ssh_public_key(UserName=name, SSHPublicKeyBody=pub.read_text()),
                 "DuplicateSSHPublicKey", 400)

    as_ssh = iam.get_ssh_public_key(UserName=name, SSHPublicKeyId=key_id, Encoding="SSH")["SSHPublicKey"]
    assert blob(as_ssh["SSHPublicKeyBody"]) == blob(pub.read_text())
    assert as_ssh["Fingerprint"] == uploaded["Fingerprint"]
    as_pem = iam.get_ssh_public_key(UserName=name, SSHPublicKeyId=key_id, Encoding="PEM")["SSHPublicKey"]["SSHPublicKeyBody"]
    label = re.match(r"-----BEGIN (RSA PUBLIC KEY|PUBLIC KEY)-----\n", as_pem)
    assert label, as_pem
    path = tmp_path / "returned.pem"
    path.write_text(as_pem if as_pem.endswith("\n") else as_pem + "\n")
    mode = "RSA" if label.group(1) == "RSA PUBLIC KEY" else "PKCS8"
    assert blob(run("ssh-keygen", "-i", "-m", mode, "-f", str(path))) == blob(pub.read_text())


# ---- service-specific credentials ------------------------------------------------------------

def test_service_specific_credentials(shared_server):
    iam = client(shared_server)
    name, acct = new_user(iam), shared_server.account_id
    made = iam.create_service_specific_credential(UserName=name, ServiceName="codecommit.amazonaws.com")
    cred = made["ServiceSpecificCredential"]
    assert cred["ServiceUserName"] == f"{name}-at-{acct}"
    assert cred["ServiceName"] == "codecommit.amazonaws.com" and cred["UserName"] == name
    assert cred["Status"] == "Active" and cred["ServicePassword"]
    cred_id = cred["ServiceSpecificCredentialId"]
    assert re.fullmatch(r"\w{20,128}", cred_id), cred_id

    listed = iam.list_service_specific_credentials(UserName=name)["ServiceSpecificCredentials"]
    assert [c["ServiceSpecificCredentialId"] for c in listed] == [cred_id]
    assert "ServicePassword" not in listed[0] and listed[0]["ServiceUserName"] == f"{name}-at-{acct}"
    assert cred["ServicePassword"] not in str(listed)

    reset = iam.reset_service_specific_credential(UserName=name, ServiceSpecificCredentialId=cred_id)
    fresh = reset["ServiceSpecificCredential"]
    assert fresh["ServiceSpecificCredentialId"] == cred_id and fresh["ServicePassword"]
    assert fresh["ServicePassword"] != cred["ServicePassword"]

    second = iam.create_service_specific_credential(UserName=name, ServiceName="codecommit.amazonaws.com")
    expect_error(lambda: iam.create_service_specific_credential(UserName=name, ServiceName="codecommit.amazonaws.com"),
                 "LimitExceeded", 409)
    # The quota is per service: another service still has room.
    other = iam.create_service_specific_credential(UserName=name, ServiceName="cassandra.amazonaws.com")
    assert other["ServiceSpecificCredential"]["ServiceName"] == "cassandra.amazonaws.com"
    expect_error(lambda: iam.create_service_specific_credential(UserName=name, ServiceName="nosuch.amazonaws.com"),
                 "NotSupportedService", 404)
    expect_error(lambda: iam.create_service_specific_credential(UserName=unique("ghost"),
                                                                ServiceName="codecommit.amazonaws.com"), "NoSuchEntity", 404)

    iam.update_service_specific_credential(UserName=name, ServiceSpecificCredentialId=cred_id, Status="Inactive")
    statuses = {c["ServiceSpecificCredentialId"]: c["Status"] for c in
                iam.list_service_specific_credentials(UserName=name, ServiceName="codecommit.amazonaws.com")
                ["ServiceSpecificCredentials"]}
    second_id = second["ServiceSpecificCredential"]["ServiceSpecificCredentialId"]
    assert statuses == {cred_id: "Inactive", second_id: "Active"}
    iam.delete_service_specific_credential(UserName=name, ServiceSpecificCredentialId=cred_id)
    remaining = iam.list_service_specific_credentials(UserName=name, ServiceName="codecommit.amazonaws.com")
    assert [c["ServiceSpecificCredentialId"] for c in remaining["ServiceSpecificCredentials"]] == [second_id]
    expect_error(lambda: iam.delete_service_specific_credential(UserName=name, ServiceSpecificCredentialId=cred_id),
                 "NoSuchEntity", 404)
    expect_error(lambda: iam.reset_service_specific_credential(UserName=name, ServiceSpecificCredentialId=cred_id),
                 "NoSuchEntity", 404)
    expect_error(lambda: iam.delete_user(UserName=name), "DeleteConflict", 409)
