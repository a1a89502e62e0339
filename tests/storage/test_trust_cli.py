"""The command line acts as a 系统管理员 named after the OS user; `orgdesk users`; restore."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from orgdesk.cli.main import main
from orgdesk.services.accounts import SignInFailed, create_first_admin, sign_in
from orgdesk.storage.backup import list_backups
from orgdesk.storage.database import Database
from tests.trust_support import audit, snapshot

PASSWORD = "Orgdesk-2026"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_cli_changes_are_logged_under_the_os_user(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Database.open(db_path).close()
    code, text = run(capsys, "backup", "--db", str(db_path), "--to", str(db_path.parent / "usb"))
    assert code == 0, text
    (entry,) = audit(db_path, "action = '导出'")
    assert entry["user_label"] == f"系统管理员 {getpass.getuser()}（命令行）"
    assert entry["table_label"] == "整个数据库（备份）"


def test_forgotten_password_and_lockout_fixed_from_the_command_line(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Database.open(db_path) as db:
        create_first_admin(db, "admin", "管理员", PASSWORD)
        for _ in range(5):
            with pytest.raises(SignInFailed):
                sign_in(db, "admin", "forgotten-it")
    code, text = run(capsys, "users", "--db", str(db_path))
    assert code == 0 and "admin\t管理员\t系统管理员\t—\t已锁定" in text
    code, text = run(
        capsys,
        "users",
        "reset-password",
        "admin",
        "--password",
        "Brand-new-2026",
        "--db",
        str(db_path),
    )
    assert code == 0 and "已重置 admin 的密码" in text
    with Database.open(db_path) as db:
        assert sign_in(db, "admin", "Brand-new-2026").username == "admin"
    code, text = run(capsys, "users", "unlock", "nobody", "--db", str(db_path))
    assert code == 1 and "没有用户名为「nobody」的账户" in text
    code, text = run(
        capsys, "users", "reset-password", "admin", "--password", "short", "--db", str(db_path)
    )
    assert code == 1 and "「密码」至少 8 位" in text


def test_restore_from_the_command_line_is_logged_and_reversible(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Database.open(db_path) as db:
        backup = db.backup("manual")
    before = snapshot(db_path)
    with Database.open(db_path) as db:
        create_first_admin(db, "admin", "管理员", PASSWORD)
    code, text = run(capsys, "restore", str(backup), "--db", str(db_path))
    assert code == 0, text
    assert snapshot(db_path)["users"] == before["users"] == []
    assert audit(db_path, "action = '创建管理员'")  # the log kept what happened since
    assert audit(db_path)[-1]["action"] == "恢复"
    assert any(b.reason == "before-restore" for b in list_backups(db_path))


def test_a_database_that_cannot_be_opened_is_still_restored(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Database.open(db_path) as db:
        backup = db.backup("manual")
    db_path.write_bytes(b"this is not a database any more" * 100)
    code, text = run(capsys, "restore", str(backup), "--db", str(db_path))
    assert code == 0, text
    assert "无法打开的原文件已改名保留" in text
    damaged = db_path.with_name(db_path.name + ".damaged")
    assert damaged.read_bytes().startswith(b"this is not a database")
    code, text = run(capsys, "check", "--db", str(db_path))
    assert code == 0, text
