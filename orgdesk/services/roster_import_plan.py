"""The plan of a roster import: what each row of the file will do, shown before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from orgdesk.domain.errors import FieldProblem, OrgDeskError
from orgdesk.domain.people import CadreInput


class ImportCancelled(OrgDeskError):
    """The clerk pressed 取消; nothing was written."""

    def __init__(self, message: str = "已取消导入，数据库未作任何修改") -> None:
        super().__init__(message)


class RowAction(StrEnum):
    NEW = "新增"
    UPDATE = "更新"
    SAME = "不变"
    ERROR = "有误"


class PostingOp(StrEnum):
    NONE = ""
    OPEN = "新建任职"
    MOVE = "调整职务"
    CORRECT = "更正现任职务"


@dataclass(slots=True)
class PlannedRow:
    row: int
    action: RowAction
    raw: dict[str, Any]  # the cells as read, for showing rows that could not be read
    changes: list[str] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)
    warnings: list[FieldProblem] = field(default_factory=list)
    data: CadreInput | None = None
    cadre_id: int | None = None
    posting_op: PostingOp = PostingOp.NONE
    post_since: date | None = None
    open_posting_id: int | None = None


@dataclass
class ImportPlan:
    path: Path
    sheet: str
    header_row: int
    rows: list[PlannedRow]
    ignored_columns: list[str]
    fingerprint: tuple[Any, ...]
    section_names: dict[int, str] = field(default_factory=dict)
    rank_names: dict[int, str] = field(default_factory=dict)

    def shown(self, r: PlannedRow, key: str) -> str:
        """What the preview grid shows for one roster field: the stored form, else the cell."""
        data = r.data
        if data is not None and not r.problems:
            if key == "section":
                return self.section_names.get(data.section_id or 0, "")
            if key == "rank":
                return self.rank_names.get(data.rank_id or 0, "")
            return str(getattr(data, key) or "")
        return _raw(r.raw, key)

    @property
    def problems(self) -> list[FieldProblem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def warnings(self) -> list[FieldProblem]:
        return [p for r in self.rows for p in r.warnings]

    def count(self, action: RowAction) -> int:
        return sum(1 for r in self.rows if r.action is action)

    def summary(self) -> str:
        parts = [f"共 {len(self.rows)} 行"]
        parts += [f"{a.value} {self.count(a)}" for a in RowAction if self.count(a)]
        return "，".join(parts)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def _raw(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an ID Excel stored as a number, shown as Excel shows it
    return "" if value is None else str(value).strip()
