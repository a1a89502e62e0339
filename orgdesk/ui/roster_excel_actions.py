"""名册 ⇄ Excel buttons of the roster page: 下载导入模板, 从 Excel 导入, 导出到 Excel.

Import: choose a file → check it off the GUI thread (cancellable) → preview
grid with every problem → 确认导入 off the GUI thread → refresh.  Nothing is
written unless the whole file is clean.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout, QFileDialog, QMessageBox, QPushButton, QWidget

from orgdesk.domain.errors import OrgDeskError
from orgdesk.paths import data_dir
from orgdesk.services.roster_excel import export_roster, write_template
from orgdesk.services.roster_import import (
    ImportCancelled,
    ImportPlan,
    ImportResult,
    apply_roster_import,
    plan_roster_import,
)
from orgdesk.ui.roster_import_dialog import RosterImportDialog
from orgdesk.ui.worker import Cancelled, run_with_progress

if TYPE_CHECKING:
    from orgdesk.ui.tabs.personnel import PersonnelTab

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


class RosterExcelActions:
    def __init__(self, tab: PersonnelTab, bar: QBoxLayout) -> None:
        self.tab = tab
        self.template_button = QPushButton("导入模板…")
        self.template_button.setToolTip("生成人员名册导入模板（含示例行与下拉选项）")
        self.import_button = QPushButton("从 Excel 导入(&I)…")
        self.export_button = QPushButton("导出到 Excel…")
        for button in (self.template_button, self.import_button, self.export_button):
            bar.addWidget(button)
        self.template_button.clicked.connect(self.save_template)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.last_plan: ImportPlan | None = None
        self.last_dialog: RosterImportDialog | None = None

    @property
    def widget(self) -> QWidget:
        return self.tab

    def _folder(self) -> str:
        return str(Path.home() if Path.home().exists() else data_dir())

    def save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.widget,
            "保存导入模板",
            str(Path(self._folder()) / "人员名册导入模板.xlsx"),
            XLSX_FILTER,
        )
        if not path:
            return
        try:
            write_template(Path(path), self.tab.db)
        except OrgDeskError as exc:
            QMessageBox.warning(self.widget, "未能保存模板", str(exc))
            return
        QMessageBox.information(self.widget, "已保存", f"导入模板已保存到：\n{path}")

    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.widget, "导出人员名册", str(Path(self._folder()) / "人员名册.xlsx"), XLSX_FILTER
        )
        if not path:
            return
        try:
            count = run_with_progress(
                self.widget, "正在导出名册…", lambda p: export_roster(self.tab.db, Path(path), p)
            )
        except (Cancelled, ImportCancelled):
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self.widget, "未能导出", str(exc))
            return
        QMessageBox.information(self.widget, "导出完成", f"已导出 {count} 人到：\n{path}")

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.widget, "选择要导入的人员名册", self._folder(), XLSX_FILTER
        )
        if not path:
            return
        db = self.tab.db
        try:
            plan: ImportPlan = run_with_progress(
                self.widget,
                "正在检查名册…",
                lambda p: plan_roster_import(db, Path(path), progress=p),
            )
        except (Cancelled, ImportCancelled):
            QMessageBox.information(self.widget, "已取消", "已取消导入，数据库未作任何修改。")
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self.widget, "无法导入", str(exc))
            return
        self.last_plan = plan
        dialog = RosterImportDialog(plan, self.widget)
        self.last_dialog = dialog
        if not dialog.exec():
            return
        try:
            result: ImportResult = run_with_progress(
                self.widget, "正在导入…", lambda p: apply_roster_import(db, plan, progress=p)
            )
        except (Cancelled, ImportCancelled):
            QMessageBox.information(self.widget, "已取消", "已取消导入，数据库未作任何修改。")
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self.widget, "未导入", f"{exc}\n\n数据库未作任何修改。")
            return
        self.tab.refresh()
        self.tab.changed.emit()
        QMessageBox.information(
            self.widget,
            "导入完成",
            f"新增 {result.created} 人，更新 {result.updated} 人，无变化 {result.unchanged} 人。",
        )
