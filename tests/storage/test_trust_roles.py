"""Permissions are enforced in the services: the wrong role gets a Chinese refusal and
nothing changes — not the data, not the log, no file (issue 9).

The last test reads the source of every service module: a function that commits a unit
of work must carry `@requires(...)` or call `require(...)`, so a service merged later
without a guard fails here with its name.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import orgdesk.services
from orgdesk.domain.access import Actor, PermissionDenied, acting_as
from orgdesk.domain.evaluation import Grade, VoteTally
from orgdesk.services.accounts import UserInput, list_users, reset_password, save_user
from orgdesk.services.annual_report import write_annual_report
from orgdesk.services.audit import AuditFilter, AuditQuery, export_audit
from orgdesk.services.backups import backup_now, restore_database
from orgdesk.services.evaluation import (
    FormText,
    decide_all_as_proposed,
    decide_grade,
    grade_for,
    record_votes,
    save_form_text,
)
from orgdesk.services.evaluation_honours import HonourInput, add_honour, delete_honour
from orgdesk.services.evaluation_targets import TargetInput, delete_target, save_target
from orgdesk.services.lrmx import apply_import, export_cadre, preview_import, print_form
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.services.reference import change_setting
from orgdesk.storage.database import Database
from orgdesk.storage.errors import StorageError
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.evaluation import Honour, TargetItem
from tests.conftest import DEMO_TODAY
from tests.trust_support import (
    ADMIN,
    EVALUATION_CLERK,
    LEADER,
    PERSONNEL_CLERK,
    TRAINING_CLERK,
    backups_of,
    snapshot,
)

YEAR = DEMO_TODAY.year - 1
SAMPLE = Path(__file__).parent.parent / "fixtures" / "lrmx" / "zhang_wei.lrmx"


def first(db: Database, model: Any) -> int:
    with db.unit_of_work() as uow:
        found = uow.session.scalars(select(model.id).order_by(model.id)).first()
    assert found is not None
    return int(found)


def cadre_id(db: Database) -> int:
    return first(db, Cadre)


def edited(db: Database) -> tuple[Any, int, int]:
    cid = cadre_id(db)
    data, version = get_cadre(db, cid)
    data.note = "改过的备注"
    return data, cid, version


# (what, call, the wrong role, what the refusal must say, a role that may)
CASES: list[tuple[str, Callable[[Database, Path], Any], Actor, str, Actor]] = [
    (
        "人员信息",
        lambda db, _t: save_cadre(db, *edited(db)[:1], cadre_id=cadre_id(db)),
        EVALUATION_CLERK,
        "当前用户（经办人 李四）无权修改「人员与试用」的数据，需要负责「人员与试用」的经办人或系统管理员",
        PERSONNEL_CLERK,
    ),
    (
        "人员信息（部领导）",
        lambda db, _t: save_cadre(db, *edited(db)[:1], cadre_id=cadre_id(db)),
        LEADER,
        "当前用户（部领导 王部长）无权修改「人员与试用」的数据",
        ADMIN,
    ),
    (
        "民主评议票数",
        lambda db, _t: record_votes(db, YEAR, cadre_id(db), VoteTally(5, 3, 0, 0, 8)),
        PERSONNEL_CLERK,
        "当前用户（经办人 张三）无权修改「年度考核」的数据",
        EVALUATION_CLERK,
    ),
    (
        "考核登记表",
        lambda db, _t: save_form_text(db, YEAR, cadre_id(db), FormText(duties="主要职责")),
        LEADER,
        "无权修改「年度考核」的数据",
        EVALUATION_CLERK,
    ),
    (
        "确定等次",
        lambda db, _t: decide_grade(db, YEAR, cadre_id(db), None),
        EVALUATION_CLERK,
        "当前用户（经办人 李四）无权确定年度考核等次，需要部领导",
        LEADER,
    ),
    (
        "按建议确定等次",
        lambda db, _t: decide_all_as_proposed(db, YEAR),
        TRAINING_CLERK,
        "无权确定年度考核等次，需要部领导",
        LEADER,
    ),
    (
        "奖励",
        lambda db, _t: add_honour(db, HonourInput(YEAR, cadre_id(db), "优秀共产党员")),
        PERSONNEL_CLERK,
        "无权修改「年度考核」的数据",
        EVALUATION_CLERK,
    ),
    (
        "删除奖励",
        lambda db, _t: delete_honour(db, first(db, Honour)),
        LEADER,
        "无权修改「年度考核」的数据",
        EVALUATION_CLERK,
    ),
    (
        "目标",
        lambda db, _t: save_target(db, TargetInput(YEAR + 1, first(db, Section), "新目标", 10)),
        TRAINING_CLERK,
        "无权修改「年度考核」的数据",
        EVALUATION_CLERK,
    ),
    (
        "删除目标",
        lambda db, _t: delete_target(db, first(db, TargetItem)),
        PERSONNEL_CLERK,
        "无权修改「年度考核」的数据",
        EVALUATION_CLERK,
    ),
    (
        "设置",
        lambda db, _t: change_setting(db, "rotation.years", 4),
        LEADER,
        "当前用户（部领导 王部长）无权修改设置，需要系统管理员",
        ADMIN,
    ),
    (
        "导入 .lrmx",
        lambda db, _t: apply_import(db, preview_import(db, SAMPLE, DEMO_TODAY), DEMO_TODAY),
        EVALUATION_CLERK,
        "无权导入任免审批表，需要负责「人员与试用」的经办人或系统管理员",
        PERSONNEL_CLERK,
    ),
    (
        "导出 .lrmx",
        lambda db, t: export_cadre(db, cadre_id(db), t / "out.lrmx", DEMO_TODAY),
        EVALUATION_CLERK,
        "无权导出任免审批表",
        LEADER,
    ),
    (
        "打印任免审批表",
        lambda db, t: print_form(db, cadre_id(db), t / "out.pdf", DEMO_TODAY),
        TRAINING_CLERK,
        "无权打印任免审批表",
        PERSONNEL_CLERK,
    ),
    (
        "年度报告",
        lambda db, t: write_annual_report(db, YEAR, xlsx=t / "report.xlsx", today=DEMO_TODAY),
        PERSONNEL_CLERK,
        "无权生成年度报告",
        LEADER,
    ),
    (
        "备份到 U 盘",
        lambda db, t: backup_now(db, t / "usb"),
        PERSONNEL_CLERK,
        "无权把整个数据库备份到其他位置，需要系统管理员",
        ADMIN,
    ),
    (
        "从备份恢复",
        lambda db, _t: restore_database(db, db.backup("manual")),
        LEADER,
        "无权从备份恢复数据库，需要系统管理员",
        ADMIN,
    ),
    (
        "用户管理",
        lambda db, _t: save_user(
            db,
            UserInput(
                "zhaoliu",
                "赵六",
                PERSONNEL_CLERK.role,
                frozenset({"工作台账"}),
                password="Zl-2026-pass",
            ),
        ),
        LEADER,
        "无权管理用户账户，需要系统管理员",
        ADMIN,
    ),
    (
        "操作日志",
        lambda db, t: export_audit(db, AuditFilter(), t / "log.xlsx"),
        EVALUATION_CLERK,
        "无权查看操作日志，需要部领导或系统管理员",
        LEADER,
    ),
]


@pytest.mark.parametrize(
    ("what", "call", "wrong", "message", "right"), CASES, ids=[c[0] for c in CASES]
)
def test_the_wrong_role_is_refused_and_nothing_changes(
    demo_db: Database,
    tmp_path: Path,
    what: str,
    call: Any,
    wrong: Actor,
    message: str,
    right: Actor,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(demo_db, with_audit=True)
    backups_before = backups_of(demo_db)
    with acting_as(wrong), pytest.raises(PermissionDenied) as caught:
        call(demo_db, out)
    assert message in str(caught.value), str(caught.value)
    assert snapshot(demo_db, with_audit=True) == before
    assert list(out.iterdir()) == []
    if what != "从备份恢复":
        assert backups_of(demo_db) == backups_before
    with acting_as(right):
        if what == "从备份恢复" and demo_db.is_server:  # only pg_restore on the server may
            with pytest.raises(StorageError, match="pg_restore"):
                call(demo_db, out)
            return
        call(demo_db, out)  # the same call, by a role that may, goes through


def test_the_leader_decides_and_the_decision_is_signed_with_their_name(demo_db: Database) -> None:
    cid = cadre_id(demo_db)
    with acting_as(LEADER):
        decide_grade(demo_db, YEAR, cid, Grade.COMPETENT, reason="部务会研究确定")
    assert grade_for(demo_db, cid, YEAR) == Grade.COMPETENT.value
    with demo_db.unit_of_work() as uow:
        from orgdesk.storage.models.evaluation import Appraisal

        row = uow.session.scalar(
            select(Appraisal).where(Appraisal.year == YEAR, Appraisal.cadre_id == cid)
        )
        assert row is not None and row.decided_by == "王部长"


def test_reading_is_open_to_every_signed_in_role(demo_db: Database) -> None:
    with acting_as(TRAINING_CLERK):
        data, _ = get_cadre(demo_db, cadre_id(demo_db))
    assert data.name
    with acting_as(LEADER):
        assert AuditQuery(demo_db).count(AuditFilter()) > 0
    with acting_as(EVALUATION_CLERK), pytest.raises(PermissionDenied):
        AuditQuery(demo_db)
    with acting_as(LEADER):
        assert AuditQuery(demo_db, mask_ids=False).count(AuditFilter()) > 0


def test_user_management_is_the_administrators_only(demo_db: Database) -> None:
    with acting_as(ADMIN):
        users = list_users(demo_db)
    assert {u.username for u in users} >= {"admin", "zhangsan", "buzhang"}
    with acting_as(PERSONNEL_CLERK), pytest.raises(PermissionDenied, match="需要系统管理员"):
        reset_password(demo_db, users[0].id, "Another-pass-1")


# -- every committing service is guarded ---------------------------------------------------

# Functions that commit without a role check, and why that is right.
UNGUARDED = {
    "accounts.create_first_admin": "首次使用，还没有任何账户；已有账户时拒绝",
    "accounts.sign_in": "登录本身",
    "accounts.single_clerk_actor": "启动时的单机免登录（由管理员开启）",
    "accounts.sign_out": "记录退出登录",
    "accounts.change_own_password": "只改自己的密码，且须知道原密码",
    "audit.log_export": "只追加一条操作日志",
    "audit.log_event": "只追加一条操作日志",
    "backups.backup_before": "自动安全备份，由已检查权限的服务调用",
    "people.sync_current_posts": "到期生效：已批准的调整在生效日自动体现，不接受任何输入",
}


def _guarded(fn: ast.FunctionDef) -> bool:
    for deco in fn.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(target, ast.Name) and target.id == "requires":
            return True
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "require"
        for node in ast.walk(fn)
    )


def _commits(fn: ast.FunctionDef) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("commit", "restore_from", "backup")
        for node in ast.walk(fn)
    )


def test_every_service_that_changes_data_checks_the_role() -> None:
    folder = Path(orgdesk.services.__file__).parent
    offenders = []
    checked = 0
    for path in sorted(folder.glob("*.py")):
        if path.stem.startswith("demo"):
            continue  # the demo builds a new file of its own
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if not _commits(node):
                continue
            checked += 1
            name = f"{path.stem}.{node.name}"
            if not _guarded(node) and name not in UNGUARDED:
                offenders.append(name)
    assert checked >= 15
    assert offenders == [], (
        "services that change data without `@requires(...)`/`require(...)`: " + ", ".join(offenders)
    )
