"""EC2 instances end to end: RunInstances, DescribeInstances (ids, filters, paging), DescribeInstanceStatus,
Start/Stop/Reboot/TerminateInstances, and CreateTags/DeleteTags/DescribeTags on instances, security groups and key
pairs, through boto3 and the AWS CLI. Every raw response body is checked against botocore's `ec2` output shapes.

Expectations come from the EC2 API Reference (RunInstances, DescribeInstances, StopInstances, CreateTags, ...), the
instance lifecycle page of the EC2 User Guide, the EC2 error-codes page, and botocore's `ec2/2016-11-15` model."""
import ipaddress
import os
import re
import subprocess
import time
import uuid
import xml.etree.ElementTree as ET

import boto3
import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from test_wire_shapes import check_shape, strip

EC2_MODEL = botocore.session.get_session().get_service_model("ec2")
EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/"
AL2023 = "ami-0a1b2c3d4e5f60001"
UBUNTU = "ami-0a1b2c3d4e5f60002"
INSTANCE_ID = re.compile(r"^i-[0-9a-f]{17}$")
USER_INITIATED = re.compile(r"^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$")


# ---- wire shapes ----------------------------------------------------------------------------

def check_ec2_response(operation, body):
    """EC2's envelope: `{Action}Response` in the EC2 namespace, `requestId` first, then the output shape's members
    by locationName (lists of `<item>`), with no Result wrapper and no ResponseMetadata. Operations without an output
    shape (CreateTags, DeleteTags, RebootInstances) answer `<return>true</return>`, as the API Reference's
    "Response Elements" and examples show."""
    root = ET.fromstring(body)
    assert root.tag == "{%s}%sResponse" % (EC2_NAMESPACE, operation), body[:200]
    children = [strip(c.tag) for c in root]
    assert children and children[0] == "requestId", children
    output = EC2_MODEL.operation_model(operation).output_shape
    if output is None:
        assert children == ["requestId", "return"], children
        assert root.find("{*}return").text == "true"
        return []
    problems = []
    rest = ET.Element(root.tag)
    rest.extend(list(root)[1:])
    check_shape(rest, output, operation, problems)
    # The model's enum for `PlatformValues` is ['Windows'], but its own documentation of Instance.Platform says
    # "This value is `windows` for Windows instances", which is what EC2 sends.
    return [p for p in problems if not p.endswith("/platform: 'windows' not in enum ['Windows']")]


class Recorder:
    """Keeps each successful raw body botocore receives, per operation."""

    def __init__(self):
        self.bodies = []

    def __call__(self, http_response, model, **kwargs):
        if http_response.status_code == 200:
            self.bodies.append((model.name, http_response.content.decode()))


# ---- helpers --------------------------------------------------------------------------------

def ec2_client(server, region="us-east-1", validate=True):
    return boto3.client("ec2", endpoint_url=server.endpoint, region_name=region,
                        aws_access_key_id=server.access_key_id, aws_secret_access_key=server.secret_access_key,
                        config=Config(retries={"max_attempts": 1}, parameter_validation=validate))


def expect_error(call, code, message=None, status=400):
    with pytest.raises(ClientError) as info:
        call()
    response = info.value.response
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response
    if message is not None:
        assert response["Error"]["Message"] == message, response["Error"]["Message"]
    return response["Error"]


