"""EC2 key pairs and security groups, driven by boto3 and the AWS CLI.

Expectations come from the EC2 API reference and User Guide, not from the server:
- KeyPairInfo.KeyFingerprint (botocore's EC2 model docs): RSA created by EC2 = SHA-1 of the DER PKCS#8
  private key; RSA imported = MD5 fingerprint (the User Guide's "Verify the fingerprint of your key pair"
  computes it over the DER public key: `openssl rsa -pubout -outform DER | openssl md5 -c`); ED25519 =
  base64 SHA-256, which AWS returns padded (`=`) and without OpenSSH's `SHA256:` prefix (observed AWS
  output quoted in kubernetes/kops#13304 and eksctl-io/eksctl#5151).
- CreateKeyPair KeyMaterial: "An unencrypted PEM encoded RSA or ED25519 private key"; RSA keys come as
  `-----BEGIN RSA PRIVATE KEY-----` (User Guide examples), ED25519 in OpenSSH format.
- Error codes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html (client
  errors are HTTP 400; DryRunOperation is 412 per iam-facts §6).
- The default security group: "default VPC security group", inbound from itself, outbound to 0.0.0.0/0
  (User Guide "Default security groups for your VPCs").
"""
import base64
import hashlib
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET

from test_wire_shapes import check_shape, strip

import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from helpers import unique

EC2_MODEL = botocore.session.get_session().get_service_model("ec2")
NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/"
IMAGE = "ami-0a1b2c3d4e5f60001"


# ----------------------------------------------------------------------------------------------
# helpers


def check_response(operation, body):
    """The EC2 envelope: root {Action}Response in the 2016-11-15 namespace, requestId first, no Result wrapper."""
    root = ET.fromstring(body)
    problems = []
    if root.tag != f"{{{NAMESPACE}}}{operation}Response":
        return [f"{operation}: root is {root.tag}"]
    children = list(root)
    if not children or strip(children[0].tag) != "requestId" or not (children[0].text or "").strip():
        return [f"{operation}: first child must be a non-empty requestId"]
    shape = EC2_MODEL.operation_model(operation).output_shape
    wrapper = ET.Element("wrapper")
    wrapper.extend(children[1:])
    check_shape(wrapper, shape, operation, problems)
    return problems


class Recorder:
    """Every raw 200 body botocore receives, per operation."""

    def __init__(self):
        self.bodies = []

    def __call__(self, http_response, parsed, model, **kwargs):
        if http_response.status_code == 200:
            self.bodies.append((model.name, http_response.content.decode()))

    def problems(self):
        found = []
        for operation, body in self.bodies:
            found += check_response(operation, body)
        return found


def ec2_client(server, validate=True):
    client = server.client("ec2", region="us-east-1")
    if not validate:
        import boto3
        client = boto3.client("ec2", endpoint_url=server.endpoint, region_name="us-east-1",
                              aws_access_key_id=server.access_key_id, aws_secret_access_key=server.secret_access_key,
                              config=Config(retries={"max_attempts": 1}, parameter_validation=False))
    return client


def expect_error(call, code, status=400, message=None):
    with pytest.raises(ClientError) as info:
        call()
    response = info.value.response
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response
    if message is not None:
        assert response["Error"]["Message"] == message, response["Error"]["Message"]
    return response["Error"]


def run(*args, stdin=None):
    result = subprocess.run(list(args), input=stdin, capture_output=True, check=True)
    return result.stdout


def write_private(path, text):
    path.write_text(text if text.endswith("\n") else text + "\n")
    os.chmod(path, 0o600)
    return path


def ssh_public_fields(text):
    """`type base64` of an OpenSSH public key line, without the comment."""
    return text.split()[:2]


def ssh_sha256(public_line):
    """OpenSSH's SHA256 fingerprint digest as standard padded base64 (what EC2 reports for ED25519)."""
    blob = base64.b64decode(public_line.split()[1])
    return base64.b64encode(hashlib.sha256(blob).digest()).decode()


def keygen(tmp_path, name, *args):
    path = tmp_path / name
    run("ssh-keygen", "-q", "-N", "", "-C", "test@example", "-f", str(path), *args)
    return path


# ----------------------------------------------------------------------------------------------
# key pairs


