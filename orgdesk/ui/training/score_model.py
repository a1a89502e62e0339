"""成绩登记 grid: one row per candidate, the 成绩 column typed into like a spreadsheet.

Each cell is checked as it is committed (a number within the full mark, or
「缺考」); a bad cell is refused with a Chinese message naming its row, and a
good one is saved at once, so nothing typed is lost.  Enter moves to the next
candidate, as clerks expect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.training import ScoreEntry, ScoreError, parse_score
from orgdesk.services.training_exams import ScoreLine
from orgdesk.ui.training.table import RED, shown

AnyIndex = QModelIndex | QPersistentModelIndex
HEADERS = ("序号", "姓名", "科室", "职级", "成绩", "结果")
SCORE_COLUMN = 4
Commit = Callable[[int, ScoreEntry], None]


def outcome(entry: ScoreEntry, pass_mark: float) -> str:
    if entry.absent:
        return "缺考"
    if entry.score is None:
        return "未录入"
    return "合格" if entry.score >= pass_mark else "不及格"


class ScoreModel(QAbstractTableModel):
    problem = Signal(str)  # a refused cell, in Chinese; "" when a cell was accepted
    scored = Signal()

    def __init__(self, commit: Commit, parent: Any = None) -> None:
        super().__init__(parent)
        self._commit = commit
        self._lines: list[ScoreLine] = []
        self._entries: list[ScoreEntry] = []
        self.full_mark = 100.0
        self.pass_mark = 60.0
        self.last_ok = True  # whether the last typed cell was accepted

    def set_sheet(self, lines: list[ScoreLine], full_mark: float, pass_mark: float) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._entries = [line.entry for line in lines]
        self.full_mark, self.pass_mark = full_mark, pass_mark
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, entry = self._lines[index.row()], self._entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = (
                index.row() + 1,
                line.cadre.name,
                line.cadre.section,
                line.cadre.rank,
                entry.shown(),
                outcome(entry, self.pass_mark),
            )
            return shown(values[column]) if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return RED if outcome(entry, self.pass_mark) in ("不及格", "缺考") else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, SCORE_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == SCORE_COLUMN:
            return f"输入 0–{self.full_mark:g} 的分数，或“缺考”；清空表示未录入"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == SCORE_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if index.column() != SCORE_COLUMN or not 0 <= index.row() < len(self._lines):
            return False
        row = index.row()
        line = self._lines[row]
        self.last_ok = False
        try:
            entry = parse_score(value, self.full_mark)
        except ScoreError as exc:
            self.problem.emit(f"第 {row + 1} 行「成绩」（{line.cadre.name}：{value}）{exc}")
            return False
        if entry == self._entries[row]:
            self.last_ok = True
            return True
        try:
            self._commit(line.cadre.id, entry)
        except OrgDeskError as exc:
            self.problem.emit(f"第 {row + 1} 行「成绩」未保存：{exc}")
            return False
        self.last_ok = True
        self._entries[row] = entry
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.problem.emit("")
        self.scored.emit()
        return True

    def cadre_id(self, row: int) -> int | None:
        return self._lines[row].cadre.id if 0 <= row < len(self._lines) else None

    def entry(self, row: int) -> ScoreEntry:
        return self._entries[row]


class ScoreView(QTableView):
    """Type a score and press Enter: it is saved and the next candidate's cell is current."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        model = self.model()
        accepted = not isinstance(model, ScoreModel) or model.last_ok
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and accepted:
            current = self.currentIndex()
            below = current.sibling(current.row() + 1, current.column())
            if below.isValid():
                self.setCurrentIndex(below)
