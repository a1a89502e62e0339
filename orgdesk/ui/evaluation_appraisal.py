"""民主评议与等次: votes, scores, the proposed grade, the leader's decision, the form's words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.evaluation import GRADES, Grade, VoteTally
from orgdesk.services.evaluation import (
    AppraisalRow,
    AppraisalSheet,
    FormText,
    appraisal_sheet,
    decide_all_as_proposed,
    decide_grade,
    form_text,
    record_votes,
    save_form_text,
)
from orgdesk.storage.database import Database
from orgdesk.ui.evaluation_models import GRADE_COLOURS, RowsModel, shown
from orgdesk.ui.widgets import ErrorLabel

COLUMNS = [
    ("姓名", lambda r: r.name),
    ("科室", lambda r: r.section),
    ("职务", lambda r: r.post_title),
    ("目标得分", lambda r: r.target_score),
    ("优秀", lambda r: r.tally.excellent),
    ("称职", lambda r: r.tally.competent),
    ("基本称职", lambda r: r.tally.basic),
    ("不称职", lambda r: r.tally.incompetent),
    ("参评", lambda r: r.tally.voters),
    ("评议得分", lambda r: r.vote_score),
    ("综合得分", lambda r: r.combined),
    ("建议等次", lambda r: r.proposed),
    ("确定等次", lambda r: r.final or "未定"),
    ("连续优秀", lambda r: r.consecutive_excellent or None),
    (
        "处理建议",
        lambda r: "推荐提拔" if r.recommended else "调离审查" if r.transfer_review else "",
    ),
]


class AppraisalPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = 0
        self.sheet: AppraisalSheet | None = None
        self.model: RowsModel[Any] = RowsModel(
            COLUMNS, parent=self, row_background=lambda r: GRADE_COLOURS.get(r.final or "")
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())

        self.quota_label = QLabel()
        self.all_button = QPushButton("未定者全部按建议确定(&A)")
        self.all_button.clicked.connect(self.decide_all)
        top = QHBoxLayout()
        top.addWidget(self.quota_label, 1)
        top.addWidget(self.all_button)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(top)
        lv.addWidget(self.view)

        self.who = QLabel("请在左侧选择人员")
        self.who.setStyleSheet("font-size: 15px; font-weight: bold")
        self.spins = [QSpinBox() for _ in range(5)]
        for spin in self.spins:
            spin.setRange(0, 9999)
        votes = QGroupBox("民主评议票数")
        vf = QFormLayout(votes)
        for label, spin in zip(
            ("优秀", "称职", "基本称职", "不称职", "参评人数"), self.spins, strict=True
        ):
            vf.addRow(label, spin)
        self.save_votes_button = QPushButton("保存票数(&S)")
        self.save_votes_button.clicked.connect(self.save_votes)
        vf.addRow(self.save_votes_button)
        self.scores = QLabel()
        self.scores.setWordWrap(True)

        decide = QGroupBox("确定等次（主要领导）")
        df = QFormLayout(decide)
        self.grade = QComboBox()
        self.grade.addItem("未定", None)
        for g in GRADES:
            self.grade.addItem(g.value, g.value)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("与建议等次不同时必须填写")
        self.decider = QLineEdit("部长")
        self.decide_button = QPushButton("确定等次(&D)")
        self.decide_button.clicked.connect(self.decide)
        df.addRow("确定等次", self.grade)
        df.addRow("理由", self.reason)
        df.addRow("确定人", self.decider)
        df.addRow(self.decide_button)

        words = QGroupBox("考核登记表内容")
        wf = QFormLayout(words)
        self.duties = QLineEdit()
        self.summary = QPlainTextEdit()
        self.summary.setMinimumHeight(110)
        self.training = QLineEdit()
        self.training.setPlaceholderText("留空则取培训与学分模块数据")
        self.comment = QPlainTextEdit()
        self.comment.setMaximumHeight(70)
        self.save_words_button = QPushButton("保存登记表内容(&W)")
        self.save_words_button.clicked.connect(self.save_words)
        wf.addRow("从事或分管工作", self.duties)
        wf.addRow("个人总结", self.summary)
        wf.addRow("参加培训情况", self.training)
        wf.addRow("主管领导评语", self.comment)
        wf.addRow(self.save_words_button)
        self.history = QLabel()
        self.error = ErrorLabel()

        panel = QWidget()
        pv = QVBoxLayout(panel)
        for w in (self.who, self.error, votes, self.scores, decide, words, self.history):
            pv.addWidget(w)
        pv.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(panel)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._set_editing(False)

    # -- loading ---------------------------------------------------------------------------
    def load(self, year: int, keep: int | None = None) -> None:
        self.year = year
        keep = keep if keep is not None else self.selected_id()
        self.sheet = appraisal_sheet(self.db, year)
        self.model.set_rows(self.sheet.rows)
        s = self.sheet
        self.quota_label.setText(
            f"{year} 年度参加考核 {s.evaluated} 人；已确定优秀 {s.excellent_decided} 人，"
            f"比例上限 {s.quota} 人（{s.settings['evaluation.excellent_quota']:.0%}）"
        )
        self.select(keep)
        if self.selected_id() is None:
            self.show_selected()

    def select(self, cadre_id: int | None) -> None:
        for i, row in enumerate(self.model.rows):
            if row.cadre_id == cadre_id:
                self.view.selectRow(i)
                return

    def selected(self) -> AppraisalRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.cadre_id if row else None

    def _set_editing(self, on: bool) -> None:
        for w in (self.save_votes_button, self.decide_button, self.save_words_button):
            w.setEnabled(on)

    def show_selected(self) -> None:
        row = self.selected()
        self.error.show_message("")
        self._set_editing(row is not None)
        if row is None:
            self.who.setText("请在左侧选择人员")
            return
        self.who.setText(f"{row.name}　{row.section}{row.post_title}")
        t = row.tally
        for spin, value in zip(
            self.spins, (t.excellent, t.competent, t.basic, t.incompetent, t.voters), strict=True
        ):
            spin.setValue(value)
        note = f"（{row.proposal_note}）" if row.proposal_note else ""
        self.scores.setText(
            f"目标得分 {shown(row.target_score) or '—'}　评议得分 {shown(row.vote_score) or '—'}　"
            f"综合得分 <b>{shown(row.combined) or '—'}</b><br>建议等次：<b>{row.proposed or '—'}</b>{note}"
        )
        self.grade.setCurrentIndex(max(0, self.grade.findData(row.final)))
        self.reason.setText(row.final_reason)
        if row.decided_by:
            self.decider.setText(row.decided_by)
        words = form_text(self.db, self.year, row.cadre_id)
        self.duties.setText(words.duties)
        self.summary.setPlainText(words.self_summary)
        self.training.setText(words.training_note)
        self.comment.setPlainText(words.leader_comment)
        past = "　".join(f"{y}年 {g}" for y, g in row.history.items())
        self.history.setText(f"历年考核等次：{past or '无记录'}")

    # -- actions -----------------------------------------------------------------------------
    def _run(self, action, done: str) -> None:  # type: ignore[no-untyped-def]
        row = self.selected()
        if row is None:
            return
        try:
            action(row)
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.load(self.year, keep=row.cadre_id)
        self.error.show_message(done, warning=True)
        self.changed.emit()

    def save_votes(self) -> None:
        tally = VoteTally(*(s.value() for s in self.spins))
        self._run(lambda r: record_votes(self.db, self.year, r.cadre_id, tally), "票数已保存")

    def decide(self) -> None:
        value = self.grade.currentData()
        grade = Grade(value) if value else None
        self._run(
            lambda r: decide_grade(
                self.db,
                self.year,
                r.cadre_id,
                grade,
                reason=self.reason.text(),
                decided_by=self.decider.text(),
            ),
            "等次已确定" if grade else "已撤销确定等次",
        )

    def save_words(self) -> None:
        words = FormText(
            self.duties.text(),
            self.summary.toPlainText(),
            self.training.text(),
            self.comment.toPlainText(),
        )
        self._run(
            lambda r: save_form_text(self.db, self.year, r.cadre_id, words), "登记表内容已保存"
        )

    def decide_all(self) -> None:
        answer = QMessageBox.question(
            self, "按建议确定", f"将 {self.year} 年度尚未确定等次的人员全部按建议等次确定？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            count = decide_all_as_proposed(self.db, self.year, decided_by=self.decider.text())
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.load(self.year)
        self.error.show_message(f"已按建议确定 {count} 人", warning=True)
        self.changed.emit()
