"""Table models of the 招录批次 page: the batches, and the candidates of one batch.

Scores (笔试/面试/考察) are typed straight into the candidate grid; each edit is
one service call, and the totals and ranks are recomputed from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.intake import ENTRY_DIMENSIONS, SCORE_PARTS, Decision, Grade
from orgdesk.domain.normalize import to_halfwidth
from orgdesk.services.intake import BatchSummary, CandidateRow
from orgdesk.ui.list_model import Column, RowsModel

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1

BATCH_COLUMNS: list[Column[BatchSummary]] = [
    Column("年度", lambda b: str(b.year), width=45),
    Column("批次", lambda b: b.title, width=190),
    Column("渠道", lambda b: b.channel.value, width=130),  # hidden: the title names it
    Column("岗位", lambda b: b.posts, width=36),
    Column("计划", lambda b: b.headcount, width=36),
    Column("考生", lambda b: b.candidates, width=36),
    Column("录用", lambda b: b.hired, width=36),
]


class _ListModel(QAbstractTableModel):
    columns: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def batch_model(parent: Any = None) -> RowsModel[BatchSummary]:
    """The batches, newest first (the service's order)."""
    return RowsModel(BATCH_COLUMNS, parent, row_tooltip=_batch_tip)


def _batch_tip(b: BatchSummary) -> str:
    return f"{b.year} 年 {b.title}（{b.channel.value}）"


GRADE_COLUMNS = tuple(label for _, label in ENTRY_DIMENSIONS)
SCORE_COLUMNS = tuple(label for _, label in SCORE_PARTS)
CANDIDATE_COLUMNS = (
    "岗位",
    "姓名",
    "身份证号",
    "来源",
    *GRADE_COLUMNS,
    *SCORE_COLUMNS,
    "总分",
    "名次",
    "决定",
)
FIRST_GRADE = 4
FIRST_SCORE = FIRST_GRADE + len(GRADE_COLUMNS)
DECISION_BRUSHES = {
    Decision.HIRED: QBrush(QColor("#e3f4e1")),
    Decision.REJECTED: QBrush(QColor("#eeeeee")),
}
FAIL_BRUSH = QBrush(QColor("#c0392b"))


def _score_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class CandidateModel(_ListModel):
    """The candidates of one batch; the score cells are editable until 录用."""

    columns = CANDIDATE_COLUMNS
    score_failed = Signal(str)

    def __init__(
        self, save_score: Callable[[int, str, float | None], None], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._save_score = save_score

    def row(self, index: int) -> CandidateRow:
        return self.rows[index]

    def refresh_values(self, rows: list[CandidateRow]) -> None:
        """New totals and ranks without moving rows (the clerk may be typing the next score)."""
        fresh = {r.id: r for r in rows}
        if set(fresh) != {r.id for r in self.rows}:
            self.set_rows(rows)
            return
        self.rows = [fresh[r.id] for r in self.rows]
        if self.rows:
            last = self.index(len(self.rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        c: CandidateRow = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.BackgroundRole:
            return DECISION_BRUSHES.get(c.decision)
        if role == Qt.ItemDataRole.ForegroundRole and FIRST_GRADE <= column < FIRST_SCORE:
            key = ENTRY_DIMENSIONS[column - FIRST_GRADE][0]
            return FAIL_BRUSH if c.data.grades.get(key) == Grade.FAIL.value else None
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and FIRST_SCORE <= column < len(self.columns) - 1
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column < FIRST_GRADE:
            d = c.data
            origin = "，".join(x for x in (d.origin_unit, d.origin_post) if x)
            return f"{d.name} {d.sex} {d.education} {d.specialty}" + (
                f"\n原单位：{origin}" if origin else ""
            )
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        d = c.data
        if column < FIRST_GRADE:
            return (c.post, d.name, d.id_number, d.origin_unit or ("本部" if c.cadre_id else ""))[
                column
            ]
        if column < FIRST_SCORE:
            return d.grades.get(ENTRY_DIMENSIONS[column - FIRST_GRADE][0], "")
        if column < FIRST_SCORE + len(SCORE_PARTS):
            return _score_text(d.scores.get(SCORE_PARTS[column - FIRST_SCORE][0]))
        rest = column - FIRST_SCORE - len(SCORE_PARTS)
        return (
            _score_text(c.total),
            "" if c.rank is None else str(c.rank),
            c.decision.value,
        )[rest]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        c: CandidateRow = self.rows[index.row()]
        editable = FIRST_SCORE <= index.column() < FIRST_SCORE + len(SCORE_PARTS)
        if editable and c.decision is not Decision.HIRED:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = index.column()
        if not FIRST_SCORE <= column < FIRST_SCORE + len(SCORE_PARTS):
            return False
        part, label = SCORE_PARTS[column - FIRST_SCORE]
        text = to_halfwidth(str(value or "")).strip()
        try:
            score = float(text) if text else None
        except ValueError:
            self.score_failed.emit(f"「{label}」应为数字，现为「{text}」")
            return False
        c: CandidateRow = self.rows[index.row()]
        try:
            self._save_score(c.id, part, score)
        except ValidationFailed as exc:
            self.score_failed.emit("；".join(p.message for p in exc.problems))
            return False
        except OrgDeskError as exc:
            self.score_failed.emit(str(exc))
            return False
        return True