def launch(ec2, count=1, tags=None, **kwargs):
    args = dict(ImageId=AL2023, MinCount=count, MaxCount=count, **kwargs)
    if tags:
        args["TagSpecifications"] = [{"ResourceType": "instance",
                                      "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}]
    return ec2.run_instances(**args)


def instance(ec2, instance_id):
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    assert len(reservations) == 1 and len(reservations[0]["Instances"]) == 1
    return reservations[0]["Instances"][0]


def wait_for_state(ec2, instance_id, state, timeout=3.5):
    """Transitions complete two seconds after they start; poll with short sleeps."""
    deadline = time.time() + timeout
    while True:
        found = instance(ec2, instance_id)
        if found["State"]["Name"] == state:
            return found
        if time.time() > deadline:
            raise AssertionError(f"{instance_id} is {found['State']['Name']}, never reached {state}")
        time.sleep(0.25)


def ids_of(response):
    return {i["InstanceId"] for r in response["Reservations"] for i in r["Instances"]}


def default_network(ec2):
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    subnets = {s["AvailabilityZone"]: s for s in ec2.describe_subnets()["Subnets"]}
    group = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]["GroupId"]
    return vpc, subnets, group


@pytest.fixture(scope="module")
def ec2(shared_server):
    return ec2_client(shared_server)


# ---- RunInstances ---------------------------------------------------------------------------

def test_run_instances_returns_a_pending_reservation(shared_server, ec2):
    vpc, subnets, default_group = default_network(ec2)
    response = launch(ec2, count=2, tags={"Name": "web"})
    assert re.match(r"^r-[0-9a-f]{17}$", response["ReservationId"])
    assert response["OwnerId"] == shared_server.account_id
    assert response["Groups"] == []
    instances = response["Instances"]
    assert [i["AmiLaunchIndex"] for i in instances] == [0, 1]
    subnet = subnets["us-east-1a"]
    for item in instances:
        assert INSTANCE_ID.match(item["InstanceId"])
        assert item["ImageId"] == AL2023
        assert item["State"] == {"Code": 0, "Name": "pending"}
        assert item["StateReason"] == {"Code": "pending", "Message": "pending"}
        assert item["InstanceType"] == "t2.micro"
        assert item["Placement"]["AvailabilityZone"] == "us-east-1a"
        assert item["Placement"]["Tenancy"] == "default"
        assert item["Monitoring"] == {"State": "disabled"}
        assert item["SubnetId"] == subnet["SubnetId"] and item["VpcId"] == vpc
        assert ipaddress.ip_address(item["PrivateIpAddress"]) in ipaddress.ip_network(subnet["CidrBlock"])
        assert item["PublicIpAddress"].startswith("3.")
        assert item["PrivateDnsName"] == "ip-" + item["PrivateIpAddress"].replace(".", "-") + ".ec2.internal"
        assert item["PublicDnsName"] == "ec2-" + item["PublicIpAddress"].replace(".", "-") + ".compute-1.amazonaws.com"
        assert item["SecurityGroups"] == [{"GroupId": default_group, "GroupName": "default"}]
        assert item["Tags"] == [{"Key": "Name", "Value": "web"}]
        assert item["Architecture"] == "x86_64" and item["RootDeviceType"] == "ebs"
        assert item["RootDeviceName"] == "/dev/xvda" and item["VirtualizationType"] == "hvm"
        assert item["BlockDeviceMappings"][0]["DeviceName"] == "/dev/xvda"
        assert item["BlockDeviceMappings"][0]["Ebs"]["Status"] == "attached"
        assert item["NetworkInterfaces"][0]["PrivateIpAddress"] == item["PrivateIpAddress"]
        assert item["SourceDestCheck"] is True and item["Hypervisor"] == "xen"
        assert item["ProductCodes"] == [] and item["StateTransitionReason"] == ""
        assert "KeyName" not in item
    assert instances[0]["PrivateIpAddress"] != instances[1]["PrivateIpAddress"]
    assert instances[0]["LaunchTime"] == instances[1]["LaunchTime"]


def test_run_instances_with_type_subnet_key_pair_and_groups(ec2):
    _, subnets, default_group = default_network(ec2)
    key = "key-" + uuid.uuid4().hex[:8]
    ec2.create_key_pair(KeyName=key)
    name = "web-" + uuid.uuid4().hex[:8]
    group = ec2.create_security_group(GroupName=name, Description="web servers")["GroupId"]
    subnet = subnets["us-east-1b"]
    item = ec2.run_instances(ImageId=UBUNTU, InstanceType="t3.small", MinCount=1, MaxCount=1, KeyName=key,
                             SubnetId=subnet["SubnetId"], SecurityGroupIds=[group])["Instances"][0]
    assert item["InstanceType"] == "t3.small" and item["KeyName"] == key and item["ImageId"] == UBUNTU
    assert item["Placement"]["AvailabilityZone"] == "us-east-1b"
    assert ipaddress.ip_address(item["PrivateIpAddress"]) in ipaddress.ip_network(subnet["CidrBlock"])
    assert item["SecurityGroups"] == [{"GroupId": group, "GroupName": name}]
    # Groups by name (SecurityGroup.N), the default group among them.
    item = ec2.run_instances(ImageId=AL2023, MinCount=1, MaxCount=1, SecurityGroups=[name, "default"])["Instances"][0]
    assert item["SecurityGroups"] == [{"GroupId": group, "GroupName": name},
                                      {"GroupId": default_group, "GroupName": "default"}]
    # Placement picks the zone's default subnet.
    item = ec2.run_instances(ImageId=AL2023, MinCount=1, MaxCount=1,
                             Placement={"AvailabilityZone": "us-east-1c"})["Instances"][0]
    assert item["SubnetId"] == subnets["us-east-1c"]["SubnetId"]


def test_max_count_above_the_limit_launches_the_largest_possible_number(server):
    # RunInstances: "If MaxCount is set higher than the number of instances Amazon EC2 can launch ..., Amazon EC2
    # launches the largest possible number of instances above MinCount" (default limit: 20).
    ec2 = ec2_client(server)
    assert len(ec2.run_instances(ImageId=AL2023, MinCount=1, MaxCount=25)["Instances"]) == 20


def test_client_token_makes_run_instances_idempotent(ec2):
    token = uuid.uuid4().hex
    first = ec2.run_instances(ImageId=AL2023, MinCount=2, MaxCount=2, ClientToken=token)
    again = ec2.run_instances(ImageId=AL2023, MinCount=2, MaxCount=2, ClientToken=token)
    assert again["ReservationId"] == first["ReservationId"]
    assert [i["InstanceId"] for i in again["Instances"]] == [i["InstanceId"] for i in first["Instances"]]
    expect_error(lambda: ec2.run_instances(ImageId=AL2023, MinCount=1, MaxCount=1, ClientToken=token),
                 "IdempotentParameterMismatch")


def test_other_regions_have_their_own_instances(shared_server, ec2):
    west = ec2_client(shared_server, region="us-west-2")
    item = west.run_instances(ImageId=AL2023, MinCount=1, MaxCount=1)["Instances"][0]
    assert item["Placement"]["AvailabilityZone"] == "us-west-2a"
    assert item["PrivateDnsName"].endswith(".us-west-2.compute.internal")
    assert item["PublicDnsName"].endswith(".us-west-2.compute.amazonaws.com")
    expect_error(lambda: ec2.describe_instances(InstanceIds=[item["InstanceId"]]), "InvalidInstanceID.NotFound")


@pytest.mark.parametrize("args, code, message", [
    (dict(ImageId="ami-00000000000000000"), "InvalidAMIID.NotFound", "The image id '[ami-00000000000000000]' does not exist"),
    (dict(ImageId="image-1"), "InvalidAMIID.Malformed", 'Invalid id: "image-1" (expecting "ami-...")'),
    (dict(InstanceType="x9.huge"), "InvalidParameterValue", "Invalid value 'x9.huge' for InstanceType."),
    (dict(MinCount=3, MaxCount=2), "InvalidParameterValue", None),
    (dict(MinCount=0, MaxCount=1), "InvalidParameterValue", None),
    (dict(MinCount=21, MaxCount=21), "InstanceLimitExceeded", None),
    (dict(KeyName="no-such-key"), "InvalidKeyPair.NotFound", "The key pair 'no-such-key' does not exist"),
    (dict(SecurityGroupIds=["sg-0123456789abcdef0"]), "InvalidGroup.NotFound",
     "The security group 'sg-0123456789abcdef0' does not exist"),
    (dict(SecurityGroups=["no-such-group"]), "InvalidGroup.NotFound", None),
    (dict(SubnetId="subnet-00000000"), "InvalidSubnetID.NotFound", "The subnet ID 'subnet-00000000' does not exist"),
    (dict(TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "aws:owner", "Value": "x"}]}]),
     "InvalidParameterValue", None),
])
def test_run_instances_errors(shared_server, args, code, message):
    ec2 = ec2_client(shared_server, validate=False)
    full = dict(ImageId=AL2023, MinCount=1, MaxCount=1)
    full.update(args)
    before = len(ids_of(ec2.describe_instances()))
    expect_error(lambda: ec2.run_instances(**full), code, message)
    assert len(ids_of(ec2.describe_instances())) == before, "a failed launch creates nothing"


