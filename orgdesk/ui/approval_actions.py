"""任免审批表 actions on the roster: export .lrmx, print PDF, import .lrmx with a preview.

Installed on the 人员与试用 tab by one call, as a 「任免审批表」 menu button and
as context-menu entries on the roster table.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.lrmx import (
    ImportPreview,
    apply_import,
    export_cadre,
    export_cadres,
    preview_import,
    print_form,
)
from orgdesk.services.people import get_cadre
from orgdesk.ui.worker import Cancelled, run_with_progress

if TYPE_CHECKING:
    from orgdesk.ui.tabs.personnel import PersonnelTab


class ApprovalActions:
    """The four actions, bound to one roster tab."""

    def __init__(self, tab: PersonnelTab) -> None:
        self.tab = tab
        self.export_one = QAction("导出任免审批表（.lrmx）…", tab)
        self.export_all = QAction("批量导出当前名单到文件夹…", tab)
        self.print_one = QAction("打印任免审批表（PDF）…", tab)
        self.import_file = QAction("导入 .lrmx…", tab)
        self.export_one.triggered.connect(self.export_selected)
        self.export_all.triggered.connect(self.export_listed)
        self.print_one.triggered.connect(self.print_selected)
        self.import_file.triggered.connect(self.import_lrmx)

        self.button = QToolButton()
        self.button.setText("任免审批表")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        menu.addActions([self.print_one, self.export_one, self.export_all])
        menu.addSeparator()
        menu.addAction(self.import_file)
        self.button.setMenu(menu)

        view = tab.view
        if view.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.addActions([self.print_one, self.export_one])

    # -- helpers -------------------------------------------------------------------------------
    def _selected(self) -> tuple[int, str] | None:
        cadre_id = self.tab.selected_id()
        if cadre_id is None:
            QMessageBox.information(self.tab, "任免审批表", "请先在名册中选择一人。")
            return None
        data, _ = get_cadre(self.tab.db, cadre_id)
        return cadre_id, data.name

    def _fail(self, title: str, exc: Exception) -> None:
        QMessageBox.warning(self.tab, title, str(exc))

    # -- the actions -----------------------------------------------------------------------
    def export_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        cadre_id, name = chosen
        path, _ = QFileDialog.getSaveFileName(
            self.tab, "导出任免审批表", f"{name}.lrmx", "任免审批表 (*.lrmx)"
        )
        if not path:
            return
        try:
            export_cadre(self.tab.db, cadre_id, Path(path))
        except OrgDeskError as exc:
            self._fail("未能导出", exc)
            return
        QMessageBox.information(self.tab, "已导出", f"已导出「{name}」的任免审批表：\n{path}")

    def export_listed(self) -> None:
        f = self.tab.current_filter()
        total = self.tab.model.rowCount()
        if total == 0:
            QMessageBox.information(self.tab, "任免审批表", "当前名单为空。")
            return
        folder = QFileDialog.getExistingDirectory(
            self.tab, f"选择保存 {total} 份任免审批表的文件夹"
        )
        if not folder:
            return
        from orgdesk.services.roster import RosterQuery

        db = self.tab.db

        def job(progress):  # type: ignore[no-untyped-def]
            rows = RosterQuery(db).page(f, offset=0, limit=max(total, 1))
            written = export_cadres(db, [r.id for r in rows], Path(folder), progress=progress)
            if len(written) < len(rows):
                raise Cancelled("已取消，未导出任何文件")
            return written

        try:
            written = run_with_progress(self.tab, "导出任免审批表", job)
        except Cancelled as exc:
            QMessageBox.information(self.tab, "已取消", str(exc) or "已取消")
            return
        except OrgDeskError as exc:
            self._fail("未能导出", exc)
            return
        QMessageBox.information(
            self.tab, "已导出", f"已导出 {len(written)} 份任免审批表到：\n{folder}"
        )

    def print_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        cadre_id, name = chosen
        path, _ = QFileDialog.getSaveFileName(
            self.tab, "打印任免审批表", f"干部任免审批表_{name}.pdf", "PDF 文件 (*.pdf)"
        )
        if not path:
            return
        try:
            print_form(self.tab.db, cadre_id, Path(path))
        except OrgDeskError as exc:
            self._fail("未能生成", exc)
            return
        QMessageBox.information(
            self.tab, "已生成", f"已生成任免审批表 PDF，可用 PDF 阅读器打印：\n{path}"
        )

    def import_lrmx(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.tab, "导入任免审批表", "", "任免审批表 (*.lrmx);;所有文件 (*)"
        )
        if not path:
            return
        try:
            preview = preview_import(self.tab.db, Path(path))
        except OrgDeskError as exc:
            self._fail("无法导入（未做任何修改）", exc)
            return
        if not preview.is_new and not preview.changes:
            QMessageBox.information(self.tab, "无需导入", preview.summary())
            return
        if ImportPreviewDialog(preview, self.tab).exec() != QDialog.DialogCode.Accepted:
            return
        try:
            saved = apply_import(self.tab.db, preview)
        except OrgDeskError as exc:
            self._fail("未导入（未做任何修改）", exc)
            return
        self.tab._after_save(saved.id)
        QMessageBox.information(self.tab, "已导入", f"已导入「{preview.name}」。")


class ImportPreviewDialog(QDialog):
    """What the file would change, item by item; nothing is written until 「导入」."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入任免审批表 — 确认")
        self.resize(760, 520)
        head = QLabel(f"<b>{preview.summary()}</b><br>文件：{preview.source.name}")
        head.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(len(preview.changes), 3 if not preview.is_new else 2)
        labels = ["项目", "原值", "文件中的值"] if not preview.is_new else ["项目", "内容"]
        self.table.setHorizontalHeaderLabels(labels)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, change in enumerate(preview.changes):
            cells = (
                [change.label, change.old, change.new]
                if not preview.is_new
                else [change.label, change.new]
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        note = QLabel(
            "文件中为空的项不会清除已有内容。"
            + ("\n提示：" + "\n提示：".join(preview.warnings) if preview.warnings else "")
        )
        note.setStyleSheet("color: #666")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导入")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)


def install_approval_actions(tab: PersonnelTab, bar: QHBoxLayout) -> ApprovalActions:
    actions = ApprovalActions(tab)
    bar.addWidget(actions.button)
    return actions
