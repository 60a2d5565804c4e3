"""AssumeRoleWithSAML end to end: an IdP key and certificate made by openssl, its metadata registered
with CreateSAMLProvider, a SAML response signed by xmlsec1 (Debian's reference implementation);
the signed response gets a role session, an altered one is rejected."""
import base64
import datetime
import json
import pathlib
import subprocess

import boto3
from botocore import UNSIGNED
from botocore.config import Config

from helpers import client, expect_error, unique

ISSUER = "https://idp.example.com/saml"
AWS_SAML = "https://signin.aws.amazon.com/saml"
SIGNATURE = """<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>\
<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
<ds:Reference URI="#_assertion-1"><ds:Transforms>\
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>\
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>\
</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>"""


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def signed_response(workdir, roles, subject="jdoe@example.com"):
    now = datetime.datetime.now(datetime.timezone.utc)
    before, after = iso(now - datetime.timedelta(minutes=1)), iso(now + datetime.timedelta(minutes=5))
    values = "".join(f"<saml:AttributeValue>{r}</saml:AttributeValue>" for r in roles)
    assertion = f"""<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_assertion-1" Version="2.0" \
IssueInstant="{iso(now)}"><saml:Issuer>{ISSUER}</saml:Issuer>{SIGNATURE}<saml:Subject>\
<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{subject}</saml:NameID>\
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
<saml:SubjectConfirmationData NotOnOrAfter="{after}" Recipient="{AWS_SAML}"/></saml:SubjectConfirmation></saml:Subject>\
<saml:Conditions NotBefore="{before}" NotOnOrAfter="{after}"><saml:AudienceRestriction><saml:Audience>{AWS_SAML}</saml:Audience>\
</saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="{iso(now)}"><saml:AuthnContext>\
<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>\
</saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>\
<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">{values}</saml:Attribute>\
<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>jdoe</saml:AttributeValue>\
</saml:Attribute></saml:AttributeStatement></saml:Assertion>"""
    response = f"""<?xml version="1.0" encoding="UTF-8"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_response-1" Version="2.0" IssueInstant="{iso(now)}" \
Destination="{AWS_SAML}"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">{ISSUER}</saml:Issuer>\
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>{assertion}</samlp:Response>"""
    template = pathlib.Path(workdir) / "template.xml"
    template.write_text(response)
    signed = pathlib.Path(workdir) / "signed.xml"
    subprocess.run(["xmlsec1", "--sign", "--privkey-pem", f"{workdir}/key.pem,{workdir}/cert.pem", "--id-attr:ID",
                    "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", "--output", str(signed), str(template)],
                   check=True, capture_output=True)
    return signed.read_text()


def test_a_signed_assertion_gets_a_role_session_and_an_altered_one_does_not(server, tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem"), "-subj", "/CN=idp.example.com", "-days", "30"],
                   check=True, capture_output=True)
    certificate = "".join(line for line in (tmp_path / "cert.pem").read_text().splitlines() if not line.startswith("-----"))
    metadata = f"""<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{ISSUER}">\
<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing">\
<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>{certificate}</ds:X509Certificate>\
</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>\
</md:IDPSSODescriptor></md:EntityDescriptor>"""
    iam = client(server)
    provider = iam.create_saml_provider(Name="ExampleIdP", SAMLMetadataDocument=metadata)["SAMLProviderArn"]
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": provider}, "Action": "sts:AssumeRoleWithSAML",
        "Condition": {"StringEquals": {"saml:aud": AWS_SAML}}}]})
    role = iam.create_role(RoleName=unique("saml"), AssumeRolePolicyDocument=trust)["Role"]
    other = iam.create_role(RoleName=unique("other"), AssumeRolePolicyDocument=trust)["Role"]
    iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn="arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess")
    sts = boto3.client("sts", endpoint_url=server.endpoint, region_name="us-east-1",
                       config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1}))

    signed = signed_response(tmp_path, [f"{role['Arn']},{provider}"])
    encoded = base64.b64encode(signed.encode()).decode()
    answer = sts.assume_role_with_saml(RoleArn=role["Arn"], PrincipalArn=provider, SAMLAssertion=encoded)
    assert answer["Subject"] == "jdoe@example.com" and answer["SubjectType"] == "persistent"
    assert answer["Issuer"] == ISSUER and answer["Audience"] == AWS_SAML
    assert answer["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{server.account_id}:assumed-role/{role['RoleName']}/jdoe"
    creds = answer["Credentials"]
    assert client(server, "sts", creds).get_caller_identity()["Arn"] == answer["AssumedRoleUser"]["Arn"]
    client(server, "ec2", creds).describe_instances()

    altered = base64.b64encode(signed.replace("jdoe@example.com", "root@example.com").encode()).decode()
    expect_error(lambda: sts.assume_role_with_saml(RoleArn=role["Arn"], PrincipalArn=provider, SAMLAssertion=altered),
                 "InvalidIdentityToken", 400)
    # The assertion does not offer the other role.
    expect_error(lambda: sts.assume_role_with_saml(RoleArn=other["Arn"], PrincipalArn=provider, SAMLAssertion=encoded),
                 "AccessDenied", 403)
    expect_error(lambda: sts.assume_role_with_saml(RoleArn=role["Arn"], PrincipalArn=provider.replace("ExampleIdP", "Nope"),
                                                   SAMLAssertion=encoded), "InvalidIdentityToken", 400)
