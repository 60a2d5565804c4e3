"""OpenID Connect and SAML identity providers (issue 8): the 18 IAM operations as AWS answers them
(botocore's shapes; messages recorded from AWS where known), their quotas, and the gate."""
import base64
import datetime
import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from helpers import allow, client, document, expect_error, unique, user_with_key
from test_wire_shapes import Recorder, check_response

THUMB_A = "a" * 40
THUMB_B = "b" * 40
CLIENT_LIST_PROBLEM = ("Value at 'clientIDList' failed to satisfy constraint: Member must satisfy constraint: "
                       "[Member must have length less than or equal to 255, Member must have length greater than or equal to 1]")
THUMB_LIST_PROBLEM = ("Value at 'thumbprintList' failed to satisfy constraint: Member must satisfy constraint: "
                      "[Member must have length less than or equal to 40, Member must have length greater than or equal to 40]")


# ---- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def iam(shared_server):
    return shared_server.client("iam")


@pytest.fixture(scope="module")
def acct(shared_server):
    return shared_server.account_id


def certificate_der(key=None):
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example.com")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365)).sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)


def metadata(entity_id="https://idp.example.com/saml", certificates=None, valid_until=None, use="signing", idp=True,
             prefix="md"):
    """A SAML 2.0 IdP metadata document (well over the 1,000-character minimum)."""
    certificates = [certificate_der()] if certificates is None else certificates
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="urn:oasis:names:tc:SAML:2.0:metadata"'
    keys = "".join(
        f'<{p}KeyDescriptor{" use=" + chr(34) + use + chr(34) if use else ""}>'
        f'<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>\n'
        f'{base64.encodebytes(der).decode()}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></{p}KeyDescriptor>'
        for der in certificates)
    until = f' validUntil="{valid_until}"' if valid_until else ""
    descriptor = "IDPSSODescriptor" if idp else "SPSSODescriptor"
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<{p}EntityDescriptor {ns} entityID="{entity_id}"{until}>'
            f'<{p}{descriptor} protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">{keys}'
            f'<{p}NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</{p}NameIDFormat>'
            f'<{p}SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
            f'Location="https://idp.example.com/sso"/></{p}{descriptor}><!-- {"metadata " * 110}-->'
            f'</{p}EntityDescriptor>\n')


def private_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def iso(value):
    return value.astimezone(datetime.timezone.utc)


# ---- OpenID Connect -------------------------------------------------------------------------------

def test_oidc_provider_lifecycle_and_shapes(shared_server, iam, acct):
    recorder = Recorder()
    iam.meta.events.register("after-call", recorder)
    host = f"{unique('oidc')}.example.com"
    url = f"https://{host}/path"
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    created = iam.create_open_id_connect_provider(Url=url, ClientIDList=["app-1", "app-2", "app-1"],
                                                  ThumbprintList=[THUMB_A],
                                                  Tags=[{"Key": "team", "Value": "b"}, {"Key": "env", "Value": "a"}])
    arn = created["OpenIDConnectProviderArn"]
    assert arn == f"arn:aws:iam::{acct}:oidc-provider/{host}/path"
    assert created["Tags"] == [{"Key": "env", "Value": "a"}, {"Key": "team", "Value": "b"}], "sorted by key"
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert got["Url"] == f"{host}/path", "the URL without its scheme"
    assert got["ClientIDList"] == ["app-1", "app-2"]
    assert got["ThumbprintList"] == [THUMB_A]
    assert before <= iso(got["CreateDate"]) <= datetime.datetime.now(datetime.timezone.utc)
    assert got["Tags"] == [{"Key": "env", "Value": "a"}, {"Key": "team", "Value": "b"}]
    assert {"Arn": arn} in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]

    # Without thumbprints (optional nowadays) and without client IDs: empty lists, no Tags in the create answer.
    bare = iam.create_open_id_connect_provider(Url=f"https://{unique('bare')}.example.com")
    assert "Tags" not in bare
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=bare["OpenIDConnectProviderArn"])
    assert got["ClientIDList"] == [] and got["ThumbprintList"] == [] and got["Tags"] == []

    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="app-3")
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="app-3")  # idempotent
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="app-1")
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="never-added")
    assert iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)["ClientIDList"] == ["app-2", "app-3"]

    iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=["C" * 40, "d" * 40])
    assert iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)["ThumbprintList"] == ["C" * 40, "d" * 40]

    iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn, Tags=[{"Key": "TEAM", "Value": "c"}])
    iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn, TagKeys=["ENV", "absent"])
    assert iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)["Tags"] == [{"Key": "TEAM", "Value": "c"}]

    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=bare["OpenIDConnectProviderArn"])
    assert {"Arn": arn} not in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]
    expect_error(lambda: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn), "NoSuchEntity", 404,
                 f"OpenIDConnect Provider not found for arn {arn}")
    expect_error(lambda: iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn), "NoSuchEntity", 404,
                 f"OpenId connect Provider {arn} cannot be found.")
    for call in (lambda: iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="x"),
                 lambda: iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=[]),
                 lambda: iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn),
                 lambda: iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn, Tags=[{"Key": "k", "Value": "v"}])):
        expect_error(call, "NoSuchEntity", 404, f"OpenIDConnect Provider not found for arn {arn}")

    operations = {name for name, _ in recorder.bodies}
    assert len(operations) == 10, operations
    problems = [p for name, body in recorder.bodies for p in check_response("iam", name, body)]
    assert not problems, "\n".join(problems)