def test_created_rsa_key_pair_is_a_real_private_key(shared_server, tmp_path):
    ec2 = ec2_client(shared_server)
    name = unique("rsa")
    created = ec2.create_key_pair(KeyName=name)
    assert created["KeyName"] == name
    assert re.fullmatch(r"key-0[0-9a-f]{16}", created["KeyPairId"])
    material = created["KeyMaterial"]
    assert material.startswith("-----BEGIN RSA PRIVATE KEY-----\n")
    assert material.rstrip().endswith("-----END RSA PRIVATE KEY-----")
    assert re.fullmatch(r"([0-9a-f]{2}:){19}[0-9a-f]{2}", created["KeyFingerprint"]), "SHA-1, colon hex"
    key = write_private(tmp_path / "key.pem", material)

    check = subprocess.run(["openssl", "rsa", "-check", "-noout", "-in", str(key)], capture_output=True, text=True)
    assert check.returncode == 0 and "RSA key ok" in check.stdout, check.stderr
    text = run("openssl", "rsa", "-text", "-noout", "-in", str(key)).decode()
    assert "2048 bit" in text
    # The User Guide's command for keys EC2 created: SHA-1 of the DER PKCS#8 private key.
    der = run("openssl", "pkcs8", "-in", str(key), "-inform", "PEM", "-outform", "DER", "-topk8", "-nocrypt")
    assert created["KeyFingerprint"] == ":".join(f"{b:02x}" for b in hashlib.sha1(der).digest())
    sha1_c = run("openssl", "sha1", "-c", stdin=der).decode().strip().split("= ")[-1]
    assert created["KeyFingerprint"] == sha1_c

    derived = run("ssh-keygen", "-y", "-f", str(key)).decode()
    described = ec2.describe_key_pairs(KeyNames=[name], IncludePublicKey=True)["KeyPairs"]
    assert len(described) == 1
    info = described[0]
    assert ssh_public_fields(info["PublicKey"]) == ssh_public_fields(derived)
    assert info["KeyType"] == "rsa"
    assert info["KeyPairId"] == created["KeyPairId"]
    assert info["KeyFingerprint"] == created["KeyFingerprint"]
    assert info["Tags"] == []
    assert abs(info["CreateTime"].timestamp() - time.time()) < 120
    # Without IncludePublicKey the key is not returned; the private key is never returned again.
    plain = ec2.describe_key_pairs(KeyNames=[name])["KeyPairs"][0]
    assert "PublicKey" not in plain and "KeyMaterial" not in plain


