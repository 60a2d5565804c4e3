"""Virtual MFA devices and MFA-authenticated sessions (iam-facts §3, §4.6, §5, §8.1; botocore
`iam/2010-05-08` and `sts/2011-06-15`). TOTP codes come from Debian's oathtool for chosen instants
(`-N @EPOCH`), so nothing sleeps for a 30-second step; QR codes are read by zbarimg."""
import datetime
import shutil
import subprocess
import time

import pytest

from helpers import allow, client, document, expect_error, unique, user_with_key

SEED_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
MFA_FAILED = ("MultiFactorAuthentication failed, unable to validate MFA code.  "
              "Please verify your MFA serial number is valid and associated with this user.")


def oathtool(seed, at, window=0):
    """The 6-digit TOTP code of `seed` at epoch second `at` (a list of window+1 codes if window > 0)."""
    if not shutil.which("oathtool"):
        pytest.fail("oathtool is missing: apt-get install -y oathtool")
    out = subprocess.run(["oathtool", "--totp", "-b", seed, "-N", f"@{int(at)}", "-w", str(window)],
                         capture_output=True, text=True, check=True).stdout.split()
    return out if window else out[0]


def zbarimg(png, tmp_path):
    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg is missing: apt-get install -y zbar-tools")
    path = tmp_path / f"{unique('qr')}.png"
    path.write_bytes(png)
    return subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, check=True).stdout.strip()


def steady_now(margin=4):
    """Epoch seconds at least `margin` s before the current 30-s step ends (waits out a boundary if needed)."""
    left = 30 - time.time() % 30
    if left < margin:
        time.sleep(left + 0.2)
    return int(time.time())


def wrong_code(seed, now):
    """A 6-digit code that is none of the seed's codes within ±12 steps of `now`."""
    near = set(oathtool(seed, now - 360, window=24))
    return next(c for c in ("123456", "654321", "000000", "999999", "271828", "314159") if c not in near)


def create_device(iam, name=None, **extra):
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=name or unique("mfa"), **extra)["VirtualMFADevice"]
    return device["SerialNumber"], device["Base32StringSeed"].decode()


def enable(iam, user_name, serial, seed, now=None):
    """Enables with the codes of the previous and the current step; returns the instant used."""
    now = now or steady_now()
    iam.enable_mfa_device(UserName=user_name, SerialNumber=serial,
                          AuthenticationCode1=oathtool(seed, now - 30), AuthenticationCode2=oathtool(seed, now))
    return now


def recent(when, seconds=120):
    return abs((when - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) < seconds


def virtual_devices(iam, status):
    found = {}
    for page in iam.get_paginator("list_virtual_mfa_devices").paginate(AssignmentStatus=status):
        for device in page["VirtualMFADevices"]:
            found[device["SerialNumber"]] = device
    return found


# ---- devices ---------------------------------------------------------------------------------

def test_create_with_path_seed_qr_and_duplicate(shared_server, tmp_path):
    iam = client(shared_server)
    acct, name = shared_server.account_id, unique("dev")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=name, Path="/team/ops/")["VirtualMFADevice"]
    assert device["SerialNumber"] == f"arn:aws:iam::{acct}:mfa/team/ops/{name}"
    seed = device["Base32StringSeed"].decode()  # the blob's bytes are the ASCII Base32 secret
    assert len(seed) >= 32 and set(seed) <= SEED_ALPHABET, seed
    assert device["QRCodePNG"].startswith(b"\x89PNG\r\n\x1a\n")
    assert zbarimg(device["QRCodePNG"], tmp_path) == f"otpauth://totp/Warden:{name}@{acct}?secret={seed}&issuer=Warden"
    expect_error(lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName=name, Path="/team/ops/"),
                 "EntityAlreadyExists", 409)
    plain = iam.create_virtual_mfa_device(VirtualMFADeviceName=unique("dev"))["VirtualMFADevice"]
    assert plain["SerialNumber"].startswith(f"arn:aws:iam::{acct}:mfa/dev-")
    assert plain["Base32StringSeed"].decode() != seed


