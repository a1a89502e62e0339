"""Roles, permissions and the current user (domain.access) — no database, no Qt."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.access import (
    AREAS,
    Actor,
    NotSignedIn,
    Permission,
    PermissionDenied,
    Role,
    acting_as,
    areas_text,
    current_actor,
    mask_id_numbers_in,
    parse_areas,
    require,
    requires,
    set_process_actor,
)

ADMIN = Actor("admin", "管理员", Role.ADMIN)
LEADER = Actor("buzhang", "王部长", Role.LEADER)
CLERK = Actor("zhangsan", "张三", Role.CLERK, frozenset({"人员与试用"}))
OTHER_CLERK = Actor("lisi", "李四", Role.CLERK, frozenset({"年度考核"}))


def test_the_administrator_may_do_everything() -> None:
    for permission in Permission:
        assert ADMIN.may(permission, "交流轮岗")


def test_the_leader_decides_reads_and_exports_but_edits_nothing() -> None:
    assert LEADER.may(Permission.DECIDE)
    assert LEADER.may(Permission.EXPORT, "年度考核")
    assert LEADER.may(Permission.VIEW_AUDIT)
    assert LEADER.sees_id_numbers
    for area in AREAS:
        assert not LEADER.may(Permission.EDIT, area)
    for admin_only in (Permission.RESTORE, Permission.SETTINGS, Permission.MANAGE_USERS):
        assert not LEADER.may(admin_only)


def test_a_clerk_edits_only_the_areas_given() -> None:
    assert CLERK.may(Permission.EDIT, "人员与试用")
    assert not CLERK.may(Permission.EDIT, "年度考核")
    assert not CLERK.may(Permission.EDIT)  # an edit names its area
    assert not CLERK.may(Permission.DECIDE)
    assert not CLERK.may(Permission.VIEW_AUDIT)
    assert CLERK.sees_id_numbers  # 人员与试用 needs them
    assert not OTHER_CLERK.sees_id_numbers


def test_id_numbers_are_masked_for_those_who_do_not_need_them() -> None:
    number = "110105194912310021"
    assert OTHER_CLERK.shown_id_number(number) == "110105********0021"
    assert CLERK.shown_id_number(number) == number
    assert LEADER.shown_id_number(number) == number


def test_wrong_role_gets_a_chinese_message_naming_user_action_and_role() -> None:
    with acting_as(CLERK), pytest.raises(PermissionDenied) as caught:
        require(Permission.DECIDE, action="审批交流计划")
    assert str(caught.value) == "当前用户（经办人 张三）无权审批交流计划，需要部领导"
    with acting_as(OTHER_CLERK), pytest.raises(PermissionDenied) as caught:
        require(Permission.EDIT, area="人员与试用")
    assert "当前用户（经办人 李四）无权修改「人员与试用」的数据" in str(caught.value)
    assert "负责「人员与试用」的经办人或系统管理员" in str(caught.value)
    with acting_as(LEADER), pytest.raises(PermissionDenied) as caught:
        require(Permission.RESTORE)
    assert "需要系统管理员" in str(caught.value)


def test_nobody_signed_in_is_refused() -> None:
    with acting_as(None), pytest.raises(NotSignedIn, match="尚未登录"):
        require(Permission.BACKUP)


def test_the_decorator_checks_before_the_function_runs() -> None:
    ran: list[int] = []

    @requires(Permission.EDIT, area="年度考核", action="录入票数")
    def record(n: int) -> int:
        ran.append(n)
        return n * 2

    with acting_as(OTHER_CLERK):
        assert record(2) == 4
    with acting_as(CLERK), pytest.raises(PermissionDenied, match="无权录入票数"):
        record(3)
    assert ran == [2]
    assert record.__orgdesk_permission__ == (Permission.EDIT, "年度考核")  # type: ignore[attr-defined]


def test_the_signed_in_user_reaches_worker_threads() -> None:
    seen: list[Actor | None] = []
    with acting_as(None):
        set_process_actor(LEADER)
        try:
            worker = threading.Thread(target=lambda: seen.append(current_actor()))
            worker.start()
            worker.join()
        finally:
            set_process_actor(None)
    assert seen == [LEADER]


def test_areas_round_trip_and_unknown_names_are_dropped() -> None:
    assert parse_areas("年度考核、人员与试用、不存在") == {"年度考核", "人员与试用"}
    assert areas_text({"年度考核", "人员与试用"}) == "人员与试用、年度考核"  # tab order


@given(st.text(max_size=40), st.text(max_size=40))
def test_masking_text_keeps_everything_but_the_middle_of_id_numbers(
    before: str, after: str
) -> None:
    number = "11010519491231002X"
    text = f"{before} {number} {after}"
    shown = mask_id_numbers_in(text)
    assert number not in shown or number in f"{before} {after}"
    assert "110105********002X" in shown
