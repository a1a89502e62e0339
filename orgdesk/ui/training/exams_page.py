"""考试 page: the year's sittings; the score grid for one sitting; Excel in and out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.training import ScoreEntry
from orgdesk.services.reference import ReferenceData, load_settings
from orgdesk.services.training_exams import (
    ExamInput,
    ExamRow,
    add_candidates,
    delete_exam,
    list_exams,
    new_exam_input,
    remove_candidates,
    save_scores,
    score_sheet,
)
from orgdesk.services.training_plans import list_sessions
from orgdesk.services.training_score_import import (
    ImportCancelled,
    import_scores,
    write_score_template,
)
from orgdesk.storage.database import Database
from orgdesk.ui.training.common import button, confirm, make_table, run_action
from orgdesk.ui.training.forms import ExamDialog
from orgdesk.ui.training.pickers import CadrePickDialog
from orgdesk.ui.training.score_model import SCORE_COLUMN, ScoreModel, ScoreView
from orgdesk.ui.training.table import RED, Column, RowsModel
from orgdesk.ui.widgets import ErrorLabel
from orgdesk.ui.worker import Cancelled, run_with_progress

EXAM_COLUMNS: list[Column[ExamRow]] = [
    Column("考试名称", lambda r: r.title, 230),
    Column("日期", lambda r: r.held_on, 90),
    Column("类别", lambda r: r.group, 90),
    Column("满分", lambda r: r.full_mark, 50, numeric=True),
    Column("及格线", lambda r: r.pass_mark, 55, numeric=True),
    Column("考生", lambda r: r.candidates, 50, numeric=True),
    Column("已录入", lambda r: r.entered, 55, numeric=True),
    Column("不及格/缺考", lambda r: r.failed, 80, numeric=True),
    Column("关联培训", lambda r: r.session_title, 160),
]


class ExamsPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.reference = db, reference
        self.year = 0
        self.exams: RowsModel[ExamRow] = RowsModel(
            EXAM_COLUMNS, self, row_background=lambda r: RED if r.failed else None
        )
        self.exam_view = make_table(self.exams, multi=False)
        self.scores = ScoreModel(self._commit, self)
        self.grid = ScoreView()
        self.grid.setModel(self.scores)
        for column, width in enumerate((45, 90, 120, 110, 70)):
            self.grid.setColumnWidth(column, width)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid_label = QLabel()
        self.problem = ErrorLabel()
        self.scores.problem.connect(self.problem.show_message)
        self.scores.scored.connect(self._scored)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>定期考试</b>（红底：有不及格或缺考）"))
        bar.addStretch(1)
        for b in (
            button("新建考试", lambda: self.edit_exam(new=True)),
            button("修改", self.edit_exam),
            button("删除", self.remove_exam),
        ):
            bar.addWidget(b)
        tl.addLayout(bar)
        tl.addWidget(self.exam_view)

        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.grid_label)
        bar.addStretch(1)
        self.sheet_buttons = [
            button("添加考生…", self.add_candidates),
            button("移除考生", self.remove_candidates),
            button("导出成绩表…", self.export_template, "导出考生名单，填好成绩后可再导入"),
            button("从 Excel 导入成绩…", self.import_file),
        ]
        for b in self.sheet_buttons:
            bar.addWidget(b)
        bl.addLayout(bar)
        bl.addWidget(self.problem)
        bl.addWidget(self.grid)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([220, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.exam_view.selectionModel().currentRowChanged.connect(lambda *_: self._load_sheet())
        self.exam_view.doubleClicked.connect(lambda _i: self.edit_exam())

    # -- loading ---------------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        current = self.current_exam()
        keep = keep if keep is not None else current.id if current else None
        self.exams.set_rows(list_exams(self.db, self.year))
        rows = self.exams.rows
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else -1)
        if index >= 0:
            self.exam_view.selectRow(index)
        self._load_sheet()

    def current_exam(self) -> ExamRow | None:
        index = self.exam_view.currentIndex()
        return self.exams.row(index.row()) if index.isValid() else None

    def _load_sheet(self) -> None:
        exam = self.current_exam()
        self.problem.show_message("")
        for b in self.sheet_buttons:
            b.setEnabled(exam is not None)
        if exam is None:
            self.scores.set_sheet([], 100, 60)
            self.grid_label.setText("<b>成绩登记</b>")
            return
        sheet = score_sheet(self.db, exam.id)
        self.scores.set_sheet(sheet.lines, exam.full_mark, exam.pass_mark)
        self._label(sheet.exam)
        if sheet.lines:
            self.grid.setCurrentIndex(self.scores.index(0, SCORE_COLUMN))

    def _label(self, exam: ExamRow) -> None:
        self.grid_label.setText(
            f"<b>「{exam.title}」成绩登记</b>　满分 {exam.full_mark:g}，及格线 {exam.pass_mark:g}；"
            f"考生 {exam.candidates} 人，已录入 {exam.entered} 人，不及格/缺考 {exam.failed} 人。"
            "在“成绩”列直接输入分数或“缺考”，回车到下一人"
        )

    def _commit(self, cadre_id: int, entry: ScoreEntry) -> None:
        exam = self.current_exam()
        if exam is None:
            raise OrgDeskError("请先选择一场考试")
        save_scores(self.db, exam.id, {cadre_id: entry})

    def _scored(self) -> None:
        exam = self.current_exam()
        if exam is None:
            return
        fresh = list_exams(self.db, exam_id=exam.id)
        if fresh:
            row = self.exam_view.currentIndex().row()
            rows = self.exams.rows
            rows[row] = fresh[0]
            self.exams.set_rows(rows)
            self.exam_view.selectionModel().blockSignals(True)
            self.exam_view.selectRow(row)
            self.exam_view.selectionModel().blockSignals(False)
            self._label(fresh[0])
        self.changed.emit()

    # -- exams -----------------------------------------------------------------------------
    def _sessions(self) -> list[tuple[int, str]]:
        return [
            (s.id, f"{s.title}（{s.start_date:%m-%d}）")
            for s in list_sessions(self.db, year=self.year)
        ]

    def edit_exam(self, new: bool = False) -> None:
        row = None if new else self.current_exam()
        if not new and row is None:
            return
        if row is None:
            held = date.today() if date.today().year == self.year else date(self.year, 6, 30)
            data = new_exam_input(load_settings(self.db), held)
        else:
            data = ExamInput(
                row.title, row.held_on, row.group, row.pass_mark, row.full_mark, row.session_id
            )
        dialog = ExamDialog(self.db, data, row.id if row else None, self._sessions(), self)
        if dialog.exec():
            self.refresh(keep=dialog.saved_id)
            self.changed.emit()

    def remove_exam(self) -> None:
        exam = self.current_exam()
        if exam and confirm(self, f"删除考试「{exam.title}」及其全部成绩？"):
            delete_exam(self.db, exam.id)
            self.refresh()
            self.changed.emit()

    def add_candidates(self) -> None:
        exam = self.current_exam()
        if exam is None:
            return
        dialog = CadrePickDialog(
            self.db, self.reference, f"添加考生：{exam.title}", self, sessions=self._sessions()
        )
        if dialog.exec() and dialog.pick is not None:
            pick = dialog.pick
            if run_action(self, lambda: add_candidates(self.db, exam.id, pick)):
                self.refresh()
                self.changed.emit()

    def remove_candidates(self) -> None:
        exam = self.current_exam()
        rows = sorted({i.row() for i in self.grid.selectionModel().selectedIndexes()})
        ids = [c for c in (self.scores.cadre_id(r) for r in rows) if c is not None]
        if exam and ids and confirm(self, f"从考生名单中移除 {len(ids)} 人（其成绩一并删除）？"):
            remove_candidates(self.db, exam.id, ids)
            self.refresh()
            self.changed.emit()

    # -- Excel -----------------------------------------------------------------------------
    def export_template(self) -> None:
        exam = self.current_exam()
        if exam is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "导出成绩表", f"{exam.title}成绩.xlsx", "Excel 文件 (*.xlsx)"
        )
        if not name:
            return
        if run_action(self, lambda: write_score_template(self.db, exam.id, Path(name))):
            QMessageBox.information(self, "已导出", f"已导出考生名单：{name}")

    def import_file(self) -> None:
        exam = self.current_exam()
        if exam is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, "导入成绩", "", "Excel 文件 (*.xlsx)")
        if not name:
            return

        def job(progress):  # type: ignore[no-untyped-def]
            def step(done: int, total: int) -> bool:
                return progress(done, total, "正在读取成绩…")

            try:
                return import_scores(self.db, exam.id, Path(name), progress=step)
            except ImportCancelled as exc:
                raise Cancelled() from exc

        try:
            result = run_with_progress(self, "导入成绩", job)
        except ValidationFailed as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "未导入", "", parent=self)
            box.setText(
                f"文件中有 {len(exc.problems)} 处问题，成绩一条也没有导入。请改正后重新导入："
            )
            box.setDetailedText("\n".join(str(p) for p in exc.problems))
            box.setInformativeText("\n".join(str(p) for p in exc.problems[:12]))
            box.exec()
            return
        except Cancelled:
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未导入", str(exc))
            return
        self.refresh()
        self.changed.emit()
        QMessageBox.information(
            self,
            "已导入",
            f"已导入 {result.updated} 人的成绩；成绩为空未改动 {result.skipped_blank} 人；"
            f"文件中未列出的考生 {result.untouched} 人。",
        )
