"""竞争上岗 dialogs: a contest's posts, dates and weights; registering a contestant."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.eligibility import PostLevel
from orgdesk.domain.errors import FieldProblem, OrgDeskError, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.people import SectionKind
from orgdesk.services.contest_entries import register
from orgdesk.services.contest_views import ContestDetail
from orgdesk.services.contests import (
    ContestInput,
    PartSpec,
    PostSpec,
    create_contest,
    default_parts,
    update_contest,
)
from orgdesk.services.eligibility import CadreChoice, cadre_choices, cadre_eligibility
from orgdesk.services.reference import ReferenceData, load_settings
from orgdesk.storage.database import Database
from orgdesk.ui.widgets import DateField, ErrorLabel

POST_COLUMNS = ("岗位名称", "任职科室", "职务", "层级", "领导职务", "任职后职级", "职位数")
TITLE, SECTION, POST, LEVEL, LEADERSHIP, RANK, COUNT = range(7)


def _problems_text(problems: list[FieldProblem]) -> str:
    return "\n".join(str(p) for p in problems)


class ContestDialog(QDialog):
    """New or existing contest: title, dates, posts and score weights."""

    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        detail: ContestDetail | None,
        actor: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.reference = reference
        self.detail = detail
        self.actor = actor
        self.saved_id: int | None = None
        self.setWindowTitle("新建竞争上岗项目" if detail is None else "编辑竞争上岗项目")
        self.resize(980, 640)

        self.title = QLineEdit()
        self.title.setPlaceholderText("如：2026年度机关中层副职竞争上岗")
        self.announced = DateField()
        self.deadline = DateField()
        self.eligibility_on = DateField()
        self.eligibility_on.setPlaceholderText("留空：同报名截止日期")
        self.publicity_start = DateField()
        self.publicity_start.setPlaceholderText("留空：进入公示时自动填写")
        self.publicity_end = DateField()
        self.publicity_end.setPlaceholderText("留空：按设置的公示工作日自动计算")
        self.appointment_on = DateField()
        self.appointment_on.setPlaceholderText("留空：公示期满次日")
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow("标题 *", self.title)
        dates = QHBoxLayout()
        for label, widget in (
            ("发布日期 *", self.announced),
            ("报名截止 *", self.deadline),
            ("资格计算基准日", self.eligibility_on),
        ):
            dates.addWidget(QLabel(label))
            dates.addWidget(widget)
        form.addRow(dates)
        later = QHBoxLayout()
        for label, widget in (
            ("公示开始", self.publicity_start),
            ("公示结束", self.publicity_end),
            ("任职日期", self.appointment_on),
        ):
            later.addWidget(QLabel(label))
            later.addWidget(widget)
        form.addRow(later)
        form.addRow("备注", self.note)

        self.posts = QTableWidget(0, len(POST_COLUMNS))
        self.posts.setHorizontalHeaderLabels(POST_COLUMNS)
        self.posts.verticalHeader().setVisible(False)
        self.posts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        add_post = QPushButton("添加岗位")
        remove_post = QPushButton("删除所选岗位")
        add_post.clicked.connect(lambda: self.add_post(None))
        remove_post.clicked.connect(lambda: self._remove_selected(self.posts))
        posts_box = QGroupBox("竞争岗位")
        posts_layout = QVBoxLayout(posts_box)
        posts_layout.addWidget(self.posts)
        row = QHBoxLayout()
        row.addWidget(add_post)
        row.addWidget(remove_post)
        row.addStretch(1)
        posts_layout.addLayout(row)

        self.parts = QTableWidget(0, 2)
        self.parts.setHorizontalHeaderLabels(("评分部分", "权重（%）"))
        self.parts.verticalHeader().setVisible(False)
        self.parts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        add_part = QPushButton("添加评分部分")
        remove_part = QPushButton("删除所选")
        add_part.clicked.connect(lambda: self.add_part(PartSpec("", 0.0)))
        remove_part.clicked.connect(lambda: self._remove_selected(self.parts))
        parts_box = QGroupBox("评分部分与权重（合计 100%）")
        parts_layout = QVBoxLayout(parts_box)
        parts_layout.addWidget(self.parts)
        row2 = QHBoxLayout()
        row2.addWidget(add_part)
        row2.addWidget(remove_part)
        row2.addStretch(1)
        parts_layout.addLayout(row2)
        lower = QHBoxLayout()
        lower.addWidget(posts_box, 3)
        lower.addWidget(parts_box, 1)

        self.errors = ErrorLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(lower, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

        if detail is not None:
            self.load(detail.as_input())
        else:
            today = date.today()
            self.announced.set_value(today)
            for part in default_parts(load_settings(db)):
                self.add_part(part)
            self.add_post(None)
        self._initial = self._snapshot()

    def _snapshot(self) -> object:
        data, problems = self.read()
        return (data, [str(p) for p in problems], [f.text() for f in self._date_fields()])

    def _date_fields(self) -> list[DateField]:
        return [
            self.announced,
            self.deadline,
            self.eligibility_on,
            self.publicity_start,
            self.publicity_end,
            self.appointment_on,
        ]

    def reject(self) -> None:
        """Closing with changes asks first, so nothing typed is lost by a slip of the key."""
        if self._snapshot() != self._initial:
            answer = QMessageBox.question(
                self,
                "放弃修改？",
                "有尚未保存的修改，确定放弃吗？",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # -- rows --------------------------------------------------------------------------
    def add_post(self, spec: PostSpec | None) -> int:
        row = self.posts.rowCount()
        self.posts.insertRow(row)
        first = QTableWidgetItem(spec.title if spec else "")
        first.setData(Qt.ItemDataRole.UserRole, spec.id if spec else None)
        self.posts.setItem(row, TITLE, first)
        self.posts.setItem(row, POST, QTableWidgetItem(spec.post_title if spec else "副科长"))
        section = QComboBox()
        section.addItem("", None)
        for sec in self.reference.sections:
            section.addItem(sec.name, sec.id)
        default_section = next(
            (s.id for s in self.reference.sections if s.kind is SectionKind.BUSINESS), None
        )
        section.setCurrentIndex(
            max(0, section.findData(spec.section_id if spec else default_section))
        )
        level = QComboBox()
        for lv in PostLevel:
            level.addItem(lv.value, lv.value)
        level.setCurrentIndex(max(0, level.findData(spec.level.value if spec else "副科级")))
        leadership = QCheckBox()
        leadership.setChecked(spec.is_leadership if spec else True)
        rank = QComboBox()
        rank.addItem("（保持原职级）", None)
        for r in self.reference.ranks:
            rank.addItem(f"{r.name}（{r.level.label}）", r.id)
        count = QSpinBox()
        count.setRange(1, 50)
        count.setValue(spec.count if spec else 1)
        self.posts.setCellWidget(row, SECTION, section)
        self.posts.setCellWidget(row, LEVEL, level)
        self.posts.setCellWidget(row, LEADERSHIP, leadership)
        self.posts.setCellWidget(row, RANK, rank)
        self.posts.setCellWidget(row, COUNT, count)
        if spec is not None:
            rank.setCurrentIndex(max(0, rank.findData(spec.rank_id)))
        else:
            self._default_rank(row)
            self._default_title(row)
        level.currentIndexChanged.connect(lambda _i, r=row: self._level_changed(r))
        leadership.toggled.connect(lambda _on, r=row: self._default_rank(r))
        section.currentIndexChanged.connect(lambda _i, r=row: self._default_title(r))
        return row

    def _level_changed(self, row: int) -> None:
        level = PostLevel(self._combo(row, LEVEL).currentData())
        post = self.posts.item(row, POST)
        if post is not None and post.text() in ("副科长", "科长", ""):
            post.setText({PostLevel.DEPUTY: "副科长", PostLevel.CHIEF: "科长"}.get(level, ""))
        self._default_rank(row)
        self._default_title(row)

    def _default_rank(self, row: int) -> None:
        level = PostLevel(self._combo(row, LEVEL).currentData())
        box = self.posts.cellWidget(row, LEADERSHIP)
        leadership = box.isChecked() if isinstance(box, QCheckBox) else True
        wanted = next(
            (
                r.id
                for r in self.reference.ranks
                if r.level == level.rank_level and r.is_leadership == leadership
            ),
            None,
        )
        rank = self._combo(row, RANK)
        rank.setCurrentIndex(max(0, rank.findData(wanted)))

    def _default_title(self, row: int) -> None:
        title = self.posts.item(row, TITLE)
        post = self.posts.item(row, POST)
        section = self._combo(row, SECTION).currentText()
        if title is None or post is None:
            return
        auto = title.data(Qt.ItemDataRole.UserRole + 1)
        if not title.text() or title.text() == auto:
            text = f"{section}{post.text()}"
            title.setText(text)
            title.setData(Qt.ItemDataRole.UserRole + 1, text)

    def _combo(self, row: int, column: int) -> QComboBox:
        widget = self.posts.cellWidget(row, column)
        assert isinstance(widget, QComboBox)
        return widget

    def add_part(self, spec: PartSpec) -> None:
        row = self.parts.rowCount()
        self.parts.insertRow(row)
        name = QTableWidgetItem(spec.name)
        name.setData(Qt.ItemDataRole.UserRole, spec.id)
        self.parts.setItem(row, 0, name)
        weight = QDoubleSpinBox()
        weight.setRange(0, 100)
        weight.setDecimals(1)
        weight.setSuffix(" %")
        weight.setValue(round(spec.weight * 100, 1))
        self.parts.setCellWidget(row, 1, weight)

    @staticmethod
    def _remove_selected(table: QTableWidget) -> None:
        rows = sorted({i.row() for i in table.selectedIndexes()}, reverse=True)
        if not rows and table.currentRow() >= 0:
            rows = [table.currentRow()]
        for row in rows:
            table.removeRow(row)

    # -- load and read -------------------------------------------------------------------
    def load(self, data: ContestInput) -> None:
        self.title.setText(data.title)
        self.announced.set_value(data.announced_on)
        self.deadline.set_value(data.registration_deadline)
        self.eligibility_on.set_value(data.eligibility_on)
        self.publicity_start.set_value(data.publicity_start)
        self.publicity_end.set_value(data.publicity_end)
        self.appointment_on.set_value(data.appointment_on)
        self.note.setText(data.note)
        self.posts.setRowCount(0)
        for post in data.posts:
            self.add_post(post)
        self.parts.setRowCount(0)
        for part in data.parts:
            self.add_part(part)

    def read(self) -> tuple[ContestInput, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        dates: dict[str, date | None] = {}
        for key, label, field in (
            ("announced_on", "发布日期", self.announced),
            ("registration_deadline", "报名截止日期", self.deadline),
            ("eligibility_on", "资格计算基准日", self.eligibility_on),
            ("publicity_start", "公示开始日期", self.publicity_start),
            ("publicity_end", "公示结束日期", self.publicity_end),
            ("appointment_on", "任职日期", self.appointment_on),
        ):
            try:
                dates[key] = field.value()
            except DateParseError as exc:
                problems.append(FieldProblem(label, str(exc), value=field.text()))
                dates[key] = None
        posts = []
        for row in range(self.posts.rowCount()):
            title = self.posts.item(row, TITLE)
            post = self.posts.item(row, POST)
            box = self.posts.cellWidget(row, LEADERSHIP)
            count = self.posts.cellWidget(row, COUNT)
            posts.append(
                PostSpec(
                    title=title.text() if title else "",
                    section_id=self._combo(row, SECTION).currentData(),
                    post_title=post.text() if post else "",
                    level=PostLevel(self._combo(row, LEVEL).currentData()),
                    is_leadership=box.isChecked() if isinstance(box, QCheckBox) else True,
                    rank_id=self._combo(row, RANK).currentData(),
                    count=count.value() if isinstance(count, QSpinBox) else 1,
                    id=title.data(Qt.ItemDataRole.UserRole) if title else None,
                )
            )
        parts = []
        for row in range(self.parts.rowCount()):
            name = self.parts.item(row, 0)
            weight = self.parts.cellWidget(row, 1)
            parts.append(
                PartSpec(
                    name.text() if name else "",
                    round(weight.value() / 100, 4) if isinstance(weight, QDoubleSpinBox) else 0.0,
                    name.data(Qt.ItemDataRole.UserRole) if name else None,
                )
            )
        data = ContestInput(
            title=self.title.text(),
            posts=posts,
            parts=parts,
            note=self.note.text().strip(),
            **dates,
        )
        return data, problems

    def save(self) -> None:
        data, problems = self.read()
        if problems:
            self.errors.show_message("未保存，请修改：\n" + _problems_text(problems))
            return
        try:
            if self.detail is None:
                self.saved_id = create_contest(self.db, data, actor=self.actor)
            else:
                update_contest(self.db, self.detail.id, data, expected_version=self.detail.version)
                self.saved_id = self.detail.id
        except ValidationFailed as exc:
            self.errors.show_message("未保存，请修改：\n" + _problems_text(exc.problems))
            return
        except OrgDeskError as exc:
            self.errors.show_message(f"未保存：{exc}")
            return
        self.accept()


class RegisterDialog(QDialog):
    """报名: pick a cadre and a post; the eligibility on the contest's date is previewed."""

    def __init__(self, db: Database, detail: ContestDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.detail = detail
        self.saved_id: int | None = None
        self.setWindowTitle("报名")
        self.resize(640, 520)
        registered = {r.cadre_id for r in detail.registrations}
        self.choices: list[CadreChoice] = [c for c in cadre_choices(db) if c.id not in registered]
        self.cadre = QComboBox()
        self.cadre.setEditable(True)
        self.cadre.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.cadre.addItem("", None)
        for choice in self.choices:
            self.cadre.addItem(choice.label, choice.id)
        completer = QCompleter([c.label for c in self.choices], self.cadre)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.cadre.setCompleter(completer)
        self.post = QComboBox()
        for p in detail.posts:
            self.post.addItem(p.describe, p.id)
        self.registered_on = DateField()
        self.registered_on.set_value(min(date.today(), detail.registration_deadline))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.errors = ErrorLabel()
        form = QFormLayout()
        form.addRow("报名人员 *", self.cadre)
        form.addRow("报名岗位 *", self.post)
        form.addRow("报名日期", self.registered_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("报名")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(f"资格预审（基准日 {detail.eligibility_on:%Y-%m-%d}）："))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.cadre.currentIndexChanged.connect(self.update_preview)
        self.post.currentIndexChanged.connect(self.update_preview)

    def select_cadre(self, cadre_id: int) -> None:
        self.cadre.setCurrentIndex(max(0, self.cadre.findData(cadre_id)))

    def selected_cadre(self) -> int | None:
        data = self.cadre.currentData()
        if data is None:  # typed text: take the unique match
            text = self.cadre.currentText().strip()
            matches = [c for c in self.choices if text and text in c.label]
            return matches[0].id if len(matches) == 1 else None
        return int(data)

    def update_preview(self) -> None:
        cadre_id = self.selected_cadre()
        post_id = self.post.currentData()
        if cadre_id is None or post_id is None:
            self.preview.setPlainText("")
            return
        level = self.detail.post(post_id).level
        result = cadre_eligibility(self.db, cadre_id, level, self.detail.eligibility_on)
        self.preview.setPlainText(result.text())

    def save(self) -> None:
        cadre_id = self.selected_cadre()
        if cadre_id is None:
            self.errors.show_message("请选择报名人员（可输入姓名或拼音后从列表中选择）")
            return
        try:
            when = self.registered_on.value()
            self.saved_id = register(
                self.db, self.detail.id, cadre_id, int(self.post.currentData()), when
            )
        except DateParseError as exc:
            self.errors.show_message(f"「报名日期」{exc}")
            return
        except ValidationFailed as exc:
            self.errors.show_message(_problems_text(exc.problems))
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未报名", str(exc))
            return
        self.accept()


def make_table(headers: tuple[str, ...] | list[str], *, editable: bool = False) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table