def test_qr_code_names_the_account_alias_once_there_is_one(server, tmp_path):
    iam = client(server)
    before = iam.create_virtual_mfa_device(VirtualMFADeviceName="before-alias")["VirtualMFADevice"]
    assert zbarimg(before["QRCodePNG"], tmp_path) == (f"otpauth://totp/Warden:before-alias@{server.account_id}"
                                                       f"?secret={before['Base32StringSeed'].decode()}&issuer=Warden")
    alias = unique("alias")
    iam.create_account_alias(AccountAlias=alias)
    name = unique("dev")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]
    seed = device["Base32StringSeed"].decode()
    assert zbarimg(device["QRCodePNG"], tmp_path) == f"otpauth://totp/Warden:{name}@{alias}?secret={seed}&issuer=Warden"


def test_enable_rejects_bad_codes_and_accepts_a_late_submission(shared_server):
    iam = client(shared_server)
    name = unique("user")
    iam.create_user(UserName=name)
    serial, seed = create_device(iam)
    _, other_seed = create_device(iam)
    now = steady_now()

    def attempt(code1, code2, user=name, device=serial):
        return lambda: iam.enable_mfa_device(UserName=user, SerialNumber=device,
                                             AuthenticationCode1=code1, AuthenticationCode2=code2)

    expect_error(attempt(oathtool(seed, now - 60), oathtool(seed, now)), "InvalidAuthenticationCode", 403)  # gap
    expect_error(attempt(oathtool(seed, now), oathtool(seed, now - 30)), "InvalidAuthenticationCode", 403)  # swapped
    expect_error(attempt(oathtool(other_seed, now - 30), oathtool(other_seed, now)), "InvalidAuthenticationCode", 403)
    expect_error(attempt(oathtool(seed, now - 30), oathtool(seed, now), user=unique("ghost")), "NoSuchEntity", 404)
    ghost_serial = f"arn:aws:iam::{shared_server.account_id}:mfa/{unique('ghost')}"
    expect_error(attempt(oathtool(seed, now - 30), oathtool(seed, now), device=ghost_serial), "NoSuchEntity", 404)
    unchecked = client(shared_server, validate=False)  # codes are exactly 6 digits ([\d]+, length 6)
    for code1, code2 in (("12345", oathtool(seed, now)), (oathtool(seed, now - 30), "12345a")):
        expect_error(lambda: unchecked.enable_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1=code1,
                                                         AuthenticationCode2=code2), "ValidationError", 400)
    # Codes typed two minutes ago (a late submission) are still two consecutive codes of the seed.
    enable(iam, name, serial, seed, now=now - 120)
    assert [d["SerialNumber"] for d in iam.list_mfa_devices(UserName=name)["MFADevices"]] == [serial]
    # An assigned device cannot be enabled again, for this user or another.
    other = unique("user")
    iam.create_user(UserName=other)
    later = steady_now()
    expect_error(attempt(oathtool(seed, later), oathtool(seed, later + 30)), "EntityAlreadyExists", 409)
    expect_error(attempt(oathtool(seed, later), oathtool(seed, later + 30), user=other), "EntityAlreadyExists", 409)


def test_a_ninth_device_for_one_user_is_over_the_quota(shared_server):
    iam = client(shared_server)
    name = unique("user")
    iam.create_user(UserName=name)
    devices = [create_device(iam) for _ in range(9)]
    now = steady_now(margin=8)
    for serial, seed in devices[:8]:
        enable(iam, name, serial, seed, now=now)
    assert len(iam.list_mfa_devices(UserName=name)["MFADevices"]) == 8
    serial, seed = devices[8]
    expect_error(lambda: enable(iam, name, serial, seed, now=now), "LimitExceeded", 409)
    iam.deactivate_mfa_device(UserName=name, SerialNumber=devices[0][0])
    enable(iam, name, serial, seed, now=now)
    assert len(iam.list_mfa_devices(UserName=name)["MFADevices"]) == 8


def test_five_wrong_attempts_throttle_the_device(shared_server):
    iam = client(shared_server)
    name = unique("user")
    iam.create_user(UserName=name)
    serial, seed = create_device(iam)
    now = steady_now()
    bad = wrong_code(seed, now)
    for _ in range(5):
        expect_error(lambda: iam.enable_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1=bad,
                                                   AuthenticationCode2=bad), "InvalidAuthenticationCode", 403)
    expect_error(lambda: enable(iam, name, serial, seed, now=now), "LimitExceeded", 409)
    assert iam.list_mfa_devices(UserName=name)["MFADevices"] == []