def test_created_ed25519_key_pair_is_an_openssh_private_key(shared_server, tmp_path):
    ec2 = ec2_client(shared_server)
    name = unique("ed")
    created = ec2.create_key_pair(KeyName=name, KeyType="ed25519")
    assert created["KeyMaterial"].startswith("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    key = write_private(tmp_path / "key", created["KeyMaterial"])
    derived = run("ssh-keygen", "-y", "-f", str(key)).decode()
    assert derived.startswith("ssh-ed25519 ")
    listed = run("ssh-keygen", "-l", "-f", str(key)).decode()
    openssh_digest = re.search(r"SHA256:(\S+)", listed).group(1)
    assert created["KeyFingerprint"] == openssh_digest + "=" == ssh_sha256(derived)
    info = ec2.describe_key_pairs(KeyPairIds=[created["KeyPairId"]], IncludePublicKey=True)["KeyPairs"][0]
    assert info["KeyType"] == "ed25519"
    assert ssh_public_fields(info["PublicKey"]) == ssh_public_fields(derived)


@pytest.mark.parametrize("key_type", ["rsa", "ed25519"])
def test_ppk_format(shared_server, tmp_path, key_type):
    ec2 = ec2_client(shared_server)
    name = unique("ppk")
    created = ec2.create_key_pair(KeyName=name, KeyType=key_type, KeyFormat="ppk")
    algorithm = {"rsa": "ssh-rsa", "ed25519": "ssh-ed25519"}[key_type]
    assert created["KeyMaterial"].startswith(f"PuTTY-User-Key-File-2: {algorithm}\n")
    if not shutil.which("puttygen"):
        pytest.skip("puttygen (Debian putty-tools) is not installed")
    key = write_private(tmp_path / "key.ppk", created["KeyMaterial"])
    public = run("puttygen", str(key), "-O", "public-openssh", "-o", "/dev/stdout").decode()
    info = ec2.describe_key_pairs(KeyNames=[name], IncludePublicKey=True)["KeyPairs"][0]
    assert ssh_public_fields(public) == ssh_public_fields(info["PublicKey"])
    # puttygen checks the MAC when it loads the file; the converted key loads in OpenSSH.
    openssh = tmp_path / "converted"
    run("puttygen", str(key), "-O", "private-openssh", "-o", str(openssh))
    assert ssh_public_fields(run("ssh-keygen", "-y", "-f", str(openssh)).decode()) == ssh_public_fields(public)


def test_import_rsa_key_fingerprint_is_md5_of_der_public_key(shared_server, tmp_path):
    ec2 = ec2_client(shared_server)
    for bits in (2048, 1024):  # EC2 accepts 1024, 2048 and 4096-bit RSA keys
        path = keygen(tmp_path, f"id_rsa_{bits}", "-t", "rsa", "-b", str(bits), "-m", "PEM")
        public_line = (tmp_path / f"id_rsa_{bits}.pub").read_text()
        name = unique("imp")
        imported = ec2.import_key_pair(KeyName=name, PublicKeyMaterial=public_line.encode())
        der = run("openssl", "rsa", "-in", str(path), "-pubout", "-outform", "DER")
        expected = run("openssl", "md5", "-c", stdin=der).decode().strip().split("= ")[-1]
        assert imported["KeyFingerprint"] == expected
        assert imported["KeyName"] == name and re.fullmatch(r"key-0[0-9a-f]{16}", imported["KeyPairId"])
        info = ec2.describe_key_pairs(KeyNames=[name], IncludePublicKey=True)["KeyPairs"][0]
        assert info["KeyType"] == "rsa" and info["KeyFingerprint"] == expected
        assert ssh_public_fields(info["PublicKey"]) == ssh_public_fields(public_line)


def test_import_ed25519_key(shared_server, tmp_path):
    ec2 = ec2_client(shared_server)
    keygen(tmp_path, "id_ed25519", "-t", "ed25519")
    public_line = (tmp_path / "id_ed25519.pub").read_text()
    imported = ec2.import_key_pair(KeyName=unique("imp-ed"), PublicKeyMaterial=public_line.encode(),
                                   TagSpecifications=[{"ResourceType": "key-pair", "Tags": [{"Key": "k", "Value": "v"}]}])
    listed = run("ssh-keygen", "-l", "-f", str(tmp_path / "id_ed25519.pub")).decode()
    assert imported["KeyFingerprint"] == re.search(r"SHA256:(\S+)", listed).group(1) + "="
    assert imported["Tags"] == [{"Key": "k", "Value": "v"}]
    info = ec2.describe_key_pairs(KeyPairIds=[imported["KeyPairId"]])["KeyPairs"][0]
    assert info["KeyType"] == "ed25519"


def test_cli_import_key_pair_with_fileb(shared_server, tmp_path):
    path = keygen(tmp_path, "id_rsa", "-t", "rsa", "-b", "2048", "-m", "PEM")
    name = unique("cli")
    _, imported, _ = shared_server.cli("ec2", "import-key-pair", "--key-name", name,
                                       "--public-key-material", f"fileb://{tmp_path / 'id_rsa.pub'}")
    der = run("openssl", "rsa", "-in", str(path), "-pubout", "-outform", "DER")
    assert imported["KeyFingerprint"] == run("openssl", "md5", "-c", stdin=der).decode().strip().split("= ")[-1]
    _, described, _ = shared_server.cli("ec2", "describe-key-pairs", "--key-names", name)
    assert described["KeyPairs"][0]["KeyPairId"] == imported["KeyPairId"]
    _, deleted, _ = shared_server.cli("ec2", "delete-key-pair", "--key-name", name)
    assert deleted["Return"] is True


def test_invalid_public_keys_are_invalid_key_format(shared_server, tmp_path):
    ec2 = ec2_client(shared_server)
    keygen(tmp_path, "id_ecdsa", "-t", "ecdsa")
    good = (tmp_path / "id_ecdsa.pub").read_text().split()
    truncated = "ssh-rsa " + base64.b64encode(base64.b64decode(
        "AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + "A" * 20 + "==")[:30]).decode()
    for material in [b"not a key", (tmp_path / "id_ecdsa.pub").read_bytes(), truncated.encode(),
                     f"ssh-ed25519 {good[1]}".encode()]:
        expect_error(lambda: ec2.import_key_pair(KeyName=unique("bad"), PublicKeyMaterial=material),
                     "InvalidKey.Format")


def test_key_pair_errors(shared_server):
    ec2 = ec2_client(shared_server)
    name = unique("dup")
    created = ec2.create_key_pair(KeyName=name)
    expect_error(lambda: ec2.create_key_pair(KeyName=name), "InvalidKeyPair.Duplicate",
                 message=f"The keypair '{name}' already exists.")
    expect_error(lambda: ec2.import_key_pair(KeyName=name, PublicKeyMaterial=b"x"), "InvalidKey.Format")
    expect_error(lambda: ec2.describe_key_pairs(KeyNames=["no-such-key"]), "InvalidKeyPair.NotFound",
                 message="The key pair 'no-such-key' does not exist")
    expect_error(lambda: ec2.describe_key_pairs(KeyPairIds=["key-0123456789abcdef0"]), "InvalidKeyPair.NotFound")
    expect_error(lambda: ec2.create_key_pair(KeyName="x" * 256), "InvalidParameterValue")
    expect_error(lambda: ec2.create_key_pair(KeyName=unique("t"), KeyType="dsa"), "InvalidParameterValue")
    expect_error(lambda: ec2.create_key_pair(KeyName=unique("t"), TagSpecifications=[
        {"ResourceType": "instance", "Tags": [{"Key": "a", "Value": "b"}]}]), "InvalidParameterValue")
    expect_error(lambda: ec2_client(shared_server, validate=False).create_key_pair(), "MissingParameter")

    # DeleteKeyPair: by id, then the name is free again; a missing name succeeds, a missing id does not.
    assert ec2.delete_key_pair(KeyPairId=created["KeyPairId"])["Return"] is True
    expect_error(lambda: ec2.describe_key_pairs(KeyNames=[name]), "InvalidKeyPair.NotFound")
    assert ec2.delete_key_pair(KeyName=name)["Return"] is True
    expect_error(lambda: ec2.delete_key_pair(KeyPairId=created["KeyPairId"]), "InvalidKeyPair.NotFound")
    again = ec2.create_key_pair(KeyName=name)
    deleted = ec2.delete_key_pair(KeyName=name)
    assert deleted["Return"] is True and deleted["KeyPairId"] == again["KeyPairId"]


def test_describe_key_pairs_filters(shared_server):
    ec2 = ec2_client(shared_server)
    prefix = unique("flt")
    blue = ec2.create_key_pair(KeyName=prefix + "-blue", TagSpecifications=[
        {"ResourceType": "key-pair", "Tags": [{"Key": "team", "Value": "blue"}]}])
    red = ec2.create_key_pair(KeyName=prefix + "-red", KeyType="ed25519", TagSpecifications=[
        {"ResourceType": "key-pair", "Tags": [{"Key": "team", "Value": "red"}, {"Key": "owner", "Value": "x"}]}])
    assert blue["Tags"] == [{"Key": "team", "Value": "blue"}]

    def names(*filters):
        return sorted(k["KeyName"] for k in ec2.describe_key_pairs(Filters=list(filters))["KeyPairs"])

    assert names({"Name": "key-name", "Values": [prefix + "-*"]}) == [prefix + "-blue", prefix + "-red"]
    assert names({"Name": "key-pair-id", "Values": [red["KeyPairId"]]}) == [prefix + "-red"]
    assert names({"Name": "fingerprint", "Values": [blue["KeyFingerprint"]]}) == [prefix + "-blue"]
    assert names({"Name": "tag:team", "Values": ["red"]}, {"Name": "key-name", "Values": [prefix + "*"]}) == [prefix + "-red"]
    assert names({"Name": "tag-key", "Values": ["owner"]}, {"Name": "key-name", "Values": [prefix + "*"]}) == [prefix + "-red"]
    assert names({"Name": "key-name", "Values": ["nothing-like-this"]}) == []
    expect_error(lambda: ec2.describe_key_pairs(Filters=[{"Name": "color", "Values": ["x"]}]), "InvalidParameterValue")
    listed = ec2.describe_key_pairs(KeyNames=[prefix + "-blue", prefix + "-red"])["KeyPairs"]
    assert {k["KeyName"]: k["Tags"] for k in listed}[prefix + "-red"] == [
        {"Key": "team", "Value": "red"}, {"Key": "owner", "Value": "x"}]


# ----------------------------------------------------------------------------------------------
# security groups


def default_vpc(ec2):
    return ec2.describe_vpcs()["Vpcs"][0]["VpcId"]


def test_default_security_group_exists_and_cannot_be_deleted(shared_server):
    ec2 = ec2_client(shared_server)
    group = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]
    account = shared_server.account_id
    assert re.fullmatch(r"sg-[0-9a-f]+", group["GroupId"])
    assert group["Description"] == "default VPC security group"
    assert group["VpcId"] == default_vpc(ec2)
    assert group["OwnerId"] == account
    assert group["IpPermissions"] == [{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": [],
                                       "UserIdGroupPairs": [{"GroupId": group["GroupId"], "UserId": account}]}]
    assert group["IpPermissionsEgress"] == [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [],
                                             "PrefixListIds": [], "UserIdGroupPairs": []}]
    assert group["SecurityGroupArn"] == f"arn:aws:ec2:us-east-1:{account}:security-group/{group['GroupId']}"
    by_id = ec2.describe_security_groups(GroupIds=[group["GroupId"]])["SecurityGroups"]
    assert [g["GroupName"] for g in by_id] == ["default"]
    assert "default" in [g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]]
    expect_error(lambda: ec2.delete_security_group(GroupId=group["GroupId"]), "CannotDelete")
    expect_error(lambda: ec2.delete_security_group(GroupName="default"), "CannotDelete")
    expect_error(lambda: ec2.create_security_group(GroupName="default", Description="d"), "InvalidParameterValue")
    # Another region has its own default group.
    other = shared_server.client("ec2", region="eu-west-1").describe_security_groups(GroupNames=["default"])
    assert other["SecurityGroups"][0]["GroupId"] != group["GroupId"]


