"""用户账户: the first administrator, sign-in with lockout, managing users, 单机免登录.

Passwords are kept only as argon2id hashes (argon2-cffi).  After
`auth.max_failures` wrong passwords in a row an account is locked for
`auth.lock_minutes`; the administrator can unlock it or reset the password.
Every sign-in, failed attempt, lock and change of an account is in the 操作日志.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import (
    AREAS,
    Actor,
    Permission,
    Role,
    areas_text,
    current_actor,
    parse_areas,
    require,
    requires,
)
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError, ValidationFailed
from orgdesk.domain.normalize import to_halfwidth
from orgdesk.domain.text import check_text
from orgdesk.services.reference import load_settings
from orgdesk.storage.audit import record_event
from orgdesk.storage.database import Database
from orgdesk.storage.models.accounts import User

# argon2id with the library's defaults (RFC 9106 low-memory profile: 64 MiB, t=3).
PASSWORD_HASHER = PasswordHasher()
MAX_PASSWORD = 128
_USERNAME = re.compile(r"^[0-9A-Za-z_.\-\u4e00-\u9fff]{2,30}$")


class SignInFailed(OrgDeskError):
    """Wrong name or password, or a locked account; the message says which, in Chinese."""


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    areas: frozenset[str]
    active: bool
    locked_until: datetime | None
    must_change_password: bool
    auto_sign_in: bool
    last_sign_in: datetime | None

    def locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or datetime.now())


@dataclass
class UserInput:
    username: str
    display_name: str
    role: Role
    areas: frozenset[str] = field(default_factory=frozenset)
    active: bool = True
    password: str | None = None  # required for a new user


def _user_event(s: Session, action: str, user: User, **details: Any) -> None:
    """An 操作日志 entry about one user account (sign-in, lock, reset …)."""
    record_event(
        s,
        action,
        table="users",
        record_id=str(user.id),
        record_label=user.audit_label(),
        **details,
    )


def actor_of(user: User) -> Actor:
    return Actor(
        user.username, user.display_name, Role(user.role), parse_areas(user.areas), user.id
    )


def _info(u: User) -> UserInfo:
    return UserInfo(
        u.id,
        u.username,
        u.display_name,
        Role(u.role),
        parse_areas(u.areas),
        u.active,
        u.locked_until,
        u.must_change_password,
        u.auto_sign_in,
        u.last_sign_in,
    )


def _find(s: Session, username: str) -> User | None:
    name = to_halfwidth(username).strip().lower()
    return s.scalar(select(User).where(func.lower(User.username) == name))


def has_users(db: Database) -> bool:
    with db.unit_of_work() as uow:
        return bool(uow.session.scalar(select(func.count()).select_from(User)))


# -- passwords --------------------------------------------------------------------------------


def password_problems(db: Database, password: str, username: str = "") -> list[FieldProblem]:
    minimum = load_settings(db).int("auth.min_password_length")
    problems = []
    if len(password) < minimum:
        problems.append(FieldProblem("密码", f"至少 {minimum} 位"))
    elif len(password) > MAX_PASSWORD:
        problems.append(FieldProblem("密码", f"最多 {MAX_PASSWORD} 位"))
    elif username and password.lower() == username.strip().lower():
        problems.append(FieldProblem("密码", "不能与用户名相同"))
    elif len(set(password)) < 3:
        problems.append(FieldProblem("密码", "过于简单（请混用字母、数字或符号）"))
    problems += [
        p for p in check_text("密码", password, limit=MAX_PASSWORD) if "过长" not in p.message
    ]
    return problems


def _hash(password: str) -> str:
    return PASSWORD_HASHER.hash(password)


def _verify(stored: str, password: str) -> bool:
    try:
        return PASSWORD_HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: dict[str, str] = {}


def _waste_time(password: str) -> None:
    """Verify against a dummy hash, so an unknown name takes as long as a wrong password."""
    key = repr(PASSWORD_HASHER)
    if key not in _DUMMY:
        _DUMMY[key] = PASSWORD_HASHER.hash("orgdesk-dummy-password")
    _verify(_DUMMY[key], password)


# -- first start and sign-in ------------------------------------------------------------------


def create_first_admin(db: Database, username: str, display_name: str, password: str) -> Actor:
    """首次使用: the administrator account; refused once any account exists."""
    data = UserInput(username, display_name, Role.ADMIN, frozenset(), True, password)
    with db.unit_of_work() as uow:
        s = uow.session
        if s.scalar(select(func.count()).select_from(User)):
            raise OrgDeskError("已经有用户账户了；请用已有账户登录，由系统管理员添加新用户。")
        _check_user(db, s, data, None)
        user = _new_user(data)
        s.add(user)
        s.flush()
        actor = actor_of(user)
        _user_event(s, "创建管理员", user, actor=actor, note="首次使用时创建")
        uow.commit()
    return actor


def sign_in(db: Database, username: str, password: str, *, now: datetime | None = None) -> Actor:
    """The actor for a correct name and password; `SignInFailed` (Chinese) otherwise."""
    now = now or datetime.now()
    settings = load_settings(db)
    max_failures = settings.int("auth.max_failures")
    lock_minutes = settings.int("auth.lock_minutes")
    attempted = to_halfwidth(username).strip()[:60]
    with db.unit_of_work() as uow:
        s = uow.session
        user = _find(s, attempted)
        if user is None or not user.active:
            _waste_time(password)
            record_event(
                s,
                "登录失败",
                table="users",
                attempted_username=attempted,
                note="无此用户或账户已停用",
            )
            uow.commit()
            raise SignInFailed("用户名或密码不正确。")
        if user.locked_until is not None and user.locked_until > now:
            _user_event(
                s,
                "登录失败",
                user,
                attempted_username=attempted,
                note="账户锁定期间尝试登录",
            )
            uow.commit()
            raise SignInFailed(_locked_message(user))
        if not _verify(user.password_hash, password):
            user.failed_attempts += 1
            note = f"密码错误（连续第 {user.failed_attempts} 次）"
            if user.failed_attempts >= max_failures:
                user.failed_attempts = 0
                user.locked_until = now + timedelta(minutes=lock_minutes)
                note += f"，账户锁定 {lock_minutes} 分钟"
            _user_event(
                s,
                "登录失败",
                user,
                attempted_username=attempted,
                note=note,
            )
            uow.commit()
            if user.locked_until is not None and user.locked_until > now:
                raise SignInFailed(f"密码已连续输错 {max_failures} 次。" + _locked_message(user))
            left = max_failures - user.failed_attempts
            raise SignInFailed(
                f"用户名或密码不正确。再输错 {left} 次，账户将被锁定 {lock_minutes} 分钟。"
            )
        user.failed_attempts = 0
        user.locked_until = None
        user.last_sign_in = now
        if PASSWORD_HASHER.check_needs_rehash(user.password_hash):
            user.password_hash = _hash(password)
        actor = actor_of(user)
        _user_event(
            s,
            "登录",
            user,
            actor=actor,
        )
        uow.commit()
    return actor


def _locked_message(user: User) -> str:
    assert user.locked_until is not None
    return (
        f"账户「{user.username}」已被锁定，请在 {user.locked_until:%H:%M} 之后再试，"
        "或请系统管理员解锁。"
    )


def single_clerk_actor(db: Database) -> Actor | None:
    """单机免登录: the account the administrator chose to start without signing in, if any."""
    with db.unit_of_work() as uow:
        s = uow.session
        user = s.scalar(select(User).where(User.auto_sign_in, User.active))
        if user is None:
            return None
        actor = actor_of(user)
        user.last_sign_in = datetime.now().replace(microsecond=0)
        _user_event(
            s,
            "登录",
            user,
            actor=actor,
            note="单机免登录模式",
        )
        uow.commit()
        return actor


def must_change_password(db: Database, actor: Actor) -> bool:
    with db.unit_of_work() as uow:
        user = uow.session.get(User, actor.user_id) if actor.user_id else None
        return bool(user and user.must_change_password)


def sign_out(db: Database) -> None:
    actor = current_actor()
    if actor is None or actor.user_id is None:
        return
    with db.unit_of_work() as uow:
        record_event(
            uow.session,
            "退出登录",
            table="users",
            record_id=str(actor.user_id),
            record_label=actor.display_name,
            actor=actor,
        )
        uow.commit()


def change_own_password(db: Database, old: str, new: str) -> None:
    """修改密码 by the signed-in user (knowing the old one)."""
    actor = current_actor()
    if actor is None or actor.user_id is None:
        raise OrgDeskError("只有登录的用户才能修改自己的密码。")
    with db.unit_of_work() as uow:
        user = uow.session.get(User, actor.user_id)
        if user is None:
            raise NotFound("该账户已不存在")
        if not _verify(user.password_hash, old):
            raise ValidationFailed([FieldProblem("原密码", "不正确")])
        problems = password_problems(db, new, user.username)
        if problems:
            raise ValidationFailed(problems)
        user.password_hash = _hash(new)
        user.must_change_password = False
        uow.commit()


# -- the administrator's user management -----------------------------------------------------


@requires(Permission.MANAGE_USERS)
def list_users(db: Database) -> list[UserInfo]:
    with db.unit_of_work() as uow:
        return [_info(u) for u in uow.session.scalars(select(User).order_by(User.id))]


@requires(Permission.MANAGE_USERS)
def save_user(db: Database, data: UserInput, user_id: int | None = None) -> int:
    """Add an account (with its first password) or change one; nothing written if anything is wrong."""
    with db.unit_of_work() as uow:
        s = uow.session
        _check_user(db, s, data, user_id)
        if user_id is None:
            user = _new_user(data)
            user.must_change_password = True  # the administrator chose it; the user replaces it
            s.add(user)
        else:
            found = s.get(User, user_id)
            if found is None:
                raise NotFound("该账户已不存在")
            user = found
            _keep_an_administrator(s, user, data)
            user.username = data.username.strip()
            user.display_name = data.display_name.strip()
            user.role = data.role.value
            user.areas = areas_text(data.areas) if data.role is Role.CLERK else ""
            user.active = data.active
            if not data.active:
                user.auto_sign_in = False
        s.flush()
        uow.commit()
        return user.id


@requires(Permission.MANAGE_USERS)
def reset_password(db: Database, user_id: int, new_password: str) -> None:
    """重置密码: also unlocks; the user must choose a new one at the next sign-in."""
    with db.unit_of_work() as uow:
        user = uow.session.get(User, user_id)
        if user is None:
            raise NotFound("该账户已不存在")
        problems = password_problems(db, new_password, user.username)
        if problems:
            raise ValidationFailed(problems)
        user.password_hash = _hash(new_password)
        user.must_change_password = True
        user.failed_attempts = 0
        user.locked_until = None
        _user_event(uow.session, "重置密码", user)
        uow.commit()


@requires(Permission.MANAGE_USERS)
def unlock_user(db: Database, user_id: int) -> None:
    with db.unit_of_work() as uow:
        user = uow.session.get(User, user_id)
        if user is None:
            raise NotFound("该账户已不存在")
        user.failed_attempts = 0
        user.locked_until = None
        _user_event(uow.session, "解锁账户", user)
        uow.commit()


@requires(Permission.MANAGE_USERS, action="开启或关闭单机免登录模式")
def set_single_clerk(db: Database, user_id: int | None) -> None:
    """单机免登录: start signed in as `user_id` (None switches the mode off)."""
    with db.unit_of_work() as uow:
        s = uow.session
        if user_id is not None:
            user = s.get(User, user_id)
            if user is None or not user.active:
                raise NotFound("该账户不存在或已停用")
        for u in s.scalars(select(User).where(User.auto_sign_in)):
            u.auto_sign_in = False
        s.flush()
        if user_id is not None:
            chosen = s.get(User, user_id)
            assert chosen is not None
            chosen.auto_sign_in = True
        uow.commit()


def single_clerk_user(db: Database) -> str | None:
    with db.unit_of_work() as uow:
        return uow.session.scalar(select(User.username).where(User.auto_sign_in, User.active))


# -- checks -----------------------------------------------------------------------------------


def _new_user(data: UserInput) -> User:
    assert data.password is not None
    return User(
        username=data.username.strip(),
        display_name=data.display_name.strip(),
        role=data.role.value,
        areas=areas_text(data.areas) if data.role is Role.CLERK else "",
        password_hash=_hash(data.password),
        failed_attempts=0,
        active=data.active,
        must_change_password=False,
        auto_sign_in=False,
    )


def _check_user(db: Database, s: Session, data: UserInput, user_id: int | None) -> None:
    problems: list[FieldProblem] = []
    data.username = to_halfwidth(data.username).strip()
    if not _USERNAME.match(data.username):
        problems.append(
            FieldProblem("用户名", "应为 2–30 位字母、数字、汉字或 _ . -", None, data.username[:40])
        )
    else:
        clash = _find(s, data.username)
        if clash is not None and clash.id != user_id:
            problems.append(FieldProblem("用户名", "已被占用", None, data.username))
    name = data.display_name.strip()
    if not name:
        problems.append(FieldProblem("姓名", "不能为空"))
    problems += check_text("姓名", name, limit=20)
    if data.role is Role.CLERK:
        unknown = set(data.areas) - set(AREAS)
        if unknown or not data.areas:
            problems.append(FieldProblem("负责的工作", "经办人至少要负责一项工作"))
    if user_id is None:
        if not data.password:
            problems.append(FieldProblem("密码", "请设置初始密码"))
        else:
            problems += password_problems(db, data.password, data.username)
    if problems:
        raise ValidationFailed(problems)


def _keep_an_administrator(s: Session, user: User, data: UserInput) -> None:
    """The last active administrator can be neither demoted nor switched off."""
    if user.role != Role.ADMIN.value or not user.active:
        return
    if data.role is Role.ADMIN and data.active:
        return
    others = s.scalar(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN.value, User.active, User.id != user.id)
    )
    if not others:
        raise ValidationFailed(
            [FieldProblem("角色", "这是唯一的系统管理员账户，不能停用或改为其他角色")]
        )
    actor = require(Permission.MANAGE_USERS)
    if actor.user_id == user.id:
        raise ValidationFailed([FieldProblem("角色", "不能停用自己或取消自己的管理员角色")])
