"""The main window: six tabs in the order the department works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from orgdesk import APP_TITLE, __version__
from orgdesk.domain.access import Permission, current_actor, set_process_actor
from orgdesk.domain.due import DueItem
from orgdesk.domain.errors import OrgDeskError
from orgdesk.storage.database import Database
from orgdesk.ui.backup_dialog import BackupDialog
from orgdesk.ui.due_panel import DuePanel
from orgdesk.ui.settings_dialog import SettingsDialog
from orgdesk.ui.tabs import TABS


class MainWindow(QMainWindow):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 800)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.pages: list[QWidget] = []
        for title, factory in TABS:
            page = factory(db, self)
            self.pages.append(page)
            self.tabs.addTab(page, title)
        self.setCentralWidget(self.tabs)

        self.due_panel = DuePanel(db, self)
        self.due_dock = QDockWidget("待办事项", self)
        self.due_dock.setObjectName("due_dock")
        self.due_dock.setWidget(self.due_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.due_dock)
        self.due_dock.hide()
        self.due_button = QPushButton("待办 0 项")
        self.due_button.setFlat(True)
        self.due_button.clicked.connect(self.toggle_due)
        self.due_panel.counted.connect(lambda n: self.due_button.setText(f"待办 {n} 项"))
        self.due_panel.open_requested.connect(self.open_due_item)

        self.db_label = QLabel(f"{_mode(db)}：{db.location.display}")
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.due_button)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        self._show_user()
        self.due_panel.refresh()

    def _show_user(self) -> None:
        """Status bar and menus for whoever is signed in (after start and 切换用户)."""
        actor = current_actor()
        self.user_label.setText(f"当前用户：{actor.label}" if actor else "未登录")
        self.audit_action.setEnabled(self._may(Permission.VIEW_AUDIT))
        self.settings_action.setEnabled(self._may(Permission.SETTINGS))
        self.users_action.setEnabled(self._may(Permission.MANAGE_USERS))
        # Which database this PC opens is the administrator's choice (a clerk switching to
        # another file or server would leave colleagues' work behind).
        self.connection_action.setEnabled(self._may(Permission.SETTINGS))
        self.password_action.setEnabled(actor is not None and actor.user_id is not None)

    def _may(self, permission: Permission) -> bool:
        actor = current_actor()
        return actor is not None and actor.may(permission)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        backup_action = QAction("备份与恢复(&B)…", self)
        backup_action.triggered.connect(self.open_backups)
        file_menu.addAction(backup_action)
        self.audit_action = QAction("操作日志(&L)…", self)
        self.audit_action.triggered.connect(self.open_audit)
        file_menu.addAction(self.audit_action)
        self.settings_action = QAction("设置(&S)…", self)
        self.settings_action.triggered.connect(self.edit_settings)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.users_action = QAction("用户管理(&U)…", self)
        self.users_action.triggered.connect(self.manage_users)
        file_menu.addAction(self.users_action)
        self.password_action = QAction("修改密码(&P)…", self)
        self.password_action.triggered.connect(self.change_password)
        file_menu.addAction(self.password_action)
        switch_action = QAction("切换用户(&W)…", self)
        switch_action.triggered.connect(self.switch_user)
        file_menu.addAction(switch_action)
        self.connection_action = QAction("数据库连接(&C)…", self)
        self.connection_action.triggered.connect(self.edit_connection)
        file_menu.addAction(self.connection_action)
        file_menu.addSeparator()
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("视图(&V)")
        due_action = QAction("待办事项(&D)", self)
        due_action.setShortcut(QKeySequence("F9"))
        due_action.triggered.connect(self.toggle_due)
        view_menu.addAction(due_action)
        self.addAction(due_action)
        view_menu.addSeparator()
        for index in range(self.tabs.count()):
            action = QAction(self.tabs.tabText(index), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
            view_menu.addAction(action)
            self.addAction(action)

        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = QAction("关于 OrgDesk(&A)", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def toggle_due(self) -> None:
        if self.due_dock.isVisible():
            self.due_dock.hide()
        else:
            self.due_panel.refresh()
            self.due_dock.show()

    def open_due_item(self, item: DueItem) -> None:
        """Switch to the tab that owns the record and let it open the record."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == item.tab:
                self.tabs.setCurrentIndex(index)
                opener = getattr(self.pages[index], "open_record", None)
                if callable(opener):
                    opener(item.record_kind, item.record_id)
                return

    def refresh_due(self) -> None:
        self.due_panel.refresh()

    def open_backups(self) -> None:
        dialog = BackupDialog(self.db, self)
        dialog.exec()
        if dialog.restored:
            self.rebuild_tabs()

    def rebuild_tabs(self) -> None:
        """After a restore every page re-reads the database."""
        current = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        self.pages = []
        for title, factory in TABS:
            page = factory(self.db, self)
            self.pages.append(page)
            self.tabs.addTab(page, title)
        self.tabs.setCurrentIndex(max(current, 0))
        self.refresh_due()

    def open_audit(self) -> None:
        from orgdesk.ui.audit_viewer import AuditViewer

        try:
            viewer = AuditViewer(self.db, self)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "操作日志", str(exc))
            return
        viewer.exec()

    def manage_users(self) -> None:
        from orgdesk.ui.users_dialog import UsersDialog

        try:
            dialog = UsersDialog(self.db, self)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "用户管理", str(exc))
            return
        dialog.exec()

    def change_password(self) -> None:
        from orgdesk.ui.sign_in import ChangePasswordDialog

        if ChangePasswordDialog(self.db, self).exec():
            QMessageBox.information(self, "修改密码", "密码已修改。")

    def switch_user(self) -> None:
        """切换用户: sign out, sign in as someone else; every tab is rebuilt for their role."""
        from orgdesk.services.accounts import sign_out
        from orgdesk.ui.sign_in import SignInDialog

        dialog = SignInDialog(self.db, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return
        sign_out(self.db)
        set_process_actor(dialog.actor)
        self._show_user()
        self.rebuild_tabs()

    def edit_connection(self) -> None:
        from orgdesk.ui.connection_dialog import ConnectionDialog

        ConnectionDialog(self).exec()

    def edit_settings(self) -> None:
        if SettingsDialog(self.db, self).exec():
            self.refresh_due()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "关于 OrgDesk",
            f"<b>{APP_TITLE}</b> {__version__}<br>县委组织部干部工作离线桌面软件<br>"
            f"{_mode(self.db)}：{self.db.location.display}",
        )


def _mode(db: Database) -> str:
    return "部门服务器" if db.is_server else "数据库"
