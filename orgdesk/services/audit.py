"""操作日志 use cases: read it page by page with filters, export it, log exports and events.

Changes made through the ORM are logged by `storage.audit` on their own; what
the ORM cannot see — a file written with personal data in it, a bulk import
through Core — is logged here with one explicit call (`log_export`, `log_event`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import ColumnElement, func, or_, select

from orgdesk.domain.access import Permission, mask_id_numbers_in, require
from orgdesk.storage.audit import record_event
from orgdesk.storage.database import Database
from orgdesk.storage.models.audit import AuditEntry
from orgdesk.storage.text_match import contains_any_case
from orgdesk.storage.xlsx_export import save_workbook, write_table


@dataclass(frozen=True)
class AuditFilter:
    person: str = ""  # 人员: part of the name of the person concerned
    record: str = ""  # 记录: part of the kind, the record or the field
    date_from: date | None = None
    date_to: date | None = None
    username: str | None = None  # 用户: exactly this account
    action: str | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_label: str
    action: str
    table_label: str
    record_label: str
    field_label: str
    old_value: str
    new_value: str
    note: str
    person: str


# (AuditRow field, 中文表头) in display order.
AUDIT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("at", "时间"),
    ("user_label", "用户"),
    ("action", "操作"),
    ("table_label", "类别"),
    ("record_label", "记录"),
    ("field_label", "字段"),
    ("old_value", "原值"),
    ("new_value", "新值"),
    ("note", "说明"),
)


def _where(f: AuditFilter) -> list[ColumnElement[bool]]:
    t = AuditEntry
    conditions: list[ColumnElement[bool]] = []
    if f.person.strip():
        conditions.append(contains_any_case(t.person, f.person.strip()))
    if f.record.strip():
        needle = f.record.strip()
        conditions.append(
            or_(
                contains_any_case(t.table_label, needle),
                contains_any_case(t.record_label, needle),
                contains_any_case(t.field_label, needle),
                t.record_id == f.record.strip(),
            )
        )
    if f.date_from is not None:
        conditions.append(t.at >= datetime.combine(f.date_from, time.min))
    if f.date_to is not None:
        conditions.append(t.at < datetime.combine(f.date_to + timedelta(days=1), time.min))
    if f.username:
        conditions.append(t.username == f.username)
    if f.action:
        conditions.append(t.action == f.action)
    return conditions


class AuditQuery:
    """Count and page the 操作日志 (newest first) for the 部领导 and the 系统管理员."""

    def __init__(self, db: Database, *, mask_ids: bool = True) -> None:
        require(Permission.VIEW_AUDIT)
        if not mask_ids:
            require(Permission.VIEW_ID_NUMBERS)
        self._db = db
        self.mask_ids = mask_ids

    def count(self, f: AuditFilter) -> int:
        stmt = select(func.count()).select_from(AuditEntry).where(*_where(f))
        with self._db.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def page(self, f: AuditFilter, *, offset: int = 0, limit: int = 200) -> list[AuditRow]:
        t = AuditEntry
        stmt = (
            select(
                t.id,
                t.at,
                t.user_label,
                t.action,
                t.table_label,
                t.record_label,
                t.field_label,
                t.old_value,
                t.new_value,
                t.note,
                t.person,
            )
            .where(*_where(f))
            .order_by(t.id.desc())
            .offset(offset)
            .limit(limit)
        )
        with self._db.engine.connect() as conn:
            rows = [AuditRow(*r) for r in conn.execute(stmt)]
        return [self._shown(r) for r in rows] if self.mask_ids else rows

    @staticmethod
    def _shown(r: AuditRow) -> AuditRow:
        m = mask_id_numbers_in
        return AuditRow(
            r.id,
            r.at,
            r.user_label,
            r.action,
            r.table_label,
            m(r.record_label),
            r.field_label,
            m(r.old_value),
            m(r.new_value),
            m(r.note),
            r.person,
        )


def audit_users(db: Database) -> list[tuple[str, str]]:
    """(username, how the log last named them) of everyone in the log, for the filter."""
    require(Permission.VIEW_AUDIT)
    t = AuditEntry
    stmt = (
        select(t.username, t.user_label)
        .where(t.id.in_(select(func.max(t.id)).group_by(t.username)))
        .order_by(t.username)
    )
    with db.engine.connect() as conn:
        return [(u, label) for u, label in conn.execute(stmt)]


def audit_actions(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return list(
            conn.execute(select(AuditEntry.action).distinct().order_by(AuditEntry.action)).scalars()
        )


def export_audit(db: Database, f: AuditFilter, path: Path, *, mask_ids: bool = True) -> int:
    """The filtered log as an Excel workbook (every value written as text); returns rows."""
    query = AuditQuery(db, mask_ids=mask_ids)
    rows: list[AuditRow] = []
    offset = 0
    while True:
        chunk = query.page(f, offset=offset, limit=5000)
        rows += chunk
        offset += len(chunk)
        if len(chunk) < 5000:
            break
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "操作日志"
    headers = [label for _key, label in AUDIT_COLUMNS]
    values: list[list[Any]] = [[getattr(r, key) for key, _label in AUDIT_COLUMNS] for r in rows]
    write_table(ws, headers, values, text_columns=headers[1:])
    save_workbook(wb, path)
    log_export(db, "操作日志", path, count=len(rows), unit="条")
    return len(rows)


def log_export(
    db: Database,
    what: str,
    path: Path | str,
    *,
    count: int = 1,
    unit: str = "人",
    cadre_id: int | None = None,
    person: str = "",
) -> None:
    """An export or print of personal data went to `path`: one entry in the 操作日志."""
    with db.unit_of_work() as uow:
        record_event(
            uow.session,
            "导出",
            table_text=what,
            record_label=person or what,
            cadre_id=cadre_id,
            person=person,
            note=f"{count} {unit} → {path}",
        )
        uow.commit()


def log_event(db: Database, action: str, note: str, *, table: str = "") -> None:
    """One explicit entry (a Core bulk import, a restore …) in its own transaction."""
    with db.unit_of_work() as uow:
        record_event(uow.session, action, table=table, note=note)
        uow.commit()
