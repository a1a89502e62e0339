"""导入预览: every row of the file with what will happen to it, and every problem.

The grid is a model over the plan (already in memory, nothing is queried per
cell).  Any problem disables 确认导入; the clerk sees the full list, can show
only the rows with problems, and can copy the list to fix the file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.services.roster_import import ImportPlan, PlannedRow, RowAction

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("行号", "结果", "姓名", "身份证号", "科室", "职务", "职级", "说明")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
BRUSHES = {
    RowAction.ERROR: QBrush(QColor("#fbd3d0")),
    RowAction.NEW: QBrush(QColor("#e3f4e1")),
    RowAction.UPDATE: QBrush(QColor("#e1ecfa")),
}


def _explain(r: PlannedRow) -> str:
    if r.problems:
        return "；".join(f"「{p.field}」{p.message}" for p in r.problems)
    text = ""
    if r.action is RowAction.UPDATE:
        text = "修改：" + "、".join(r.changes)
        if r.posting_op.value:
            text += f"（{r.posting_op.value}）"
    if r.warnings:
        text += ("；" if text else "") + "；".join(f"提示：{w.message}" for w in r.warnings)
    return text


class ImportPlanModel(QAbstractTableModel):
    def __init__(self, plan: ImportPlan, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.rows = plan.rows

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

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return r.row
        if role == Qt.ItemDataRole.BackgroundRole:
            return BRUSHES.get(r.action)
        if role == Qt.ItemDataRole.ToolTipRole and column == len(COLUMNS) - 1:
            return "\n".join(str(p) for p in [*r.problems, *r.warnings]) or None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == 0:
            return r.row if role == Qt.ItemDataRole.EditRole else str(r.row)
        if column == 1:
            return r.action.value
        if column == len(COLUMNS) - 1:
            return _explain(r)
        key = ("name", "id_number", "section", "post_title", "rank")[column - 2]
        return self.plan.shown(r, key)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class _ProblemRows(QSortFilterProxyModel):
    """Only the rows with problems, when the clerk asks for it."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.only_problems = False

    def set_only_problems(self, on: bool) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter is deprecated there
            self.beginFilterChange()
            self.only_problems = on
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.only_problems = on
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.only_problems:
            return True
        model = self.sourceModel()
        assert isinstance(model, ImportPlanModel)
        return model.rows[source_row].action is RowAction.ERROR


class RosterImportDialog(QDialog):
    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"导入预览 — {plan.path.name}")
        self.resize(1100, 680)
        problems = plan.problems
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        text = f"工作表「{plan.sheet}」（表头在第 {plan.header_row} 行）：{plan.summary()}。"
        if problems:
            text += (
                f"<br><b style='color:#c0392b'>发现 {len(problems)} 处问题，"
                "整个文件都不会导入。请按下方清单修改 Excel 文件后重新导入。</b>"
            )
        else:
            text += "<br><b style='color:#1e7b34'>未发现问题，可以导入。</b>"
        if plan.ignored_columns:
            text += f"<br>以下列不是名册的列，不会导入：{'、'.join(plan.ignored_columns)}"
        self.summary.setText(text)

        self.model = ImportPlanModel(plan, self)
        self.proxy = _ProblemRows(self)
        self.proxy.setSourceModel(self.model)
        self.grid = QTableView()
        self.grid.setModel(self.proxy)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((50, 50, 80, 170, 110, 90, 100)):
            self.grid.setColumnWidth(column, width)
        self.only_problems = QCheckBox("只显示有问题的行")
        self.only_problems.toggled.connect(self.proxy.set_only_problems)
        self.only_problems.setEnabled(bool(problems))

        self.problem_list = QListWidget()
        for p in problems:
            item = QListWidgetItem(str(p))
            item.setData(ROW_ROLE, p.row)
            item.setForeground(QBrush(QColor("#c0392b")))
            self.problem_list.addItem(item)
        for w in plan.warnings:
            item = QListWidgetItem(f"提示：{w}")
            item.setData(ROW_ROLE, w.row)
            item.setForeground(QBrush(QColor("#b9770e")))
            self.problem_list.addItem(item)
        self.problem_list.itemActivated.connect(self._show_row)
        self.problem_list.itemClicked.connect(self._show_row)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(
            QLabel(f"问题清单（{len(problems)} 处问题，{len(plan.warnings)} 条提示）：")
        )
        lower_layout.addWidget(self.problem_list)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.grid)
        splitter.addWidget(lower)
        splitter.setSizes([430, 200])
        lower.setVisible(bool(problems or plan.warnings))

        self.copy_button = QPushButton("复制问题清单")
        self.copy_button.setEnabled(bool(problems or plan.warnings))
        self.copy_button.clicked.connect(self.copy_problems)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "确认导入", QDialogButtonBox.ButtonRole.AcceptRole
        )
        close = self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.setEnabled(not problems and bool(plan.rows))
        if problems:
            close.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.only_problems)
        bottom.addWidget(self.copy_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def problem_lines(self) -> list[str]:
        return [self.problem_list.item(i).text() for i in range(self.problem_list.count())]

    def copy_problems(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.problem_lines()))

    def _show_row(self, item: QListWidgetItem) -> None:
        row = item.data(ROW_ROLE)
        for index, planned in enumerate(self.model.rows):
            if planned.row == row:
                mapped = self.proxy.mapFromSource(self.model.index(index, 0))
                if mapped.isValid():
                    self.grid.selectRow(mapped.row())
                    self.grid.scrollTo(mapped)
                return
