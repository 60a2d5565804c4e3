"""AssumeRoleWithWebIdentity end to end: a local OpenID Connect issuer (its JWKS served from a
loopback HTTP server, allowed by WARDEN_ALLOW_LOOPBACK_OIDC=1), tokens signed with a key made by
openssl; a good token gets a role session, a forged or altered one is rejected."""
import base64
import http.server
import json
import pathlib
import re
import subprocess
import threading
import time

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from helpers import client, expect_error, unique
from warden_server import WardenServer


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Issuer:
    """An RSA key (openssl) and an HTTP server publishing its OpenID configuration and JWKS."""

    def __init__(self, workdir):
        self.key = pathlib.Path(workdir) / "oidc-key.pem"
        subprocess.run(["openssl", "genrsa", "-out", str(self.key), "2048"], check=True, capture_output=True)
        modulus = subprocess.run(["openssl", "rsa", "-in", str(self.key), "-noout", "-modulus"], check=True,
                                 capture_output=True, text=True).stdout.strip().split("=", 1)[1]
        self.jwk = {"kty": "RSA", "kid": "test-key", "use": "sig", "alg": "RS256",
                    "n": b64url(bytes.fromhex(modulus)), "e": b64url((65537).to_bytes(3, "big"))}
        issuer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.endswith("/.well-known/openid-configuration"):
                    body = {"issuer": issuer.url, "jwks_uri": issuer.url + "/jwks"}
                elif self.path.endswith("/jwks"):
                    body = {"keys": [issuer.jwk]}
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def token(self, key=None, **claims):
        now = int(time.time())
        payload = {"iss": self.url, "sub": "alice", "aud": "my-app", "iat": now, "exp": now + 300, **claims}
        header = {"alg": "RS256", "typ": "JWT", "kid": "test-key"}
        signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
        signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", str(key or self.key)], input=signing_input.encode(),
                                   check=True, capture_output=True).stdout
        return f"{signing_input}.{b64url(signature)}"


@pytest.fixture
def oidc(warden_bin, tmp_path):
    issuer = Issuer(tmp_path)
    with WardenServer(warden_bin, data_dir=tmp_path / "data", env={"WARDEN_ALLOW_LOOPBACK_OIDC": "1"}) as server:
        yield server, issuer
    issuer.server.shutdown()


def unsigned_sts(server):
    return boto3.client("sts", endpoint_url=server.endpoint, region_name="us-east-1",
                        config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1}))


def test_a_token_from_a_registered_provider_gets_a_role_session_and_forgeries_do_not(oidc, tmp_path):
    server, issuer = oidc
    iam = client(server)
    provider = iam.create_open_id_connect_provider(Url=issuer.url, ClientIDList=["my-app"])["OpenIDConnectProviderArn"]
    host = issuer.url[len("http://"):]
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": provider}, "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {f"{host}:aud": "my-app", f"{host}:sub": "alice"}}}]})
    role = iam.create_role(RoleName=unique("web"), AssumeRolePolicyDocument=trust)["Role"]
    iam.attach_role_policy(RoleName=role["RoleName"], PolicyArn="arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess")
    sts = unsigned_sts(server)

    answer = sts.assume_role_with_web_identity(RoleArn=role["Arn"], RoleSessionName="alice-session",
                                               WebIdentityToken=issuer.token())
    assert answer["SubjectFromWebIdentityToken"] == "alice"
    assert answer["Audience"] == "my-app"
    assert answer["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{server.account_id}:assumed-role/{role['RoleName']}/alice-session"
    creds = answer["Credentials"]
    assert client(server, "sts", creds).get_caller_identity()["Arn"] == answer["AssumedRoleUser"]["Arn"]
    client(server, "ec2", creds).describe_instances()

    # A token signed by another key, or altered after signing, is not accepted.
    other = tmp_path / "other-key.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(other), "2048"], check=True, capture_output=True)
    forged = issuer.token(key=other)
    expect_error(lambda: sts.assume_role_with_web_identity(RoleArn=role["Arn"], RoleSessionName="forged", WebIdentityToken=forged),
                 "InvalidIdentityToken", 400)
    header, payload, signature = issuer.token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "mallory"
    altered = ".".join([header, b64url(json.dumps(claims).encode()), signature])
    expect_error(lambda: sts.assume_role_with_web_identity(RoleArn=role["Arn"], RoleSessionName="altered", WebIdentityToken=altered),
                 "InvalidIdentityToken", 400)
    # The audience must be a registered client id; an expired token is refused; the trust policy decides the rest.
    expect_error(lambda: sts.assume_role_with_web_identity(RoleArn=role["Arn"], RoleSessionName="aud",
                                                           WebIdentityToken=issuer.token(aud="other-app")),
                 "InvalidIdentityToken", 400)
    expect_error(lambda: sts.assume_role_with_web_identity(RoleArn=role["Arn"], RoleSessionName="late",
                                                           WebIdentityToken=issuer.token(exp=int(time.time()) - 600)),
                 "ExpiredTokenException", 400)
    expect_error(lambda: sts.assume_role_with_web_identity(RoleArn=role["Arn"], RoleSessionName="bob",
                                                           WebIdentityToken=issuer.token(sub="bob")),
                 "AccessDenied", 403, message="Not authorized to perform sts:AssumeRoleWithWebIdentity")
    # Without a registered provider for the issuer nothing is trusted.
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=provider)
    expect_error(lambda: sts.assume_role_with_web_identity(RoleArn=role["Arn"], RoleSessionName="gone",
                                                           WebIdentityToken=issuer.token()),
                 "InvalidIdentityToken", 400)
