"""Server certificates (UploadServerCertificate and friends; botocore `iam/2010-05-08`). Every certificate and key
comes from `openssl` in the test: self-signed RSA and EC, a CA + intermediate + leaf chain, a mismatched key, an
expired certificate, RSA 1024 and 4096, P-521."""
import datetime
import re
import sqlite3
import subprocess

import pytest

from helpers import allow, client, deny, document, expect_error, unique, user_with_key
from test_uploaded_credentials import CA_CONFIG
from test_wire_shapes import Recorder, check_response

PARSE = "Unable to parse certificate. Please ensure the certificate is in PEM format."
MISMATCH = "The public key certificate and the private key do not match."


def chain_message(index):
    return ("Unable to validate certificate chain. The certificate chain must start with the immediate signing "
            f"certificate, followed by any intermediaries in order. The index within the chain of the invalid "
            f"certificate is: {index}")


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def key_args(kind):
    if kind.startswith("rsa"):
        return ["-newkey", f"rsa:{kind[3:] or 2048}"]
    return ["-newkey", "ec", "-pkeyopt", f"ec_paramgen_curve:{kind}"]


def self_signed(tmp_path, kind="rsa", days=30, name=None):
    """(certificate PEM, private key PEM) of a fresh self-signed certificate."""
    name = name or unique("cert")
    run("openssl", "req", "-x509", *key_args(kind), "-nodes", "-days", str(days), "-subj", f"/CN={name}",
        "-keyout", str(tmp_path / f"{name}.key"), "-out", str(tmp_path / f"{name}.pem"))
    return (tmp_path / f"{name}.pem").read_text(), (tmp_path / f"{name}.key").read_text()


def issued(tmp_path, issuer, subject, kind="rsa", ca=False):
    """A certificate for `subject` signed by `issuer` (a dict from `self_signed_ca` or an earlier `issued`)."""
    name = unique(subject)
    key, csr, pem = (tmp_path / f"{name}.{ext}" for ext in ("key", "csr", "pem"))
    run("openssl", "req", "-new", *key_args(kind), "-nodes", "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(csr))
    extensions = tmp_path / f"{name}.ext"
    extensions.write_text("basicConstraints=critical,CA:TRUE\n" if ca else "basicConstraints=CA:FALSE\n")
    run("openssl", "x509", "-req", "-in", str(csr), "-CA", str(issuer["pem_path"]), "-CAkey", str(issuer["key_path"]),
        "-CAcreateserial", "-days", "30", "-sha256", "-extfile", str(extensions), "-out", str(pem))
    return {"pem": pem.read_text(), "key": key.read_text(), "pem_path": pem, "key_path": key, "cn": name}


def self_signed_ca(tmp_path, kind="rsa"):
    name = unique("root")
    key, pem = tmp_path / f"{name}.key", tmp_path / f"{name}.pem"
    run("openssl", "req", "-x509", *key_args(kind), "-nodes", "-days", "30", "-subj", f"/CN={name}",
        "-addext", "basicConstraints=critical,CA:TRUE", "-keyout", str(key), "-out", str(pem))
    return {"pem": pem.read_text(), "key": key.read_text(), "pem_path": pem, "key_path": key}


def expired(tmp_path):
    """(certificate, key) of a self-signed RSA certificate that expired yesterday (`openssl ca -selfsign`)."""
    work = tmp_path / unique("ca")
    work.mkdir()
    (work / "index.txt").write_text("")
    (work / "serial").write_text("1000\n")
    (work / "ca.cnf").write_text(CA_CONFIG.format(dir=work))
    run("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={work.name}",
        "-keyout", str(work / "k.pem"), "-out", str(work / "r.csr"))
    now = datetime.datetime.now(datetime.timezone.utc)
    stamp = "%Y%m%d%H%M%SZ"
    run("openssl", "ca", "-batch", "-notext", "-config", str(work / "ca.cnf"), "-selfsign", "-keyfile", str(work / "k.pem"),
        "-in", str(work / "r.csr"), "-startdate", (now - datetime.timedelta(days=10)).strftime(stamp),
        "-enddate", (now - datetime.timedelta(days=1)).strftime(stamp), "-out", str(work / "c.pem"))
    return (work / "c.pem").read_text(), (work / "k.pem").read_text()


def pem_block(text):
    match = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", text, re.S)
    return match.group(0)


@pytest.fixture(scope="module")
def iam(shared_server):
    return client(shared_server)


def upload(iam, tmp_path, name=None, kind="rsa", **extra):
    body, key = self_signed(tmp_path, kind)
    name = name or unique("sc")
    result = iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=body, PrivateKey=key, **extra)
    return name, body, result