def test_list_get_and_assignment_filters(shared_server):
    iam = client(shared_server)
    name = unique("user")
    user = iam.create_user(UserName=name)["User"]
    assigned, seed = create_device(iam)
    spare, _ = create_device(iam)
    enable(iam, name, assigned, seed)
    [listed] = iam.list_mfa_devices(UserName=name)["MFADevices"]
    assert listed["UserName"] == name and listed["SerialNumber"] == assigned and recent(listed["EnableDate"])
    got = iam.get_mfa_device(SerialNumber=assigned, UserName=name)
    assert got["UserName"] == name and got["SerialNumber"] == assigned
    assert got["EnableDate"] == listed["EnableDate"]

    on, off, both = (virtual_devices(iam, status) for status in ("Assigned", "Unassigned", "Any"))
    assert assigned in on and assigned not in off and spare in off and spare not in on
    assert assigned in both and spare in both
    assert on[assigned]["User"]["UserName"] == name and on[assigned]["User"]["Arn"] == user["Arn"]
    assert on[assigned]["EnableDate"] == listed["EnableDate"]
    assert set(off[spare]) == {"SerialNumber"}, off[spare]  # no User, no EnableDate
    for entry in both.values():
        assert "Base32StringSeed" not in entry and "QRCodePNG" not in entry


def test_delete_deactivate_and_delete_user_conflicts(shared_server):
    iam = client(shared_server)
    name = unique("user")
    iam.create_user(UserName=name)
    serial, seed = create_device(iam)
    enable(iam, name, serial, seed)
    expect_error(lambda: iam.delete_virtual_mfa_device(SerialNumber=serial), "DeleteConflict", 409)
    expect_error(lambda: iam.delete_user(UserName=name), "DeleteConflict", 409)
    iam.deactivate_mfa_device(UserName=name, SerialNumber=serial)
    assert iam.list_mfa_devices(UserName=name)["MFADevices"] == []
    assert serial in virtual_devices(iam, "Unassigned"), "a deactivated virtual device is kept, unassigned"
    iam.delete_virtual_mfa_device(SerialNumber=serial)
    assert serial not in virtual_devices(iam, "Any")
    expect_error(lambda: iam.delete_virtual_mfa_device(SerialNumber=serial), "NoSuchEntity", 404)
    unknown = f"arn:aws:iam::{shared_server.account_id}:mfa/{unique('nodev')}"
    expect_error(lambda: iam.delete_virtual_mfa_device(SerialNumber=unknown), "NoSuchEntity", 404)
    iam.delete_user(UserName=name)


def test_resync_with_later_codes_then_replay_fails(shared_server):
    iam = client(shared_server)
    name = unique("user")
    iam.create_user(UserName=name)
    serial, seed = create_device(iam)
    now = enable(iam, name, serial, seed)
    later = (oathtool(seed, now + 30), oathtool(seed, now + 60))
    iam.resync_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1=later[0], AuthenticationCode2=later[1])
    expect_error(lambda: iam.resync_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1=later[0],
                                               AuthenticationCode2=later[1]), "InvalidAuthenticationCode", 403)


def test_mfa_device_tags(shared_server):
    iam = client(shared_server)
    serial, _ = create_device(iam, Tags=[{"Key": "team", "Value": "blue"}])
    assert iam.list_mfa_device_tags(SerialNumber=serial)["Tags"] == [{"Key": "team", "Value": "blue"}]
    iam.tag_mfa_device(SerialNumber=serial, Tags=[{"Key": "cost", "Value": "42"}, {"Key": "team", "Value": "red"}])
    tags = {t["Key"]: t["Value"] for t in iam.list_mfa_device_tags(SerialNumber=serial)["Tags"]}
    assert tags == {"team": "red", "cost": "42"}
    iam.untag_mfa_device(SerialNumber=serial, TagKeys=["team"])
    assert iam.list_mfa_device_tags(SerialNumber=serial)["Tags"] == [{"Key": "cost", "Value": "42"}]
    unknown = f"arn:aws:iam::{shared_server.account_id}:mfa/{unique('nodev')}"
    expect_error(lambda: iam.list_mfa_device_tags(SerialNumber=unknown), "NoSuchEntity", 404)


# ---- MFA sessions (GetSessionToken with SerialNumber + TokenCode) ----------------------------

def mfa_user(server, inline=None):
    iam = client(server)
    user = user_with_key(iam, inline=inline)
    serial, seed = create_device(iam)
    now = enable(iam, user["Name"], serial, seed)
    return user, serial, seed, now


