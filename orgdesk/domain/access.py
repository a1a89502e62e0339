"""Who may do what (账户与权限): roles, permissions and the current user.

Permissions are enforced in the service layer: a service that changes data, or
exports personal data, starts with `require(...)` (or carries `@requires(...)`),
which raises a Chinese `PermissionDenied` naming the user, the action and the
role that would be needed.  The UI sets the current user after sign-in; the
command line acts as a 系统管理员 named after the operating-system user (whoever
can run it already has the database file).

The current user is a `ContextVar` (tests and nested calls use `acting_as`),
falling back to the one user signed in to this process, so that work handed to
a worker thread still knows who asked for it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import ParamSpec, TypeVar

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.idcard import mask_id_number


class Role(StrEnum):
    ADMIN = "系统管理员"
    CLERK = "经办人"
    LEADER = "部领导"


# The areas an 经办人 can be given, named as the tabs are.
AREAS: tuple[str, ...] = (
    "人员与试用",
    "培训与学分",
    "交流轮岗",
    "工作台账",
    "竞争上岗",
    "年度考核",
)
PERSONNEL_AREA = "人员与试用"


class Permission(Enum):
    EDIT = "修改数据"  # an area's records; 经办人 of that area
    DECIDE = "部领导审定"  # final grades, plan and contest approval, overdue reviews
    EXPORT = "导出或打印个人信息"  # roster, reports, .lrmx, PDF forms (always logged)
    VIEW_ID_NUMBERS = "查看完整身份证号"
    VIEW_AUDIT = "查看操作日志"
    BACKUP = "备份数据库"
    BACKUP_ELSEWHERE = "把整个数据库备份到其他位置"
    RESTORE = "从备份恢复数据库"
    SETTINGS = "修改设置"
    MANAGE_USERS = "管理用户账户"


class PermissionDenied(OrgDeskError):
    """The current user's role does not allow the action; nothing was changed."""


class NotSignedIn(PermissionDenied):
    pass


@dataclass(frozen=True)
class Actor:
    """The person on whose behalf services run (a signed-in user, or the CLI's OS user)."""

    username: str
    display_name: str
    role: Role
    areas: frozenset[str] = field(default_factory=frozenset)
    user_id: int | None = None
    via: str = ""  # "命令行" for the CLI, "" for a signed-in user

    @property
    def label(self) -> str:
        """「经办人 张三」, as messages and the audit trail show the user."""
        return f"{self.role.value} {self.display_name or self.username}"

    def may(self, permission: Permission, area: str | None = None) -> bool:
        if self.role is Role.ADMIN:
            return True
        if self.role is Role.LEADER:
            return permission in _LEADER
        # 经办人: the areas given to them, and nothing of the administrator's or the leader's.
        if permission is Permission.EDIT:
            return area is not None and area in self.areas
        if permission is Permission.EXPORT:
            return area is None or area in self.areas
        if permission is Permission.VIEW_ID_NUMBERS:
            return PERSONNEL_AREA in self.areas
        return permission is Permission.BACKUP

    @property
    def sees_id_numbers(self) -> bool:
        return self.may(Permission.VIEW_ID_NUMBERS)

    def shown_id_number(self, number: str) -> str:
        """The ID number as this user may see it (110105********1234 when not needed)."""
        return number if self.sees_id_numbers or not number else mask_id_number(number)


_LEADER = frozenset(
    {
        Permission.DECIDE,
        Permission.EXPORT,
        Permission.VIEW_ID_NUMBERS,
        Permission.VIEW_AUDIT,
        Permission.BACKUP,
    }
)


def who_may(permission: Permission, area: str | None = None) -> str:
    """The roles that may, in words, for the message."""
    if permission is Permission.EDIT:
        return f"负责「{area}」的经办人或系统管理员" if area else "经办人或系统管理员"
    if permission is Permission.EXPORT:
        where = f"负责「{area}」的经办人、" if area else "经办人、"
        return f"{where}部领导或系统管理员"
    if permission is Permission.DECIDE:
        return "部领导"
    if permission is Permission.VIEW_ID_NUMBERS:
        return "负责「人员与试用」的经办人、部领导或系统管理员"
    if permission in (Permission.VIEW_AUDIT,):
        return "部领导或系统管理员"
    if permission is Permission.BACKUP:
        return "已登录的用户"
    return "系统管理员"


def default_action(permission: Permission, area: str | None) -> str:
    if permission is Permission.EDIT and area:
        return f"修改「{area}」的数据"
    if permission is Permission.EXPORT and area:
        return f"导出或打印「{area}」的个人信息"
    return permission.value


# -- the current user ------------------------------------------------------------------------

_current: ContextVar[Actor | None] = ContextVar("orgdesk_actor", default=None)
_process_actor: Actor | None = None


def current_actor() -> Actor | None:
    """The user in this context, else the one signed in to this process, else None."""
    return _current.get() or _process_actor


def set_process_actor(actor: Actor | None) -> None:
    """After sign-in (GUI) or at start (CLI): the user for every thread of this process.

    Also the user of the calling context, so that a context set earlier (a test's
    `acting_as`) does not hide who has just signed in.
    """
    global _process_actor
    _process_actor = actor
    _current.set(actor)


@contextmanager
def acting_as(actor: Actor | None) -> Iterator[Actor | None]:
    """Run a block as `actor` (tests; a service acting for the system)."""
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def require(permission: Permission, *, area: str | None = None, action: str | None = None) -> Actor:
    """The current user, if they may; else a Chinese `PermissionDenied` and nothing happens."""
    actor = current_actor()
    what = action or default_action(permission, area)
    if actor is None:
        raise NotSignedIn(f"尚未登录，不能{what}。请先登录。")
    if not actor.may(permission, area):
        raise PermissionDenied(
            f"当前用户（{actor.label}）无权{what}，需要{who_may(permission, area)}"
        )
    return actor


P = ParamSpec("P")
R = TypeVar("R")


def requires(
    permission: Permission, *, area: str | None = None, action: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator form of `require`, checked before the service does anything."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            require(permission, area=area, action=action)
            return fn(*args, **kwargs)

        guarded.__orgdesk_permission__ = (permission, area)  # type: ignore[attr-defined]
        return guarded

    return wrap


# -- ID numbers in free text ----------------------------------------------------------------

_ID_IN_TEXT = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")


def mask_id_numbers_in(text: str) -> str:
    """Every 18-character ID number inside `text`, masked (for logs shown on screen)."""
    return _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text)


def parse_areas(text: str | Iterable[str]) -> frozenset[str]:
    """Areas stored as 「人员与试用、年度考核」; unknown names are dropped."""
    items = text.split("、") if isinstance(text, str) else list(text)
    return frozenset(a.strip() for a in items if a.strip() in AREAS)


def areas_text(areas: Iterable[str]) -> str:
    return "、".join(a for a in AREAS if a in set(areas))
