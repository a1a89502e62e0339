"""操作日志, written by the ORM itself: every change, in every area, in the same transaction.

Mapper events on `Base` (so every model, including those added later) see each
row the flush inserts, updates or deletes — orphans removed by a cascade too —
and append one entry per changed field with its old and new value, on the
flush's own connection.  A rolled-back unit of work therefore leaves no entry,
and a committed one never lacks its entries.

Core bulk statements (the demo, large imports) bypass the ORM; they write one
summary entry with `record_event`; work that goes through the ORM but should
be logged as one summary (building the demo) runs inside `summary_only()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Table, event, insert, inspect, select
from sqlalchemy.orm import Mapper, Session

from orgdesk.domain.access import Actor, current_actor
from orgdesk.storage.audit_labels import field_label, setting_label, table_label
from orgdesk.storage.models.audit import AuditEntry
from orgdesk.storage.models.base import Base

_summary_only: ContextVar[bool] = ContextVar("orgdesk_audit_summary_only", default=False)
_note: ContextVar[str] = ContextVar("orgdesk_audit_note", default="")
AUDIT_TABLE: Table = AuditEntry.__table__  # type: ignore[assignment]
SYSTEM_USERNAME = "system"
SYSTEM_LABEL = "系统"

# Derived or bookkeeping columns: their changes say nothing a person did.
SKIP_ALWAYS = frozenset(
    {"version", "updated_by", "name_initials", "name_pinyin", "created_at", "updated_at"}
)
_LABEL_COLUMNS = ("name", "title", "username", "key", "post_title")


def who(actor: Actor | None = None) -> dict[str, str]:
    """The audit columns naming the user (the current one by default)."""
    actor = actor if actor is not None else current_actor()
    if actor is None:
        return {"username": SYSTEM_USERNAME, "user_label": SYSTEM_LABEL}
    label = actor.label + (f"（{actor.via}）" if actor.via else "")
    return {"username": actor.username, "user_label": label}


def text_of(value: Any) -> str:
    """How a stored value reads in the log."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, bytes | bytearray | memoryview):
        return f"〈{len(bytes(value))} 字节的文件〉"
    return str(value)


def record_event(
    conn: Connection | Session,
    action: str,
    *,
    table: str = "",
    table_text: str = "",
    record_id: str = "",
    record_label: str = "",
    cadre_id: int | None = None,
    person: str = "",
    note: str = "",
    actor: Actor | None = None,
    attempted_username: str | None = None,
) -> None:
    """One explicit entry (a bulk insert, an export, a sign-in) inside the caller's transaction.

    `attempted_username` names who tried to sign in when nobody is signed in yet.
    """
    user = (
        {"username": attempted_username[:60], "user_label": f"未登录（{attempted_username}）"[:100]}
        if attempted_username is not None
        else who(actor)
    )
    row = {
        "at": datetime.now().replace(microsecond=0),
        **user,
        "action": action,
        "table_name": table,
        "table_label": table_text or (table_label(table) if table else ""),
        "record_id": record_id,
        "record_label": record_label,
        "cadre_id": cadre_id,
        "person": person,
        "field": "",
        "field_label": "",
        "old_value": "",
        "new_value": "",
        "note": note,
    }
    conn.execute(insert(AUDIT_TABLE), [row])


# -- the ORM listener ------------------------------------------------------------------------


@contextmanager
def summary_only() -> Iterator[None]:
    """Inside this block the ORM writes no per-field entries (log a summary yourself)."""
    token = _summary_only.set(True)
    try:
        yield
    finally:
        _summary_only.reset(token)


@contextmanager
def import_note(note: str) -> Iterator[None]:
    """Entries written inside this block say where the change came from (「导入 X.lrmx」)."""
    token = _note.set(note)
    try:
        yield
    finally:
        _note.reset(token)


def _audited(target: Any) -> bool:
    return bool(getattr(type(target), "__audit__", True)) and not _summary_only.get()


