"""招录批次 page (R-INT-1, R-INT-2): batches on the left; posts and candidates on the right.

Scores are typed into the candidate grid; totals and ranks follow at once.
录用 opens a small dialog (到岗日期, 试用期) and then creates or moves the
cadre and starts the trial, in one step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.candidate_import import import_candidates, write_candidate_template
from orgdesk.services.intake import (
    BatchDetail,
    CandidateRow,
    default_weights,
    delete_batch,
    delete_candidate,
    get_batch,
    list_batches,
    set_score,
)
from orgdesk.services.intake_decision import reject_candidate, reset_decision
from orgdesk.services.reference import reference_data
from orgdesk.services.trial import limits_of
from orgdesk.storage.database import Database
from orgdesk.ui.form_dialog import problems_text
from orgdesk.ui.intake_dialogs import BatchDialog, CandidateDialog, HireDialog
from orgdesk.ui.intake_models import (
    BATCH_COLUMNS,
    FIRST_GRADE,
    FIRST_SCORE,
    CandidateModel,
    batch_model,
)
from orgdesk.ui.worker import Cancelled, run_with_progress

POST_COLUMNS = ("科室", "职位", "职级", "计划", "已录用")


class IntakePage(QWidget):
    changed = Signal()  # someone was 录用 (roster and trials changed)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.detail: BatchDetail | None = None

        self.batches = batch_model(self)
        self.batch_view = QTableView()
        self.batch_view.setModel(self.batches)
        self.batch_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.batch_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.batch_view.verticalHeader().setVisible(False)
        self.batch_view.horizontalHeader().setStretchLastSection(True)
        for column, spec in enumerate(BATCH_COLUMNS):
            self.batch_view.setColumnWidth(column, spec.width)
        self.batch_view.setColumnHidden(2, True)  # the title names the channel; tooltip has it
        self.new_batch_button = QPushButton("新建批次(&B)…")
        self.edit_batch_button = QPushButton("修改批次…")
        self.delete_batch_button = QPushButton("删除批次")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("招录批次"))
        left_layout.addWidget(self.batch_view)
        left_buttons = QHBoxLayout()
        for b in (self.new_batch_button, self.edit_batch_button, self.delete_batch_button):
            left_buttons.addWidget(b)
        left_layout.addLayout(left_buttons)

        self.heading = QLabel("请选择或新建一个招录批次")
        self.heading.setWordWrap(True)
        self.posts = QTableWidget(0, len(POST_COLUMNS))
        self.posts.setHorizontalHeaderLabels(POST_COLUMNS)
        self.posts.verticalHeader().setVisible(False)
        self.posts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.posts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.posts.setMaximumHeight(104)
        self.candidates = CandidateModel(self._save_score, self)
        self.candidates.score_failed.connect(self._score_failed)
        self.candidate_view = QTableView()
        self.candidate_view.setModel(self.candidates)
        self.candidate_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.candidate_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidate_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.candidate_view.verticalHeader().setVisible(False)
        self.candidate_view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((105, 60, 150, 80)):
            self.candidate_view.setColumnWidth(column, width)
        for column in range(FIRST_GRADE, FIRST_SCORE):
            self.candidate_view.setColumnWidth(column, 58)
        for column in range(FIRST_SCORE, FIRST_SCORE + 5):
            self.candidate_view.setColumnWidth(column, 46)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        self.add_button = QPushButton("新增考生(&A)…")
        self.edit_button = QPushButton("修改考生…")
        self.remove_button = QPushButton("删除考生")
        self.import_button = QPushButton("导入考生名单…")
        self.template_button = QPushButton("名单模板…")
        self.hire_button = QPushButton("录用(&H)…")
        self.reject_button = QPushButton("未录用")
        self.pending_button = QPushButton("恢复待定")
        row1 = QHBoxLayout()
        for b in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.import_button,
            self.template_button,
        ):
            row1.addWidget(b)
        row1.addStretch(1)
        for b in (self.hire_button, self.reject_button, self.pending_button):
            row1.addWidget(b)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.posts)
        right_layout.addWidget(
            QLabel("考生（成绩可直接在表格中输入；总分按批次权重计算，名次按岗位排列）")
        )
        right_layout.addWidget(self.candidate_view, 1)
        right_layout.addWidget(self.message)
        right_layout.addLayout(row1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([330, 950])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.new_batch_button.clicked.connect(self.new_batch)
        self.edit_batch_button.clicked.connect(self.edit_batch)
        self.delete_batch_button.clicked.connect(self.delete_batch)
        self.add_button.clicked.connect(self.add_candidate)
        self.edit_button.clicked.connect(self.edit_candidate)
        self.remove_button.clicked.connect(self.remove_candidate)
        self.import_button.clicked.connect(self.import_list)
        self.template_button.clicked.connect(self.save_list_template)
        self.hire_button.clicked.connect(self.hire_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.pending_button.clicked.connect(self.pending_selected)
        self.batch_view.selectionModel().selectionChanged.connect(lambda *_: self._batch_chosen())
        self.candidate_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.refresh()

    # -- loading ------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.detail.id if self.detail else None
        self.batches.set_rows(list_batches(self.db))
        self.select_batch(keep)

    def select_batch(self, batch_id: int | None) -> None:
        for row, b in enumerate(self.batches.rows):
            if batch_id is None or b.id == batch_id:
                self.batch_view.selectRow(row)
                self._batch_chosen()
                return
        self._show(None)

    def _batch_chosen(self) -> None:
        rows = self.batch_view.selectionModel().selectedRows()
        self._show(get_batch(self.db, self.batches.rows[rows[0].row()].id) if rows else None)

    def reload_batch(self) -> None:
        if self.detail is None:
            return
        keep = self.selected_candidate()
        self._show(get_batch(self.db, self.detail.id))
        if keep is not None:
            self.select_candidate(keep.id)

    def _show(self, detail: BatchDetail | None) -> None:
        self.detail = detail
        self.message.clear()
        self.posts.setRowCount(0)
        if detail is None:
            self.heading.setText("请选择或新建一个招录批次")
            self.candidates.set_rows([])
            self._update_buttons()
            return
        d = detail.data
        w = d.weights
        self.heading.setText(
            f"<b>{d.title}</b>（{d.year} 年度）　渠道：{d.channel.value}　"
            f"权重：笔试 {w.written:g} / 面试 {w.interview:g} / 考察 {w.assessment:g}"
            + (f"　公告：{d.announced_on:%Y-%m-%d}" if d.announced_on else "")
        )
        self.posts.setRowCount(len(detail.posts))
        for row, p in enumerate(detail.posts):
            for column, text in enumerate(
                (p.section, p.title, p.rank, str(p.headcount), str(p.hired))
            ):
                self.posts.setItem(row, column, QTableWidgetItem(text))
        self.candidates.set_rows(detail.candidates)
        self._update_buttons()

    def selected_candidate(self) -> CandidateRow | None:
        rows = self.candidate_view.selectionModel().selectedRows()
        if not rows:
            current = self.candidate_view.currentIndex()
            return self.candidates.row(current.row()) if current.isValid() else None
        return self.candidates.row(rows[0].row())

    def select_candidate(self, candidate_id: int) -> None:
        for row, c in enumerate(self.candidates.rows):
            if c.id == candidate_id:
                self.candidate_view.selectRow(row)
                return

    def _update_buttons(self) -> None:
        has_batch = self.detail is not None
        c = self.selected_candidate() if has_batch else None
        for b in (self.edit_batch_button, self.delete_batch_button, self.add_button):
            b.setEnabled(has_batch)
        for b in (self.import_button, self.template_button):
            b.setEnabled(has_batch)
        decided = c.decision.value if c else ""
        self.edit_button.setEnabled(c is not None and decided != "录用")
        self.remove_button.setEnabled(c is not None and decided != "录用")
        self.hire_button.setEnabled(c is not None and decided != "录用")
        self.reject_button.setEnabled(c is not None and decided == "待定")
        self.pending_button.setEnabled(c is not None and decided == "未录用")

    # -- scores typed in the grid ---------------------------------------------------
    def _save_score(self, candidate_id: int, part: str, value: float | None) -> None:
        set_score(self.db, candidate_id, part, value)
        self.message.clear()
        if self.detail is not None:  # totals and ranks follow, rows stay where they are
            self.detail = get_batch(self.db, self.detail.id)
            self.candidates.refresh_values(self.detail.candidates)

    def _score_failed(self, text: str) -> None:
        self.message.setText(f"成绩未保存：{text}")

    # -- batches --------------------------------------------------------------------
    def new_batch(self) -> None:
        dialog = BatchDialog(self.db, reference_data(self.db), default_weights(self.db), None, self)
        if dialog.exec():
            self.detail = None
            self.batches.set_rows(list_batches(self.db))
            self.select_batch(dialog.saved_id)

    def edit_batch(self) -> None:
        if self.detail is None:
            return
        dialog = BatchDialog(
            self.db, reference_data(self.db), default_weights(self.db), self.detail, self
        )
        if dialog.exec():
            self.refresh()

    def delete_batch(self) -> None:
        if self.detail is None:
            return
        answer = QMessageBox.question(
            self,
            "删除批次",
            f"删除「{self.detail.data.title}」及其全部考生记录？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_batch(self.db, self.detail.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "不能删除", str(exc))
            return
        self.detail = None
        self.refresh()

    # -- candidates -----------------------------------------------------------------
    def add_candidate(self) -> None:
        if self.detail is None:
            return
        dialog = CandidateDialog(self.db, self.detail, None, self)
        if dialog.exec():
            self.reload_batch()
            if dialog.saved_id is not None:
                self.select_candidate(dialog.saved_id)
            self.refresh_batch_list()

    def edit_candidate(self) -> None:
        c = self.selected_candidate()
        if self.detail is None or c is None:
            return
        if CandidateDialog(self.db, self.detail, c, self).exec():
            self.reload_batch()

    def remove_candidate(self) -> None:
        c = self.selected_candidate()
        if c is None:
            return
        answer = QMessageBox.question(
            self,
            "删除考生",
            f"删除考生「{c.data.name}」？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_candidate(self.db, c.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "不能删除", str(exc))
            return
        self.reload_batch()
        self.refresh_batch_list()

    def refresh_batch_list(self) -> None:
        keep = self.detail.id if self.detail else None
        self.batch_view.selectionModel().blockSignals(True)
        self.batches.set_rows(list_batches(self.db))
        for row, b in enumerate(self.batches.rows):
            if b.id == keep:
                self.batch_view.selectRow(row)
        self.batch_view.selectionModel().blockSignals(False)

    def hire_selected(self) -> None:
        c = self.selected_candidate()
        if self.detail is None or c is None:
            return
        dialog = HireDialog(self.db, self.detail, c, limits_of(self.db), self)
        if dialog.exec():
            self.reload_batch()
            self.refresh_batch_list()
            self.changed.emit()

    def reject_selected(self) -> None:
        c = self.selected_candidate()
        if c is None:
            return
        try:
            reject_candidate(self.db, c.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未完成", str(exc))
            return
        self.reload_batch()

    def pending_selected(self) -> None:
        c = self.selected_candidate()
        if c is None:
            return
        try:
            reset_decision(self.db, c.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未完成", str(exc))
            return
        self.reload_batch()

    def import_list(self) -> None:
        if self.detail is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "选择考生名单", str(Path.home()), "Excel 工作簿 (*.xlsx)"
        )
        if not path:
            return
        batch_id = self.detail.id
        try:
            result = run_with_progress(
                self,
                "正在导入考生名单…",
                lambda _p: import_candidates(self.db, batch_id, Path(path)),
            )
        except Cancelled:
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "考生名单未导入", f"{problems_text(exc)}\n\n未导入任何考生。")
            return
        self.reload_batch()
        self.refresh_batch_list()
        QMessageBox.information(
            self, "导入完成", f"新增考生 {result.created} 人，更新 {result.updated} 人。"
        )

    def save_list_template(self) -> None:
        if self.detail is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "保存考生名单模板", str(Path.home() / "考生名单.xlsx"), "Excel 工作簿 (*.xlsx)"
        )
        if not path:
            return
        try:
            write_candidate_template(Path(path), [p.label for p in self.detail.posts])
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未能保存", str(exc))