def test_dry_run_answers_dry_run_operation_and_changes_nothing(ec2):
    # DryRun: "If you have the required permissions, the error response is DryRunOperation" (HTTP 412).
    before = ids_of(ec2.describe_instances())
    message = "Request would have succeeded, but DryRun flag is set."
    expect_error(lambda: ec2.run_instances(ImageId=AL2023, MinCount=1, MaxCount=1, DryRun=True), "DryRunOperation",
                 message, status=412)
    assert ids_of(ec2.describe_instances()) == before
    instance_id = launch(ec2)["Instances"][0]["InstanceId"]
    wait_for_state(ec2, instance_id, "running")
    expect_error(lambda: ec2.stop_instances(InstanceIds=[instance_id], DryRun=True), "DryRunOperation", status=412)
    expect_error(lambda: ec2.describe_instances(DryRun=True), "DryRunOperation", status=412)
    expect_error(lambda: ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "k", "Value": "v"}], DryRun=True),
                 "DryRunOperation", status=412)
    item = instance(ec2, instance_id)
    assert item["State"]["Name"] == "running" and "Tags" not in item


# ---- DescribeInstances ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def fleet(ec2):
    """Three tagged instances (scoped by a unique `batch` tag): a running t2.micro with a key pair, a running
    t3.small from Ubuntu in us-east-1b, and a stopped t3.micro."""
    _, subnets, _ = default_network(ec2)
    batch = uuid.uuid4().hex[:12]
    key = "fleet-" + batch
    ec2.create_key_pair(KeyName=key)
    alpha = launch(ec2, tags={"batch": batch, "Name": "alpha", "env": "prod"}, KeyName=key)["Instances"][0]
    beta = ec2.run_instances(ImageId=UBUNTU, InstanceType="t3.small", MinCount=1, MaxCount=1,
                             SubnetId=subnets["us-east-1b"]["SubnetId"], TagSpecifications=[
                                 {"ResourceType": "instance", "Tags": [{"Key": "batch", "Value": batch},
                                                                      {"Key": "env", "Value": "dev"}]}])["Instances"][0]
    gamma = launch(ec2, tags={"batch": batch}, InstanceType="t3.micro")["Instances"][0]
    wait_for_state(ec2, gamma["InstanceId"], "running")
    ec2.stop_instances(InstanceIds=[gamma["InstanceId"]])
    wait_for_state(ec2, gamma["InstanceId"], "stopped")
    return dict(batch=batch, key=key, subnets=subnets, a=alpha, b=beta, c=gamma)