@event.listens_for(Base, "after_insert", propagate=True)
def _after_insert(mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    if _audited(target):
        _write(conn, _Change(mapper, conn, target, "新增").rows())


@event.listens_for(Base, "after_update", propagate=True)
def _after_update(mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    if _audited(target):
        _write(conn, _Change(mapper, conn, target, "修改").rows())


@event.listens_for(Base, "after_delete", propagate=True)
def _after_delete(mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    if _audited(target):
        _write(conn, _Change(mapper, conn, target, "删除").rows())


def _write(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(AUDIT_TABLE), rows)


class _Change:
    """The entries for one row of one flush."""

    def __init__(self, mapper: Mapper[Any], conn: Connection, target: Any, action: str) -> None:
        self.mapper = mapper
        self.conn = conn
        self.target = target
        self.action = action
        self.state = inspect(target)
        self.model = type(target)
        self.table: Table = mapper.local_table  # type: ignore[assignment]
        self.values = self.state.dict

    def rows(self) -> list[dict[str, Any]]:
        base = self._base()
        skip = SKIP_ALWAYS | set(getattr(self.model, "__audit_skip__", ()))
        secret = set(getattr(self.model, "__audit_secret__", ()))
        primary = {c.key for c in self.mapper.primary_key}
        rows = []
        for attr in self.mapper.column_attrs:
            key = attr.key
            if key in skip or (key in primary and self.action != "修改"):
                continue
            if key == "cadre_id" and self.action != "修改":
                continue  # the entry names the person already
            column = attr.columns[0]
            old, new = self._values(key)
            if old is _UNCHANGED:
                continue
            old_text, new_text = self._text(column, old), self._text(column, new)
            if old_text == new_text:
                continue
            if key in secret:
                old_text = "（已设置）" if old_text else ""
                new_text = "（已设置）" if new_text else ""
                if self.action == "修改":
                    old_text, new_text = "", "（已修改）"
            rows.append(
                {
                    **base,
                    "field": key,
                    "field_label": field_label(self.table.name, key, self.model),
                    "old_value": old_text,
                    "new_value": new_text,
                }
            )
        if not rows and self.action != "修改":  # a row with nothing but defaults
            rows.append({**base, "field": "", "field_label": "", "old_value": "", "new_value": ""})
        return rows

    def _values(self, key: str) -> tuple[Any, Any]:
        if self.action == "新增":
            return None, self.values.get(key)
        if self.action == "删除":
            return self.values.get(key), None
        history = self.state.attrs[key].history
        if not history.added and not history.deleted:
            return _UNCHANGED, None
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        return old, new

    def _text(self, column: Any, value: Any) -> str:
        if value is None:
            return ""
        for fk in column.foreign_keys:
            return self._referenced(fk.column.table, value)
        return text_of(value)

    def _referenced(self, table: Table, key: Any) -> str:
        """A foreign key shows what it points at (科室 组织科, not 3)."""
        name_col = next((table.c[n] for n in _LABEL_COLUMNS if n in table.c), None)
        pk = list(table.primary_key.columns)
        if name_col is None or len(pk) != 1:
            return f"#{key}"
        found = self.conn.execute(select(name_col).where(pk[0] == key)).scalar()
        return str(found) if found is not None else f"#{key}"

    def _base(self) -> dict[str, Any]:
        pk_values = self.mapper.primary_key_from_instance(self.target)
        record_id = ",".join("" if v is None else str(v) for v in pk_values)
        cadre_id, person = self._person()
        return {
            "at": datetime.now().replace(microsecond=0),
            **who(),
            "action": self.action,
            "table_name": self.table.name,
            "table_label": table_label(self.table.name, self.model),
            "record_id": record_id,
            "record_label": self._label(record_id, person),
            "cadre_id": cadre_id,
            "person": person,
            "note": _note.get(),
        }

    def _person(self) -> tuple[int | None, str]:
        if self.table.name == "cadres":
            return self.values.get("id"), str(self.values.get("name") or "")
        cadre_id = self.values.get("cadre_id")
        if cadre_id is None and "cadre_id" in self.table.c and self.action == "修改":
            history = self.state.attrs["cadre_id"].history
            cadre_id = (history.deleted or [None])[0]
        if cadre_id is None:
            return None, ""
        cadres = Base.metadata.tables["cadres"]
        name = self.conn.execute(select(cadres.c.name).where(cadres.c.id == cadre_id)).scalar()
        return cadre_id, str(name or "")

    def _label(self, record_id: str, person: str) -> str:
        own = getattr(self.target, "audit_label", None)
        if callable(own):
            return str(own())
        if self.table.name == "settings":
            return setting_label(str(self.values.get("key", record_id)))
        for name in _LABEL_COLUMNS:
            value = self.values.get(name)
            if value:
                text = str(value)
                return text if not person or text == person else f"{person} · {text}"
        year = self.values.get("year")
        if person:
            return f"{person} · {year} 年度" if year else person
        return f"#{record_id}"


_UNCHANGED: Any = object()
