"""节假日安排: the clerk types in a year's 国务院 notice, range by range (R-TSK-4).

Shows what the calendar knows about a year (package data or the clerk's own
entries) and a banner when it knows nothing, so deadlines there are estimates.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.workdays import CalendarOverride, OverrideKind
from orgdesk.services.ledger_calendar import (
    StoredOverride,
    add_override,
    delete_override,
    list_overrides,
    load_calendar,
)
from orgdesk.storage.database import Database
from orgdesk.ui.widgets import DateField, ErrorLabel

HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
WEEKDAYS = "一二三四五六日"
BANNER_STYLE = "background: #fff4cc; border: 1px solid #e0c060; padding: 6px; color: #7a5a00"


def notice_title(year: int) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


class CalendarDialog(QDialog):
    def __init__(
        self,
        db: Database,
        *,
        actor: str,
        today: date,
        year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.today = today
        self.changed = False
        self.setWindowTitle("节假日安排（工作日计算依据）")
        self.resize(900, 600)

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year or today.year)
        self.year.setPrefix("年份 ")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.coverage = QLabel()
        self.coverage.setStyleSheet("color: #555")

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(("开始", "结束", "类型", "名称", "来源", "录入人"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.delete_button = QPushButton("删除所选(&D)")

        self.start = DateField()
        self.start.setPlaceholderText("如 2027-02-10")
        self.end = DateField()
        self.end.setPlaceholderText("单日可留空")
        self.kind = QComboBox()
        self.kind.addItem("放假（休息）", "休息")
        self.kind.addItem("调休上班", "调休上班")
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(HOLIDAYS)
        self.source = QLineEdit()
        self.add_button = QPushButton("添加(&A)")
        self.error = ErrorLabel()
        self.outcome = QLabel()
        self.outcome.setStyleSheet("color: #117864")

        form = QFormLayout()
        form.addRow("开始日期", self.start)
        form.addRow("结束日期", self.end)
        form.addRow("类型", self.kind)
        form.addRow("节日名称", self.name)
        form.addRow("来源（通知）", self.source)
        entry = QGroupBox("按通知录入一段日期")
        entry_layout = QVBoxLayout(entry)
        entry_layout.addLayout(form)
        entry_layout.addWidget(self.error)
        entry_layout.addWidget(self.add_button)

        self.listing = QListWidget()
        listing_box = QGroupBox("该年的放假日和调休上班日")
        QVBoxLayout(listing_box).addWidget(self.listing)

        left = QVBoxLayout()
        left.addWidget(QLabel("本库录入的节假日安排（优先于数据包）"))
        left.addWidget(self.table, 1)
        left.addWidget(self.delete_button)
        left.addWidget(entry)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(listing_box, 2)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.accept)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.coverage, 1)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        layout.addWidget(self.outcome)
        layout.addWidget(close)

        self.year.valueChanged.connect(self.refresh)
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete_selected)
        self.stored: list[StoredOverride] = []
        self.refresh()

    def refresh(self, *_args: object) -> None:
        year = self.year.value()
        calendar = load_calendar(self.db)
        years = sorted(calendar.package_years)
        self.coverage.setText(
            f"数据包（chinesecalendar）覆盖 {years[0]}–{years[-1]} 年；其他年份请按通知录入。"
            if years
            else "数据包中没有节假日数据，请按通知录入。"
        )
        covered = calendar.is_covered(year)
        self.banner.setText(
            f"{year} 年的节假日安排尚未录入：该年的办理期限只按周末推算，标为「预估」。"
            f"请按《{notice_title(year)}》录入放假和调休上班日期。"
        )
        self.banner.setVisible(not covered)
        if not self.source.text() or self.source.text().startswith("国务院办公厅关于"):
            self.source.setText(notice_title(year))
        self.stored = list_overrides(self.db, year)
        self.table.setRowCount(len(self.stored))
        for row, s in enumerate(self.stored):
            o = s.override
            cells = (
                f"{o.start:%Y-%m-%d}",
                f"{o.end:%Y-%m-%d}",
                "放假" if o.kind == "休息" else "调休上班",
                o.name,
                o.source,
                s.created_by,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.listing.clear()
        for info in calendar.year_listing(year):
            what = "调休上班" if info.is_workday else "放假"
            self.listing.addItem(
                f"{info.day:%m-%d} 星期{WEEKDAYS[info.day.weekday()]}  {what}  "
                f"{info.reason.split('：', 1)[-1]}  〔{info.source}〕"
            )
        if not covered:
            self.listing.addItem("（尚无该年数据）")

    def add(self) -> None:
        self.error.show_message("")
        try:
            start = self.start.value()
            end = self.end.value() or start
        except DateParseError as exc:
            self.error.show_message(str(exc))
            return
        if start is None or end is None:
            self.error.show_message("请填写开始日期")
            return
        kind: OverrideKind = "调休上班" if self.kind.currentData() == "调休上班" else "休息"
        override = CalendarOverride(start, end, kind, self.name.currentText(), self.source.text())
        try:
            change = add_override(self.db, override, actor=self.actor, on=self.today)
        except ValidationFailed as exc:
            self.error.show_message("\n".join(p.message for p in exc.problems))
            return
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.changed = True
        self.outcome.setText(
            f"已录入 {start:%Y-%m-%d}"
            + (f" 至 {end:%Y-%m-%d}" if end != start else "")
            + f"（{kind}）；{change.moved_items} 项未办结事项的期限随之调整。"
        )
        self.start.clear()
        self.end.clear()
        if start.year != self.year.value():
            self.year.setValue(start.year)
        else:
            self.refresh()

    def delete_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        stored = self.stored[rows[0].row()]
        o = stored.override
        answer = QMessageBox.question(
            self,
            "删除节假日安排",
            f"确定删除 {o.start:%Y-%m-%d} 至 {o.end:%Y-%m-%d}「{o.name}」吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            change = delete_override(self.db, stored.id, actor=self.actor, on=self.today)
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.changed = True
        self.outcome.setText(f"已删除；{change.moved_items} 项未办结事项的期限随之调整。")
        self.refresh()
