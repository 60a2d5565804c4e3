"""The PostgreSQL store: `warden migrate` from SQLite, and quotas that hold under concurrent requests on both engines.

Needs a PostgreSQL admin URL in WARDEN_E2E_POSTGRES_URL or WARDEN_TEST_POSTGRES_URL (`scripts/test` starts a
throw-away cluster and sets both)."""
import concurrent.futures
import os
import uuid

import botocore.exceptions
import pytest

from console_http import ConsoleHTTP, totp
from warden_server import WardenServer


def admin_url():
    url = os.environ.get("WARDEN_E2E_POSTGRES_URL") or os.environ.get("WARDEN_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no PostgreSQL: set WARDEN_E2E_POSTGRES_URL (scripts/test does)")
    return url


def fresh_schema_url():
    url = admin_url()
    return url + ("&" if "?" in url else "?") + "schema=m_" + uuid.uuid4().hex[:16]


def error_code(call):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        return error.response["Error"]["Code"]
    return None


def test_migrate_moves_a_sqlite_store_into_postgres_and_everything_still_works(warden_bin, warden, tmp_path):
    data = tmp_path / "data"
    target = fresh_schema_url()
    with WardenServer(warden_bin, data_dir=data, extra_args=["--database", ""]) as sqlite:
        iam = sqlite.client("iam")
        iam.create_user(UserName="Mover")
        iam.create_group(GroupName="Movers")
        iam.add_user_to_group(GroupName="Movers", UserName="Mover")
        iam.create_login_profile(UserName="Mover", Password="Mover-Passw0rd!1")
        key = iam.create_access_key(UserName="Mover")["AccessKey"]
        arn = iam.create_policy(PolicyName="ReadUsers", PolicyDocument=
                                '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}')["Policy"]["Arn"]
        iam.create_policy_version(PolicyArn=arn, SetAsDefault=True, PolicyDocument=
                                  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetUser","iam:ListUsers"],"Resource":"*"}]}')
        iam.attach_group_policy(GroupName="Movers", PolicyArn=arn)
        device = iam.create_virtual_mfa_device(VirtualMFADeviceName="Mover")["VirtualMFADevice"]
        seed = device["Base32StringSeed"].decode()
        iam.enable_mfa_device(UserName="Mover", SerialNumber=device["SerialNumber"],
                              AuthenticationCode1=totp(seed, -30), AuthenticationCode2=totp(seed))
        account = sqlite.account_id

    result = warden("migrate", "--data-dir", str(data), "--to", target)
    assert result.returncode == 0, result.stderr
    assert "iam_user: 1 rows" in result.stdout and "mfa_device: 1 rows" in result.stdout

    with WardenServer(warden_bin, data_dir=data, extra_args=["--database", target]) as postgres:
        iam = postgres.client("iam")
        assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="Mover")["Groups"]] == ["Movers"]
        versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
        assert [(v["VersionId"], v["IsDefaultVersion"]) for v in versions] == [("v2", True), ("v1", False)]
        assert iam.list_mfa_devices(UserName="Mover")["MFADevices"][0]["SerialNumber"] == device["SerialNumber"]
        # The migrated access key (sealed under the same master key) still signs requests, with the group's policy.
        mover = postgres.client("iam", access_key_id=key["AccessKeyId"], secret_access_key=key["SecretAccessKey"])
        assert mover.get_user()["User"]["UserName"] == "Mover"
        assert "Mover" in [u["UserName"] for u in mover.list_users()["Users"]]
        assert error_code(lambda: mover.list_groups()) == "AccessDenied"
        # Console password and MFA: the sign-in asks for the code, which the migrated seed produces.
        console = ConsoleHTTP(postgres.endpoint)
        page = console.sign_in(account, "Mover", "Mover-Passw0rd!1")
        assert page.status_code == 200 and 'name="code"' in page.text
        # A password change writes password history: its serial key continues after the copied rows.
        iam.update_login_profile(UserName="Mover", Password="Mover-Passw0rd!2")
        iam.update_login_profile(UserName="Mover", Password="Mover-Passw0rd!3")

    again = warden("migrate", "--data-dir", str(data), "--to", target)
    assert again.returncode != 0 and "not empty" in again.stderr


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_quotas_hold_when_requests_race(warden_bin, tmp_path, engine):
    database = fresh_schema_url() if engine == "postgres" else ""
    with WardenServer(warden_bin, data_dir=tmp_path / "data", extra_args=["--database", database]) as running:
        iam = running.client("iam")
        iam.create_user(UserName="Racer")

        def create_key(_):
            return error_code(lambda: running.client("iam").create_access_key(UserName="Racer"))
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            outcomes = list(pool.map(create_key, range(8)))
        assert outcomes.count(None) == 2, outcomes
        assert set(outcomes) == {None, "LimitExceeded"}
        assert len(iam.list_access_keys(UserName="Racer")["AccessKeyMetadata"]) == 2

        arn = iam.create_policy(PolicyName="Raced", PolicyDocument=
                                '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}')["Policy"]["Arn"]

        def create_version(i):
            document = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b%d/*"}]}' % i
            return error_code(lambda: running.client("iam").create_policy_version(PolicyArn=arn, PolicyDocument=document, SetAsDefault=True))
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            outcomes = list(pool.map(create_version, range(8)))
        assert outcomes.count(None) == 4, outcomes
        versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
        assert len(versions) == 5
        assert sum(1 for v in versions if v["IsDefaultVersion"]) == 1


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_one_device_enabled_for_two_users_at_once_goes_to_exactly_one(warden_bin, tmp_path, engine):
    database = fresh_schema_url() if engine == "postgres" else ""
    with WardenServer(warden_bin, data_dir=tmp_path / "data", extra_args=["--database", database]) as running:
        iam = running.client("iam")
        names = [f"Holder{i}" for i in range(4)]
        for name in names:
            iam.create_user(UserName=name)
        device = iam.create_virtual_mfa_device(VirtualMFADeviceName="Shared")["VirtualMFADevice"]
        seed = device["Base32StringSeed"].decode()
        codes = (totp(seed, -30), totp(seed))

        def enable(name):
            return error_code(lambda: running.client("iam").enable_mfa_device(
                UserName=name, SerialNumber=device["SerialNumber"], AuthenticationCode1=codes[0], AuthenticationCode2=codes[1]))
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            outcomes = list(pool.map(enable, names))
        assert outcomes.count(None) == 1, outcomes
        owners = [name for name in names if iam.list_mfa_devices(UserName=name)["MFADevices"]]
        assert len(owners) == 1 and outcomes[names.index(owners[0])] is None
