"""招录 dialogs: the batch (with its posts), a candidate, and 录用 (which starts the trial)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.intake import ENTRY_DIMENSIONS, GRADES, SCORE_PARTS, IntakeChannel, Weights
from orgdesk.domain.normalize import DateParseError, to_halfwidth
from orgdesk.domain.people import DEGREES, EDUCATIONS, POLITICAL_STATUSES, RANK_LEVEL_LABELS, SEXES
from orgdesk.domain.trial import TrialLimits, trial_end
from orgdesk.services.intake import (
    BatchDetail,
    BatchInput,
    CandidateInput,
    CandidateRow,
    PostInput,
    save_batch,
    save_candidate,
)
from orgdesk.services.intake_decision import hire_candidate
from orgdesk.services.people import get_cadre
from orgdesk.services.reference import ReferenceData
from orgdesk.storage.database import Database
from orgdesk.ui.cadre_picker import CadrePickerDialog
from orgdesk.ui.form_dialog import SubmitDialog
from orgdesk.ui.widgets import DateField, choice_combo, set_combo_data

POST_COLUMNS = ("科室", "职位名称", "职级", "计划人数")


class BatchDialog(SubmitDialog):
    """新建/修改招录批次: year, channel, weights, and the posts offered."""

    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        weights: Weights,
        detail: BatchDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("修改招录批次" if detail else "新建招录批次", parent)
        self.db, self.reference = db, reference
        self.batch_id = detail.id if detail else None
        self.saved_id: int | None = None
        self.resize(720, 560)
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(date.today().year)
        self.title = QLineEdit()
        self.title.setPlaceholderText("如：2026年面向社会公开招考")
        self.channel = QComboBox()
        for channel in IntakeChannel:
            self.channel.addItem(channel.value, channel.value)
        self.announced = DateField()
        self.weights = {}
        weight_row = QHBoxLayout()
        for key, label in SCORE_PARTS:
            box = QDoubleSpinBox()
            box.setRange(0, 1)
            box.setSingleStep(0.05)
            box.setDecimals(2)
            box.setValue(weights.as_dict()[key])
            self.weights[key] = box
            weight_row.addWidget(QLabel(label))
            weight_row.addWidget(box)
        weight_row.addStretch(1)
        weights_holder = QWidget()
        weights_holder.setLayout(weight_row)
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow("年度 *", self.year)
        form.addRow("批次名称 *", self.title)
        form.addRow("招录渠道 *", self.channel)
        form.addRow("公告日期", self.announced)
        form.addRow("成绩权重 *", weights_holder)
        form.addRow("备注", self.note)

        self.posts = QTableWidget(0, len(POST_COLUMNS))
        self.posts.setHorizontalHeaderLabels(POST_COLUMNS)
        self.posts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.posts.verticalHeader().setVisible(False)
        self._post_ids: list[int | None] = []
        add_post = QPushButton("新增岗位")
        remove_post = QPushButton("删除所选岗位")
        add_post.clicked.connect(lambda: self.add_post(PostInput("科员", None, None, 1)))
        remove_post.clicked.connect(self.remove_post)
        post_buttons = QHBoxLayout()
        post_buttons.addWidget(add_post)
        post_buttons.addWidget(remove_post)
        post_buttons.addStretch(1)
        group = QGroupBox("招录岗位")
        group_layout = QVBoxLayout(group)
        group_layout.addWidget(self.posts)
        group_layout.addLayout(post_buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(group, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if detail is not None:
            d = detail.data
            self.year.setValue(d.year)
            self.title.setText(d.title)
            set_combo_data(self.channel, d.channel.value)
            self.announced.set_value(d.announced_on)
            for key, box in self.weights.items():
                box.setValue(d.weights.as_dict()[key])
            self.note.setText(d.note)
            for p in d.posts:
                self.add_post(p)
        else:
            self.add_post(PostInput("科员", None, None, 1))

    def add_post(self, p: PostInput) -> int:
        row = self.posts.rowCount()
        self.posts.insertRow(row)
        section = QComboBox()
        section.addItem("", None)
        for s in self.reference.sections:
            section.addItem(s.name, s.id)
        set_combo_data(section, p.section_id)
        rank = QComboBox()
        rank.addItem("", None)
        for r in self.reference.ranks:
            rank.addItem(r.name, r.id)
        set_combo_data(rank, p.rank_id)
        count = QSpinBox()
        count.setRange(1, 999)
        count.setValue(p.headcount)
        self.posts.setCellWidget(row, 0, section)
        self.posts.setItem(row, 1, QTableWidgetItem(p.title))
        self.posts.setCellWidget(row, 2, rank)
        self.posts.setCellWidget(row, 3, count)
        self._post_ids.append(p.id)
        return row

    def remove_post(self) -> None:
        for row in sorted({i.row() for i in self.posts.selectedIndexes()}, reverse=True):
            self.posts.removeRow(row)
            del self._post_ids[row]

    def read(self) -> BatchInput:
        posts = []
        for row in range(self.posts.rowCount()):
            section, rank, count = (self.posts.cellWidget(row, c) for c in (0, 2, 3))
            item = self.posts.item(row, 1)
            assert isinstance(section, QComboBox) and isinstance(rank, QComboBox)
            assert isinstance(count, QSpinBox)
            posts.append(
                PostInput(
                    item.text() if item else "",
                    section.currentData(),
                    rank.currentData(),
                    count.value(),
                    self._post_ids[row],
                )
            )
        w = {k: box.value() for k, box in self.weights.items()}
        return BatchInput(
            year=self.year.value(),
            title=self.title.text(),
            channel=IntakeChannel(self.channel.currentData()),
            weights=Weights(w["written"], w["interview"], w["assessment"]),
            posts=posts,
            announced_on=self.announced.value(),
            note=self.note.text(),
        )

    def submit(self) -> None:
        self.saved_id = save_batch(self.db, self.read(), self.batch_id)


class CandidateDialog(SubmitDialog):
    """新增/修改考生: who, the post applied for, the entry-standard judgement, the scores."""

    def __init__(
        self,
        db: Database,
        detail: BatchDetail,
        row: CandidateRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("修改考生" if row else "新增考生", parent)
        self.db, self.detail = db, detail
        self.candidate_id = row.id if row else None
        self.saved_id: int | None = None
        self.resize(760, 560)
        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText("18 位，末位可为 X")
        self.post = QComboBox()
        for p in detail.posts:
            self.post.addItem(p.label, p.id)
        self.sex = choice_combo(SEXES)
        self.birth = DateField()
        self.political = choice_combo(POLITICAL_STATUSES)
        self.education = choice_combo(EDUCATIONS)
        self.degree = choice_combo(DEGREES)
        self.specialty = QLineEdit()
        self.first_job = DateField()
        self.origin_unit = QLineEdit()
        self.origin_post = QLineEdit()
        self.origin_level = QComboBox()
        self.origin_level.addItem("", None)
        for level, label in RANK_LEVEL_LABELS.items():
            self.origin_level.addItem(label, level)
        self.phone = QLineEdit()
        self.note = QLineEdit()
        self.pick_button = QPushButton("从名册选择…")
        self.pick_button.setToolTip("考生是本部在册人员时（如内部竞争上岗），从名册中选取")
        self.pick_button.clicked.connect(self.pick_cadre)

        left = QFormLayout()
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.pick_button)
        name_holder = QWidget()
        name_holder.setLayout(name_row)
        left.addRow("姓名 *", name_holder)
        left.addRow("身份证号 *", self.id_number)
        left.addRow("报考岗位 *", self.post)
        left.addRow("性别", self.sex)
        left.addRow("出生日期", self.birth)
        left.addRow("政治面貌", self.political)
        left.addRow("学历", self.education)
        left.addRow("学位", self.degree)
        right = QFormLayout()
        right.addRow("专业背景", self.specialty)
        right.addRow("参加工作时间", self.first_job)
        right.addRow("原单位", self.origin_unit)
        right.addRow("原职务", self.origin_post)
        right.addRow("原职级", self.origin_level)
        right.addRow("联系电话", self.phone)
        right.addRow("备注", self.note)
        top = QGridLayout()
        top.addLayout(left, 0, 0)
        top.addLayout(right, 0, 1)

        self.grades: dict[str, QComboBox] = {}
        judged = QGroupBox("入口标准评定（高进）")
        judged_layout = QHBoxLayout(judged)
        for key, label in ENTRY_DIMENSIONS:
            box = choice_combo(GRADES)
            self.grades[key] = box
            judged_layout.addWidget(QLabel(label))
            judged_layout.addWidget(box)
        self.scores: dict[str, QLineEdit] = {}
        scored = QGroupBox("成绩")
        scored_layout = QHBoxLayout(scored)
        weights = detail.data.weights.as_dict()
        for key, label in SCORE_PARTS:
            edit = QLineEdit()
            edit.setPlaceholderText("未考" if weights[key] == 0 else "")
            self.scores[key] = edit
            scored_layout.addWidget(QLabel(f"{label}（权重 {weights[key]:g}）"))
            scored_layout.addWidget(edit)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(judged)
        layout.addWidget(scored)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if row is not None:
            self.load(row.data)

    def load(self, d: CandidateInput) -> None:
        self.name.setText(d.name)
        self.id_number.setText(d.id_number)
        set_combo_data(self.post, d.post_id)
        for combo, value in (
            (self.sex, d.sex),
            (self.political, d.political_status),
            (self.education, d.education),
            (self.degree, d.degree),
            (self.origin_level, d.origin_level),
        ):
            set_combo_data(combo, value)
        self.birth.set_value(d.birth_date)
        self.first_job.set_value(d.first_employment)
        self.specialty.setText(d.specialty)
        self.origin_unit.setText(d.origin_unit)
        self.origin_post.setText(d.origin_post)
        self.phone.setText(d.phone)
        self.note.setText(d.note)
        for key, box in self.grades.items():
            set_combo_data(box, d.grades.get(key, ""))
        for key, edit in self.scores.items():
            score = d.scores.get(key)
            edit.setText("" if score is None else f"{score:g}")

    def pick_cadre(self) -> None:
        chosen = CadrePickerDialog.choose(self.db, self)
        if chosen is None:
            return
        cadre, _version = get_cadre(self.db, chosen[0])
        self.load(
            CandidateInput(
                name=cadre.name,
                id_number=cadre.id_number,
                post_id=self.post.currentData(),
                sex=cadre.sex,
                birth_date=cadre.birth_date,
                political_status=cadre.political_status,
                education=cadre.education,
                degree=cadre.degree,
                specialty=cadre.specialty,
                first_employment=cadre.first_employment,
                origin_unit="本部",
                origin_post=cadre.post_title,
                phone=cadre.phone,
                grades={k: b.currentData() for k, b in self.grades.items()},
                scores=self._scores(),
            )
        )

    def _scores(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for key, edit in self.scores.items():
            text = to_halfwidth(edit.text()).strip()
            try:
                out[key] = float(text) if text else None
            except ValueError:
                label = dict(SCORE_PARTS)[key]
                raise OrgDeskError(f"「{label}」成绩应为数字，现为「{text}」") from None
        return out

    def read(self) -> CandidateInput:
        return CandidateInput(
            name=self.name.text(),
            id_number=self.id_number.text(),
            post_id=self.post.currentData(),
            sex=self.sex.currentData() or "",
            birth_date=self.birth.value(),
            political_status=self.political.currentData() or "",
            education=self.education.currentData() or "",
            degree=self.degree.currentData() or "",
            specialty=self.specialty.text().strip(),
            first_employment=self.first_job.value(),
            origin_unit=self.origin_unit.text().strip(),
            origin_post=self.origin_post.text().strip(),
            origin_level=self.origin_level.currentData(),
            phone=self.phone.text().strip(),
            grades={k: b.currentData() or "" for k, b in self.grades.items()},
            scores=self._scores(),
            note=self.note.text().strip(),
        )

    def submit(self) -> None:
        self.saved_id = save_candidate(self.db, self.detail.id, self.read(), self.candidate_id)


class HireDialog(SubmitDialog):
    """录用: the arrival date and the trial length; the end date is shown as it is computed."""

    def __init__(
        self,
        db: Database,
        detail: BatchDetail,
        row: CandidateRow,
        limits: TrialLimits,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("录用", parent)
        self.db, self.row = db, row
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("录用")
        self.setMinimumWidth(480)
        self.result_ids: Any = None
        post = detail.post(row.post_id)
        total = "—" if row.total is None else f"{row.total:g}"
        rank = "—" if row.rank is None else str(row.rank)
        heading = QLabel(
            f"<b>{row.data.name}</b> 报考 {post.label if post else '（无岗位）'}，总分 {total}，名次 {rank}。"
            f"<br>录用后{'更新' if row.cadre_id else '新建'}人员记录并开始试用期。"
        )
        heading.setWordWrap(True)
        self.start = DateField()
        self.start.set_value(date.today())
        self.months = QSpinBox()
        self.months.setRange(limits.min_months, limits.max_months)
        self.months.setValue(min(max(limits.default_months, limits.min_months), limits.max_months))
        self.months.setSuffix(" 个月")
        self.end_label = QLabel()
        form = QFormLayout()
        form.addRow("到岗日期 *", self.start)
        form.addRow("试用期 *", self.months)
        form.addRow("试用期截止", self.end_label)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.start.textChanged.connect(self._show_end)
        self.months.valueChanged.connect(self._show_end)
        self._show_end()

    def _show_end(self, *_args: object) -> None:
        try:
            start = self.start.value()
        except DateParseError:
            start = None
        self.end_label.setText(
            f"{trial_end(start, self.months.value()):%Y-%m-%d}" if start else "—"
        )

    def submit(self) -> None:
        self.result_ids = hire_candidate(
            self.db, self.row.id, self.start.value(), self.months.value()
        )