def test_oidc_create_validation_as_aws(shared_server, iam):
    host = f"https://{unique('dup')}.example.com"
    iam.create_open_id_connect_provider(Url=host, ThumbprintList=[THUMB_A])
    expect_error(lambda: iam.create_open_id_connect_provider(Url=host, ThumbprintList=[THUMB_A]), "EntityAlreadyExists", 409,
                 f"Provider with url {host} already exists.")
    raw = client(shared_server, "iam", validate=False)
    # AWS's answer to several constraint violations at once (recorded from AWS).
    expect_error(lambda: raw.create_open_id_connect_provider(Url="b" * 256, ThumbprintList=["b" * 41], ClientIDList=["b" * 256]),
                 "ValidationError", 400,
                 f"3 validation errors detected: {CLIENT_LIST_PROBLEM}; {THUMB_LIST_PROBLEM}; Value at 'url' failed to satisfy "
                 "constraint: Member must have length less than or equal to 255")
    expect_error(lambda: raw.create_open_id_connect_provider(Url=host + "/x", ClientIDList=[""]), "ValidationError", 400,
                 f"1 validation error detected: {CLIENT_LIST_PROBLEM}")
    for bad in ("example.org", "http://example.org", "https://", "https:///path", "https://example.org/?q=1",
                "https://example.org/#frag", "ftp://example.org", "https://user@example.org", "http://127.0.0.1:8080"):
        expect_error(lambda: iam.create_open_id_connect_provider(Url=bad), "ValidationError", 400,
                     "Invalid Open ID Connect Provider URL")
    expect_error(lambda: iam.create_open_id_connect_provider(Url=host + "/six", ThumbprintList=[c * 40 for c in "abcdef"]),
                 "InvalidInput", 400, "Thumbprint list must contain fewer than 5 entries.")
    expect_error(lambda: iam.create_open_id_connect_provider(Url=host + "/hex", ThumbprintList=["g" * 40]),
                 "InvalidInput", 400, contains="40 hexadecimal digits")
    expect_error(lambda: iam.create_open_id_connect_provider(Url=host + "/ids", ClientIDList=[str(i) for i in range(101)]),
                 "LimitExceeded", 409, "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100")
    expect_error(lambda: iam.create_open_id_connect_provider(Url=host + "/tags", Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)]),
                 "LimitExceeded", 409, "The number of tags has reached the maximum limit.")
    expect_error(lambda: iam.create_open_id_connect_provider(Url=host + "/aws", Tags=[{"Key": "aws:x", "Value": "v"}]),
                 "InvalidInput", 400)
    # None of the refused requests made a provider.
    arns = [entry["Arn"] for entry in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
    assert [a for a in arns if host[len("https://"):] in a] == [a for a in arns if a.endswith(host[len("https://"):])]
    assert len([a for a in arns if a.endswith(host[len("https://"):])]) == 1


def test_oidc_client_id_and_thumbprint_rules(shared_server, iam):
    arn = iam.create_open_id_connect_provider(Url=f"https://{unique('ids')}.example.com",
                                              ClientIDList=[f"c{i}" for i in range(100)])["OpenIDConnectProviderArn"]
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="c5")  # present: fine at the quota
    expect_error(lambda: iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="c100"),
                 "LimitExceeded", 409, "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100")
    raw = client(shared_server, "iam", validate=False)
    expect_error(lambda: raw.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="x" * 256),
                 "ValidationError", 400, "1 validation error detected: Value at 'clientID' failed to satisfy constraint: "
                 "Member must have length less than or equal to 255")
    expect_error(lambda: raw.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=["ab"]),
                 "ValidationError", 400, f"1 validation error detected: {THUMB_LIST_PROBLEM}")
    expect_error(lambda: iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn,
                                                                        ThumbprintList=[c * 40 for c in "abcdef"]),
                 "InvalidInput", 400, "Thumbprint list must contain fewer than 5 entries.")
    iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=[c * 40 for c in "abcde"])
    expect_error(lambda: raw.get_open_id_connect_provider(OpenIDConnectProviderArn="arn:short"), "ValidationError", 400,
                 "1 validation error detected: Value 'arn:short' at 'openIDConnectProviderArn' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 20")
    other_account = arn.replace(arn.split(":")[4], "999999999999")
    expect_error(lambda: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=other_account), "NoSuchEntity", 404)
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert len(got["ClientIDList"]) == 100 and len(got["ThumbprintList"]) == 5
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)


