"""按时办结率: per section and kind for a year, from `ledger_on_time_rates`."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.services.ledger_reports import OnTimeRate, ledger_on_time_rates
from orgdesk.storage.database import Database

HEADERS = ("承办科室", "类别", "当年到期", "按时办结", "超期", "未到期", "按时办结率")
TOTAL_BRUSH = QBrush(QColor("#eef2f7"))


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


class OnTimeDialog(QDialog):
    def __init__(self, db: Database, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.setWindowTitle("按时办结率")
        self.resize(760, 560)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setPrefix("年度 ")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.year.valueChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        rates = ledger_on_time_rates(self.db, self.year.value(), on=self.today)
        self.note.setText(
            f"统计口径：办理期限在 {rates.year} 年内的事项，截至 {rates.as_of:%Y-%m-%d}；"
            "经办人签字日期不晚于期限为按时办结，尚未到期的不计入。"
        )
        lines: list[tuple[OnTimeRate, bool]] = []
        for section in rates.by_section:
            lines += [(r, False) for r in rates.rows if r.section == section.section]
            lines.append((section, True))
        lines += [(r, True) for r in rates.by_kind]
        lines.append((rates.overall, True))
        self.table.setRowCount(len(lines))
        bold = QFont()
        bold.setBold(True)
        for row, (r, total) in enumerate(lines):
            cells = (
                r.section,
                r.kind,
                str(r.due),
                str(r.on_time),
                str(r.late),
                str(r.pending),
                percent(r.rate),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if total:
                    item.setBackground(TOTAL_BRUSH)
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