def test_create_and_describe_security_group(shared_server):
    ec2 = ec2_client(shared_server)
    name = unique("web")
    vpc = default_vpc(ec2)
    created = ec2.create_security_group(GroupName=name, Description="web servers", VpcId=vpc, TagSpecifications=[
        {"ResourceType": "security-group", "Tags": [{"Key": "team", "Value": "blue"}]}])
    group_id = created["GroupId"]
    assert re.fullmatch(r"sg-0[0-9a-f]{16}", group_id)
    assert created["Tags"] == [{"Key": "team", "Value": "blue"}]
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    assert group["GroupName"] == name and group["Description"] == "web servers" and group["VpcId"] == vpc
    assert group["IpPermissions"] == []
    assert group["IpPermissionsEgress"] == [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [],
                                             "PrefixListIds": [], "UserIdGroupPairs": []}]
    assert group["Tags"] == [{"Key": "team", "Value": "blue"}]

    def ids(*filters):
        return [g["GroupId"] for g in ec2.describe_security_groups(Filters=list(filters))["SecurityGroups"]]

    assert ids({"Name": "group-name", "Values": [name]}) == [group_id]
    assert ids({"Name": "tag:team", "Values": ["blue"]}, {"Name": "group-name", "Values": [name]}) == [group_id]
    assert ids({"Name": "description", "Values": ["web *"]}, {"Name": "group-id", "Values": [group_id]}) == [group_id]
    assert group_id in ids({"Name": "vpc-id", "Values": [vpc]})
    assert ids({"Name": "vpc-id", "Values": ["vpc-00000000"]}) == []
    expect_error(lambda: ec2.describe_security_groups(Filters=[{"Name": "colour", "Values": ["x"]}]), "InvalidParameterValue")

    expect_error(lambda: ec2.create_security_group(GroupName=name, Description="again"), "InvalidGroup.Duplicate",
                 message=f"The security group '{name}' already exists for VPC '{vpc}'")
    expect_error(lambda: ec2.create_security_group(GroupName="sg-lookalike", Description="d"), "InvalidParameterValue")
    expect_error(lambda: ec2.create_security_group(GroupName=unique("v"), Description="d", VpcId="vpc-0123456789abcdef0"),
                 "InvalidVpcID.NotFound")
    expect_error(lambda: ec2_client(shared_server, validate=False).create_security_group(GroupName=unique("nodesc")),
                 "MissingParameter")
    expect_error(lambda: ec2.describe_security_groups(GroupIds=["sg-0123456789abcdef0"]), "InvalidGroup.NotFound",
                 message="The security group 'sg-0123456789abcdef0' does not exist")
    expect_error(lambda: ec2.describe_security_groups(GroupNames=["no-such-group"]), "InvalidGroup.NotFound")
    expect_error(lambda: ec2.delete_security_group(GroupId="sg-0123456789abcdef0"), "InvalidGroup.NotFound")

    # Pagination with MaxResults / NextToken.
    first = ec2.describe_security_groups(MaxResults=5)
    if "NextToken" in first:
        second = ec2.describe_security_groups(MaxResults=5, NextToken=first["NextToken"])
        assert not {g["GroupId"] for g in first["SecurityGroups"]} & {g["GroupId"] for g in second["SecurityGroups"]}

    assert ec2.delete_security_group(GroupId=group_id)["Return"] is True
    expect_error(lambda: ec2.describe_security_groups(GroupIds=[group_id]), "InvalidGroup.NotFound")


