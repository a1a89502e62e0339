"""Text longer than its column allows is refused before it is written, naming the field.

PostgreSQL enforces VARCHAR(n) and would refuse such a save with an English error the
clerk cannot act on; SQLite stores any length, so the same text would save on the
standalone PC and fail on the department server (or when the file is later copied
there).  Checking at flush time gives both backends the same rule and a Chinese message
that names the table and the field; nothing of the unit of work is written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import Mapper, Session

from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.storage.audit_labels import field_label, table_label

Limit = tuple[str, int, str, str]  # attribute, length, field label, table label
_LIMITS: dict[type, tuple[Limit, ...]] = {}


def _limits(model: type) -> tuple[Limit, ...]:
    """The length-limited text columns of `model`, with their Chinese labels (cached)."""
    known = _LIMITS.get(model)
    if known is not None:
        return known
    mapper: Mapper[Any] = inspect(model)
    table = getattr(mapper.local_table, "name", "")
    out = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        length = getattr(column.type, "length", None)
        if isinstance(column.type, String) and length:
            field = field_label(table, column.key, model)
            out.append((attr.key, int(length), field, table_label(table, model)))
    _LIMITS[model] = tuple(out)
    return _LIMITS[model]


def check_lengths(session: Session, _flush_context: Any, _instances: Any) -> None:
    """`before_flush`: every new or changed row's text fits its column."""
    problems: list[FieldProblem] = []
    for obj in [*session.new, *session.dirty]:
        for key, length, field, table in _limits(type(obj)):
            value = getattr(obj, key, None)
            if isinstance(value, str) and len(value) > length:
                problems.append(
                    FieldProblem(
                        field, f"过长（{table}）：最多 {length} 个字，现为 {len(value)} 个字"
                    )
                )
    if problems:
        raise ValidationFailed(problems)