def test_oidc_tags_paginate_and_cap(iam):
    arn = iam.create_open_id_connect_provider(Url=f"https://{unique('tags')}.example.com",
                                              Tags=[{"Key": f"k{i:02d}", "Value": f"v{i}"} for i in range(10)])["OpenIDConnectProviderArn"]
    first = iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn, MaxItems=4)
    assert len(first["Tags"]) == 4 and first["IsTruncated"]
    second = iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn, MaxItems=4, Marker=first["Marker"])
    third = iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn, Marker=second["Marker"])
    assert len(third["Tags"]) == 2 and not third["IsTruncated"] and "Marker" not in third
    assert [t["Key"] for t in first["Tags"] + second["Tags"] + third["Tags"]] == [f"k{i:02d}" for i in range(10)]
    expect_error(lambda: iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                          Tags=[{"Key": f"n{i}", "Value": "v"} for i in range(41)]),
                 "LimitExceeded", 409, "The number of tags has reached the maximum limit.")
    assert len(iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)["Tags"]) == 10, "refused: unchanged"
    expect_error(lambda: iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn, Marker="bogus"),
                 "ValidationError", 400, "Invalid Marker.")
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)


def test_oidc_providers_per_account_quota_and_summary(server):
    iam = server.client("iam")
    assert iam.get_account_summary()["SummaryMap"]["Providers"] == 0
    for i in range(100):
        iam.create_open_id_connect_provider(Url=f"https://q{i}.example.com")
    expect_error(lambda: iam.create_open_id_connect_provider(Url="https://q100.example.com"), "LimitExceeded", 409,
                 "Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100")
    assert len(iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]) == 100
    iam.create_saml_provider(Name="Counted", SAMLMetadataDocument=metadata())
    assert iam.get_account_summary()["SummaryMap"]["Providers"] == 101


# ---- SAML -------------------------------------------------------------------------------------

