"""备份与恢复: back up now (to the backup folder or a USB stick), or restore after confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.access import Permission, current_actor
from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.backups import backup_now, restore_database
from orgdesk.storage.backup import REASON_LABELS, BackupInfo, backups_dir_for, list_backups
from orgdesk.storage.database import Database


class BackupDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.restored = False
        self.setWindowTitle("备份与恢复")
        self.resize(760, 420)
        self.items: list[BackupInfo] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(("时间", "类型", "大小", "文件"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.backup_button = QPushButton("立即备份(&B)")
        self.usb_button = QPushButton("备份到其他位置（U 盘）…")
        self.restore_button = QPushButton("从所选备份恢复(&R)…")
        self.file_button = QPushButton("从备份文件恢复…")
        self.backup_button.clicked.connect(self.backup_now)
        self.usb_button.clicked.connect(self.backup_elsewhere)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_file)
        buttons = QHBoxLayout()
        for b in (self.backup_button, self.usb_button, self.restore_button, self.file_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        actor = current_actor()
        is_admin = actor is not None and actor.may(Permission.RESTORE)
        for b in (self.usb_button, self.restore_button, self.file_button):
            b.setEnabled(is_admin)
            if not is_admin:
                b.setToolTip("需要系统管理员")
        layout = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        if db.is_server:
            self._server_mode(is_admin)
        else:
            self.note.setText(
                f"备份文件夹：{backups_dir_for(db.path)}\n"
                "每天首次启动时自动备份；升级、导入、审批和恢复之前也会自动备份。"
                + ("" if is_admin else "\n备份到其他位置和从备份恢复需要系统管理员。")
            )
        self.refresh()

    def _server_mode(self, is_admin: bool) -> None:
        """部门服务器: the server's own backups apply; pg_dump to a folder when installed."""
        from orgdesk.storage.pg_backup import SERVER_BACKUP_NOTE, pg_dump_available

        have_dump = pg_dump_available()
        extra = (
            "本机已安装 pg_dump，可另外把服务器数据库备份到 U 盘等位置。"
            if have_dump
            else "本机未安装 pg_dump，无法从本机另做备份。"
        )
        if not is_admin:
            extra += "\n备份到其他位置需要系统管理员。"
        self.note.setText(f"{SERVER_BACKUP_NOTE}\n{extra}")
        self.table.hide()
        self.backup_button.hide()
        self.restore_button.hide()
        self.file_button.hide()
        self.usb_button.setText("用 pg_dump 备份到文件夹…")
        self.usb_button.setEnabled(have_dump and is_admin)
        self.resize(640, 200)

    def refresh(self) -> None:
        if self.db.is_server:
            return
        self.items = list_backups(self.db.path)
        self.table.setRowCount(len(self.items))
        for row, b in enumerate(self.items):
            cells = (
                f"{b.taken:%Y-%m-%d %H:%M:%S}",
                REASON_LABELS.get(b.reason, b.reason),
                f"{b.size / 1024:.0f} KB",
                str(b.path),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def backup_now(self) -> None:
        self._backup(None)

    def backup_elsewhere(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择备份位置（如 U 盘）")
        if folder:
            self._backup(Path(folder))

    def _backup(self, dest: Path | None) -> None:
        try:
            made = backup_now(self.db, dest)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "备份失败", str(exc))
            return
        QMessageBox.information(self, "备份完成", f"已备份并校验通过：\n{made}")
        self.refresh()

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "恢复", "请先在列表中选择一份备份。")
            return
        self._restore(self.items[rows[0].row()].path)

    def restore_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择备份文件", "", "OrgDesk 备份 (*.db)")
        if name:
            self._restore(Path(name))

    def _restore(self, backup: Path) -> None:
        answer = QMessageBox.question(
            self,
            "确认恢复",
            f"将用备份\n{backup.name}\n替换当前全部数据。\n\n"
            "恢复前会先自动备份当前状态，必要时可再恢复回来。确定恢复吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            safety = restore_database(self.db, backup)
        except OrgDeskError as exc:
            QMessageBox.critical(self, "恢复失败", str(exc))
            return
        self.restored = True
        QMessageBox.information(self, "恢复完成", f"已恢复。恢复前的数据已备份为：\n{safety}")
        self.refresh()
