"""Accounts: the first administrator, sign-in, lockout, reset, 单机免登录 (issue 9)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from orgdesk.domain.access import PermissionDenied, Role, acting_as
from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.services.accounts import (
    SignInFailed,
    UserInput,
    change_own_password,
    create_first_admin,
    has_users,
    list_users,
    must_change_password,
    reset_password,
    save_user,
    set_single_clerk,
    sign_in,
    single_clerk_actor,
    unlock_user,
)
from orgdesk.services.reference import change_setting
from orgdesk.storage.database import Database
from orgdesk.storage.models.accounts import User
from tests.trust_support import audit

PASSWORD = "Orgdesk-2026"


@pytest.fixture
def admin_db(db: Database) -> Database:
    create_first_admin(db, "admin", "管理员", PASSWORD)
    return db


def test_a_new_database_has_no_accounts_and_the_first_is_an_administrator(db: Database) -> None:
    assert not has_users(db)
    actor = create_first_admin(db, "ａｄｍｉｎ", "管理员", PASSWORD)  # full-width typed
    assert actor.role is Role.ADMIN and actor.username == "admin"
    assert has_users(db)
    with pytest.raises(OrgDeskError, match="已经有用户账户"):
        create_first_admin(db, "second", "第二", PASSWORD)
    with db.unit_of_work() as uow:
        stored = uow.session.scalar(select(User.password_hash))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    (entry,) = audit(db, "action = '创建管理员'")
    assert entry["user_label"] == "系统管理员 管理员"


def test_passwords_must_be_reasonable(db: Database) -> None:
    for bad, reason in (("short", "至少 8 位"), ("aaaaaaaaaa", "过于简单"), ("admin123", None)):
        with pytest.raises(ValidationFailed) as caught:
            create_first_admin(db, "admin123" if reason is None else "admin", "管理员", bad)
        assert "「密码」" in str(caught.value)
        if reason:
            assert reason in str(caught.value)
    with pytest.raises(ValidationFailed, match="「用户名」"):
        create_first_admin(db, "a b", "管理员", PASSWORD)
    with pytest.raises(ValidationFailed, match="「姓名」"):
        create_first_admin(db, "admin", "管\x07理员", PASSWORD)
    assert not has_users(db)


def test_sign_in_with_the_right_password(admin_db: Database) -> None:
    actor = sign_in(admin_db, "Admin", PASSWORD)  # user names ignore case
    assert actor.username == "admin" and actor.user_id is not None
    with pytest.raises(SignInFailed, match="用户名或密码不正确"):
        sign_in(admin_db, "nobody", PASSWORD)
    assert [e["action"] for e in audit(admin_db, "action LIKE '登录%'")] == [
        "登录",
        "登录失败",
    ]


def test_repeated_failures_lock_the_account_for_a_while(admin_db: Database) -> None:
    now = datetime(2026, 3, 2, 9, 0)
    for attempt in range(1, 5):
        with pytest.raises(SignInFailed) as caught:
            sign_in(admin_db, "admin", "wrong-password", now=now)
        assert f"再输错 {5 - attempt} 次，账户将被锁定 15 分钟" in str(caught.value)
    with pytest.raises(
        SignInFailed, match="已连续输错 5 次。账户「admin」已被锁定，请在 09:15 之后再试"
    ):
        sign_in(admin_db, "admin", "wrong-password", now=now)
    # Locked: even the right password is refused until the time is up.
    with pytest.raises(SignInFailed, match="已被锁定"):
        sign_in(admin_db, "admin", PASSWORD, now=now + timedelta(minutes=14))
    assert sign_in(admin_db, "admin", PASSWORD, now=now + timedelta(minutes=16)).username == "admin"
    notes = [e["note"] for e in audit(admin_db, "action = '登录失败'")]
    assert "密码错误（连续第 5 次），账户锁定 15 分钟" in notes
    assert "账户锁定期间尝试登录" in notes


def test_lockout_numbers_are_settings(admin_db: Database) -> None:
    change_setting(admin_db, "auth.max_failures", 2)
    change_setting(admin_db, "auth.lock_minutes", 60)
    now = datetime(2026, 3, 2, 9, 0)
    with pytest.raises(SignInFailed, match="再输错 1 次"):
        sign_in(admin_db, "admin", "wrong-password", now=now)
    with pytest.raises(SignInFailed, match="10:00 之后"):
        sign_in(admin_db, "admin", "wrong-password", now=now)


def test_the_administrator_adds_users_resets_and_unlocks(admin_db: Database) -> None:
    clerk_id = save_user(
        admin_db,
        UserInput(
            "zhangsan", "张三", Role.CLERK, frozenset({"人员与试用"}), password="Zs-initial-1"
        ),
    )
    clerk = sign_in(admin_db, "zhangsan", "Zs-initial-1")
    assert clerk.areas == {"人员与试用"} and clerk.role is Role.CLERK
    assert must_change_password(admin_db, clerk)  # the administrator chose that password
    with acting_as(clerk):
        with pytest.raises(ValidationFailed, match="「原密码」不正确"):
            change_own_password(admin_db, "wrong", "Zs-own-pass-2")
        change_own_password(admin_db, "Zs-initial-1", "Zs-own-pass-2")
    assert not must_change_password(admin_db, clerk)
    now = datetime.now()
    for _ in range(5):
        with pytest.raises(SignInFailed):
            sign_in(admin_db, "zhangsan", "bad-password", now=now)
    assert list_users(admin_db)[1].locked()
    unlock_user(admin_db, clerk_id)
    assert sign_in(admin_db, "zhangsan", "Zs-own-pass-2").user_id == clerk_id
    reset_password(admin_db, clerk_id, "Reset-pass-3")
    assert sign_in(admin_db, "zhangsan", "Reset-pass-3").user_id == clerk_id
    actions = [e["action"] for e in audit(admin_db)]
    assert "重置密码" in actions and "解锁账户" in actions
    changed = audit(admin_db, "table_name = 'users' AND field = 'password_hash'")
    assert changed and all(e["new_value"] == "（已修改）" for e in changed if e["action"] == "修改")
    assert not any("Reset-pass-3" in str(e) for e in audit(admin_db))


def test_a_clerk_needs_at_least_one_area_and_names_are_unique(admin_db: Database) -> None:
    with pytest.raises(ValidationFailed, match="至少要负责一项工作"):
        save_user(
            admin_db, UserInput("li", "李四", Role.CLERK, frozenset(), password="Li-pass-2026")
        )
    with pytest.raises(ValidationFailed, match="已被占用"):
        save_user(admin_db, UserInput("ADMIN", "重名", Role.LEADER, password="Li-pass-2026"))


def test_the_last_administrator_cannot_be_removed(admin_db: Database) -> None:
    (admin,) = list_users(admin_db)
    with pytest.raises(ValidationFailed, match="唯一的系统管理员"):
        save_user(admin_db, UserInput("admin", "管理员", Role.LEADER), admin.id)
    with pytest.raises(ValidationFailed, match="唯一的系统管理员"):
        save_user(admin_db, UserInput("admin", "管理员", Role.ADMIN, active=False), admin.id)


def test_a_deactivated_user_cannot_sign_in(admin_db: Database) -> None:
    uid = save_user(admin_db, UserInput("buzhang", "部长", Role.LEADER, password="Bz-pass-2026"))
    save_user(admin_db, UserInput("buzhang", "部长", Role.LEADER, active=False), uid)
    with pytest.raises(SignInFailed, match="用户名或密码不正确"):
        sign_in(admin_db, "buzhang", "Bz-pass-2026")


def test_single_clerk_mode_is_switched_on_by_the_administrator_only(admin_db: Database) -> None:
    assert single_clerk_actor(admin_db) is None
    uid = save_user(
        admin_db,
        UserInput("zhangsan", "张三", Role.CLERK, frozenset({"年度考核"}), password="Zs-pass-2026"),
    )
    clerk = sign_in(admin_db, "zhangsan", "Zs-pass-2026")
    with acting_as(clerk), pytest.raises(PermissionDenied, match="需要系统管理员"):
        set_single_clerk(admin_db, uid)
    set_single_clerk(admin_db, uid)
    auto = single_clerk_actor(admin_db)
    assert auto is not None and auto.username == "zhangsan"
    assert audit(admin_db, "note = '单机免登录模式'")
    set_single_clerk(admin_db, None)
    assert single_clerk_actor(admin_db) is None
