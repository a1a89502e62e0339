"""时间轴: one cadre's picture (saved as PNG on request) and the department's
who-was-where by year."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.paths import data_dir
from orgdesk.services.reference import reference_data
from orgdesk.services.rotation_data import cadre_choices
from orgdesk.services.timeline import department_view, person_timeline
from orgdesk.storage.database import Database
from orgdesk.ui.rotation.common import CadrePicker, Column, RowsModel, make_view
from orgdesk.ui.rotation.timeline_widget import TimelineWidget

# Pale colours for the department view, one per section in display order.
SECTION_COLOURS = (
    "#dbe8fd",
    "#d6f5e8",
    "#fdf0c8",
    "#fde0d6",
    "#e9e0f7",
    "#d4f1f0",
    "#f7dbe8",
    "#e5e5e5",
    "#eef6d6",
    "#fbe5c8",
)


class TimelinePage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.person = CadrePicker(cadre_choices(db))
        self.show_button = QPushButton("显示")
        self.whole = QCheckBox("显示全部经历（含进入本部前）")
        self.save_button = QPushButton("保存为图片…")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("人员："))
        bar.addWidget(self.person)
        bar.addWidget(self.show_button)
        bar.addWidget(self.whole)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        self.picture = TimelineWidget()
        top = QGroupBox("个人时间轴（任职、挂职、职级）")
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.picture)

        this_year = date.today().year
        self.first_year = QSpinBox()
        self.first_year.setRange(1980, 2100)
        self.first_year.setValue(this_year - 9)
        self.last_year = QSpinBox()
        self.last_year.setRange(1980, 2100)
        self.last_year.setValue(this_year)
        self.section = QComboBox()
        self.section.addItem("全部科室", None)
        for sec in reference_data(db).sections:
            self.section.addItem(sec.name, sec.id)
        self.count = QLabel()
        dept_bar = QHBoxLayout()
        dept_bar.addWidget(QLabel("从"))
        dept_bar.addWidget(self.first_year)
        dept_bar.addWidget(QLabel("到"))
        dept_bar.addWidget(self.last_year)
        dept_bar.addWidget(self.section)
        dept_bar.addWidget(self.count, 1)
        self.dept: RowsModel[Any] = RowsModel([], self)
        self.dept_view = make_view(self.dept, stretch_last=False)
        bottom = QGroupBox("部门全景：各年末所在科室（当年为截至今天）")
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addLayout(dept_bar)
        bottom_layout.addWidget(self.dept_view)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self.show_button.clicked.connect(lambda: self.show_person(self.person.cadre_id()))
        self.person.activated.connect(lambda _i: self.show_person(self.person.cadre_id()))
        self.whole.toggled.connect(lambda _on: self.show_person(self.person.cadre_id()))
        self.save_button.clicked.connect(self.save_png)
        self.dept_view.doubleClicked.connect(self._person_from_department)
        for spin in (self.first_year, self.last_year):
            spin.valueChanged.connect(lambda _v: self.refresh_department())
        self.section.currentIndexChanged.connect(lambda _i: self.refresh_department())
        self.refresh_department()

    def show_person(self, cadre_id: int | None) -> None:
        if cadre_id is None:
            self.picture.set_timeline(None)
            return
        if self.person.cadre_id() != cadre_id:
            self.person.set_cadre_id(cadre_id)
        try:
            timeline = person_timeline(self.db, cadre_id, date.today())
        except OrgDeskError as exc:
            QMessageBox.warning(self, "时间轴", str(exc))
            return
        self.picture.set_timeline(timeline, whole_career=self.whole.isChecked())

    def save_png(self) -> None:
        t = self.picture.timeline
        if t is None:
            QMessageBox.information(self, "保存为图片", "请先选择人员。")
            return
        suggested = str(data_dir() / f"{t.name}-时间轴.png")
        path, _ = QFileDialog.getSaveFileName(self, "保存时间轴", suggested, "PNG 图片 (*.png)")
        if not path:
            return
        target = Path(path).with_suffix(".png")
        if not self.picture.save_png(target):
            QMessageBox.warning(self, "未保存", f"无法写入 {target}（磁盘已满或无写入权限？）")
            return
        QMessageBox.information(self, "已保存", f"已保存到：\n{target}")

    def refresh_department(self) -> None:
        first, last = self.first_year.value(), self.last_year.value()
        if last < first:
            first, last = last, first
        view = department_view(
            self.db, first, last, date.today(), section_id=self.section.currentData()
        )
        order = {sid: i for i, sid in enumerate(view.sections)}

        def cell(i: int) -> Column:
            def name(r: object) -> str:
                sid = r.cells[i]  # type: ignore[attr-defined]
                return view.sections[sid].name if sid in view.sections else ""

            def colour(r: object) -> str | None:
                sid = r.cells[i]  # type: ignore[attr-defined]
                return SECTION_COLOURS[order[sid] % len(SECTION_COLOURS)] if sid in order else None

            return Column(str(view.years[i]), name, width=100, background=colour)

        columns: list[Column[Any]] = [Column("姓名", lambda r: r.name, width=80)]
        columns += [cell(i) for i in range(len(view.years))]
        self.dept.set_columns(columns)
        self.dept.set_rows(view.rows)
        for i, c in enumerate(columns):
            self.dept_view.setColumnWidth(i, c.width)
        self.count.setText(f"共 {len(view.rows)} 人；双击某人查看其时间轴")

    def _person_from_department(self, index: object) -> None:
        row = self.dept.row(index.row())  # type: ignore[attr-defined]
        if row is not None:
            self.show_person(row.cadre_id)
