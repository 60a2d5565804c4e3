"""Login profiles, the account password policy and ChangePassword (iam-facts §4.7; botocore
`iam/2010-05-08`; the IAM API reference for UpdateAccountPasswordPolicy). Tests that set the
account-wide password policy get a fresh server of their own."""
import datetime

import pytest
from botocore.exceptions import ClientError

from helpers import allow, client, deny, document, expect_error, unique, user_with_key

FIELDS = ("RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters", "RequireLowercaseCharacters",
          "AllowUsersToChangePassword")


def no_profile(name):
    return f"Login Profile for User {name} cannot be found."


def no_policy(account):
    return f"The Password Policy with domain name {account} cannot be found."


def policy_of(iam):
    return iam.get_account_password_policy()["PasswordPolicy"]


def client_error(call):
    with pytest.raises(ClientError) as info:
        call()
    return info.value.response


def test_login_profile_lifecycle_and_messages(shared_server):
    iam = client(shared_server)
    user = user_with_key(iam, inline=document(allow("iam:ChangePassword")))
    name = user["Name"]
    expect_error(lambda: iam.get_login_profile(UserName=name), "NoSuchEntity", 404, no_profile(name))
    expect_error(lambda: iam.update_login_profile(UserName=name, PasswordResetRequired=True),
                 "NoSuchEntity", 404, no_profile(name))
    expect_error(lambda: iam.delete_login_profile(UserName=name), "NoSuchEntity", 404, no_profile(name))
    ghost = unique("ghost")
    expect_error(lambda: iam.create_login_profile(UserName=ghost, Password="Ghost-Passw0rd!"), "NoSuchEntity", 404,
                 f"The user with name {ghost} cannot be found.")
    expect_error(lambda: iam.get_login_profile(UserName=ghost), "NoSuchEntity", 404,
                 f"The user with name {ghost} cannot be found.")

    created = iam.create_login_profile(UserName=name, Password="First-Passw0rd!")["LoginProfile"]
    assert created["UserName"] == name and created["PasswordResetRequired"] is False
    assert abs((created["CreateDate"] - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) < 120
    got = iam.get_login_profile(UserName=name)["LoginProfile"]
    assert got == created
    expect_error(lambda: iam.create_login_profile(UserName=name, Password="Other-Passw0rd!"), "EntityAlreadyExists", 409)

    iam.update_login_profile(UserName=name, Password="Second-Passw0rd!", PasswordResetRequired=True)
    assert iam.get_login_profile(UserName=name)["LoginProfile"]["PasswordResetRequired"] is True
    iam.update_login_profile(UserName=name, PasswordResetRequired=False)  # the password stays as it is
    assert iam.get_login_profile(UserName=name)["LoginProfile"]["PasswordResetRequired"] is False
    # The admin's new password is the one in force.
    own = client(shared_server, creds=user)
    wrong = client_error(lambda: own.change_password(OldPassword="First-Passw0rd!", NewPassword="Third-Passw0rd!"))
    assert 400 <= wrong["ResponseMetadata"]["HTTPStatusCode"] < 500, wrong
    own.change_password(OldPassword="Second-Passw0rd!", NewPassword="Third-Passw0rd!")

    iam.delete_login_profile(UserName=name)
    expect_error(lambda: iam.get_login_profile(UserName=name), "NoSuchEntity", 404, no_profile(name))
    expect_error(lambda: own.change_password(OldPassword="Third-Passw0rd!", NewPassword="Fourth-Passw0rd!"),
                 "NoSuchEntity", 404)
    # A password keeps its user from being deleted.
    keyless = unique("keyless")
    iam.create_user(UserName=keyless)
    iam.create_login_profile(UserName=keyless, Password="Keyless-Passw0rd!")
    expect_error(lambda: iam.delete_user(UserName=keyless), "DeleteConflict", 409,
                 "Cannot delete entity, must delete login profile first.")
    # Deleting the password does not disable the access keys.
    assert client(shared_server, "sts", creds=user).get_caller_identity()["Arn"] == user["Arn"]


def test_change_password_by_root_is_rejected(shared_server):
    error = expect_error(lambda: client(shared_server).change_password(OldPassword="Root-Passw0rd!",
                                                                       NewPassword="New-Root-Passw0rd!"),
                         "InvalidUserType", 400)
    assert error["Message"]


def test_policy_is_absent_until_set_and_updates_replace_it(server):
    iam = client(server)
    expect_error(lambda: iam.get_account_password_policy(), "NoSuchEntity", 404, no_policy(server.account_id))
    expect_error(lambda: iam.delete_account_password_policy(), "NoSuchEntity", 404)
    iam.update_account_password_policy(MinimumPasswordLength=10, RequireSymbols=True, RequireNumbers=True,
                                       RequireUppercaseCharacters=True, RequireLowercaseCharacters=True,
                                       AllowUsersToChangePassword=True, MaxPasswordAge=90, PasswordReusePrevention=3,
                                       HardExpiry=True)
    policy = policy_of(iam)
    assert policy["MinimumPasswordLength"] == 10
    assert all(policy[field] is True for field in FIELDS), policy
    assert policy["ExpirePasswords"] is True and policy["MaxPasswordAge"] == 90
    assert policy["PasswordReusePrevention"] == 3 and policy["HardExpiry"] is True

    # No partial updates: every field left out goes back to its default.
    iam.update_account_password_policy(MinimumPasswordLength=12)
    policy = policy_of(iam)
    assert policy["MinimumPasswordLength"] == 12
    assert all(policy[field] is False for field in FIELDS), policy
    assert policy["ExpirePasswords"] is False and "MaxPasswordAge" not in policy
    assert "PasswordReusePrevention" not in policy and policy.get("HardExpiry", False) is False
    iam.update_account_password_policy(RequireSymbols=True)
    assert policy_of(iam)["MinimumPasswordLength"] == 6 and policy_of(iam)["RequireSymbols"] is True

    iam.update_account_password_policy(MaxPasswordAge=1)
    assert policy_of(iam)["ExpirePasswords"] is True
    iam.delete_account_password_policy()
    expect_error(lambda: iam.get_account_password_policy(), "NoSuchEntity", 404, no_policy(server.account_id))


@pytest.mark.parametrize("field, value", [
    ("MinimumPasswordLength", 5), ("MinimumPasswordLength", 129), ("MaxPasswordAge", 0), ("MaxPasswordAge", 1096),
    ("PasswordReusePrevention", 0), ("PasswordReusePrevention", 25)])
def test_policy_values_out_of_range_are_validation_errors(shared_server, field, value):
    # The server must check ranges itself for clients that do not (botocore's checks are off here).
    unchecked = client(shared_server, validate=False)
    expect_error(lambda: unchecked.update_account_password_policy(**{field: value}), "ValidationError", 400)


def test_policy_range_edges_are_accepted_and_a_rejected_update_changes_nothing(server):
    iam, unchecked = client(server), client(server, validate=False)
    iam.update_account_password_policy(MinimumPasswordLength=6, MaxPasswordAge=1, PasswordReusePrevention=1)
    policy = policy_of(iam)
    assert (policy["MinimumPasswordLength"], policy["MaxPasswordAge"], policy["PasswordReusePrevention"]) == (6, 1, 1)
    iam.update_account_password_policy(MinimumPasswordLength=128, MaxPasswordAge=1095, PasswordReusePrevention=24)
    policy = policy_of(iam)
    assert (policy["MinimumPasswordLength"], policy["MaxPasswordAge"], policy["PasswordReusePrevention"]) == (128, 1095, 24)
    expect_error(lambda: unchecked.update_account_password_policy(MinimumPasswordLength=200, RequireSymbols=True),
                 "ValidationError", 400)
    assert policy_of(iam) == policy


@pytest.mark.parametrize("password, rule", [
    ("Ab1!efgh", "at least 10 characters"),
    ("Abcdefgh12", "a symbol"),
    ("Abcdefgh1~", "a symbol from AWS's list (~ is not in it)"),
    ("Abcdefgh!!", "a number"),
    ("abcdefg1!x", "an uppercase letter"),
    ("ABCDEFG1!X", "a lowercase letter"),
])
def test_each_character_class_rule_is_enforced(server_with_strict_policy, password, rule):
    server, iam, name = server_with_strict_policy
    expect_error(lambda: iam.create_login_profile(UserName=name, Password=password), "PasswordPolicyViolation", 400)


@pytest.fixture(scope="module")
def server_with_strict_policy(warden_bin):
    from warden_server import WardenServer
    with WardenServer(warden_bin, ephemeral=True) as running:
        iam = client(running)
        iam.update_account_password_policy(MinimumPasswordLength=10, RequireSymbols=True, RequireNumbers=True,
                                           RequireUppercaseCharacters=True, RequireLowercaseCharacters=True,
                                           AllowUsersToChangePassword=True)
        name = unique("strict")
        iam.create_user(UserName=name)
        yield running, iam, name


def test_the_policy_applies_to_create_update_and_change(server_with_strict_policy):
    server, iam, _ = server_with_strict_policy
    user = user_with_key(iam)
    iam.create_login_profile(UserName=user["Name"], Password="Abcdefg1!x")
    expect_error(lambda: iam.update_login_profile(UserName=user["Name"], Password="abcdefgh12"),
                 "PasswordPolicyViolation", 400)
    own = client(server, creds=user)
    expect_error(lambda: own.change_password(OldPassword="Abcdefg1!x", NewPassword="ABCDEFGHIJ"),
                 "PasswordPolicyViolation", 400)
    own.change_password(OldPassword="Abcdefg1!x", NewPassword="Xyzxyzx9#q")


def test_password_reuse_prevention(server):
    iam = client(server)
    iam.update_account_password_policy(PasswordReusePrevention=2, AllowUsersToChangePassword=True)
    user = user_with_key(iam)
    iam.create_login_profile(UserName=user["Name"], Password="first-password-1")
    own = client(server, creds=user)
    own.change_password(OldPassword="first-password-1", NewPassword="second-password-2")
    expect_error(lambda: own.change_password(OldPassword="second-password-2", NewPassword="first-password-1"),
                 "PasswordPolicyViolation", 400)
    own.change_password(OldPassword="second-password-2", NewPassword="third-password-3")


def test_without_reuse_prevention_an_old_password_may_come_back(server):
    iam = client(server)
    iam.update_account_password_policy(AllowUsersToChangePassword=True)
    user = user_with_key(iam)
    iam.create_login_profile(UserName=user["Name"], Password="first-password-1")
    own = client(server, creds=user)
    own.change_password(OldPassword="first-password-1", NewPassword="second-password-2")
    own.change_password(OldPassword="second-password-2", NewPassword="first-password-1")


def test_allow_users_to_change_password_is_an_implicit_grant_an_explicit_deny_beats(server):
    iam = client(server)
    plain = user_with_key(iam)
    denied = user_with_key(iam, inline=document(deny("iam:ChangePassword")))
    for user in (plain, denied):
        iam.create_login_profile(UserName=user["Name"], Password="Start-Passw0rd!")
    own, other = client(server, creds=plain), client(server, creds=denied)

    def change(api, new):
        return lambda: api.change_password(OldPassword="Start-Passw0rd!", NewPassword=new)

    arn = plain["Arn"]
    expect_error(change(own, "Next-Passw0rd!"), "AccessDenied", 403,
                 f"User: {arn} is not authorized to perform: iam:ChangePassword on resource: {arn} "
                 "because no identity-based policy allows the iam:ChangePassword action")
    expect_error(own.get_account_password_policy, "AccessDenied", 403)

    iam.update_account_password_policy(AllowUsersToChangePassword=True)
    assert own.get_account_password_policy()["PasswordPolicy"]["AllowUsersToChangePassword"] is True
    own.change_password(OldPassword="Start-Passw0rd!", NewPassword="Next-Passw0rd!")
    expect_error(own.get_user, "AccessDenied", 403)  # the grant covers nothing else
    expect_error(change(other, "Next-Passw0rd!"), "AccessDenied", 403,
                 f"User: {denied['Arn']} is not authorized to perform: iam:ChangePassword on resource: {denied['Arn']} "
                 "with an explicit deny in an identity-based policy")

    iam.update_account_password_policy(MinimumPasswordLength=8)  # AllowUsersToChangePassword back to false
    expect_error(lambda: own.change_password(OldPassword="Next-Passw0rd!", NewPassword="Last-Passw0rd!"),
                 "AccessDenied", 403)