def test_upload_get_list_update_delete_round_trip(iam, shared_server, tmp_path):
    body, key = self_signed(tmp_path)
    name = unique("sc")
    before = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
    meta = iam.upload_server_certificate(ServerCertificateName=name, Path="/cloudfront/test/", CertificateBody=body,
                                         PrivateKey=key, Tags=[{"Key": "team", "Value": "blue"}])
    metadata = meta["ServerCertificateMetadata"]
    assert metadata["ServerCertificateName"] == name
    assert metadata["Path"] == "/cloudfront/test/"
    assert re.fullmatch(r"ASCA[A-Z2-7]{17}", metadata["ServerCertificateId"])
    assert metadata["Arn"] == f"arn:aws:iam::{shared_server.account_id}:server-certificate/cloudfront/test/{name}"
    assert metadata["UploadDate"] >= before
    # Expiration is the certificate's notAfter (30 days out).
    days = (metadata["Expiration"] - metadata["UploadDate"]).total_seconds() / 86400
    assert 29.9 < days < 30.1
    assert meta["Tags"] == [{"Key": "team", "Value": "blue"}]

    got = iam.get_server_certificate(ServerCertificateName=name)["ServerCertificate"]
    assert got["ServerCertificateMetadata"] == metadata
    assert got["CertificateBody"] == pem_block(body)
    assert "CertificateChain" not in got
    assert got["Tags"] == [{"Key": "team", "Value": "blue"}]
    # The private key is never returned, in any response.
    assert "PrivateKey" not in got and "PRIVATE KEY" not in str(got)

    listed = iam.list_server_certificates(PathPrefix="/cloudfront/")["ServerCertificateMetadataList"]
    assert [m["ServerCertificateName"] for m in listed] == [name]
    assert iam.list_server_certificates(PathPrefix="/elb/")["ServerCertificateMetadataList"] == []

    new_name = unique("renamed")
    iam.update_server_certificate(ServerCertificateName=name, NewServerCertificateName=new_name, NewPath="/elb/")
    expect_error(lambda: iam.get_server_certificate(ServerCertificateName=name), "NoSuchEntity", 404,
                 f"The Server Certificate with name {name} cannot be found.")
    moved = iam.get_server_certificate(ServerCertificateName=new_name)["ServerCertificate"]["ServerCertificateMetadata"]
    assert moved["Path"] == "/elb/" and moved["ServerCertificateId"] == metadata["ServerCertificateId"]
    assert moved["Arn"].endswith(f":server-certificate/elb/{new_name}")
    # Names are case-insensitive: the same certificate answers to another spelling.
    assert iam.get_server_certificate(ServerCertificateName=new_name.upper())["ServerCertificate"][
        "ServerCertificateMetadata"]["ServerCertificateId"] == metadata["ServerCertificateId"]

    iam.delete_server_certificate(ServerCertificateName=new_name)
    expect_error(lambda: iam.delete_server_certificate(ServerCertificateName=new_name), "NoSuchEntity", 404,
                 f"The Server Certificate with name {new_name} cannot be found.")
    assert all(m["ServerCertificateName"] != new_name
               for m in iam.list_server_certificates()["ServerCertificateMetadataList"])


def test_ec_and_rsa_key_sizes(iam, tmp_path):
    for kind in ("prime256v1", "secp384r1", "rsa1024", "rsa4096"):
        name, _, result = upload(iam, tmp_path, kind=kind)
        assert result["ServerCertificateMetadata"]["ServerCertificateName"] == name
        iam.delete_server_certificate(ServerCertificateName=name)
    # P-521 and RSA above 4096 bits are refused.
    for kind in ("secp521r1", "rsa4608"):
        body, key = self_signed(tmp_path, kind)
        error = expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=unique("sc"), CertificateBody=body,
                                                                    PrivateKey=key), "MalformedCertificate", 400)
        assert "public key is not supported" in error["Message"]


