"""任职经历 editor: a short list per cadre, edited in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.normalize import DateParseError, parse_loose_date
from orgdesk.domain.people import PostingInput
from orgdesk.services.reference import ReferenceData

COLUMNS = ("单位", "科室", "职务", "职级", "起始时间", "终止时间", "备注")
UNIT, SECTION, POST, RANK, START, END, NOTE = range(7)


class PostingEditor(QWidget):
    changed = Signal()

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton("新增任职")
        self.remove_button = QPushButton("删除所选")
        self.add_button.clicked.connect(lambda: self.add_row(PostingInput("本部", "", None)))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _combo(self, items: list[tuple[str, int]], value: int | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem("（外单位/无）", None)
        for text, key in items:
            combo.addItem(text, key)
        index = combo.findData(value)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def add_row(self, p: PostingInput) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        first = QTableWidgetItem(p.unit)
        first.setData(Qt.ItemDataRole.UserRole, p.id)
        self.table.setItem(row, UNIT, first)
        self.table.setItem(row, POST, QTableWidgetItem(p.post_title))
        self.table.setItem(row, START, QTableWidgetItem(_fmt(p.start_date)))
        self.table.setItem(row, END, QTableWidgetItem(_fmt(p.end_date)))
        self.table.setItem(row, NOTE, QTableWidgetItem(p.note))
        self.table.blockSignals(False)
        sections = [(s.name, s.id) for s in self.reference.sections]
        ranks = [(r.name, r.id) for r in self.reference.ranks]
        self.table.setCellWidget(row, SECTION, self._combo(sections, p.section_id))
        self.table.setCellWidget(row, RANK, self._combo(ranks, p.rank_id))
        self.changed.emit()
        return row

    def set_postings(self, postings: list[PostingInput]) -> None:
        self.table.setRowCount(0)
        for p in postings:
            self.add_row(p)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def postings(self) -> tuple[list[PostingInput], list[FieldProblem]]:
        """What the table holds, and the lines whose dates cannot be read."""
        result: list[PostingInput] = []
        problems: list[FieldProblem] = []
        for row in range(self.table.rowCount()):
            where = f"任职经历第 {row + 1} 条"
            dates = []
            for column, label in ((START, "起始时间"), (END, "终止时间")):
                text = self._text(row, column)
                try:
                    dates.append(parse_loose_date(text) if text else None)
                except DateParseError as exc:
                    problems.append(FieldProblem(where, f"「{label}」{exc}", None, text))
                    dates.append(None)
            section = self.table.cellWidget(row, SECTION)
            rank = self.table.cellWidget(row, RANK)
            unit_item = self.table.item(row, UNIT)
            result.append(
                PostingInput(
                    unit=self._text(row, UNIT),
                    post_title=self._text(row, POST),
                    start_date=dates[0],
                    end_date=dates[1],
                    section_id=section.currentData() if isinstance(section, QComboBox) else None,
                    rank_id=rank.currentData() if isinstance(rank, QComboBox) else None,
                    note=self._text(row, NOTE),
                    id=unit_item.data(Qt.ItemDataRole.UserRole) if unit_item else None,
                )
            )
        return result, problems

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""


def _fmt(value: object) -> str:
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else ""
