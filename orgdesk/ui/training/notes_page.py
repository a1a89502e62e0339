"""学习心得 page: each note owed this year, and who handed it in on time, late or not at all."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import FieldProblem, ValidationFailed
from orgdesk.domain.training import NoteStatus
from orgdesk.services.training_notes import (
    NoteAbout,
    NoteLine,
    NoteRequirement,
    note_requirements,
    note_roster,
    submit_notes,
    withdraw_notes,
)
from orgdesk.storage.database import Database
from orgdesk.ui.training.common import (
    FormDialog,
    button,
    confirm,
    make_table,
    selected_items,
)
from orgdesk.ui.training.forms import read_date
from orgdesk.ui.training.table import GREY, RED, YELLOW, Column, RowsModel
from orgdesk.ui.widgets import DateField

REQUIREMENT_COLUMNS: list[Column[NoteRequirement]] = [
    Column("学习心得", lambda r: r.label, 330),
    Column("截止日期", lambda r: r.due, 90),
    Column("应交", lambda r: r.required, 45, numeric=True),
    Column("按时提交", lambda r: r.counts[NoteStatus.ON_TIME], 65, numeric=True),
    Column("逾期提交", lambda r: r.counts[NoteStatus.LATE], 65, numeric=True),
    Column("逾期未交", lambda r: r.counts[NoteStatus.MISSING], 65, numeric=True),
    Column("待提交", lambda r: r.counts[NoteStatus.PENDING], 55, numeric=True),
]
LINE_COLUMNS: list[Column[NoteLine]] = [
    Column("姓名", lambda r: r.cadre.name, 90),
    Column("科室", lambda r: r.cadre.section, 120),
    Column("职级", lambda r: r.cadre.rank, 110),
    Column("状态", lambda r: r.status.value, 80),
    Column("提交日期", lambda r: r.submitted_on, 95),
    Column("心得题目", lambda r: r.title, 240),
]
STATUS_BRUSH = {NoteStatus.MISSING: RED, NoteStatus.LATE: YELLOW, NoteStatus.PENDING: GREY}


class SubmitDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        requirement: NoteRequirement,
        lines: list[NoteLine],
        today: date,
        parent: QWidget | None,
    ) -> None:
        super().__init__("登记学习心得", parent)
        self.db, self.requirement, self.lines, self.today = db, requirement, lines, today
        names = "、".join(x.cadre.name for x in lines[:8]) + (" 等" if len(lines) > 8 else "")
        self.form.addRow(
            "学习心得", QLabel(f"{requirement.label}（截止 {requirement.due:%Y-%m-%d}）")
        )
        self.form.addRow("提交人", QLabel(f"{names}（{len(lines)} 人）"))
        self.submitted_on = DateField()
        self.submitted_on.set_value(today)
        self.note_title = QLineEdit()
        self.note_title.setPlaceholderText("可不填")
        self.form.addRow("提交日期", self.submitted_on)
        self.form.addRow("心得题目", self.note_title)
        self.status: NoteStatus | None = None

    def submit(self) -> int | None:
        problems: list[FieldProblem] = []
        on = read_date(self.submitted_on, "提交日期", problems)
        if problems:
            raise ValidationFailed(problems)
        self.status = submit_notes(
            self.db,
            self.requirement.about,
            self.requirement.ref_id,
            [x.cadre.id for x in self.lines],
            on,
            self.note_title.text(),
            today=self.today,
        )
        return None


class NotesPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = 0
        self.on = date.today()
        self.requirements: RowsModel[NoteRequirement] = RowsModel(
            REQUIREMENT_COLUMNS,
            self,
            row_background=lambda r: RED if r.counts[NoteStatus.MISSING] else None,
        )
        self.requirement_view = make_table(self.requirements, multi=False)
        self.requirement_view.setSortingEnabled(False)
        self.lines: RowsModel[NoteLine] = RowsModel(
            LINE_COLUMNS, self, row_background=lambda r: STATUS_BRUSH.get(r.status)
        )
        self.line_view = make_table(self.lines)
        self.status_filter = QComboBox()
        self.status_filter.addItem("全部状态", None)
        for status in NoteStatus:
            self.status_filter.addItem(status.value, status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._load_lines())
        self.heading = QLabel()

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(
            QLabel(
                "<b>本年度应交的学习心得</b>（必读书目和培训课程设定了截止日期的；红底：有人逾期未交）"
            )
        )
        tl.addWidget(self.requirement_view)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        bar.addWidget(self.status_filter)
        self.submit_button = button("登记提交…", self.submit, "为选中的人登记提交日期")
        bar.addWidget(self.submit_button)
        bar.addWidget(button("撤销登记", self.withdraw))
        bl.addLayout(bar)
        bl.addWidget(self.line_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([240, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.requirement_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._load_lines()
        )
        self.line_view.doubleClicked.connect(lambda _i: self.submit())

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self, keep: tuple[NoteAbout, int] | None = None) -> None:
        current = self.current_requirement()
        if keep is None and current is not None:
            keep = (current.about, current.ref_id)
        self.requirements.set_rows(note_requirements(self.db, self.year, self.on))
        self.select(keep)

    def select(self, key: tuple[NoteAbout, int] | None) -> bool:
        rows = self.requirements.rows
        index = next(
            (i for i, r in enumerate(rows) if key and (r.about, r.ref_id) == key),
            -1 if key else (0 if rows else -1),
        )
        if index >= 0:
            self.requirement_view.selectRow(index)
        self._load_lines()
        return index >= 0

    def current_requirement(self) -> NoteRequirement | None:
        index = self.requirement_view.currentIndex()
        return self.requirements.row(index.row()) if index.isValid() else None

    def _load_lines(self) -> None:
        r = self.current_requirement()
        self.submit_button.setEnabled(r is not None)
        if r is None:
            self.lines.set_rows([])
            self.heading.setText("<b>提交情况</b>")
            return
        rows = note_roster(self.db, r.about, r.ref_id, self.on)
        wanted = self.status_filter.currentData()
        self.lines.set_rows([x for x in rows if wanted is None or x.status == wanted])
        self.heading.setText(f"<b>{r.label}</b>　截止 {r.due:%Y-%m-%d}，应交 {r.required} 人")

    def submit(self) -> None:
        r = self.current_requirement()
        chosen = selected_items(self.line_view)
        if r is None or not chosen:
            return
        dialog = SubmitDialog(self.db, r, chosen, self.on, self)
        if dialog.exec():
            self.refresh()
            self.changed.emit()

    def withdraw(self) -> None:
        r = self.current_requirement()
        chosen = [x for x in selected_items(self.line_view) if x.submitted_on is not None]
        if r and chosen and confirm(self, f"撤销 {len(chosen)} 人的提交登记？"):
            withdraw_notes(self.db, r.about, r.ref_id, [x.cadre.id for x in chosen])
            self.refresh()
            self.changed.emit()