@pytest.mark.parametrize("name, values, expected", [
    ("instance-state-name", ["running"], "ab"),
    ("instance-state-name", ["stopped"], "c"),
    ("instance-state-name", ["running", "stopped"], "abc"),
    ("instance-state-code", ["80"], "c"),
    ("instance-id", ["{a}", "{c}"], "ac"),
    ("instance-type", ["t3.small"], "b"),
    ("instance-type", ["t3.*"], "bc"),
    ("image-id", [UBUNTU], "b"),
    ("key-name", ["{key}"], "a"),
    ("vpc-id", ["{vpc}"], "abc"),
    ("subnet-id", ["{subnet_b}"], "b"),
    ("availability-zone", ["us-east-1b"], "b"),
    ("availability-zone", ["us-east-1?"], "abc"),
    ("tag:env", ["prod"], "a"),
    ("tag:Name", ["al*"], "a"),
    ("tag:env", ["prod", "dev"], "ab"),
    ("tag-key", ["env"], "ab"),
    ("tag-key", ["Na*"], "a"),
    ("tag-value", ["de?"], "b"),
    ("tag:env", ["staging"], ""),
])
def test_describe_instances_filters(ec2, fleet, name, values, expected):
    replacements = dict(a=fleet["a"]["InstanceId"], c=fleet["c"]["InstanceId"], key=fleet["key"],
                        vpc=fleet["a"]["VpcId"], subnet_b=fleet["subnets"]["us-east-1b"]["SubnetId"])
    values = [v.format(**replacements) for v in values]
    response = ec2.describe_instances(Filters=[{"Name": "tag:batch", "Values": [fleet["batch"]]},
                                              {"Name": name, "Values": values}])
    assert ids_of(response) == {fleet[letter]["InstanceId"] for letter in expected}


def test_describe_instances_by_id_and_their_errors(ec2, fleet):
    a, c = fleet["a"]["InstanceId"], fleet["c"]["InstanceId"]
    assert ids_of(ec2.describe_instances(InstanceIds=[a, c])) == {a, c}
    stopped = instance(ec2, c)
    assert stopped["State"] == {"Code": 80, "Name": "stopped"}
    assert stopped["StateReason"]["Code"] == "Client.UserInitiatedShutdown"
    assert USER_INITIATED.match(stopped["StateTransitionReason"])
    assert "PublicIpAddress" not in stopped and stopped["PublicDnsName"] == ""
    # Ids combine with filters.
    assert ids_of(ec2.describe_instances(InstanceIds=[a, c], Filters=[
        {"Name": "instance-state-name", "Values": ["running"]}])) == {a}
    missing = "i-0123456789abcdef0"
    expect_error(lambda: ec2.describe_instances(InstanceIds=[missing]), "InvalidInstanceID.NotFound",
                 f"The instance ID '{missing}' does not exist")
    expect_error(lambda: ec2.describe_instances(InstanceIds=[a, missing, "i-0123456789abcdef1"]),
                 "InvalidInstanceID.NotFound", f"The instance IDs '{missing}, i-0123456789abcdef1' do not exist")
    expect_error(lambda: ec2.describe_instances(InstanceIds=["i-xyz"]), "InvalidInstanceID.Malformed", 'Invalid id: "i-xyz"')
    expect_error(lambda: ec2.describe_instances(InstanceIds=[a], MaxResults=5), "InvalidParameterCombination")
    expect_error(lambda: ec2.describe_instances(MaxResults=4), "InvalidParameterValue")
    expect_error(lambda: ec2.describe_instances(Filters=[{"Name": "no-such-filter", "Values": ["x"]}]),
                 "InvalidParameterValue", "The filter 'no-such-filter' is invalid")


