"""Web console, EC2 pages: instances (list, launch, stop/start/reboot/terminate), key pairs (create with the private
key shown once, import, delete), security groups (create, inbound rules, delete), the region switch, and denials.

Every change made in the browser is checked through boto3, as the AWS console's changes would be checked with the CLI.
Expected behaviour follows the AWS console (EC2 User Guide: "Launch an instance using the new launch instance wizard",
"Create a key pair", "Create a security group", "Stop and start your instance") and the EC2 API Reference."""
import json
import re
import subprocess
import time

import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

AL2023 = "ami-0a1b2c3d4e5f60001"
INSTANCE_ID = re.compile(r"i-[0-9a-f]{17}")


# ---- helpers ---------------------------------------------------------------------------------------------------

def signed_in(browser, server, user, password):
    browser.sign_in(server.account_id, user, password)
    WebDriverWait(browser.driver, 15).until(lambda driver: browser.path.startswith("/console/home"))
    return browser


def admin_browser(server, browser_factory, console_admin, **size):
    return signed_in(browser_factory(**size), server, *console_admin)


def submit(browser, css, confirm=None):
    """Clicks a submit button and waits for the next page (a click returns before the navigation ends). With
    `confirm` (True/False) the form asks first (data-confirm): the dialog is answered and its question returned."""
    browser.driver.execute_script("document.documentElement.dataset.testOldPage = '1'")
    browser.click(css)
    question = None
    if confirm is not None:
        alert = WebDriverWait(browser.driver, 5).until(expected_conditions.alert_is_present())
        question = alert.text
        alert.accept() if confirm else alert.dismiss()
        if not confirm:
            return question

    def loaded(driver):
        try:
            return driver.execute_script(
                "return !document.documentElement.dataset.testOldPage && document.readyState === 'complete'")
        except WebDriverException:  # between documents
            return False
    WebDriverWait(browser.driver, 15).until(loaded)
    return question


def make_user(server, name, policy):
    """An IAM user with one inline policy and a console password; returns (name, password)."""
    iam = server.client("iam")
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="console", PolicyDocument=json.dumps(policy))
    iam.create_login_profile(UserName=name, Password="Console-Passw0rd!")
    return name, "Console-Passw0rd!"


def instance(ec2, instance_id):
    return ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]


def all_instances(ec2):
    return [i for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]]


def wait_for_state(ec2, instance_id, state, timeout=10):
    deadline = time.time() + timeout
    while (current := instance(ec2, instance_id)["State"]["Name"]) != state:
        assert time.time() < deadline, f"{instance_id} stayed {current}, expected {state}"
        time.sleep(0.5)


def notice(browser):
    return browser.text("#notice")


def launch_from_console(browser, name, count=None, instance_type=None, key=None):
    browser.open("/console/ec2/instances")
    submit(browser, "#launch-instance")
    assert browser.path == "/console/ec2/instances/launch"
    browser.fill("#launch-name", name)
    if instance_type:
        browser.select("#launch-type", instance_type)
    if key is not None:
        browser.select("#launch-key", key)
    if count is not None:
        browser.fill("#launch-count", str(count))
    submit(browser, "#launch-submit")
    assert browser.path.startswith("/console/ec2/instances"), browser.path
    return INSTANCE_ID.findall(notice(browser))


# ---- instances -------------------------------------------------------------------------------------------------