def test_key_formats_pkcs1_pkcs8_sec1(iam, tmp_path):
    body, key = self_signed(tmp_path, "rsa")
    pkcs1 = subprocess.run(["openssl", "rsa", "-traditional"], input=key, capture_output=True, text=True, check=True).stdout
    assert "BEGIN RSA PRIVATE KEY" in pkcs1 and "BEGIN PRIVATE KEY" in key
    for text in (key, pkcs1):
        name = unique("sc")
        iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=body, PrivateKey=text)
        iam.delete_server_certificate(ServerCertificateName=name)
    ec_body, ec_key = self_signed(tmp_path, "prime256v1")
    sec1 = subprocess.run(["openssl", "ec"], input=ec_key, capture_output=True, text=True, check=True).stdout
    assert "BEGIN EC PRIVATE KEY" in sec1
    name = unique("sc")
    iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=ec_body, PrivateKey=sec1)
    iam.delete_server_certificate(ServerCertificateName=name)


def test_chain_ca_intermediate_leaf(iam, tmp_path):
    root = self_signed_ca(tmp_path)
    intermediate = issued(tmp_path, root, "intermediate", ca=True)
    leaf = issued(tmp_path, intermediate, "leaf", kind="prime256v1")
    name = unique("sc")
    chain = intermediate["pem"] + root["pem"]
    iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=leaf["pem"], PrivateKey=leaf["key"],
                                  CertificateChain=chain)
    got = iam.get_server_certificate(ServerCertificateName=name)["ServerCertificate"]
    assert got["CertificateChain"] == pem_block(intermediate["pem"]) + "\n" + pem_block(root["pem"])
    # A chain may stop short of the root.
    short = unique("sc")
    iam.upload_server_certificate(ServerCertificateName=short, CertificateBody=leaf["pem"], PrivateKey=leaf["key"],
                                  CertificateChain=intermediate["pem"])

    def refused(chain_text, index):
        expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=unique("sc"), CertificateBody=leaf["pem"],
                                                           PrivateKey=leaf["key"], CertificateChain=chain_text),
                     "MalformedCertificate", 400, chain_message(index))
    refused(root["pem"] + intermediate["pem"], 1)            # wrong order: the root did not sign the leaf
    refused(leaf["pem"] + intermediate["pem"] + root["pem"], 1)  # the leaf itself at the head of the chain
    refused(intermediate["pem"] + intermediate["pem"], 2)    # the intermediate did not sign itself
    other_root = self_signed_ca(tmp_path)
    refused(intermediate["pem"] + other_root["pem"], 2)      # a different root
    # Same subject name, different key: the names link but the signature does not verify.
    impostor = tmp_path / "impostor"
    impostor.mkdir()
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", f"/CN={intermediate['cn']}",
        "-keyout", str(impostor / "k.pem"), "-out", str(impostor / "c.pem"))
    refused((impostor / "c.pem").read_text(), 1)
    refused("not a certificate", 1)
    refused(intermediate["pem"] + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", 2)
    names = [m["ServerCertificateName"] for m in iam.list_server_certificates()["ServerCertificateMetadataList"]]
    assert name in names and short in names
    for each in (name, short):
        iam.delete_server_certificate(ServerCertificateName=each)


def test_malformed_mismatched_and_expired(iam, tmp_path):
    body, key = self_signed(tmp_path)
    _, other_key = self_signed(tmp_path)
    ec_body, ec_key = self_signed(tmp_path, "prime256v1")
    name = unique("sc")

    def attempt(**overrides):
        args = {"ServerCertificateName": name, "CertificateBody": body, "PrivateKey": key, **overrides}
        return lambda: iam.upload_server_certificate(**args)
    expect_error(attempt(PrivateKey=other_key), "KeyPairMismatch", 400, MISMATCH)
    expect_error(attempt(PrivateKey=ec_key), "KeyPairMismatch", 400, MISMATCH)
    expect_error(attempt(CertificateBody=ec_body), "KeyPairMismatch", 400, MISMATCH)
    expect_error(attempt(CertificateBody="hello"), "MalformedCertificate", 400, PARSE)
    expect_error(attempt(CertificateBody=body + body), "MalformedCertificate", 400, PARSE)
    expect_error(attempt(CertificateBody=body.replace("-----BEGIN CERTIFICATE-----\nMII", "-----BEGIN CERTIFICATE-----\nXII")),
                 "MalformedCertificate", 400, PARSE)
    expect_error(attempt(CertificateBody=key), "MalformedCertificate", 400, PARSE)
    error = expect_error(attempt(PrivateKey="garbage"), "MalformedCertificate", 400)
    assert "private key" in error["Message"] and "garbage" not in error["Message"]
    encrypted = subprocess.run(["openssl", "pkcs8", "-topk8", "-passout", "pass:secret"], input=key,
                               capture_output=True, text=True, check=True).stdout
    assert "ENCRYPTED PRIVATE KEY" in encrypted
    expect_error(attempt(PrivateKey=encrypted), "MalformedCertificate", 400)
    old_body, old_key = expired(tmp_path)
    error = expect_error(attempt(CertificateBody=old_body, PrivateKey=old_key), "MalformedCertificate", 400)
    assert "expired" in error["Message"]
    # Nothing was stored by any refused upload.
    expect_error(lambda: iam.get_server_certificate(ServerCertificateName=name), "NoSuchEntity", 404)


def test_validation_errors(shared_server, tmp_path):
    iam = client(shared_server, validate=False)
    body, key = self_signed(tmp_path)
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName="bad name", CertificateBody=body, PrivateKey=key),
                 "ValidationError", 400,
                 "1 validation error detected: Value 'bad name' at 'serverCertificateName' failed to satisfy constraint: "
                 "Member must satisfy regular expression pattern: [\\w+=,.@-]+")
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName="x" * 129, CertificateBody=body, PrivateKey=key),
                 "ValidationError", 400, contains="Member must have length less than or equal to 128")
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=unique("sc"), Path="cloudfront",
                                                       CertificateBody=body, PrivateKey=key), "ValidationError", 400,
                 contains="at 'path' failed to satisfy constraint")
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=unique("sc"), CertificateBody=body),
                 "ValidationError", 400,
                 "1 validation error detected: Value null at 'privateKey' failed to satisfy constraint: Member must not be null")
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=unique("sc"), PrivateKey=key),
                 "ValidationError", 400, contains="Value null at 'certificateBody'")
    error = expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=unique("sc"), CertificateBody=body,
                                                               PrivateKey=key + "\u0100"), "ValidationError", 400)
    assert "privateKey" in error["Message"] and "PRIVATE" not in error["Message"]  # never echoes the key
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=unique("sc"), CertificateBody="x" * 16385,
                                                       PrivateKey=key), "ValidationError", 400,
                 contains="Member must have length less than or equal to 16384")
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=unique("sc"), CertificateBody=body,
                                                       PrivateKey=key, Tags=[{"Key": "aws:x", "Value": "1"}]),
                 "InvalidInput", 400)
    expect_error(lambda: iam.get_server_certificate(ServerCertificateName=""), "ValidationError", 400)
    expect_error(lambda: iam.list_server_certificates(PathPrefix="nope"), "ValidationError", 400)
    expect_error(lambda: iam.list_server_certificates(MaxItems=0), "ValidationError", 400)
    expect_error(lambda: iam.list_server_certificates(Marker="bogus"), "ValidationError", 400, "Invalid Marker.")
    expect_error(lambda: iam.update_server_certificate(ServerCertificateName=unique("missing")), "NoSuchEntity", 404)