def test_saml_provider_lifecycle_and_shapes(shared_server, iam, acct):
    recorder = Recorder()
    iam.meta.events.register("after-call", recorder)
    name = unique("Okta")
    doc = metadata()
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    created = iam.create_saml_provider(Name=name, SAMLMetadataDocument=doc, Tags=[{"Key": "team", "Value": "a"}])
    arn = created["SAMLProviderArn"]
    assert arn == f"arn:aws:iam::{acct}:saml-provider/{name}"
    assert created["Tags"] == [{"Key": "team", "Value": "a"}]
    got = iam.get_saml_provider(SAMLProviderArn=arn)
    assert re.fullmatch(r"[A-Z0-9]{22,64}", got["SAMLProviderUUID"]), got["SAMLProviderUUID"]
    assert got["SAMLMetadataDocument"] == doc
    created_at = iso(got["CreateDate"])
    assert before <= created_at <= datetime.datetime.now(datetime.timezone.utc)
    assert iso(got["ValidUntil"]) == created_at.replace(year=created_at.year + 100), "valid for a hundred years"
    assert got["AssertionEncryptionMode"] == "Allowed"
    assert got["PrivateKeyList"] == [] and got["Tags"] == [{"Key": "team", "Value": "a"}]
    listed = [p for p in iam.list_saml_providers()["SAMLProviderList"] if p["Arn"] == arn]
    assert listed == [{"Arn": arn, "ValidUntil": got["ValidUntil"], "CreateDate": got["CreateDate"]}]

    # The ARN resolves without regard to case, like other IAM names.
    assert iam.get_saml_provider(SAMLProviderArn=arn.replace(name, name.upper()))["SAMLProviderUUID"] == got["SAMLProviderUUID"]

    other = metadata(entity_id="https://other.example.com/saml", valid_until="2031-02-03T04:05:06Z")
    assert iam.update_saml_provider(SAMLProviderArn=arn, SAMLMetadataDocument=other)["SAMLProviderArn"] == arn
    got = iam.get_saml_provider(SAMLProviderArn=arn)
    assert got["SAMLMetadataDocument"] == other
    assert iso(got["ValidUntil"]) == datetime.datetime(2031, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc), "the metadata's validUntil"

    iam.tag_saml_provider(SAMLProviderArn=arn, Tags=[{"Key": "Env", "Value": "prod"}])
    iam.untag_saml_provider(SAMLProviderArn=arn, TagKeys=["TEAM"])
    assert iam.list_saml_provider_tags(SAMLProviderArn=arn)["Tags"] == [{"Key": "Env", "Value": "prod"}]

    iam.delete_saml_provider(SAMLProviderArn=arn)
    for call in (lambda: iam.get_saml_provider(SAMLProviderArn=arn), lambda: iam.delete_saml_provider(SAMLProviderArn=arn),
                 lambda: iam.list_saml_provider_tags(SAMLProviderArn=arn),
                 lambda: iam.update_saml_provider(SAMLProviderArn=arn, AssertionEncryptionMode="Allowed")):
        expect_error(call, "NoSuchEntity", 404, f"Manifest not found for arn {arn}")

    operations = {op for op, _ in recorder.bodies}
    assert len(operations) == 8, operations
    problems = [p for op, body in recorder.bodies for p in check_response("iam", op, body)]
    assert not problems, "\n".join(problems)


def test_saml_metadata_must_be_idp_metadata(shared_server, iam):
    raw = client(shared_server, "iam", validate=False)
    name = unique("meta")
    expect_error(lambda: raw.create_saml_provider(Name=name, SAMLMetadataDocument="<short/>"), "ValidationError", 400,
                 "1 validation error detected: Value at 'sAMLMetadataDocument' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 1000")
    padding = "<!--" + "x" * 1000 + "-->"
    ec_key = ec.generate_private_key(ec.SECP256R1())
    bad_documents = {
        "not XML": "x" * 1500,
        "not metadata": f"<root>{padding}</root>",
        "an SP, not an IdP": metadata(idp=False),
        "no certificate": metadata(certificates=[]),
        "an encryption key only": metadata(use="encryption"),
        "a certificate that is not one": metadata(certificates=[b"not a certificate" * 20]),
        "unclosed": metadata()[:-30],
        "a DTD with entities": '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                               + metadata().split("?>", 1)[1].replace("idp.example.com/saml", "&lol2;"),
        "an external entity": '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + metadata().split("?>", 1)[1],
    }
    for why, doc in bad_documents.items():
        reply = expect_error(lambda: iam.create_saml_provider(Name=name, SAMLMetadataDocument=doc), "InvalidInput", 400,
                             "Could not parse metadata.")
        assert "x" * 50 not in reply["Message"], why
    # EC certificates and default-namespace documents are fine; so is a KeyDescriptor without `use`.
    for doc in (metadata(certificates=[certificate_der(ec_key)]), metadata(prefix=""), metadata(use=None)):
        arn = iam.create_saml_provider(Name=unique("ok"), SAMLMetadataDocument=doc)["SAMLProviderArn"]
        iam.delete_saml_provider(SAMLProviderArn=arn)
    assert not [p for p in iam.list_saml_providers()["SAMLProviderList"] if p["Arn"].endswith(name)]