def test_launch_stop_start_terminate(server, browser_factory, console_admin):
    browser = admin_browser(server, browser_factory, console_admin)
    ec2 = server.client("ec2")
    browser.open("/console/ec2")
    assert browser.path == "/console/ec2/instances"
    assert browser.exists("#instances-table") and browser.exists("#no-instances")

    # The wizard's defaults are the AWS console's: the first AMI, t2.micro, no key pair chosen, the default group.
    browser.open("/console/ec2/instances/launch")
    assert browser.find("#launch-image").get_attribute("value") == AL2023
    assert browser.find("#launch-type").get_attribute("value") == "t2.micro"
    assert browser.find("#launch-key").get_attribute("value") == ""
    default_group = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"][0]["GroupId"]
    assert browser.find("#launch-sg").get_attribute("value") == default_group
    assert browser.find("#launch-count").get_attribute("value") == "1"

    ids = launch_from_console(browser, "web-1", instance_type="t3.micro")
    assert len(ids) == 1 and notice(browser) == f"Launched {ids[0]}"
    iid = ids[0]
    launched = instance(ec2, iid)
    assert launched["State"]["Name"] in ("pending", "running")
    assert {"Key": "Name", "Value": "web-1"} in launched["Tags"]
    assert launched["InstanceType"] == "t3.micro" and launched["ImageId"] == AL2023
    assert [g["GroupId"] for g in launched["SecurityGroups"]] == [default_group]
    assert "KeyName" not in launched

    row = browser.find(f"#instance-{iid}")
    assert row.get_attribute("data-state") in ("pending", "running")
    assert browser.text(f"#instance-{iid} .instance-name") == "web-1"
    state = browser.find(f"#state-{iid}")
    assert state.get_attribute("class") == f"state-{state.get_attribute('data-state')}"
    assert launched["PrivateIpAddress"] in row.text and "t3.micro" in row.text

    wait_for_state(ec2, iid, "running")
    browser.open("/console/ec2/instances")
    assert browser.find(f"#state-{iid}").get_attribute("data-state") == "running"
    assert not browser.find(f"#start-{iid}").is_enabled()
    submit(browser, f"#reboot-{iid}")
    assert notice(browser) == f"Rebooting {iid}"
    assert instance(ec2, iid)["State"]["Name"] == "running"

    submit(browser, f"#stop-{iid}")
    assert notice(browser) == f"Stopping {iid}"
    assert instance(ec2, iid)["State"]["Name"] in ("stopping", "stopped")
    wait_for_state(ec2, iid, "stopped")
    browser.open("/console/ec2/instances")
    assert browser.find(f"#instance-{iid}").get_attribute("data-state") == "stopped"
    assert not browser.find(f"#stop-{iid}").is_enabled()

    submit(browser, f"#start-{iid}")
    assert notice(browser) == f"Starting {iid}"
    assert instance(ec2, iid)["State"]["Name"] in ("pending", "running")

    # Terminate asks first; dismissing the dialog sends nothing.
    question = submit(browser, f"#terminate-{iid}", confirm=False)
    assert iid in question
    assert instance(ec2, iid)["State"]["Name"] in ("pending", "running")
    submit(browser, f"#terminate-{iid}", confirm=True)
    assert notice(browser) == f"Terminating {iid}"
    assert instance(ec2, iid)["State"]["Name"] in ("shutting-down", "terminated")
    wait_for_state(ec2, iid, "terminated")
    browser.open("/console/ec2/instances")
    assert browser.find(f"#instance-{iid}").get_attribute("data-state") == "terminated"
    assert not browser.find(f"#terminate-{iid}").is_enabled()


def test_region_switch_launches_in_the_chosen_region(server, browser_factory, console_admin):
    browser = admin_browser(server, browser_factory, console_admin)
    browser.open("/console/ec2/instances")
    browser.select("#region-select", "eu-west-1")
    submit(browser, ".region-form button[type=submit]")
    assert browser.path == "/console/ec2/instances"
    assert browser.find("#region-select").get_attribute("value") == "eu-west-1"

    ids = launch_from_console(browser, "dublin", count=2)
    assert len(ids) == 2
    europe = server.client("ec2", region="eu-west-1")
    launched = all_instances(europe)
    assert sorted(i["InstanceId"] for i in launched) == sorted(ids)
    assert all(i["Placement"]["AvailabilityZone"].startswith("eu-west-1") for i in launched)
    assert all({"Key": "Name", "Value": "dublin"} in i["Tags"] for i in launched)
    assert all_instances(server.client("ec2")) == []
    for iid in ids:
        assert browser.exists(f"#instance-{iid}")