def test_entity_already_exists_and_rename_conflicts(iam, tmp_path):
    first, _, _ = upload(iam, tmp_path)
    second, _, _ = upload(iam, tmp_path)
    body, key = self_signed(tmp_path)
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName=first.upper(), CertificateBody=body,
                                                       PrivateKey=key), "EntityAlreadyExists", 409,
                 f"The Server Certificate with name {first.upper()} already exists.")
    expect_error(lambda: iam.update_server_certificate(ServerCertificateName=second, NewServerCertificateName=first),
                 "EntityAlreadyExists", 409, f"The Server Certificate with name {first} already exists.")
    # Changing only the letter case of its own name is allowed.
    iam.update_server_certificate(ServerCertificateName=second, NewServerCertificateName=second.upper())
    assert iam.get_server_certificate(ServerCertificateName=second)["ServerCertificate"]["ServerCertificateMetadata"][
        "ServerCertificateName"] == second.upper()
    for name in (first, second):
        iam.delete_server_certificate(ServerCertificateName=name)


def test_tags(iam, tmp_path):
    name, _, _ = upload(iam, tmp_path, Tags=[{"Key": "a", "Value": "1"}])
    iam.tag_server_certificate(ServerCertificateName=name, Tags=[{"Key": "A", "Value": "2"}, {"Key": "b", "Value": "3"}])
    assert iam.list_server_certificate_tags(ServerCertificateName=name)["Tags"] == [
        {"Key": "A", "Value": "2"}, {"Key": "b", "Value": "3"}]
    page = iam.list_server_certificate_tags(ServerCertificateName=name, MaxItems=1)
    assert page["IsTruncated"] and page["Tags"] == [{"Key": "A", "Value": "2"}]
    rest = iam.list_server_certificate_tags(ServerCertificateName=name, Marker=page["Marker"])
    assert rest["Tags"] == [{"Key": "b", "Value": "3"}] and not rest["IsTruncated"]
    iam.untag_server_certificate(ServerCertificateName=name, TagKeys=["a", "missing"])
    assert iam.list_server_certificate_tags(ServerCertificateName=name)["Tags"] == [{"Key": "b", "Value": "3"}]
    expect_error(lambda: iam.tag_server_certificate(ServerCertificateName=name,
                                                    Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)]),
                 "LimitExceeded", 409)
    assert len(iam.list_server_certificate_tags(ServerCertificateName=name)["Tags"]) == 1
    missing = unique("missing")
    for call in (lambda: iam.tag_server_certificate(ServerCertificateName=missing, Tags=[{"Key": "a", "Value": "b"}]),
                 lambda: iam.untag_server_certificate(ServerCertificateName=missing, TagKeys=["a"]),
                 lambda: iam.list_server_certificate_tags(ServerCertificateName=missing)):
        expect_error(call, "NoSuchEntity", 404, f"The Server Certificate with name {missing} cannot be found.")
    iam.delete_server_certificate(ServerCertificateName=name)


