"""培训大纲 page: the year's subjects and 必读书目; start a year fresh or from last year's."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from orgdesk.services.reference import ReferenceData
from orgdesk.services.training_syllabus import (
    ReadingRow,
    SubjectRow,
    SyllabusView,
    copy_syllabus,
    create_syllabus,
    delete_reading,
    delete_subject,
    get_syllabus,
    syllabus_years,
    update_syllabus,
)
from orgdesk.storage.database import Database
from orgdesk.ui.training.common import (
    FormDialog,
    button,
    confirm,
    make_table,
    run_action,
    selected_items,
)
from orgdesk.ui.training.forms import ReadingDialog, SubjectDialog
from orgdesk.ui.training.table import Column, RowsModel

SUBJECT_COLUMNS: list[Column[SubjectRow]] = [
    Column("类别", lambda r: r.group, 120),
    Column("科目", lambda r: r.name, 260),
    Column("学习要求", lambda r: r.requirement, 300),
]
READING_COLUMNS: list[Column[ReadingRow]] = [
    Column("类别", lambda r: r.group, 90),
    Column("书名", lambda r: f"《{r.title}》", 300),
    Column("作者/编者", lambda r: r.author, 130),
    Column("阅读范围", lambda r: r.audience_text, 160),
    Column("心得截止", lambda r: r.note_due, 100),
]


class SyllabusHeadDialog(FormDialog):
    def __init__(self, db: Database, view: SyllabusView, parent: QWidget | None) -> None:
        super().__init__("大纲名称与目标", parent)
        self.db, self.view = db, view
        self.title_edit = QLineEdit(view.title)
        self.goals = QPlainTextEdit(view.goals)
        self.form.addRow("大纲名称", self.title_edit)
        self.form.addRow("总体目标", self.goals)

    def submit(self) -> int:
        update_syllabus(self.db, self.view.id, self.title_edit.text(), self.goals.toPlainText())
        return self.view.id


class SyllabusPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.reference = db, reference
        self.year = 0
        self.view: SyllabusView | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.new_button = button("新建本年大纲", self.create_new)
        self.copy_button = button("复制上年大纲", self.copy_last, "以上一年的科目和必读书目为基础")
        self.head_button = button("修改名称与目标…", self.edit_head)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for b in (self.new_button, self.copy_button, self.head_button):
            top.addWidget(b)

        self.subjects: RowsModel[SubjectRow] = RowsModel(SUBJECT_COLUMNS, self)
        self.subject_view = make_table(self.subjects)
        self.subject_view.doubleClicked.connect(lambda _i: self.edit_subject())
        self.readings: RowsModel[ReadingRow] = RowsModel(READING_COLUMNS, self)
        self.reading_view = make_table(self.readings)
        self.reading_view.doubleClicked.connect(lambda _i: self.edit_reading())

        subject_box = QWidget()
        sl = QVBoxLayout(subject_box)
        sl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>学习科目</b>（政治理论、业务知识、综合知识、计算机与办公技能）"))
        bar.addStretch(1)
        self.subject_buttons = [
            button("添加科目", lambda: self.edit_subject(new=True)),
            button("修改", self.edit_subject),
            button("删除", self.remove_subject),
        ]
        for b in self.subject_buttons:
            bar.addWidget(b)
        sl.addLayout(bar)
        sl.addWidget(self.subject_view)

        reading_box = QWidget()
        rl = QVBoxLayout(reading_box)
        rl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>必读书目</b>（设定心得截止日期的，需按期提交学习心得）"))
        bar.addStretch(1)
        self.reading_buttons = [
            button("添加书目", lambda: self.edit_reading(new=True)),
            button("修改", self.edit_reading),
            button("删除", self.remove_reading),
        ]
        for b in self.reading_buttons:
            bar.addWidget(b)
        rl.addLayout(bar)
        rl.addWidget(self.reading_view)

        split = QSplitter()
        split.addWidget(subject_box)
        split.addWidget(reading_box)
        split.setSizes([500, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        self.view = get_syllabus(self.db, self.year)
        has = self.view is not None
        self.subjects.set_rows(self.view.subjects if self.view else [])
        self.readings.set_rows(self.view.readings if self.view else [])
        previous = self.year - 1 in syllabus_years(self.db)
        self.new_button.setVisible(not has)
        self.copy_button.setVisible(not has)
        self.copy_button.setEnabled(previous)
        self.head_button.setEnabled(has)
        for b in self.subject_buttons + self.reading_buttons:
            b.setEnabled(has)
        if self.view is None:
            hint = (
                "可复制上一年的大纲作为起点。"
                if previous
                else "可新建一份（已预置文章所列各类科目）。"
            )
            self.heading.setText(f"<b>{self.year} 年尚无培训大纲。</b>{hint}")
        else:
            goals = f"<br>目标：{self.view.goals}" if self.view.goals else ""
            self.heading.setText(
                f"<b>{self.view.title}</b>　科目 {len(self.view.subjects)} 项，"
                f"必读书目 {len(self.view.readings)} 本{goals}"
            )

    def _done(self) -> None:
        self.refresh()
        self.changed.emit()

    def create_new(self) -> None:
        if run_action(self, lambda: create_syllabus(self.db, self.year)):
            self._done()

    def copy_last(self) -> None:
        if run_action(self, lambda: copy_syllabus(self.db, self.year - 1, self.year)):
            self._done()

    def edit_head(self) -> None:
        if self.view and SyllabusHeadDialog(self.db, self.view, self).exec():
            self._done()

    def edit_subject(self, new: bool = False) -> None:
        if self.view is None:
            return
        chosen = selected_items(self.subject_view)
        if not new and not chosen:
            return
        row = None if new else chosen[0]
        if SubjectDialog(self.db, self.view.id, row, self).exec():
            self._done()

    def remove_subject(self) -> None:
        chosen = selected_items(self.subject_view)
        if chosen and confirm(self, f"删除 {len(chosen)} 个科目？"):
            for row in chosen:
                delete_subject(self.db, row.id)
            self._done()

    def edit_reading(self, new: bool = False) -> None:
        if self.view is None:
            return
        chosen = selected_items(self.reading_view)
        if not new and not chosen:
            return
        row = None if new else chosen[0]
        if ReadingDialog(self.db, self.reference, self.view.id, row, self).exec():
            self._done()

    def remove_reading(self) -> None:
        chosen = selected_items(self.reading_view)
        if chosen and confirm(
            self, f"删除 {len(chosen)} 本必读书目？已登记的读书心得也将一并删除。"
        ):
            for row in chosen:
                delete_reading(self.db, row.id)
            self._done()