def test_rules_in_both_syntaxes(shared_server):
    ec2 = ec2_client(shared_server)
    account = shared_server.account_id
    name = unique("rules")
    group_id = ec2.create_security_group(GroupName=name, Description="rules")["GroupId"]
    peer_id = ec2.create_security_group(GroupName=unique("peer"), Description="peer")["GroupId"]

    result = ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "203.0.113.0/24"}]},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
         "Ipv6Ranges": [{"CidrIpv6": "::/0"}]},
        {"IpProtocol": "17", "FromPort": 53, "ToPort": 53, "UserIdGroupPairs": [{"GroupId": peer_id}]},
        {"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
    ])
    assert result["Return"] is True
    rules = result["SecurityGroupRules"]
    assert len(rules) == 5
    assert all(r["GroupId"] == group_id and r["IsEgress"] is False and r["GroupOwnerId"] == account for r in rules)
    assert all(re.fullmatch(r"sgr-[0-9a-f]{17}", r["SecurityGroupRuleId"]) for r in rules)
    assert {(r["IpProtocol"], r["FromPort"], r.get("CidrIpv4") or r.get("CidrIpv6")
             or r["ReferencedGroupInfo"]["GroupId"]) for r in rules} == {
        ("tcp", 22, "203.0.113.0/24"), ("tcp", 443, "0.0.0.0/0"), ("tcp", 443, "::/0"), ("udp", 53, peer_id),
        ("icmp", -1, "10.0.0.0/8")}

    # The legacy flat form (boto3) and the CLI's --protocol/--port/--cidr shorthand.
    ec2.authorize_security_group_ingress(GroupName=name, IpProtocol="tcp", FromPort=80, ToPort=80, CidrIp="198.51.100.7/32")
    shared_server.cli("ec2", "authorize-security-group-ingress", "--group-id", group_id, "--protocol", "tcp",
                      "--port", "8080-8090", "--cidr", "192.0.2.0/24")

    permissions = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]["IpPermissions"]
    def find(proto, port):
        return next(p for p in permissions if p["IpProtocol"] == proto and p.get("FromPort") == port)
    assert find("tcp", 22)["IpRanges"] == [{"CidrIp": "203.0.113.0/24"}]
    assert find("tcp", 443)["IpRanges"] == [{"CidrIp": "0.0.0.0/0"}]
    assert find("tcp", 443)["Ipv6Ranges"] == [{"CidrIpv6": "::/0"}]
    assert find("udp", 53)["UserIdGroupPairs"] == [{"GroupId": peer_id, "UserId": account}]
    assert find("icmp", -1)["ToPort"] == -1
    assert find("tcp", 80)["IpRanges"] == [{"CidrIp": "198.51.100.7/32"}]
    assert find("tcp", 8080)["ToPort"] == 8090

    def ids(*filters):
        return [g["GroupId"] for g in ec2.describe_security_groups(Filters=list(filters))["SecurityGroups"]]
    assert ids({"Name": "ip-permission.from-port", "Values": ["8080"]}) == [group_id]
    assert ids({"Name": "ip-permission.group-id", "Values": [peer_id]}) == [group_id]
    assert ids({"Name": "ip-permission.from-port", "Values": ["1"]}) == []

    # Duplicates, malformed input and revocation.
    expect_error(lambda: ec2.authorize_security_group_ingress(GroupId=group_id, IpProtocol="tcp", FromPort=22, ToPort=22,
                                                              CidrIp="203.0.113.0/24"), "InvalidPermission.Duplicate")
    expect_error(lambda: ec2.authorize_security_group_ingress(GroupId=group_id, IpProtocol="tcp", FromPort=22, ToPort=22,
                                                              CidrIp="203.0.113.0/33"), "InvalidParameterValue")
    expect_error(lambda: ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 1, "ToPort": 2, "Ipv6Ranges": [{"CidrIpv6": "2001:db8:::/64"}]}]), "InvalidParameterValue")
    expect_error(lambda: ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "IpRanges": [{"CidrIp": "10.1.0.0/16"}]}]), "InvalidParameterValue")
    expect_error(lambda: ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "bogus", "FromPort": 1, "ToPort": 1, "IpRanges": [{"CidrIp": "10.1.0.0/16"}]}]), "InvalidParameterValue")
    expect_error(lambda: ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 1, "ToPort": 1, "UserIdGroupPairs": [{"GroupId": "sg-0123456789abcdef0"}]}]),
        "InvalidGroup.NotFound")
    expect_error(lambda: ec2.authorize_security_group_ingress(GroupId="sg-0123456789abcdef0", IpProtocol="tcp",
                                                              FromPort=1, ToPort=1, CidrIp="10.0.0.0/8"), "InvalidGroup.NotFound")

    revoked = ec2.revoke_security_group_ingress(GroupId=group_id, IpProtocol="tcp", FromPort=22, ToPort=22,
                                                CidrIp="203.0.113.0/24")
    assert revoked["Return"] is True
    assert [(r["IpProtocol"], r["CidrIpv4"]) for r in revoked["RevokedSecurityGroupRules"]] == [("tcp", "203.0.113.0/24")]
    expect_error(lambda: ec2.revoke_security_group_ingress(GroupId=group_id, IpProtocol="tcp", FromPort=22, ToPort=22,
                                                           CidrIp="203.0.113.0/24"), "InvalidPermission.NotFound")
    ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
    permissions = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]["IpPermissions"]
    assert not any(p.get("FromPort") == 22 for p in permissions)
    assert next(p for p in permissions if p.get("FromPort") == 443)["Ipv6Ranges"] == []

    # Egress: add a rule, remove the default all-traffic rule.
    egress = ec2.authorize_security_group_egress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}])
    assert egress["SecurityGroupRules"][0]["IsEgress"] is True
    ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    assert group["IpPermissionsEgress"] == [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                                             "IpRanges": [{"CidrIp": "10.0.0.0/16"}], "Ipv6Ranges": [],
                                             "PrefixListIds": [], "UserIdGroupPairs": []}]
    expect_error(lambda: ec2.authorize_security_group_egress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]),
        "InvalidPermission.Duplicate")


