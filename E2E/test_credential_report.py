"""GenerateCredentialReport / GetCredentialReport (IAM User Guide, "Getting credential reports";
botocore `iam/2010-05-08`): AWS's columns in AWS's order, the `<root_account>` row first, `N/A`,
`not_supported` and `no_information` where AWS writes them, a report kept four hours, and the errors
ReportNotPresent / ReportExpired (410)."""
import csv
import datetime
import io
import sqlite3
import time

import pytest

from console_http import ConsoleHTTP
from helpers import allow, client, document, expect_error, unique, user_with_key
from test_mfa_devices import create_device, enable
from test_uploaded_credentials import certificate
from test_wire_shapes import Recorder, check_response
from warden_server import WardenServer

COLUMNS = [
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
    "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
    "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
    "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
    "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
]
NOT_PRESENT = "Credential report not present"


def report_time(when):
    """The report's date format: `2014-09-01T22:28:48+00:00`."""
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def parse(content):
    rows = list(csv.reader(io.StringIO(content.decode())))
    assert rows[0] == COLUMNS
    return {row[0]: dict(zip(COLUMNS, row)) for row in rows[1:]}, [row[0] for row in rows[1:]]


def near_now(text, seconds=120):
    when = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S+00:00").replace(tzinfo=datetime.timezone.utc)
    return abs((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds()) < seconds


def test_not_present_then_started_then_complete_with_the_model_shapes(server):
    iam = server.client("iam")
    recorder = Recorder()
    iam.meta.events.register("after-call", recorder)
    expect_error(iam.get_credential_report, "ReportNotPresent", 410, NOT_PRESENT)
    first = iam.generate_credential_report()
    assert first["State"] == "STARTED"
    assert first["Description"] == "No report exists. Starting a new report generation task"
    again = iam.generate_credential_report()
    assert again["State"] == "COMPLETE" and "Description" not in again
    report = iam.get_credential_report()
    assert report["ReportFormat"] == "text/csv"
    assert abs((datetime.datetime.now(datetime.timezone.utc) - report["GeneratedTime"]).total_seconds()) < 120
    rows, order = parse(report["Content"])
    assert order == ["<root_account>"]
    root = rows["<root_account>"]
    assert root["arn"] == f"arn:aws:iam::{server.account_id}:root"
    assert near_now(root["user_creation_time"])
    # No root console password was set: nothing to report about one.
    assert (root["password_enabled"], root["password_last_used"], root["password_last_changed"],
            root["password_next_rotation"]) == ("not_supported", "N/A", "not_supported", "not_supported")
    assert root["mfa_active"] == "false"
    assert root["access_key_1_active"] == "true" and near_now(root["access_key_1_last_rotated"])
    assert [root[f"access_key_2_{c}"] for c in ("active", "last_rotated", "last_used_date", "last_used_region",
                                                 "last_used_service")] == ["false", "N/A", "N/A", "N/A", "N/A"]
    assert [root[c] for c in ("cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated")] == [
        "false", "N/A", "false", "N/A"]
    problems = []
    for operation, body in recorder.bodies:
        problems += check_response("iam", operation, body)
    assert not problems, "\n".join(problems)
    assert {operation for operation, _ in recorder.bodies} == {"GenerateCredentialReport", "GetCredentialReport"}


def test_rows_reflect_passwords_mfa_keys_and_certificates(server, tmp_path):
    iam = server.client("iam")
    iam.update_account_password_policy(MinimumPasswordLength=8, MaxPasswordAge=90)
    # carol: password never used, MFA, two keys (the second inactive), a signing certificate.
    carol = user_with_key(iam, name="carol")
    iam.create_login_profile(UserName="carol", Password="Carol-Passw0rd!")
    serial, seed = create_device(iam)
    enable(iam, "carol", serial, seed)
    # Key creation times have whole seconds: a second apart, "key 1" and "key 2" cannot tie.
    time.sleep(1.1)
    second = iam.create_access_key(UserName="carol")["AccessKey"]
    iam.update_access_key(UserName="carol", AccessKeyId=second["AccessKeyId"], Status="Inactive")
    iam.upload_signing_certificate(UserName="carol", CertificateBody=certificate(tmp_path))
    iam.put_user_policy(UserName="carol", PolicyName="self", PolicyDocument=document(allow("iam:GetUser")))
    client(server, "iam", carol).get_user()
    # erin: signs in to the console with her password.
    iam.create_user(UserName="erin")
    iam.create_login_profile(UserName="erin", Password="Erin-Passw0rd!")
    assert ConsoleHTTP(server.endpoint).sign_in(server.account_id, "erin", "Erin-Passw0rd!").status_code == 200
    # dave: nothing at all; "a,b": a name CSV has to quote.
    iam.create_user(UserName="dave")
    iam.create_user(UserName="a,b", Path="/x/")
    iam.generate_credential_report()
    content = iam.get_credential_report()["Content"]
    assert b'"a,b",' in content, "a field with a comma is quoted"
    rows, order = parse(content)
    assert order == ["<root_account>", "a,b", "carol", "dave", "erin"]
    assert rows["a,b"]["arn"] == f"arn:aws:iam::{server.account_id}:user/x/a,b"

    row = rows["carol"]
    user = iam.get_user(UserName="carol")["User"]
    profile = iam.get_login_profile(UserName="carol")["LoginProfile"]
    keys = sorted(iam.list_access_keys(UserName="carol")["AccessKeyMetadata"], key=lambda k: k["CreateDate"])
    assert row["arn"] == user["Arn"] and row["user_creation_time"] == report_time(user["CreateDate"])
    assert (row["password_enabled"], row["password_last_used"]) == ("true", "no_information")
    assert row["password_last_changed"] == report_time(profile["CreateDate"])
    assert row["password_next_rotation"] == report_time(profile["CreateDate"] + datetime.timedelta(days=90))
    assert row["mfa_active"] == "true"
    assert keys[0]["AccessKeyId"] == carol["AccessKeyId"]
    assert row["access_key_1_active"] == "true"
    assert row["access_key_1_last_rotated"] == report_time(keys[0]["CreateDate"])
    used = iam.get_access_key_last_used(AccessKeyId=carol["AccessKeyId"])["AccessKeyLastUsed"]
    assert row["access_key_1_last_used_date"] == report_time(used["LastUsedDate"])
    assert (row["access_key_1_last_used_region"], row["access_key_1_last_used_service"]) == ("us-east-1", "iam")
    assert row["access_key_2_active"] == "false", "an inactive key is reported, not active"
    assert row["access_key_2_last_rotated"] == report_time(keys[1]["CreateDate"])
    assert [row[f"access_key_2_last_used_{c}"] for c in ("date", "region", "service")] == ["N/A", "N/A", "N/A"]
    cert = iam.list_signing_certificates(UserName="carol")["Certificates"][0]
    assert (row["cert_1_active"], row["cert_1_last_rotated"]) == ("true", report_time(cert["UploadDate"]))
    assert (row["cert_2_active"], row["cert_2_last_rotated"]) == ("false", "N/A")

    assert rows["erin"]["password_enabled"] == "true" and near_now(rows["erin"]["password_last_used"])
    assert rows["erin"]["mfa_active"] == "false"
    dave = rows["dave"]
    assert [dave[c] for c in COLUMNS[3:8]] == ["false", "N/A", "N/A", "N/A", "false"]
    assert [dave[c] for c in COLUMNS[8:]] == ["false", "N/A", "N/A", "N/A", "N/A"] * 2 + ["false", "N/A"] * 2


@pytest.mark.sqlite_only  # backdates the stored report in the SQLite file
def test_a_report_is_a_snapshot_kept_four_hours_then_expired(warden_bin, tmp_path):
    data = tmp_path / "data"
    with WardenServer(warden_bin, data_dir=data) as running:
        iam = running.client("iam")
        assert iam.generate_credential_report()["State"] == "STARTED"
        iam.create_user(UserName="later")
        assert iam.generate_credential_report()["State"] == "COMPLETE", "a recent report is kept"
        rows, _ = parse(iam.get_credential_report()["Content"])
        assert "later" not in rows, "the kept report is the one generated before the user existed"
    # Four hours and a second later (the stored report is backdated).
    with sqlite3.connect(data / "warden.sqlite") as db:
        db.execute("UPDATE credential_report SET generated_at = generated_at - 14401")
    with WardenServer(warden_bin, data_dir=data) as running:
        iam = running.client("iam")
        expect_error(iam.get_credential_report, "ReportExpired", 410, "Credential report expired")
        assert iam.generate_credential_report()["State"] == "STARTED"
        rows, _ = parse(iam.get_credential_report()["Content"])
        assert "later" in rows


def test_the_gate_decides_who_generates_and_who_reads(server):
    iam = server.client("iam")
    acct = server.account_id
    reader = user_with_key(iam, inline=document(allow("iam:GetCredentialReport")))
    as_reader = client(server, "iam", reader)
    expect_error(as_reader.generate_credential_report, "AccessDenied", 403,
                 f"User: {reader['Arn']} is not authorized to perform: iam:GenerateCredentialReport on resource: * "
                 "because no identity-based policy allows the iam:GenerateCredentialReport action")
    # The refused request generated nothing.
    expect_error(as_reader.get_credential_report, "ReportNotPresent", 410, NOT_PRESENT)
    generator = user_with_key(iam, inline=document(allow("iam:GenerateCredentialReport")))
    as_generator = client(server, "iam", generator)
    assert as_generator.generate_credential_report()["State"] == "STARTED"
    expect_error(as_generator.get_credential_report, "AccessDenied", 403,
                 f"User: {generator['Arn']} is not authorized to perform: iam:GetCredentialReport on resource: * "
                 "because no identity-based policy allows the iam:GetCredentialReport action")
    rows, _ = parse(as_reader.get_credential_report()["Content"])
    assert {reader["Name"], generator["Name"]} <= set(rows)
    assert acct in rows["<root_account>"]["arn"]


def test_report_never_contains_secrets(server):
    iam = server.client("iam")
    person = user_with_key(iam, name=unique("secretive"))
    iam.create_login_profile(UserName=person["Name"], Password="Very-Secret-Passw0rd!")
    iam.generate_credential_report()
    text = iam.get_credential_report()["Content"].decode()
    assert person["SecretAccessKey"] not in text
    assert server.secret_access_key not in text
    assert "Very-Secret-Passw0rd!" not in text
    assert person["AccessKeyId"] not in text, "AWS's report names no key ids either"