def test_session_token_with_mfa_carries_the_mfa_context(shared_server):
    acct = shared_server.account_id
    user, serial, seed, now = mfa_user(shared_server, inline=document(
        {"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*",
         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
        {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
         "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}},
        {"Effect": "Allow", "Action": "iam:ListGroups", "Resource": "*",
         "Condition": {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "3600"}}}))
    long_term = client(shared_server, creds=user)
    expect_error(long_term.list_users, "AccessDenied", 403,
                 f"User: {user['Arn']} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::{acct}:user/ "
                 "because no identity-based policy allows the iam:ListUsers action")
    expect_error(long_term.get_user, "AccessDenied", 403)

    creds = client(shared_server, "sts", creds=user).get_session_token(
        SerialNumber=serial, TokenCode=oathtool(seed, now + 30))["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA") and creds["SessionToken"]
    with_mfa = client(shared_server, creds=creds)
    assert user["Name"] in [u["UserName"] for u in with_mfa.list_users(MaxItems=1000)["Users"]]
    assert with_mfa.get_user()["User"]["Arn"] == user["Arn"]
    # The age is a small number: a condition wanting more than an hour does not match.
    expect_error(with_mfa.list_groups, "AccessDenied", 403,
                 contains="because no identity-based policy allows the iam:ListGroups action")
    assert client(shared_server, "sts", creds=creds).get_caller_identity()["Arn"] == user["Arn"]


def test_session_token_mfa_failures(shared_server):
    acct = shared_server.account_id
    alice, serial, seed, now = mfa_user(shared_server)
    bob = user_with_key(client(shared_server))
    alice_sts, bob_sts = client(shared_server, "sts", creds=alice), client(shared_server, "sts", creds=bob)
    good = oathtool(seed, now + 30)
    expect_error(lambda: alice_sts.get_session_token(SerialNumber=serial, TokenCode=wrong_code(seed, now)),
                 "AccessDenied", 403, MFA_FAILED)
    expect_error(lambda: bob_sts.get_session_token(SerialNumber=serial, TokenCode=good), "AccessDenied", 403, MFA_FAILED)
    ghost = f"arn:aws:iam::{acct}:mfa/{unique('nodev')}"
    expect_error(lambda: alice_sts.get_session_token(SerialNumber=ghost, TokenCode=good), "AccessDenied", 403, MFA_FAILED)
    creds = alice_sts.get_session_token(SerialNumber=serial, TokenCode=good)["Credentials"]
    expect_error(lambda: alice_sts.get_session_token(SerialNumber=serial, TokenCode=good), "AccessDenied", 403, MFA_FAILED)
    # GetSessionToken needs long-term credentials.
    session_sts = client(shared_server, "sts", creds=creds)
    expect_error(session_sts.get_session_token, "AccessDenied", 403)
    expect_error(lambda: session_sts.get_session_token(SerialNumber=serial, TokenCode=oathtool(seed, now + 60)),
                 "AccessDenied", 403)
    # A deactivated device no longer vouches for its former user.
    client(shared_server).deactivate_mfa_device(UserName=alice["Name"], SerialNumber=serial)
    expect_error(lambda: alice_sts.get_session_token(SerialNumber=serial, TokenCode=oathtool(seed, now + 60)),
                 "AccessDenied", 403, MFA_FAILED)


def test_mfa_present_is_absent_for_long_term_keys(shared_server):
    # iam-facts §3: the key is absent for access keys, so `Bool ... false` does not match them while
    # `BoolIfExists ... false` does.
    acct = shared_server.account_id
    user, serial, seed, now = mfa_user(shared_server, inline=document(
        allow(["iam:GetUser", "iam:ListUsers"]),
        {"Effect": "Deny", "Action": "iam:GetUser", "Resource": "*",
         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
        {"Effect": "Deny", "Action": "iam:ListUsers", "Resource": "*",
         "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}))
    long_term = client(shared_server, creds=user)
    assert long_term.get_user()["User"]["UserName"] == user["Name"]
    expect_error(long_term.list_users, "AccessDenied", 403,
                 f"User: {user['Arn']} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::{acct}:user/ "
                 "with an explicit deny in an identity-based policy")
    creds = client(shared_server, "sts", creds=user).get_session_token(
        SerialNumber=serial, TokenCode=oathtool(seed, now + 30))["Credentials"]
    with_mfa = client(shared_server, creds=creds)
    assert with_mfa.get_user()["User"]["UserName"] == user["Name"]
    with_mfa.list_users()