def test_next_token_pages_over_twelve_instances(server):
    ec2 = ec2_client(server)
    launched = launch(ec2, count=12)
    expected = [i["InstanceId"] for i in launched["Instances"]]
    seen, tokens, sizes = [], [], []
    kwargs = {"MaxResults": 5}
    while True:
        page = ec2.describe_instances(**kwargs)
        sizes.append(sum(len(r["Instances"]) for r in page["Reservations"]))
        assert all(r["ReservationId"] == launched["ReservationId"] for r in page["Reservations"])
        seen += [i["InstanceId"] for r in page["Reservations"] for i in r["Instances"]]
        if "NextToken" not in page:
            break
        tokens.append(page["NextToken"])
        kwargs = {"MaxResults": 5, "NextToken": page["NextToken"]}
    assert sizes == [5, 5, 2] and len(tokens) == 2
    assert sorted(seen) == sorted(expected) and len(set(seen)) == 12
    # botocore's paginator follows the same tokens.
    paged = [i["InstanceId"] for p in ec2.get_paginator("describe_instances").paginate(PaginationConfig={"PageSize": 5})
             for r in p["Reservations"] for i in r["Instances"]]
    assert sorted(paged) == sorted(expected)
    # Without MaxResults everything comes back at once, with no token.
    assert "NextToken" not in ec2.describe_instances() and len(ids_of(ec2.describe_instances())) == 12
    error = expect_error(lambda: ec2.describe_instances(MaxResults=5, NextToken="not-a-token"), "InvalidPaginationToken")
    assert error["Message"]


# ---- state changes --------------------------------------------------------------------------

def state(code_name):
    codes = {"pending": 0, "running": 16, "shutting-down": 32, "terminated": 48, "stopping": 64, "stopped": 80}
    return {"Code": codes[code_name], "Name": code_name}


def test_stop_start_reboot_terminate_follow_the_instance_lifecycle(ec2):
    instance_id = launch(ec2)["Instances"][0]["InstanceId"]
    first_ip = wait_for_state(ec2, instance_id, "running")["PublicIpAddress"]

    stopping = ec2.stop_instances(InstanceIds=[instance_id])["StoppingInstances"]
    assert stopping == [{"InstanceId": instance_id, "CurrentState": state("stopping"), "PreviousState": state("running")}]
    item = instance(ec2, instance_id)
    assert item["State"] == state("stopping")
    assert item["StateReason"] == {"Code": "Client.UserInitiatedShutdown",
                                   "Message": "Client.UserInitiatedShutdown: User initiated shutdown"}
    assert USER_INITIATED.match(item["StateTransitionReason"])
    wait_for_state(ec2, instance_id, "stopped")
    # Stopping a stopped instance reports where it is.
    again = ec2.stop_instances(InstanceIds=[instance_id])["StoppingInstances"][0]
    assert again["CurrentState"] == state("stopped") and again["PreviousState"] == state("stopped")

    starting = ec2.start_instances(InstanceIds=[instance_id])["StartingInstances"][0]
    assert starting["CurrentState"] == state("pending") and starting["PreviousState"] == state("stopped")
    item = wait_for_state(ec2, instance_id, "running")
    assert item["StateTransitionReason"] == "" and "StateReason" not in item
    assert item["PublicIpAddress"].startswith("3.")
    assert first_ip  # a stopped instance loses its public address; a new one is assigned on start
    # Starting a running instance changes nothing.
    again = ec2.start_instances(InstanceIds=[instance_id])["StartingInstances"][0]
    assert again["CurrentState"] == state("running") and again["PreviousState"] == state("running")

    ec2.reboot_instances(InstanceIds=[instance_id])
    assert instance(ec2, instance_id)["State"] == state("running")

    terminating = ec2.terminate_instances(InstanceIds=[instance_id])["TerminatingInstances"][0]
    assert terminating["CurrentState"] == state("shutting-down") and terminating["PreviousState"] == state("running")
    item = wait_for_state(ec2, instance_id, "terminated")
    assert item["StateReason"]["Code"] == "Client.UserInitiatedShutdown"
    assert "PublicIpAddress" not in item and item["NetworkInterfaces"] == []
    again = ec2.terminate_instances(InstanceIds=[instance_id])["TerminatingInstances"][0]
    assert again["CurrentState"] == state("terminated") and again["PreviousState"] == state("terminated")
    expect_error(lambda: ec2.start_instances(InstanceIds=[instance_id]), "IncorrectInstanceState",
                 f"The instance '{instance_id}' is not in a state from which it can be started.")
    expect_error(lambda: ec2.stop_instances(InstanceIds=[instance_id]), "IncorrectInstanceState")


