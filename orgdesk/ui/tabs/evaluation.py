"""年度考核: targets, democratic appraisal and grades, honours, past grades, the annual report."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.annual_report import ReportCancelled, write_annual_report
from orgdesk.storage.database import Database
from orgdesk.storage.models.evaluation import Appraisal
from orgdesk.ui.evaluation_appraisal import AppraisalPage
from orgdesk.ui.evaluation_honours import HistoryPage, HonoursPage
from orgdesk.ui.evaluation_targets import TargetsPage
from orgdesk.ui.report_preview import preview_pdf
from orgdesk.ui.worker import Cancelled, Progress, run_with_progress


def default_year(db: Database, today: date | None = None) -> int:
    """The latest year with appraisals, else last year (考核 is done after the year ends)."""
    today = today or date.today()
    with db.unit_of_work() as uow:
        latest = uow.session.scalar(
            select(func.max(Appraisal.year)).where(Appraisal.votes_excellent + Appraisal.voters > 0)
        )
    return int(latest) if latest else today.year - 1


class EvaluationTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(default_year(db))
        self.year.setSuffix(" 年度")
        self.report_button = QPushButton("生成年度报告(&R)…")
        self.preview_button = QPushButton("打印预览年度报告(&P)")
        self.form_button = QPushButton("打印所选人员登记表(&F)")
        self.report_button.setToolTip(
            "Excel（汇总、年度考核等七张表）与 PDF（部门汇总和每人一张考核登记表）"
        )
        bar = QHBoxLayout()
        bar.addWidget(QLabel("考核年度"))
        bar.addWidget(self.year)
        bar.addStretch(1)
        for b in (self.report_button, self.preview_button, self.form_button):
            bar.addWidget(b)

        self.pages = QTabWidget()
        self.targets = TargetsPage(db)
        self.appraisal = AppraisalPage(db)
        self.honours = HonoursPage(db)
        self.history = HistoryPage(db)
        self.pages.addTab(self.appraisal, "民主评议与等次")
        self.pages.addTab(self.targets, "目标责任")
        self.pages.addTab(self.honours, "奖励与处理")
        self.pages.addTab(self.history, "历年等次")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages)

        self.year.valueChanged.connect(lambda _v: self.reload())
        self.pages.currentChanged.connect(lambda _i: self.reload_current())
        self.targets.changed.connect(self.appraisal_stale)
        self.appraisal.changed.connect(self.appraisal_stale)
        self.report_button.clicked.connect(self.generate_report)
        self.preview_button.clicked.connect(self.preview_report)
        self.form_button.clicked.connect(self.preview_selected_form)
        self._stale = {self.targets, self.honours, self.history}
        self.appraisal.load(self.year.value())

    # -- keeping the pages current -------------------------------------------------------------
    def reload(self) -> None:
        self._stale = {self.targets, self.appraisal, self.honours, self.history}
        self.reload_current()

    def appraisal_stale(self) -> None:
        self._stale |= {self.appraisal, self.honours, self.history}

    def reload_current(self) -> None:
        page = self.pages.currentWidget()
        if page in self._stale:
            self._stale.discard(page)
            page.load(self.year.value())  # type: ignore[attr-defined]

    def open_record(self, kind: str, record_id: int) -> None:
        """Due list hook: ("cadre", id) selects that person on the appraisal page."""
        if kind == "cadre":
            self.pages.setCurrentWidget(self.appraisal)
            self.appraisal.select(record_id)

    # -- the annual report ----------------------------------------------------------------------
    def _write(self, title: str, **kwargs: object) -> bool:
        year = self.year.value()

        def job(progress: Progress) -> object:
            return write_annual_report(self.db, year, progress=progress, **kwargs)  # type: ignore[arg-type]

        try:
            written = run_with_progress(self, title, job)
        except (Cancelled, ReportCancelled):
            return False
        except OrgDeskError as exc:
            QMessageBox.warning(self, "年度报告", str(exc))
            return False
        if written.missing_glyphs:
            QMessageBox.information(
                self,
                "年度报告",
                f"以下字符在所有可用字体中均缺失，已以〓标出：{written.missing_glyphs}",
            )
        return True

    def generate_report(self) -> None:
        year = self.year.value()
        name, _ = QFileDialog.getSaveFileName(
            self, "保存年度报告", str(Path.home() / f"{year}年度报告.xlsx"), "Excel 工作簿 (*.xlsx)"
        )
        if not name:
            return
        xlsx = Path(name).with_suffix(".xlsx")
        pdf = xlsx.with_suffix(".pdf")
        if self._write("正在生成年度报告", xlsx=xlsx, pdf=pdf):
            QMessageBox.information(self, "年度报告", f"已生成：\n{xlsx}\n{pdf}")

    def _temp_pdf(self, stem: str) -> Path:
        return Path(tempfile.mkdtemp(prefix="orgdesk-print-")) / f"{stem}.pdf"

    def preview_report(self) -> None:
        pdf = self._temp_pdf(f"{self.year.value()}年度报告")
        if self._write("正在生成年度报告", pdf=pdf):
            self._show(pdf)

    def preview_selected_form(self) -> None:
        row = self.appraisal.selected()
        if row is None:
            self.pages.setCurrentWidget(self.appraisal)
            QMessageBox.information(self, "打印登记表", "请先在「民主评议与等次」中选择人员")
            return
        pdf = self._temp_pdf(f"{self.year.value()}年度考核登记表-{row.name}")
        if self._write("正在生成考核登记表", pdf=pdf, cadre_ids=[row.cadre_id], forms_only=True):
            self._show(pdf)

    def _show(self, pdf: Path) -> None:
        if preview_pdf(self, pdf) == "external":
            QMessageBox.information(
                self, "打印", f"已用系统默认程序打开 PDF，请在其中打印：\n{pdf}"
            )