# ---- key pairs -------------------------------------------------------------------------------------------------

def test_key_pairs_create_import_delete(server, browser_factory, console_admin, tmp_path):
    browser = admin_browser(server, browser_factory, console_admin)
    ec2 = server.client("ec2")
    browser.open("/console/ec2/key-pairs")
    assert browser.exists("#key-pairs-table") and browser.exists("#no-key-pairs")

    for name, key_type in (("console-rsa", "rsa"), ("console-ed", "ed25519")):
        browser.fill("#key-name", name)
        browser.select("#key-type", key_type)
        browser.select("#key-format", "pem")
        submit(browser, "#key-create")
        # The private key is on the page answering the POST, never in a URL.
        assert browser.path == "/console/ec2/key-pairs/create"
        material = browser.text("#private-key")
        assert "PRIVATE KEY-----" in material
        download = browser.find("#download-key")
        assert download.get_attribute("data-download") == "private-key"
        assert download.get_attribute("data-filename") == f"{name}.pem"
        key_file = tmp_path / f"{name}.pem"
        key_file.write_text(material.strip() + "\n")
        key_file.chmod(0o600)
        derived = subprocess.run(["ssh-keygen", "-y", "-f", str(key_file)], capture_output=True, text=True, check=True)
        described = ec2.describe_key_pairs(KeyNames=[name], IncludePublicKey=True)["KeyPairs"][0]
        assert described["KeyType"] == key_type
        assert derived.stdout.split()[:2] == described["PublicKey"].split()[:2]
        assert browser.exists(f"#key-{name}")

    # Shown once: the list page does not show it again.
    browser.open("/console/ec2/key-pairs")
    assert not browser.exists("#private-key")
    assert "PRIVATE KEY" not in browser.source

    # A second key pair with a taken name is refused with EC2's error.
    browser.fill("#key-name", "console-rsa")
    submit(browser, "#key-create")
    assert "InvalidKeyPair.Duplicate" in browser.text("#error")
    assert not browser.exists("#private-key")

    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "laptop", "-f", str(tmp_path / "laptop")],
                   check=True)
    public = (tmp_path / "laptop.pub").read_text()
    browser.open("/console/ec2/key-pairs")
    browser.fill("#import-name", "laptop")
    browser.fill("#import-public-key", public)
    submit(browser, "#import-submit")
    assert notice(browser) == "Imported key pair laptop"
    imported = ec2.describe_key_pairs(KeyNames=["laptop"], IncludePublicKey=True)["KeyPairs"][0]
    assert imported["KeyType"] == "ed25519"
    assert imported["PublicKey"].split()[:2] == public.split()[:2]

    browser.fill("#import-name", "broken")
    browser.fill("#import-public-key", "ssh-rsa not-a-key")
    submit(browser, "#import-submit")
    assert "InvalidKey.Format" in browser.text("#error")

    submit(browser, "#delete-key-console-rsa", confirm=True)
    assert notice(browser) == "Deleted key pair console-rsa"
    names = sorted(k["KeyName"] for k in ec2.describe_key_pairs()["KeyPairs"])
    assert names == ["console-ed", "laptop"]
    assert not browser.exists("#key-console-rsa")

    # A launch can use a key pair from the list.
    ids = launch_from_console(browser, "with-key", key="laptop")
    assert instance(ec2, ids[0])["KeyName"] == "laptop"


# ---- security groups -------------------------------------------------------------------------------------------