def test_saml_names_and_quota(server):
    iam = server.client("iam")
    raw = client(server, "iam", validate=False)
    doc = metadata()
    expect_error(lambda: raw.create_saml_provider(Name="has space", SAMLMetadataDocument=doc), "ValidationError", 400,
                 "1 validation error detected: Value 'has space' at 'name' failed to satisfy constraint: "
                 "Member must satisfy regular expression pattern: [\\w._-]+")
    expect_error(lambda: raw.create_saml_provider(Name="n" * 129, SAMLMetadataDocument=doc), "ValidationError", 400,
                 contains="Member must have length less than or equal to 128")
    iam.create_saml_provider(Name="Okta", SAMLMetadataDocument=doc)
    expect_error(lambda: iam.create_saml_provider(Name="OKTA", SAMLMetadataDocument=doc), "EntityAlreadyExists", 409)
    for i in range(99):
        iam.create_saml_provider(Name=f"p{i}", SAMLMetadataDocument=doc)
    expect_error(lambda: iam.create_saml_provider(Name="one-more", SAMLMetadataDocument=doc), "LimitExceeded", 409,
                 "Cannot exceed quota for SAMLProvidersPerAccount: 100")
    assert len(iam.list_saml_providers()["SAMLProviderList"]) == 100
    assert iam.get_account_summary()["SummaryMap"]["Providers"] == 100


def test_saml_private_keys_and_encryption_mode(shared_server, iam):
    raw = client(shared_server, "iam", validate=False)
    doc = metadata()
    expect_error(lambda: iam.create_saml_provider(Name=unique("enc"), SAMLMetadataDocument=doc, AssertionEncryptionMode="Required"),
                 "InvalidInput", 400, "Unable to set assertion encryption mode to Required because no private key is provided.")
    expect_error(lambda: raw.create_saml_provider(Name=unique("enc"), SAMLMetadataDocument=doc, AssertionEncryptionMode="Sometimes"),
                 "ValidationError", 400, "1 validation error detected: Value 'Sometimes' at 'assertionEncryptionMode' failed to "
                 "satisfy constraint: Member must satisfy enum value set: [Required, Allowed]")
    secret = private_key_pem()
    reply = expect_error(lambda: iam.create_saml_provider(Name=unique("enc"), SAMLMetadataDocument=doc, AddPrivateKey=secret[:200]),
                         "InvalidInput", 400, "Invalid private key.")
    assert "PRIVATE" not in reply["Message"]
    reply = expect_error(lambda: raw.create_saml_provider(Name=unique("enc"), SAMLMetadataDocument=doc, AddPrivateKey="k" * 16385),
                         "ValidationError", 400, contains="Member must have length less than or equal to 16384")
    assert "kkkk" not in reply["Message"], "the key is never quoted back"

    arn = iam.create_saml_provider(Name=unique("enc"), SAMLMetadataDocument=doc, AssertionEncryptionMode="Required",
                                   AddPrivateKey=secret)["SAMLProviderArn"]
    got = iam.get_saml_provider(SAMLProviderArn=arn)
    assert got["AssertionEncryptionMode"] == "Required"
    (first,) = got["PrivateKeyList"]
    assert re.fullmatch(r"[A-Z0-9]{22,64}", first["KeyId"]) and first["Timestamp"]

    update = lambda **kw: iam.update_saml_provider(SAMLProviderArn=arn, **kw)  # noqa: E731
    expect_error(lambda: update(), "InvalidInput", 400,
                 "Unable to update identity provider. No updates are defined for metadata or encryption assertion.")
    expect_error(lambda: update(AddPrivateKey=private_key_pem(), RemovePrivateKey=first["KeyId"]), "InvalidInput", 400,
                 "Unable to add and remove private keys in the same request. Set a value for only one of the two parameters.")
    expect_error(lambda: update(RemovePrivateKey="SAMLPK" + "A" * 17), "InvalidInput", 400,
                 "Failed to remove private key because the Key ID does not match a private key.")
    expect_error(lambda: update(RemovePrivateKey=first["KeyId"]), "InvalidInput", 400, "Failed to remove private key.")
    expect_error(lambda: update(SAMLMetadataDocument="<x>" + "y" * 1000 + "</x>"), "InvalidInput", 400, "Could not parse metadata.")
    update(AddPrivateKey=private_key_pem())
    expect_error(lambda: update(AddPrivateKey=private_key_pem()), "LimitExceeded", 409, "Private key limit of 2 is reached.")
    keys = iam.get_saml_provider(SAMLProviderArn=arn)["PrivateKeyList"]
    assert len(keys) == 2 and keys[0]["KeyId"] == first["KeyId"]
    update(RemovePrivateKey=first["KeyId"])
    (second,) = iam.get_saml_provider(SAMLProviderArn=arn)["PrivateKeyList"]
    expect_error(lambda: update(RemovePrivateKey=second["KeyId"]), "InvalidInput", 400, "Failed to remove private key.")
    update(AssertionEncryptionMode="Allowed", RemovePrivateKey=second["KeyId"])
    got = iam.get_saml_provider(SAMLProviderArn=arn)
    assert got["PrivateKeyList"] == [] and got["AssertionEncryptionMode"] == "Allowed"
    assert "PRIVATE KEY" not in str(got)
    iam.delete_saml_provider(SAMLProviderArn=arn)


