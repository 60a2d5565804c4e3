"""The acceptance lines of the wire issue: the run command serves, the CLI creates a user, STS answers."""


def test_cli_creates_user_and_sts_prints_the_account(server):
    _, created, _ = server.cli("iam", "create-user", "--user-name", "alice")
    assert created["User"]["UserName"] == "alice"
    assert created["User"]["Arn"] == f"arn:aws:iam::{server.account_id}:user/alice"
    assert created["User"]["UserId"].startswith("AIDA") and len(created["User"]["UserId"]) == 21
    _, identity, _ = server.cli("sts", "get-caller-identity")
    assert identity["Account"] == server.account_id
    assert identity["Arn"] == f"arn:aws:iam::{server.account_id}:root"


def test_credentials_file_is_private_and_secret_is_not_logged(server):
    import os
    import stat
    mode = stat.S_IMODE(os.stat(server.credentials_path).st_mode)
    assert mode == 0o600
    assert server.secret_access_key not in "".join(server.output)


def test_state_survives_a_restart(warden_bin, tmp_path):
    from warden_server import WardenServer
    data = tmp_path / "data"
    with WardenServer(warden_bin, data_dir=data) as first:
        first.client("iam").create_user(UserName="persistent", Path="/keep/")
        account = first.account_id
    assert first.process.returncode == 0, "a clean shutdown on SIGTERM exits 0"
    with WardenServer(warden_bin, data_dir=data) as second:
        assert second.account_id == account
        user = second.client("iam").get_user(UserName="persistent")["User"]
        assert user["Path"] == "/keep/"