def test_security_group_rules(server, browser_factory, console_admin):
    browser = admin_browser(server, browser_factory, console_admin)
    ec2 = server.client("ec2")
    browser.open("/console/ec2/security-groups")
    assert len(browser.find_all("#security-groups-table tbody tr")) == 1  # the default group

    browser.fill("#sg-name", "web-sg")
    browser.fill("#sg-description", "Web servers")
    submit(browser, "#sg-create")
    group = ec2.describe_security_groups(GroupNames=["web-sg"])["SecurityGroups"][0]
    gid = group["GroupId"]
    assert group["Description"] == "Web servers" and group["IpPermissions"] == []
    assert browser.path.split("?")[0] == f"/console/ec2/security-groups/{gid}"
    assert browser.text("#sg-detail-id") == gid and browser.text("#sg-detail-name") == "web-sg"
    # All outbound traffic is allowed by default.
    assert "All traffic" in browser.text("#outbound-rules") and "0.0.0.0/0" in browser.text("#outbound-rules")

    browser.select("#rule-protocol", "tcp")
    browser.fill("#rule-ports", "22")
    browser.fill("#rule-cidr", "203.0.113.0/24")
    submit(browser, "#rule-add")
    assert browser.path.split("?")[0] == f"/console/ec2/security-groups/{gid}"
    assert "Added an inbound rule" in notice(browser)
    permissions = ec2.describe_security_groups(GroupIds=[gid])["SecurityGroups"][0]["IpPermissions"]
    assert len(permissions) == 1
    rule = permissions[0]
    assert (rule["IpProtocol"], rule["FromPort"], rule["ToPort"]) == ("tcp", 22, 22)
    assert [r["CidrIp"] for r in rule["IpRanges"]] == ["203.0.113.0/24"]
    assert "203.0.113.0/24" in browser.text("#inbound-rules")

    # Malformed rules: the console's own check, then EC2's; nothing is added.
    browser.fill("#rule-ports", "ssh")
    submit(browser, "#rule-add")
    assert "port range" in browser.text("#error")
    browser.fill("#rule-ports", "443")
    browser.fill("#rule-cidr", "203.0.113.0/33")
    submit(browser, "#rule-add")
    assert "InvalidParameterValue" in browser.text("#error")
    assert len(ec2.describe_security_groups(GroupIds=[gid])["SecurityGroups"][0]["IpPermissions"]) == 1

    browser.open("/console/ec2/security-groups")
    assert browser.text(f"#group-{gid} .inbound-count") == "1"
    submit(browser, f"#open-{gid}")
    submit(browser, "#revoke-inbound-1", confirm=True)
    assert "Removed an inbound rule" in notice(browser)
    assert ec2.describe_security_groups(GroupIds=[gid])["SecurityGroups"][0]["IpPermissions"] == []

    submit(browser, "#sg-delete", confirm=True)
    assert browser.path.startswith("/console/ec2/security-groups?")
    assert notice(browser) == f"Deleted security group {gid}"
    assert [g["GroupName"] for g in ec2.describe_security_groups()["SecurityGroups"]] == ["default"]


# ---- denials and malformed input -------------------------------------------------------------------------------

def test_denials_show_aws_message_and_change_nothing(server, browser_factory, console_admin):
    ec2 = server.client("ec2")
    running = ec2.run_instances(ImageId=AL2023, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    wait_for_state(ec2, running, "running")
    make_user(server, "NoEC2", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:ChangePassword", "Resource": "*"}]})
    viewer = make_user(server, "Viewer", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
        {"Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*"}]})

    browser = signed_in(browser_factory(), server, "NoEC2", "Console-Passw0rd!")
    browser.open("/console/ec2/instances")
    assert "is not authorized to perform: ec2:DescribeInstances" in browser.text("#denial")
    assert not browser.exists("#instances-table")
    browser.sign_out()
    WebDriverWait(browser.driver, 15).until(lambda driver: not browser.path.startswith("/console/ec2"))
    signed_in(browser, server, *viewer)
    browser.open("/console/ec2/instances")
    assert browser.exists(f"#instance-{running}") and not browser.exists("#denial")
    # The gate refuses the stop: the state stays as it was.
    submit(browser, f"#stop-{running}")
    assert "is not authorized to perform: ec2:StopInstances" in browser.text("#denial")
    assert browser.exists("#instances-table")
    assert instance(ec2, running)["State"]["Name"] == "running"

    launch_page = "/console/ec2/instances/launch"
    browser.open(launch_page)
    browser.fill("#launch-name", "not-allowed")
    submit(browser, "#launch-submit")
    assert browser.path == launch_page
    denial = browser.text("#denial")
    assert "is not authorized to perform: ec2:RunInstances" in denial and "explicit deny" in denial
    assert browser.find("#launch-name").get_attribute("value") == "not-allowed"
    assert [i["InstanceId"] for i in all_instances(ec2)] == [running]