def test_terminating_a_stopped_instance_and_starting_while_shutting_down(ec2):
    instance_id = launch(ec2)["Instances"][0]["InstanceId"]
    wait_for_state(ec2, instance_id, "running")
    ec2.stop_instances(InstanceIds=[instance_id])
    wait_for_state(ec2, instance_id, "stopped")
    change = ec2.terminate_instances(InstanceIds=[instance_id])["TerminatingInstances"][0]
    assert change["PreviousState"] == state("stopped") and change["CurrentState"] == state("shutting-down")
    expect_error(lambda: ec2.start_instances(InstanceIds=[instance_id]), "IncorrectInstanceState",
                 f"The instance '{instance_id}' is not in a state from which it can be started.")
    wait_for_state(ec2, instance_id, "terminated")


def test_state_changes_check_every_id_first(ec2):
    running = launch(ec2)["Instances"][0]["InstanceId"]
    missing = "i-0fedcba9876543210"
    expect_error(lambda: ec2.stop_instances(InstanceIds=[running, missing]), "InvalidInstanceID.NotFound",
                 f"The instance ID '{missing}' does not exist")
    expect_error(lambda: ec2.terminate_instances(InstanceIds=["bogus"]), "InvalidInstanceID.Malformed")
    expect_error(lambda: ec2.reboot_instances(InstanceIds=[missing]), "InvalidInstanceID.NotFound")
    assert instance(ec2, running)["State"]["Name"] in ("pending", "running")


def test_describe_instance_status(ec2, fleet):
    a, b, c = (fleet[k]["InstanceId"] for k in "abc")
    wait_for_state(ec2, a, "running")
    wait_for_state(ec2, b, "running")
    # By default only running instances are described.
    statuses = {s["InstanceId"]: s for s in ec2.describe_instance_status(InstanceIds=[a, b, c])["InstanceStatuses"]}
    assert set(statuses) == {a, b}
    running = statuses[a]
    assert running["InstanceState"] == state("running") and running["AvailabilityZone"] == "us-east-1a"
    assert running["InstanceStatus"] == {"Status": "ok", "Details": [{"Name": "reachability", "Status": "passed"}]}
    assert running["SystemStatus"] == {"Status": "ok", "Details": [{"Name": "reachability", "Status": "passed"}]}
    everything = ec2.describe_instance_status(InstanceIds=[a, c], IncludeAllInstances=True)["InstanceStatuses"]
    stopped = next(s for s in everything if s["InstanceId"] == c)
    assert stopped["InstanceState"] == state("stopped")
    assert stopped["InstanceStatus"]["Status"] == "not-applicable"
    assert stopped["SystemStatus"]["Status"] == "not-applicable"
    filtered = ec2.describe_instance_status(InstanceIds=[a, b, c], IncludeAllInstances=True, Filters=[
        {"Name": "instance-state-name", "Values": ["stopped"]}])["InstanceStatuses"]
    assert [s["InstanceId"] for s in filtered] == [c]
    expect_error(lambda: ec2.describe_instance_status(InstanceIds=["i-0123456789abcdef0"]), "InvalidInstanceID.NotFound")


# ---- tags -----------------------------------------------------------------------------------

def test_tags_on_instances(ec2):
    instance_id = launch(ec2, tags={"team": "blue"})["Instances"][0]["InstanceId"]
    ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "Name", "Value": "api"}, {"Key": "team", "Value": "red"},
                                                   {"Key": "empty", "Value": ""}])
    tags = {t["Key"]: t["Value"] for t in instance(ec2, instance_id)["Tags"]}
    assert tags == {"team": "red", "Name": "api", "empty": ""}
    described = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [instance_id]}])["Tags"]
    assert sorted((t["Key"], t["Value"]) for t in described) == sorted(tags.items())
    assert all(t["ResourceType"] == "instance" and t["ResourceId"] == instance_id for t in described)
    only_team = ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [instance_id]},
                                           {"Name": "key", "Values": ["te*"]}])["Tags"]
    assert only_team == [{"Key": "team", "ResourceId": instance_id, "ResourceType": "instance", "Value": "red"}]
    by_value = ec2.describe_tags(Filters=[{"Name": "resource-type", "Values": ["instance"]},
                                          {"Name": "value", "Values": ["ap?"]}])["Tags"]
    assert {(t["ResourceId"], t["Key"]) for t in by_value} >= {(instance_id, "Name")}

    # DeleteTags: a value given must match; a key alone removes the tag.
    ec2.delete_tags(Resources=[instance_id], Tags=[{"Key": "team", "Value": "blue"}])
    assert {t["Key"] for t in instance(ec2, instance_id)["Tags"]} == {"team", "Name", "empty"}
    ec2.delete_tags(Resources=[instance_id], Tags=[{"Key": "team", "Value": "red"}, {"Key": "empty"}])
    assert instance(ec2, instance_id)["Tags"] == [{"Key": "Name", "Value": "api"}]
    # No tags given: every tag is removed; an instance without tags has no Tags key, as on EC2.
    ec2.delete_tags(Resources=[instance_id])
    assert "Tags" not in instance(ec2, instance_id)


