"""人员名册: the roster with search, filters, the detail form and Excel import/export.

The 人员与试用 tab (`personnel_area.PersonnelArea`) shows this widget as its
first page, beside 招录批次 / 试用期 / 调出.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.access import PERSONNEL_AREA, Permission, current_actor
from orgdesk.services.reference import ReferenceData, load_settings, reference_data
from orgdesk.services.roster import RosterFilter, RosterQuery
from orgdesk.storage.database import Database
from orgdesk.ui.approval_actions import install_approval_actions
from orgdesk.ui.cadre_dialog import CadreDialog
from orgdesk.ui.roster_excel_actions import RosterExcelActions
from orgdesk.ui.roster_model import RosterModel


class PersonnelTab(QWidget):
    changed = Signal()  # cadres were added or changed (import, form)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.reference: ReferenceData = reference_data(db)

        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：姓名 / 拼音首字母（如 zs）/ 身份证号")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        self.section_filter = QComboBox()
        self.section_filter.addItem("全部科室", None)
        for sec in self.reference.sections:
            self.section_filter.addItem(sec.name, sec.id)
        self.rank_filter = QComboBox()
        self.rank_filter.addItem("全部职级", None)
        for rank in self.reference.ranks:
            self.rank_filter.addItem(rank.name, rank.id)
        self.include_left = QCheckBox("含已调出")
        self.add_button = QPushButton("新增人员(&N)")
        self.edit_button = QPushButton("查看/编辑(&E)")
        self.count_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(QLabel("人员名册"))
        bar.addWidget(self.search, 2)
        bar.addWidget(self.section_filter)
        bar.addWidget(self.rank_filter)
        bar.addWidget(self.include_left)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        self.excel = RosterExcelActions(self, bar)

        actor = current_actor()
        self.can_edit = actor is not None and actor.may(Permission.EDIT, PERSONNEL_AREA)
        can_export = actor is not None and actor.may(Permission.EXPORT, PERSONNEL_AREA)
        masked = actor is None or not actor.sees_id_numbers
        self.model = RosterModel(RosterQuery(db), self, mask_ids=masked)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        widths = (90, 45, 95, 120, 110, 110, 80, 90, 105, 60, 170)
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)
        # By section (in the department's order), then rank: how the office reads a roster.
        self.view.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.approval_actions = install_approval_actions(self, bar)
        # The services refuse anyway; the buttons say so before the clerk tries.
        self.add_button.setEnabled(self.can_edit)
        if not self.can_edit:
            self.add_button.setToolTip("需要负责「人员与试用」的经办人或系统管理员")
            self.edit_button.setText("查看(&E)")
        self.approval_actions.import_file.setEnabled(self.can_edit)
        for action in (
            self.approval_actions.export_one,
            self.approval_actions.export_all,
            self.approval_actions.print_one,
        ):
            action.setEnabled(can_export)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        hint = QLabel(
            "底纹：黄色＝试用期人员，橙色＝试用期即将届满，红色＝试用期已届满未处理。"
            "双击或按回车打开详情；Ctrl+F 搜索，Ctrl+N 新增。"
        )
        hint.setStyleSheet("color: #666")
        layout.addWidget(hint)

        # Typing filters after a short pause, so each keystroke does not hit the database.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.apply_filter)
        self.section_filter.currentIndexChanged.connect(self.apply_filter)
        self.rank_filter.currentIndexChanged.connect(self.apply_filter)
        self.include_left.toggled.connect(self.apply_filter)
        self.add_button.clicked.connect(self.add_cadre)
        self.edit_button.clicked.connect(self.edit_selected)
        self.view.activated.connect(lambda _index: self.edit_selected())
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.add_cadre)
        self.load_trial_warning()
        self._update_count()

    def load_trial_warning(self) -> None:
        """Highlight trials ending within the 试用期到期提醒 setting."""
        warn = load_settings(self.db).int("trial.warn_days")
        self.model.set_trial_warning(date.today(), warn)

    def refresh(self) -> None:
        self.load_trial_warning()
        self.model.refresh()
        self._update_count()

    def current_filter(self) -> RosterFilter:
        return RosterFilter(
            text=self.search.text(),
            section_id=self.section_filter.currentData(),
            rank_id=self.rank_filter.currentData(),
            include_left=self.include_left.isChecked(),
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(f"共 {self.model.rowCount()} 人")

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            current = self.view.currentIndex()
            return self.model.id_at(current.row()) if current.isValid() else None
        return self.model.id_at(rows[0].row())

    def add_cadre(self) -> None:
        if not self.can_edit:
            return
        dialog = CadreDialog(self.db, self.reference, None, self)
        if dialog.exec():
            self._after_save(dialog.saved_id)

    def edit_selected(self) -> None:
        cadre_id = self.selected_id()
        if cadre_id is None:
            return
        dialog = CadreDialog(self.db, self.reference, cadre_id, self)
        if dialog.exec():
            self._after_save(dialog.saved_id)

    def _after_save(self, cadre_id: int | None) -> None:
        self.model.refresh()
        self._update_count()
        self.changed.emit()
        if cadre_id is None:
            return
        for row in range(min(self.model.rowCount(), 2000)):
            if self.model.id_at(row) == cadre_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                break