def test_delete_security_group_dependencies(shared_server):
    ec2 = ec2_client(shared_server)
    target = ec2.create_security_group(GroupName=unique("target"), Description="t")["GroupId"]
    referrer = ec2.create_security_group(GroupName=unique("referrer"), Description="r")["GroupId"]
    permission = {"IpProtocol": "tcp", "FromPort": 3306, "ToPort": 3306, "UserIdGroupPairs": [{"GroupId": target}]}
    ec2.authorize_security_group_ingress(GroupId=referrer, IpPermissions=[permission])
    expect_error(lambda: ec2.delete_security_group(GroupId=target), "DependencyViolation")
    ec2.revoke_security_group_ingress(GroupId=referrer, IpPermissions=[permission])

    instance = ec2.run_instances(ImageId=IMAGE, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                 SecurityGroupIds=[target])["Instances"][0]["InstanceId"]
    expect_error(lambda: ec2.delete_security_group(GroupId=target), "DependencyViolation")
    ec2.terminate_instances(InstanceIds=[instance])
    deadline = time.time() + 15
    while True:
        try:
            ec2.delete_security_group(GroupId=target)
            break
        except ClientError as error:
            assert error.response["Error"]["Code"] == "DependencyViolation"
            assert time.time() < deadline, "the group stayed in use after the instance terminated"
            time.sleep(0.5)
    expect_error(lambda: ec2.describe_security_groups(GroupIds=[target]), "InvalidGroup.NotFound")
    assert ec2.delete_security_group(GroupId=referrer)["Return"] is True