def test_tag_limits_and_reserved_prefix(ec2):
    instance_id = launch(ec2)["Instances"][0]["InstanceId"]
    # CreateTags: "Each resource can have a maximum of 50 tags."
    ec2.create_tags(Resources=[instance_id], Tags=[{"Key": f"k{n}", "Value": str(n)} for n in range(50)])
    ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "k0", "Value": "overwritten"}])
    expect_error(lambda: ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "one-more", "Value": "x"}]),
                 "TagLimitExceeded")
    tags = instance(ec2, instance_id)["Tags"]
    assert len(tags) == 50 and {"Key": "k0", "Value": "overwritten"} in tags
    expect_error(lambda: ec2.create_tags(Resources=[instance_id], Tags=[{"Key": "aws:cloudformation", "Value": "x"}]),
                 "InvalidParameterValue")


@pytest.mark.parametrize("resource, code", [
    ("i-0123456789abcdef0", "InvalidInstanceID.NotFound"),
    ("sg-0123456789abcdef0", "InvalidGroup.NotFound"),
    ("key-0123456789abcdef0", "InvalidKeyPair.NotFound"),
    ("nothing-here", "InvalidID"),
])
def test_create_tags_on_a_missing_resource(ec2, resource, code):
    expect_error(lambda: ec2.create_tags(Resources=[resource], Tags=[{"Key": "k", "Value": "v"}]), code)


def test_create_tags_is_all_or_nothing(ec2):
    instance_id = launch(ec2)["Instances"][0]["InstanceId"]
    expect_error(lambda: ec2.create_tags(Resources=[instance_id, "i-0123456789abcdef0"], Tags=[{"Key": "k", "Value": "v"}]),
                 "InvalidInstanceID.NotFound", "The instance ID 'i-0123456789abcdef0' does not exist")
    assert "Tags" not in instance(ec2, instance_id)


def test_tags_on_security_groups_and_key_pairs(ec2):
    suffix = uuid.uuid4().hex[:8]
    group = ec2.create_security_group(GroupName="tagged-" + suffix, Description="tagged")["GroupId"]
    pair = ec2.create_key_pair(KeyName="tagged-" + suffix)["KeyPairId"]
    default_group = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]["GroupId"]
    ec2.create_tags(Resources=[group, pair, default_group], Tags=[{"Key": "suite", "Value": suffix}])
    described = ec2.describe_tags(Filters=[{"Name": "value", "Values": [suffix]}])["Tags"]
    assert sorted((t["ResourceId"], t["ResourceType"]) for t in described) == sorted(
        [(group, "security-group"), (pair, "key-pair"), (default_group, "security-group")])
    only_pairs = ec2.describe_tags(Filters=[{"Name": "value", "Values": [suffix]},
                                            {"Name": "resource-type", "Values": ["key-pair"]}])["Tags"]
    assert [t["ResourceId"] for t in only_pairs] == [pair]
    # The resources' own Describe calls see the tags, and their names stay unique.
    sg = ec2.describe_security_groups(GroupIds=[group])["SecurityGroups"][0]
    assert sg["Tags"] == [{"Key": "suite", "Value": suffix}]
    kp = ec2.describe_key_pairs(KeyPairIds=[pair])["KeyPairs"][0]
    assert kp["Tags"] == [{"Key": "suite", "Value": suffix}]
    expect_error(lambda: ec2.create_key_pair(KeyName="tagged-" + suffix), "InvalidKeyPair.Duplicate")
    expect_error(lambda: ec2.create_security_group(GroupName="tagged-" + suffix, Description="again"),
                 "InvalidGroup.Duplicate")
    ec2.delete_tags(Resources=[group, pair, default_group], Tags=[{"Key": "suite"}])
    assert ec2.describe_tags(Filters=[{"Name": "value", "Values": [suffix]}])["Tags"] == []


