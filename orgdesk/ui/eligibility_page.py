"""资格查询与规划: who would be eligible for 副科 / 正科 on a date, and who becomes eligible
within the next year and when — each row explains itself in the pane below."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.eligibility import TIME_RULES, PostLevel
from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.normalize import DateParseError
from orgdesk.services.eligibility import PlanningView, eligibility_list, planning_view
from orgdesk.storage.database import Database
from orgdesk.ui.list_model import Column, RowsModel
from orgdesk.ui.widgets import DateField, ErrorLabel
from orgdesk.ui.worker import Cancelled, run_with_progress

AnyIndex = QModelIndex | QPersistentModelIndex
VERDICT_COLORS = {
    "符合": QBrush(QColor("#e8f5e9")),
    "不符合": QBrush(QColor("#fde2e1")),
}


@dataclass(frozen=True)
class PlanRow:
    cadre_id: int
    name: str
    section: str
    rank: str
    verdict: str
    reached_on: date | None
    unmet: str
    detail: str


COLUMNS: list[Column[PlanRow]] = [
    Column("姓名", lambda r: r.name),
    Column("科室", lambda r: r.section, width=120),
    Column("现职级", lambda r: r.rank, width=110),
    Column(
        "资格结论",
        lambda r: r.verdict,
        width=130,
        background=lambda r: VERDICT_COLORS.get(r.verdict.split("（")[0]),
    ),
    Column("年限满足日期", lambda r: r.reached_on, width=110),
    Column("未满足的条件", lambda r: r.unmet, width=300, tooltip=lambda r: r.unmet or None),
]

MODES = ("符合条件", "一年内将满足年限", "全部在职人员")


class EligibilityPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.level = QComboBox()
        self.level.addItem("副科级岗位", PostLevel.DEPUTY.value)
        self.level.addItem("正科级岗位", PostLevel.CHIEF.value)
        self.on = DateField()
        self.on.set_value(date.today())
        self.mode = QComboBox()
        self.mode.addItems(MODES)
        self.query_button = QPushButton("查询(&Q)")
        self.summary = QLabel()
        self.errors = ErrorLabel()
        self.model: RowsModel[PlanRow] = RowsModel(COLUMNS, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, spec in enumerate(COLUMNS):
            self.view.setColumnWidth(column, spec.width)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText("选择一行，查看全部理由和所用日期")
        bar = QHBoxLayout()
        for label, widget in (("岗位层级", self.level), ("基准日", self.on), ("显示", self.mode)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addWidget(self.query_button)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 180])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.errors)
        layout.addWidget(splitter, 1)
        hint = QLabel(
            "「一年内将满足年限」：基准日不符合、但一年内将满足工作年限或任副科长年限的人员及日期；"
            "「未满足的条件」列出届时仍需具备的其他条件（过渡考核、上年度学分与考核等次等）。"
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666")
        layout.addWidget(hint)
        self.query_button.clicked.connect(self.query)
        self.on.returnPressed.connect(self.query)
        self.mode.currentIndexChanged.connect(lambda _i: self.show_mode())
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_detail(cur)
        )
        self._plan: PlanningView | None = None
        self._all: list[PlanRow] = []

    def query(self) -> None:
        try:
            on = self.on.value() or date.today()
        except DateParseError as exc:
            self.errors.show_message(f"「基准日」{exc}")
            return
        self.errors.show_message("")
        level = PostLevel(self.level.currentData())

        def job(progress: object) -> tuple[PlanningView, list]:
            plan = planning_view(self.db, level, on)
            return plan, eligibility_list(self.db, level, on)

        try:
            plan, everyone = run_with_progress(self, "正在计算资格…", job)
        except Cancelled:
            return
        except OrgDeskError as exc:
            self.errors.show_message(str(exc))
            return
        self._plan = plan
        self._all = [
            PlanRow(
                r.cadre_id,
                r.name,
                r.section,
                r.rank,
                r.eligibility.verdict,
                next((x.reached_on for x in r.eligibility.reasons if x.rule in TIME_RULES), None),
                "；".join(x.rule.value for x in r.eligibility.unmet()),
                r.eligibility.text(),
            )
            for r in sorted(everyone, key=lambda r: (r.section, r.name))
        ]
        self.summary.setText(
            f"{level.value}岗位，基准日 {on:%Y-%m-%d}：在职 {plan.total} 人，符合 {len(plan.eligible)} 人，"
            f"至 {plan.until:%Y-%m-%d} 将满足年限 {len(plan.upcoming)} 人"
        )
        self.show_mode()

    def show_mode(self) -> None:
        plan = self._plan
        if plan is None:
            return
        mode = self.mode.currentText()
        if mode == MODES[0]:
            rows = [
                PlanRow(
                    r.cadre_id,
                    r.name,
                    r.section,
                    r.rank,
                    r.eligibility.verdict,
                    next(
                        (x.reached_on for x in r.eligibility.reasons if x.rule in TIME_RULES), None
                    ),
                    "",
                    r.eligibility.text(),
                )
                for r in plan.eligible
            ]
        elif mode == MODES[1]:
            rows = [
                PlanRow(
                    u.cadre_id,
                    u.name,
                    u.section,
                    u.rank,
                    f"届时{u.then.verdict}",
                    u.reached_on,
                    "；".join(u.other_unmet),
                    f"届时（{u.reached_on:%Y-%m-%d}）的资格审查：\n{u.then.text()}",
                )
                for u in plan.upcoming
            ]
        else:
            rows = self._all
        self.model.set_rows(rows)
        column = 4 if mode == MODES[1] else 1
        self.view.horizontalHeader().setSortIndicator(column, Qt.SortOrder.AscendingOrder)
        self.model.sort(column, Qt.SortOrder.AscendingOrder)
        self.detail.clear()

    def show_detail(self, index: QModelIndex) -> None:
        if not index.isValid() or index.row() >= len(self.model.rows):
            self.detail.clear()
            return
        self.detail.setPlainText(self.model.rows[index.row()].detail)