def test_quota_pagination_and_account_summary(server, tmp_path):
    iam = client(server)
    assert iam.get_account_summary()["SummaryMap"]["ServerCertificates"] == 0
    body, key = self_signed(tmp_path)
    names = sorted(f"quota-{i:02d}" for i in range(20))
    for name in names:
        iam.upload_server_certificate(ServerCertificateName=name, CertificateBody=body, PrivateKey=key)
    summary = iam.get_account_summary()["SummaryMap"]
    assert summary["ServerCertificates"] == 20 and summary["ServerCertificatesQuota"] == 20
    expect_error(lambda: iam.upload_server_certificate(ServerCertificateName="quota-20", CertificateBody=body, PrivateKey=key),
                 "LimitExceeded", 409, "Cannot exceed quota for ServerCertificatesPerAccount: 20")
    seen, marker = [], None
    while True:
        page = iam.list_server_certificates(MaxItems=7, **({"Marker": marker} if marker else {}))
        seen += [m["ServerCertificateName"] for m in page["ServerCertificateMetadataList"]]
        if not page["IsTruncated"]:
            assert "Marker" not in page
            break
        marker = page["Marker"]
    assert seen == names
    iam.delete_server_certificate(ServerCertificateName=names[0])
    assert iam.get_account_summary()["SummaryMap"]["ServerCertificates"] == 19


@pytest.mark.sqlite_only  # reads the SQLite file's bytes
def test_private_key_is_sealed_at_rest(server, tmp_path):
    iam = client(server)
    body, key = self_signed(tmp_path)
    iam.upload_server_certificate(ServerCertificateName="sealed", CertificateBody=body, PrivateKey=key)
    secret = "".join(line for line in key.splitlines() if "-----" not in line)[:40]
    files = [path for path in server.data_dir.rglob("*") if path.is_file()]
    assert any(path.suffix == ".sqlite" or "sqlite" in path.name or path.stat().st_size > 4096 for path in files), files
    for path in files:
        assert secret.encode() not in path.read_bytes(), path
    # The key is there, sealed: a blob longer than the key's DER, bound to the certificate.
    with sqlite3.connect(f"file:{server.data_dir / 'warden.sqlite'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT name, length(sealed_private_key) FROM server_certificate").fetchall()
    assert rows and rows[0][0] == "sealed" and rows[0][1] > 1000
    assert all(secret not in line for line in server.output)


