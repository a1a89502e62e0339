"""`orgdesk check`: is this database sound and at the newest schema?  File or server."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from orgdesk.storage.engine import connection_problem, make_engine
from orgdesk.storage.errors import StorageError
from orgdesk.storage.location import DbLocation, parse_location
from orgdesk.storage.migrate import current_revision, head_revision


@dataclass
class CheckReport:
    ok: bool
    lines: list[str] = field(default_factory=list)
    reachable: bool = True  # False: the server could not be reached at all


def check_database(target: DbLocation | Path | str) -> CheckReport:
    """Integrity, foreign keys, schema at the newest revision; nothing is changed."""
    location = parse_location(target)
    report, readable = _check_file(location.path) if location.path else _check_server(location)
    if not readable:
        return report
    try:
        current = current_revision(location)
    except StorageError as exc:
        return CheckReport(False, [*report.lines, str(exc)])
    head = head_revision()
    if current == head:
        report.lines.append(f"数据结构版本：{current}（最新）")
    else:
        report.ok = False
        shown = current or "无"
        report.lines.append(
            f"数据结构版本：{shown}，不是本程序的最新版本 {head}，请用 OrgDesk 打开一次以升级"
        )
    return report


def _check_file(path: Path) -> tuple[CheckReport, bool]:
    if not path.exists():
        return CheckReport(False, [f"数据库文件不存在：{path}"]), False
    report = CheckReport(ok=True)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
            names = {n for (n,) in con.execute("SELECT name FROM sqlite_master")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return CheckReport(False, [f"无法读取数据库：{exc}"]), False
    if integrity == ["ok"]:
        report.lines.append("完整性检查：通过")
    else:
        report.ok = False
        report.lines.append("完整性检查：未通过 — " + "；".join(integrity[:5]))
    if not fk:
        report.lines.append("外键检查：通过")
    else:
        report.ok = False
        tables = sorted({row[0] for row in fk})
        report.lines.append(f"外键检查：未通过，{len(fk)} 处引用失效（表：{'、'.join(tables)}）")
    if "audit_log" in names:
        _audit_guard_line(report, names >= AUDIT_GUARDS)
    return report, True


AUDIT_GUARDS = {"audit_log_no_update", "audit_log_no_delete"}


def _audit_guard_line(report: CheckReport, intact: bool) -> None:
    """The append-only protection of the audit log (triggers, on both backends)."""
    if intact:
        report.lines.append("操作日志保护：正常（只能追加）")
    else:
        report.ok = False
        report.lines.append("操作日志保护：未通过 — 防篡改触发器已被删除或停用，请联系管理员")


def _check_server(location: DbLocation) -> tuple[CheckReport, bool]:
    """PostgreSQL keeps pages checksummed and foreign keys enforced itself; we check that
    we can reach and read every table, and that no foreign key was left unvalidated."""
    report = CheckReport(ok=True, lines=[f"部门服务器：{location.display}"])
    try:
        engine = make_engine(location)
    except StorageError as exc:
        return CheckReport(False, [*report.lines, str(exc)], reachable=False), False
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
            report.lines.append(f"服务器版本：PostgreSQL {version}")
            unreadable = []
            tables = inspect(conn).get_table_names()
            for table in tables:
                try:
                    with conn.begin_nested():
                        conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar()
                except Exception as exc:
                    unreadable.append(f"{table}（{str(exc).splitlines()[0]}）")
            if unreadable:
                report.ok = False
                report.lines.append("完整性检查：未通过 — 无法读取 " + "；".join(unreadable[:5]))
            else:
                report.lines.append("完整性检查：通过（全部数据表可读，页校验由服务器负责）")
            invalid = conn.execute(
                text(
                    "SELECT conrelid::regclass::text FROM pg_constraint "
                    "WHERE contype = 'f' AND NOT convalidated"
                )
            ).scalars()
            bad = sorted(set(invalid))
            if bad:
                report.ok = False
                report.lines.append(f"外键检查：未通过，表 {'、'.join(bad)} 有未验证的外键")
            else:
                report.lines.append("外键检查：通过（外键由服务器强制保证）")
            triggers = set(
                conn.execute(
                    text(
                        "SELECT tgname FROM pg_trigger "
                        "WHERE tgrelid = to_regclass('audit_log') AND tgenabled <> 'D'"
                    )
                ).scalars()
            )
            if "audit_log" in tables:
                _audit_guard_line(report, triggers >= AUDIT_GUARDS)
    except OperationalError as exc:
        problem = str(connection_problem(location, exc))
        return CheckReport(False, [*report.lines, problem], reachable=False), False
    finally:
        engine.dispose()
    return report, True
