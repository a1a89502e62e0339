"""试用期 page: every trial, open ones first (soonest end first), with 转正/延长/不予转正."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.due import Urgency
from orgdesk.domain.trial import TrialLimits, trial_urgency
from orgdesk.services.trial import TrialRow, limits_of, list_trials
from orgdesk.storage.database import Database
from orgdesk.ui.trial_dialogs import ConfirmDialog, ExtendDialog, NotConfirmDialog, StartTrialDialog

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = (
    "姓名",
    "科室",
    "职务",
    "开始日期",
    "期限",
    "截止日期",
    "剩余",
    "状态",
    "处理日期",
    "说明",
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
BRUSHES = {Urgency.OVERDUE: QBrush(QColor("#fbb4ae")), Urgency.DUE_SOON: QBrush(QColor("#ffd59e"))}


class TrialModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TrialRow] = []
        self.today = date.today()
        self.warn_days = 30

    def set_rows(self, rows: list[TrialRow], today: date, warn_days: int) -> None:
        self.beginResetModel()
        self.rows, self.today, self.warn_days = rows, today, warn_days
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def urgency(self, r: TrialRow) -> Urgency | None:
        return trial_urgency(r.end_date, self.today, self.warn_days) if r.status.is_open else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.BackgroundRole:
            urgency = self.urgency(r)
            return BRUSHES.get(urgency) if urgency is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._note(r) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        days = r.days_left(self.today)
        values = (
            r.name,
            r.section,
            r.post_title,
            f"{r.start_date:%Y-%m-%d}",
            f"{r.months} 个月",
            f"{r.end_date:%Y-%m-%d}",
            (f"超期 {-days} 天" if days < 0 else f"{days} 天") if r.status.is_open else "",
            r.status.value,
            f"{r.decided_on:%Y-%m-%d}" if r.decided_on else "",
            self._note(r).replace("\n", "；"),
        )
        return values[index.column()]

    @staticmethod
    def _note(r: TrialRow) -> str:
        parts = []
        if r.extension_reason:
            parts.append(f"延长：{r.extension_reason}")
        if r.evaluation:
            parts.append(f"评语：{r.evaluation}")
        if r.reason:
            parts.append(f"理由：{r.reason}")
        return "\n".join(parts)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class TrialPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.limits: TrialLimits = limits_of(db)
        self.scope = QComboBox()
        self.scope.addItem("进行中", True)
        self.scope.addItem("全部", False)
        self.confirm_button = QPushButton("转正(&C)…")
        self.extend_button = QPushButton("延长(&X)…")
        self.reject_button = QPushButton("不予转正…")
        self.start_button = QPushButton("新增试用期…")
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("试用期"))
        bar.addWidget(self.scope)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        for button in (
            self.confirm_button,
            self.extend_button,
            self.reject_button,
            self.start_button,
        ):
            bar.addWidget(button)
        self.model = TrialModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((80, 110, 90, 95, 65, 95, 80, 70, 95)):
            self.view.setColumnWidth(column, width)
        hint = QLabel(
            "橙色：试用期即将届满（提前天数见「设置」）；红色：已届满尚未办理。"
            "试用期最长不超过设置中的上限，延长超过上限会被拒绝。"
        )
        hint.setStyleSheet("color: #666")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        layout.addWidget(hint)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.extend_button.clicked.connect(self.extend_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.start_button.clicked.connect(self.start_new)
        self.view.doubleClicked.connect(lambda _i: self.confirm_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        self.limits = limits_of(self.db)
        rows = list_trials(self.db, open_only=bool(self.scope.currentData()))
        self.model.set_rows(rows, date.today(), self.limits.warn_days)
        self.count_label.setText(f"共 {len(rows)} 条")
        if selected is not None:
            self.select_trial(selected.id)
        self._update_buttons()

    def selected(self) -> TrialRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[rows[0].row()]

    def select_trial(self, trial_id: int) -> bool:
        for row, r in enumerate(self.model.rows):
            if r.id == trial_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                return True
        return False

    def open_trial(self, trial_id: int) -> None:
        """From the due list: show the trial (switching to 全部 if it is not open)."""
        if not self.select_trial(trial_id):
            self.scope.setCurrentIndex(1)
            self.select_trial(trial_id)
        self.view.setFocus()

    def _update_buttons(self) -> None:
        r = self.selected()
        is_open = r is not None and r.status.is_open
        for button in (self.confirm_button, self.extend_button, self.reject_button):
            button.setEnabled(is_open)

    def _run(self, dialog: Any) -> None:
        if dialog.exec():
            self.refresh()
            self.changed.emit()

    def confirm_selected(self) -> None:
        r = self.selected()
        if r is None or not r.status.is_open:
            return
        self._run(ConfirmDialog(self.db, r, self))

    def extend_selected(self) -> None:
        r = self.selected()
        if r is None or not r.status.is_open:
            return
        self._run(ExtendDialog(self.db, r, self.limits, self))

    def reject_selected(self) -> None:
        r = self.selected()
        if r is None or not r.status.is_open:
            return
        answer = QMessageBox.question(
            self,
            "不予转正",
            f"确定对「{r.name}」作出不予转正的决定吗？\n"
            "新录用人员将转为「已调出」；本部原有人员恢复试用前的职务。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(NotConfirmDialog(self.db, r, self))

    def start_new(self) -> None:
        self._run(StartTrialDialog(self.db, self.limits, self))