def test_authorization_through_the_gate(server, tmp_path):
    iam = client(server)
    body, key = self_signed(tmp_path)
    iam.upload_server_certificate(ServerCertificateName="prod-cert", Path="/prod/", CertificateBody=body, PrivateKey=key)
    acct = server.account_id
    reader = user_with_key(iam, inline=document(
        allow(["iam:GetServerCertificate", "iam:ListServerCertificates", "iam:ListServerCertificateTags"]),
        allow("iam:UploadServerCertificate", f"arn:aws:iam::{acct}:server-certificate/team/*"),
        allow(["iam:DeleteServerCertificate", "iam:UpdateServerCertificate", "iam:TagServerCertificate"],
              f"arn:aws:iam::{acct}:server-certificate/team/*"),
        deny("iam:TagServerCertificate", "*") | {"Condition": {"StringEquals": {"aws:RequestTag/env": "prod"}}}))
    own = client(server, creds=reader)
    assert own.get_server_certificate(ServerCertificateName="prod-cert")["ServerCertificate"]["ServerCertificateMetadata"][
        "Path"] == "/prod/"
    # The resource is the certificate's real ARN, with its path.
    expect_error(lambda: own.delete_server_certificate(ServerCertificateName="prod-cert"), "AccessDenied", 403,
                 f"User: {reader['Arn']} is not authorized to perform: iam:DeleteServerCertificate on resource: "
                 f"arn:aws:iam::{acct}:server-certificate/prod/prod-cert because no identity-based policy allows the "
                 "iam:DeleteServerCertificate action")
    expect_error(lambda: own.upload_server_certificate(ServerCertificateName="other", CertificateBody=body, PrivateKey=key),
                 "AccessDenied", 403, contains=f"on resource: arn:aws:iam::{acct}:server-certificate/other")
    own.upload_server_certificate(ServerCertificateName="mine", Path="/team/", CertificateBody=body, PrivateKey=key)
    expect_error(lambda: own.tag_server_certificate(ServerCertificateName="mine", Tags=[{"Key": "env", "Value": "prod"}]),
                 "AccessDenied", 403, contains="with an explicit deny in an identity-based policy")
    assert own.list_server_certificate_tags(ServerCertificateName="mine")["Tags"] == []
    own.tag_server_certificate(ServerCertificateName="mine", Tags=[{"Key": "env", "Value": "dev"}])
    expect_error(lambda: own.untag_server_certificate(ServerCertificateName="mine", TagKeys=["env"]), "AccessDenied", 403)
    assert own.list_server_certificate_tags(ServerCertificateName="mine")["Tags"] == [{"Key": "env", "Value": "dev"}]
    own.update_server_certificate(ServerCertificateName="mine", NewPath="/team/a/")
    own.delete_server_certificate(ServerCertificateName="mine")
    assert [m["ServerCertificateName"] for m in own.list_server_certificates()["ServerCertificateMetadataList"]] == ["prod-cert"]


def test_every_response_matches_the_botocore_output_shape(server, tmp_path):
    iam = client(server)
    recorder = Recorder()
    iam.meta.events.register("after-call", recorder)
    root = self_signed_ca(tmp_path)
    leaf = issued(tmp_path, root, "leaf")
    iam.upload_server_certificate(ServerCertificateName="shape", Path="/cloudfront/", CertificateBody=leaf["pem"],
                                  PrivateKey=leaf["key"], CertificateChain=root["pem"], Tags=[{"Key": "k", "Value": "v"}])
    iam.get_server_certificate(ServerCertificateName="shape")
    iam.list_server_certificates()
    iam.list_server_certificates(PathPrefix="/cloudfront/", MaxItems=1)
    iam.tag_server_certificate(ServerCertificateName="shape", Tags=[{"Key": "k2", "Value": "v2"}])
    iam.list_server_certificate_tags(ServerCertificateName="shape")
    iam.list_server_certificate_tags(ServerCertificateName="shape", MaxItems=1)
    iam.untag_server_certificate(ServerCertificateName="shape", TagKeys=["k2"])
    iam.update_server_certificate(ServerCertificateName="shape", NewPath="/elb/")
    iam.get_account_summary()
    iam.delete_server_certificate(ServerCertificateName="shape")
    problems = []
    for operation, body in recorder.bodies:
        problems += check_response("iam", operation, body)
    assert not problems, "\n".join(problems)
    assert {operation for operation, _ in recorder.bodies} == {
        "UploadServerCertificate", "GetServerCertificate", "ListServerCertificates", "TagServerCertificate",
        "ListServerCertificateTags", "UntagServerCertificate", "UpdateServerCertificate", "DeleteServerCertificate",
        "GetAccountSummary"}