def test_malformed_requests_get_4xx(server, browser_factory, console_admin):
    browser = admin_browser(server, browser_factory, console_admin)
    browser.open("/console/ec2/instances")
    session = requests.Session()
    session.cookies.set("warden-session", browser.cookie("warden-session")["value"])
    csrf = browser.csrf()
    base = server.endpoint + "/console/ec2"

    def post(path, **form):
        return session.post(base + path, data={"csrf": csrf, **form}, allow_redirects=False)

    assert post("/instances/action", action="explode", instance="i-0123456789abcdef0").status_code == 400
    assert post("/instances/action", action="stop").status_code == 400
    assert post("/instances/action", action="stop", instance="nonsense").status_code == 400
    assert post("/instances/action", action="stop", instance="i-0123456789abcdef0").status_code == 404
    for count in ("0", "6", "abc", ""):
        assert post("/instances/launch", image=AL2023, type="t2.micro", count=count).status_code == 400
    assert post("/instances/launch", image="ami-nope", type="t2.micro", count="1").status_code == 404
    assert post("/instances/launch", image="nope", type="t2.micro", count="1").status_code == 400
    assert post("/instances/launch", image=AL2023, type="x9.huge", count="1").status_code == 400
    assert post("/key-pairs/create", key_name="", key_type="rsa", key_format="pem").status_code == 400
    assert post("/key-pairs/create", key_name="k", key_type="dsa", key_format="pem").status_code == 400
    assert post("/key-pairs/delete").status_code == 400
    assert post("/security-groups/create", group_name="x" * 300, group_description="d").status_code == 400
    assert post("/security-groups/sg-0123456789abcdef0/rules", protocol="tcp", ports="22",
                source="10.0.0.0/8").status_code == 404
    assert post("/security-groups/not-a-group/delete").status_code == 400
    default_group = server.client("ec2").describe_security_groups()["SecurityGroups"][0]["GroupId"]
    assert post(f"/security-groups/{default_group}/revoke", peer_kind="weird").status_code == 400
    assert session.get(base + "/security-groups/sg-0123456789abcdef0").status_code == 404
    assert session.get(base + "/nowhere").status_code == 404
    # A form without the session's CSRF token is refused before any call.
    refused = session.post(base + "/instances/launch", data={"image": AL2023, "type": "t2.micro", "count": "1"},
                           allow_redirects=False)
    assert refused.status_code == 403
    ec2 = server.client("ec2")
    assert all_instances(ec2) == []
    assert ec2.describe_key_pairs()["KeyPairs"] == []
    assert len(ec2.describe_security_groups()["SecurityGroups"]) == 1


def test_phone_width(server, browser_factory, console_admin):
    browser = admin_browser(server, browser_factory, console_admin, width=390, height=844)
    ids = launch_from_console(browser, "phone")
    assert len(ids) == 1
    # The table scrolls inside its wrapper instead of widening the page (headless Chromium's narrowest window is
    # 500 px wide, whatever was asked).
    page_width, window_width = browser.driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    assert page_width <= window_width
    table = browser.driver.execute_script(
        "const t = document.getElementById('instances-table'); return [t.scrollWidth, t.parentElement.clientWidth]")
    assert table[0] > table[1], "the table is wider than the phone and scrolls in its wrapper"
    browser.screenshot("console-ec2-phone")