def test_describe_tags_pages_and_refuses_unknown_filters(ec2):
    instance_id = launch(ec2)["Instances"][0]["InstanceId"]
    ec2.create_tags(Resources=[instance_id], Tags=[{"Key": f"p{n}", "Value": "v"} for n in range(7)])
    only = [{"Name": "resource-id", "Values": [instance_id]}]
    first = ec2.describe_tags(Filters=only, MaxResults=5)
    assert len(first["Tags"]) == 5 and first["NextToken"]
    second = ec2.describe_tags(Filters=only, MaxResults=5, NextToken=first["NextToken"])
    assert len(second["Tags"]) == 2 and "NextToken" not in second
    assert {t["Key"] for t in first["Tags"] + second["Tags"]} == {f"p{n}" for n in range(7)}
    expect_error(lambda: ec2.describe_tags(Filters=[{"Name": "colour", "Values": ["x"]}]), "InvalidParameterValue",
                 "The filter 'colour' is invalid")


# ---- AWS CLI --------------------------------------------------------------------------------

def test_cli_runs_an_instance_and_prints_the_table(server):
    _, launched, _ = server.cli("ec2", "run-instances", "--image-id", AL2023, "--count", "1")
    instance_id = launched["Instances"][0]["InstanceId"]
    assert INSTANCE_ID.match(instance_id)
    env = dict(os.environ)
    for key in ("AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE"):
        env.pop(key, None)
    env.update(AWS_ACCESS_KEY_ID=server.access_key_id, AWS_SECRET_ACCESS_KEY=server.secret_access_key,
               AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/dev/null", AWS_MAX_ATTEMPTS="1")
    result = subprocess.run(["aws", "--endpoint-url", server.endpoint, "ec2", "describe-instances", "--output", "table"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "DescribeInstances" in result.stdout
    assert instance_id in result.stdout
    assert re.search(r"\|\s+Name\s+\|\s+(pending|running)\s+\|", result.stdout), result.stdout
    _, stopped, _ = server.cli("ec2", "stop-instances", "--instance-ids", instance_id)
    assert stopped["StoppingInstances"][0]["InstanceId"] == instance_id
    rc, _, stderr = server.cli("ec2", "start-instances", "--instance-ids", "i-0123456789abcdef0", check=False)
    assert rc != 0 and "InvalidInstanceID.NotFound" in stderr


# ---- every response against botocore's shapes --------------------------------------------

def test_every_instance_response_matches_the_botocore_output_shape(server):
    ec2 = ec2_client(server)
    recorder = Recorder()
    ec2.meta.events.register("after-call", recorder)
    pair = ec2.create_key_pair(KeyName="shapes")["KeyPairId"]
    group = ec2.create_security_group(GroupName="shapes", Description="shapes")["GroupId"]
    launched = ec2.run_instances(ImageId=AL2023, MinCount=2, MaxCount=2, KeyName="shapes", SecurityGroupIds=[group],
                                 TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "a", "Value": "b"}]}])
    windows = ec2.run_instances(ImageId="ami-0a1b2c3d4e5f60004", InstanceType="m5.large", MinCount=1, MaxCount=1)
    first, second = (i["InstanceId"] for i in launched["Instances"])
    third = windows["Instances"][0]["InstanceId"]
    ec2.describe_instances()
    ec2.describe_instances(MaxResults=5)
    ec2.describe_instance_status(IncludeAllInstances=True)
    wait_for_state(ec2, first, "running")
    ec2.describe_instance_status()
    ec2.stop_instances(InstanceIds=[first])
    ec2.reboot_instances(InstanceIds=[second])
    ec2.describe_instances(InstanceIds=[first, second, third])
    wait_for_state(ec2, first, "stopped")
    ec2.start_instances(InstanceIds=[first])
    ec2.terminate_instances(InstanceIds=[third])
    wait_for_state(ec2, third, "terminated")
    ec2.create_tags(Resources=[first, group, pair], Tags=[{"Key": "k", "Value": "v"}])
    ec2.describe_tags()
    ec2.describe_tags(MaxResults=5)
    ec2.delete_tags(Resources=[first], Tags=[{"Key": "k"}])
    ec2.describe_instances()

    problems = []
    checked = set()
    for operation, body in recorder.bodies:
        if operation in ("CreateKeyPair", "CreateSecurityGroup"):
            continue
        checked.add(operation)
        problems += check_ec2_response(operation, body)
    assert not problems, "\n".join(problems)
    assert checked == {"RunInstances", "DescribeInstances", "DescribeInstanceStatus", "StopInstances", "StartInstances",
                       "RebootInstances", "TerminateInstances", "CreateTags", "DeleteTags", "DescribeTags"}, checked
