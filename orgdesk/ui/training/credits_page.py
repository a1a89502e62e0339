"""学分台账 page: every cadre's year (required, earned, shortfall), the items behind it,
section by section, and the distribution chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.credits import CreditItem, study_requirement_met
from orgdesk.services.credits import (
    CreditRow,
    SectionCredits,
    credit_account_for,
    credits_for_year,
    export_credits,
    section_summary,
)
from orgdesk.services.reference import ReferenceData, load_settings
from orgdesk.storage.database import Database
from orgdesk.ui.training.common import button, make_table, run_action
from orgdesk.ui.training.credit_chart import CreditHistogram, SectionBars
from orgdesk.ui.training.table import GREY, RED, YELLOW, Column, RowsModel


def verdict(row: CreditRow) -> str:
    if not row.met:
        return "学分未达标"
    return "考试不合格" if row.failed_exams else "达标"


CREDIT_COLUMNS: list[Column[CreditRow]] = [
    Column("姓名", lambda r: r.name, 80),
    Column("科室", lambda r: r.section, 110),
    Column("职级", lambda r: r.rank, 100),
    Column("应修", lambda r: r.required, 50, numeric=True),
    Column("已修", lambda r: r.earned, 55, numeric=True),
    Column("差额", lambda r: r.shortfall, 50, numeric=True),
    Column("不及格", lambda r: r.failed_exams, 55, numeric=True),
    Column("心得未交", lambda r: r.missing_notes, 65, numeric=True),
    Column("心得逾期", lambda r: r.late_notes, 65, numeric=True),
    Column("结论", verdict, 80),
]
ITEM_COLUMNS: list[Column[CreditItem]] = [
    Column("类别", lambda i: i.kind.value, 70),
    Column("日期", lambda i: i.on, 90),
    Column("项目", lambda i: i.title, 220),
    Column("学分", lambda i: i.credits, 50, numeric=True),
    Column("说明", lambda i: i.detail, 260),
]
SECTION_COLUMNS: list[Column[SectionCredits]] = [
    Column("科室", lambda s: s.section, 130),
    Column("人数", lambda s: s.people, 50, numeric=True),
    Column("达标", lambda s: s.met, 50, numeric=True),
    Column("未达标", lambda s: s.short, 55, numeric=True),
    Column("平均学分", lambda s: s.average, 70, numeric=True),
    Column("最低学分", lambda s: s.lowest, 70, numeric=True),
    Column("合计差额", lambda s: s.total_shortfall, 70, numeric=True),
]


def _row_brush(row: CreditRow):  # type: ignore[no-untyped-def]
    return RED if not row.met else YELLOW if row.failed_exams else None


class CreditsPage(QWidget):
    def __init__(self, db: Database, reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.year = 0
        self.on = date.today()
        self.all_rows: list[CreditRow] = []
        self.section = QComboBox()
        self.section.addItem("全部科室", None)
        for sec in reference.sections:
            self.section.addItem(sec.name, sec.name)
        self.short_only = QCheckBox("只看未达标或考试不合格")
        self.summary = QLabel()
        self.section.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.short_only.toggled.connect(lambda _b: self._apply_filter())

        self.model: RowsModel[CreditRow] = RowsModel(
            CREDIT_COLUMNS, self, row_background=_row_brush
        )
        self.view = make_table(self.model, multi=False)
        self.items: RowsModel[CreditItem] = RowsModel(
            ITEM_COLUMNS, self, row_background=lambda i: GREY if i.credits == 0 else None
        )
        self.item_view = make_table(self.items)
        self.person = QLabel("在左侧选择一人，查看学分明细")
        self.person.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("color: #c0392b")
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.person)
        dl.addWidget(self.reasons)
        dl.addWidget(self.item_view, 1)
        people = QSplitter()
        people.addWidget(self.view)
        people.addWidget(detail)
        people.setSizes([700, 560])

        self.sections: RowsModel[SectionCredits] = RowsModel(
            SECTION_COLUMNS, self, row_background=lambda s: RED if s.short else None
        )
        self.section_view = make_table(self.sections, multi=False)
        self.section_chart = SectionBars()
        by_section = QSplitter()
        by_section.addWidget(self.section_view)
        by_section.addWidget(self.section_chart)
        by_section.setSizes([520, 700])
        self.histogram = CreditHistogram()

        self.tabs = QTabWidget()
        self.tabs.addTab(people, "人员学分")
        self.tabs.addTab(by_section, "科室汇总")
        self.tabs.addTab(self.histogram, "学分分布图")

        bar = QHBoxLayout()
        bar.addWidget(QLabel("科室"))
        bar.addWidget(self.section)
        bar.addWidget(self.short_only)
        bar.addWidget(self.summary, 1)
        bar.addWidget(button("导出 Excel…", self.export))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        hint = QLabel(
            "学分由培训出勤、考试、学习心得和活动记录按 设置 › 培训与学分 的规则自动计算，不能直接填写。"
            "红底：学分未达标；黄底：学分够但有考试不及格或缺考。"
        )
        hint.setStyleSheet("color: #666")
        layout.addWidget(hint)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_person())

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        keep = self.current_row()
        self.all_rows = credits_for_year(self.db, self.year, self.on)
        required = load_settings(self.db)["credits.yearly_requirement"]
        self.sections.set_rows(section_summary(self.all_rows))
        self.section_chart.set_data(self.year, self.sections.rows, required)
        self.histogram.set_data(self.year, [r.earned for r in self.all_rows], required)
        self._apply_filter(keep.cadre_id if keep else None)

    def _apply_filter(self, keep: int | None = None) -> None:
        wanted = self.section.currentData()
        rows = [
            r
            for r in self.all_rows
            if (wanted is None or r.section == wanted)
            and (not self.short_only.isChecked() or not r.qualified)
        ]
        self.model.set_rows(rows)
        met = sum(1 for r in rows if r.met)
        qualified = sum(1 for r in rows if r.qualified)
        required = (
            rows[0].required if rows else load_settings(self.db)["credits.yearly_requirement"]
        )
        self.summary.setText(
            f"{self.year} 年度应修 {required:g} 学分；共 {len(rows)} 人，学分达标 {met} 人，"
            f"未达标 {len(rows) - met} 人；学习合格（学分达标且无考试不合格）{qualified} 人"
        )
        index = next((i for i, r in enumerate(rows) if r.cadre_id == keep), 0 if rows else -1)
        selection = self.view.selectionModel()
        selection.blockSignals(True)  # one person load below, not one per signal
        if index >= 0:
            self.view.selectRow(index)
        selection.blockSignals(False)
        self._show_person()

    def current_row(self) -> CreditRow | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_cadre(self, cadre_id: int) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.cadre_id == cadre_id:
                self.view.selectRow(i)
                self.view.scrollTo(self.model.index(i, 0))
                return True
        return False

    def _show_person(self) -> None:
        row = self.current_row()
        if row is None:
            self.items.set_rows([])
            self.person.setText("在左侧选择一人，查看学分明细")
            self.reasons.setText("")
            return
        account = credit_account_for(self.db, row.cadre_id, self.year, self.on)
        self.items.set_rows(list(account.items))
        self.person.setText(
            f"<b>{row.name}</b>（{row.section}）{self.year} 年度：应修 {account.required:g}，"
            f"已修 <b>{account.earned:g}</b>，差额 {account.shortfall:g}；明细 {len(account.items)} 项"
        )
        result = study_requirement_met(account)
        self.reasons.setText(
            "学习合格：可作为提拔使用的学习条件" if result.met else "；".join(result.reasons)
        )
        self.reasons.setStyleSheet("color: #2e7d32" if result.met else "color: #c0392b")

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "导出学分台账", f"{self.year}年度学分台账.xlsx", "Excel 文件 (*.xlsx)"
        )
        if name and run_action(
            self, lambda: export_credits(self.db, self.year, Path(name), self.on)
        ):
            QMessageBox.information(self, "已导出", f"已导出：{name}")