# ---- the gate ---------------------------------------------------------------------------------

def denied(acct, user, action, resource):
    return (f"User: arn:aws:iam::{acct}:user/{user} is not authorized to perform: {action} on resource: {resource} "
            f"because no identity-based policy allows the {action} action")


def test_provider_operations_go_through_the_gate(shared_server, iam, acct):
    oidc = iam.create_open_id_connect_provider(Url=f"https://{unique('gate')}.example.com")["OpenIDConnectProviderArn"]
    other = iam.create_open_id_connect_provider(Url=f"https://{unique('gate')}.example.com")["OpenIDConnectProviderArn"]
    saml = iam.create_saml_provider(Name=unique("gate"), SAMLMetadataDocument=metadata())["SAMLProviderArn"]
    policy = document(allow(["iam:Get*", "iam:List*"]),
                      allow("iam:AddClientIDToOpenIDConnectProvider", oidc),
                      allow("iam:TagSAMLProvider", saml))
    user = user_with_key(iam, inline=policy)
    as_user = client(shared_server, "iam", user)
    as_user.get_open_id_connect_provider(OpenIDConnectProviderArn=oidc)
    as_user.list_saml_providers()
    as_user.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=oidc, ClientID="allowed")
    as_user.tag_saml_provider(SAMLProviderArn=saml, Tags=[{"Key": "k", "Value": "v"}])

    host = unique("new") + ".example.com"
    expect_error(lambda: as_user.create_open_id_connect_provider(Url=f"https://{host}"), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:CreateOpenIDConnectProvider", f"arn:aws:iam::{acct}:oidc-provider/{host}"))
    expect_error(lambda: as_user.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=other, ClientID="x"),
                 "AccessDenied", 403, denied(acct, user["Name"], "iam:AddClientIDToOpenIDConnectProvider", other))
    expect_error(lambda: as_user.delete_open_id_connect_provider(OpenIDConnectProviderArn=oidc), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:DeleteOpenIDConnectProvider", oidc))
    expect_error(lambda: as_user.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=oidc, ThumbprintList=[THUMB_B]),
                 "AccessDenied", 403, denied(acct, user["Name"], "iam:UpdateOpenIDConnectProviderThumbprint", oidc))
    name = unique("nope")
    expect_error(lambda: as_user.create_saml_provider(Name=name, SAMLMetadataDocument=metadata()), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:CreateSAMLProvider", f"arn:aws:iam::{acct}:saml-provider/{name}"))
    expect_error(lambda: as_user.update_saml_provider(SAMLProviderArn=saml, AssertionEncryptionMode="Allowed"), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:UpdateSAMLProvider", saml))
    expect_error(lambda: as_user.untag_saml_provider(SAMLProviderArn=saml, TagKeys=["k"]), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:UntagSAMLProvider", saml))
    expect_error(lambda: as_user.delete_saml_provider(SAMLProviderArn=saml), "AccessDenied", 403,
                 denied(acct, user["Name"], "iam:DeleteSAMLProvider", saml))
    # Refused requests changed nothing.
    assert iam.get_open_id_connect_provider(OpenIDConnectProviderArn=oidc)["ThumbprintList"] == []
    assert iam.get_open_id_connect_provider(OpenIDConnectProviderArn=other)["ClientIDList"] == []
    assert iam.list_saml_provider_tags(SAMLProviderArn=saml)["Tags"] == [{"Key": "k", "Value": "v"}]
    arns = {p["Arn"] for p in iam.list_saml_providers()["SAMLProviderList"]}
    assert saml in arns and f"arn:aws:iam::{acct}:saml-provider/{name}" not in arns
    assert f"arn:aws:iam::{acct}:oidc-provider/{host}" not in {
        p["Arn"] for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]}


def test_tag_conditions_apply_to_provider_requests(shared_server, iam, acct):
    policy = document({"Effect": "Allow", "Action": "iam:CreateOpenIDConnectProvider", "Resource": "*",
                       "Condition": {"StringEquals": {"aws:RequestTag/team": "blue"}}})
    user = user_with_key(iam, inline=policy)
    as_user = client(shared_server, "iam", user)
    as_user.create_open_id_connect_provider(Url=f"https://{unique('blue')}.example.com", Tags=[{"Key": "team", "Value": "blue"}])
    expect_error(lambda: as_user.create_open_id_connect_provider(Url=f"https://{unique('red')}.example.com",
                                                                 Tags=[{"Key": "team", "Value": "red"}]), "AccessDenied", 403)


def test_loopback_http_issuers_need_the_test_switch(warden_bin, tmp_path):
    from warden_server import WardenServer
    with WardenServer(warden_bin, ephemeral=True, env={"WARDEN_ALLOW_LOOPBACK_OIDC": "1"}) as switched:
        iam = switched.client("iam")
        arn = iam.create_open_id_connect_provider(Url="http://127.0.0.1:8443/issuer", ClientIDList=["sts.amazonaws.com"])[
            "OpenIDConnectProviderArn"]
        assert arn.endswith(":oidc-provider/127.0.0.1:8443/issuer")
        assert iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)["Url"] == "127.0.0.1:8443/issuer"
        expect_error(lambda: iam.create_open_id_connect_provider(Url="http://example.com"), "ValidationError", 400,
                     "Invalid Open ID Connect Provider URL")


def test_a_deny_on_a_saml_provider_holds_whatever_the_case_of_the_arn(shared_server, iam, acct):
    name = unique("Okta")
    arn = iam.create_saml_provider(Name=name, SAMLMetadataDocument=metadata())["SAMLProviderArn"]
    policy = document(allow("iam:*SAMLProvider*"), {"Effect": "Deny", "Action": "iam:DeleteSAMLProvider", "Resource": arn})
    user = user_with_key(iam, inline=policy)
    as_user = client(shared_server, "iam", user)
    shouted = arn.replace(name, name.upper())
    assert as_user.get_saml_provider(SAMLProviderArn=shouted)["SAMLMetadataDocument"]
    expect_error(lambda: as_user.delete_saml_provider(SAMLProviderArn=shouted), "AccessDenied", 403,
                 f"User: arn:aws:iam::{acct}:user/{user['Name']} is not authorized to perform: iam:DeleteSAMLProvider on "
                 f"resource: {arn} with an explicit deny in an identity-based policy")
    assert any(p["Arn"] == arn for p in iam.list_saml_providers()["SAMLProviderList"])