def test_dry_run_is_dry_run_operation(shared_server):
    ec2 = ec2_client(shared_server)
    name = unique("dry")
    calls = [
        lambda: ec2.create_key_pair(KeyName=name, DryRun=True),
        lambda: ec2.describe_key_pairs(DryRun=True),
        lambda: ec2.delete_key_pair(KeyName=name, DryRun=True),
        lambda: ec2.create_security_group(GroupName=name, Description="d", DryRun=True),
        lambda: ec2.describe_security_groups(DryRun=True),
        lambda: ec2.authorize_security_group_ingress(GroupName="default", IpProtocol="tcp", FromPort=1, ToPort=1,
                                                     CidrIp="10.0.0.0/8", DryRun=True),
        lambda: ec2.delete_security_group(GroupName="default", DryRun=True),
    ]
    for call in calls:
        expect_error(call, "DryRunOperation", 412, "Request would have succeeded, but DryRun flag is set.")
    expect_error(lambda: ec2.describe_key_pairs(KeyNames=[name]), "InvalidKeyPair.NotFound")
    expect_error(lambda: ec2.describe_security_groups(GroupNames=[name]), "InvalidGroup.NotFound")
    default = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]
    assert len(default["IpPermissions"]) == 1


def test_every_response_matches_the_botocore_output_shape(shared_server, tmp_path):
    ec2 = ec2_client(shared_server)
    recorder = Recorder()
    ec2.meta.events.register("after-call", recorder)
    keygen(tmp_path, "id", "-t", "ed25519")
    tag = [{"ResourceType": "key-pair", "Tags": [{"Key": "a", "Value": "b"}]}]
    created = ec2.create_key_pair(KeyName=unique("shape"), TagSpecifications=tag)
    ec2.create_key_pair(KeyName=unique("shape"), KeyType="ed25519", KeyFormat="ppk")
    imported = ec2.import_key_pair(KeyName=unique("shape"), PublicKeyMaterial=(tmp_path / "id.pub").read_bytes(),
                                   TagSpecifications=tag)
    ec2.describe_key_pairs(IncludePublicKey=True)
    ec2.describe_key_pairs(KeyPairIds=[imported["KeyPairId"]])
    ec2.delete_key_pair(KeyName=created["KeyName"])
    ec2.delete_key_pair(KeyName="never-existed")
    group = ec2.create_security_group(GroupName=unique("shape"), Description="d", TagSpecifications=[
        {"ResourceType": "security-group", "Tags": [{"Key": "a", "Value": "b"}]}])["GroupId"]
    other = ec2.create_security_group(GroupName=unique("shape"), Description="d")["GroupId"]
    ingress = [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}],
                "Ipv6Ranges": [{"CidrIpv6": "2001:db8::/32"}], "UserIdGroupPairs": [{"GroupId": other}]}]
    ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=ingress)
    ec2.authorize_security_group_egress(GroupId=group, IpPermissions=[{"IpProtocol": "udp", "FromPort": 53, "ToPort": 53,
                                                                        "IpRanges": [{"CidrIp": "10.0.0.2/32"}]}])
    ec2.describe_security_groups()
    ec2.describe_security_groups(GroupIds=[group], Filters=[{"Name": "tag:a", "Values": ["b"]}])
    ec2.describe_security_groups(MaxResults=5)
    ec2.revoke_security_group_ingress(GroupId=group, IpPermissions=ingress + [
        {"IpProtocol": "tcp", "FromPort": 9, "ToPort": 9, "IpRanges": [{"CidrIp": "10.9.0.0/16"}]}])
    ec2.revoke_security_group_egress(GroupId=group, IpPermissions=[{"IpProtocol": "udp", "FromPort": 53, "ToPort": 53,
                                                                     "IpRanges": [{"CidrIp": "10.0.0.2/32"}]}])
    ec2.delete_security_group(GroupId=group)
    ec2.delete_security_group(GroupId=other)

    assert {op for op, _ in recorder.bodies} == {
        "CreateKeyPair", "ImportKeyPair", "DescribeKeyPairs", "DeleteKeyPair", "CreateSecurityGroup",
        "DescribeSecurityGroups", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "DeleteSecurityGroup"}
    problems = recorder.problems()
    assert not problems, "\n".join(problems)


def test_error_body_is_the_ec2_error_envelope(shared_server):
    ec2 = ec2_client(shared_server)
    captured = {}

    def capture(http_response, **kwargs):
        captured["status"] = http_response.status_code
        captured["body"] = http_response.content.decode()

    ec2.meta.events.register("after-call", capture)
    expect_error(lambda: ec2.describe_key_pairs(KeyNames=["absent"]), "InvalidKeyPair.NotFound")
    root = ET.fromstring(captured["body"])
    assert captured["status"] == 400 and root.tag == "Response"
    assert [strip(c.tag) for c in root] == ["Errors", "RequestID"]
    error = root.find("Errors/Error")
    assert error.find("Code").text == "InvalidKeyPair.NotFound"
