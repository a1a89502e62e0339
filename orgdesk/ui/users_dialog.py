"""用户管理 (系统管理员): accounts, roles, the areas of each 经办人, passwords, lockouts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.access import AREAS, Role
from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.accounts import (
    UserInfo,
    UserInput,
    list_users,
    reset_password,
    save_user,
    set_single_clerk,
    unlock_user,
)
from orgdesk.storage.database import Database
from orgdesk.ui.widgets import ErrorLabel

ROLE_HINTS = {
    Role.ADMIN: "管理用户、修改设置、从备份恢复，并可办理全部业务",
    Role.CLERK: "办理所负责的工作（下方勾选），其他工作只能查看",
    Role.LEADER: "查看全部信息，确定考核等次，审批计划与竞争上岗，打印报表，查看操作日志",
}


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class UserFormDialog(QDialog):
    """Add or change one account."""

    def __init__(self, db: Database, user: UserInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.saved_id: int | None = None
        self.setWindowTitle("新增用户" if user is None else f"修改用户：{user.username}")
        self.username = QLineEdit(user.username if user else "")
        self.display_name = QLineEdit(user.display_name if user else "")
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value, role.value)
        self.role.setCurrentIndex(list(Role).index(user.role if user else Role.CLERK))
        self.role_hint = QLabel()
        self.role_hint.setStyleSheet("color: #666")
        self.role_hint.setWordWrap(True)
        self.areas: dict[str, QCheckBox] = {}
        area_grid = QGridLayout()
        for index, area in enumerate(AREAS):
            box = QCheckBox(area)
            box.setChecked(bool(user and area in user.areas))
            self.areas[area] = box
            area_grid.addWidget(box, index // 3, index % 3)
        self.active = QCheckBox("启用（停用后不能登录，历史记录保留）")
        self.active.setChecked(user.active if user else True)
        self.password = _password_edit()
        self.confirm = _password_edit()
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("用户名 *", self.username)
        form.addRow("姓名 *", self.display_name)
        form.addRow("角色 *", self.role)
        form.addRow("", self.role_hint)
        form.addRow("负责的工作", area_grid)
        form.addRow("", self.active)
        if user is None:
            form.addRow("初始密码 *", self.password)
            form.addRow("再次输入 *", self.confirm)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if user is None:
            note = QLabel("新用户首次登录时须把初始密码改为只有自己知道的密码。")
            note.setStyleSheet("color: #666")
            layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self, *_args: object) -> None:
        role = Role(self.role.currentData())
        self.role_hint.setText(ROLE_HINTS[role])
        for box in self.areas.values():
            box.setEnabled(role is Role.CLERK)

    def read(self) -> UserInput:
        return UserInput(
            username=self.username.text(),
            display_name=self.display_name.text(),
            role=Role(self.role.currentData()),
            areas=frozenset(a for a, box in self.areas.items() if box.isChecked()),
            active=self.active.isChecked(),
            password=self.password.text() if self.user is None else None,
        )

    def save(self) -> None:
        if self.user is None and self.password.text() != self.confirm.text():
            self.error.show_message("两次输入的密码不一致")
            return
        try:
            self.saved_id = save_user(self.db, self.read(), self.user.id if self.user else None)
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


class ResetPasswordDialog(QDialog):
    def __init__(self, db: Database, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.setWindowTitle(f"重置密码：{user.display_name}（{user.username}）")
        self.password = _password_edit()
        self.confirm = _password_edit()
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("新密码", self.password)
        form.addRow("再次输入", self.confirm)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("重置")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.reset)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("重置后账户同时解锁；该用户下次登录时须修改密码。"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def reset(self) -> None:
        if self.password.text() != self.confirm.text():
            self.error.show_message("两次输入的密码不一致")
            return
        try:
            reset_password(self.db, self.user.id, self.password.text())
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


class UsersDialog(QDialog):
    COLUMNS = ("用户名", "姓名", "角色", "负责的工作", "状态", "最近登录")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.users: list[UserInfo] = []
        self.setWindowTitle("用户管理")
        self.resize(860, 420)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())
        self.add_button = QPushButton("新增用户(&N)…")
        self.edit_button = QPushButton("修改(&E)…")
        self.reset_button = QPushButton("重置密码(&P)…")
        self.unlock_button = QPushButton("解锁(&U)")
        self.single_button = QPushButton("设为单机免登录")
        self.single_off_button = QPushButton("关闭单机免登录")
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.reset_button.clicked.connect(self.reset_selected)
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.single_button.clicked.connect(self.single_clerk_on)
        self.single_off_button.clicked.connect(self.single_clerk_off)
        self.mode = QLabel()
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.edit_button,
            self.reset_button,
            self.unlock_button,
            self.single_button,
            self.single_off_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.mode)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.users = list_users(self.db)
        self.table.setRowCount(len(self.users))
        for row, u in enumerate(self.users):
            state = "已停用" if not u.active else ("已锁定" if u.locked() else "正常")
            if u.auto_sign_in:
                state += "（单机免登录）"
            cells = (
                u.username,
                u.display_name,
                u.role.value,
                "、".join(a for a in AREAS if a in u.areas) if u.role is Role.CLERK else "全部",
                state,
                f"{u.last_sign_in:%Y-%m-%d %H:%M}" if u.last_sign_in else "",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        auto = next((u for u in self.users if u.auto_sign_in), None)
        self.mode.setText(
            f"单机免登录模式：已开启，启动时自动以「{auto.display_name}」身份进入，不要求密码。"
            if auto
            else "单机免登录模式：未开启（每次启动都要登录）。"
        )
        self.table.resizeColumnsToContents()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "用户管理", "请先在列表中选择一个用户。")
            return None
        return self.users[rows[0].row()]

    def add_user(self) -> None:
        if UserFormDialog(self.db, None, self).exec():
            self.refresh()

    def edit_user(self) -> None:
        user = self.selected()
        if user is not None and UserFormDialog(self.db, user, self).exec():
            self.refresh()

    def reset_selected(self) -> None:
        user = self.selected()
        if user is not None and ResetPasswordDialog(self.db, user, self).exec():
            QMessageBox.information(self, "已重置", f"已重置「{user.display_name}」的密码。")
            self.refresh()

    def unlock_selected(self) -> None:
        user = self.selected()
        if user is None:
            return
        self._run(lambda: unlock_user(self.db, user.id))

    def single_clerk_on(self) -> None:
        user = self.selected()
        if user is None:
            return
        answer = QMessageBox.question(
            self,
            "开启单机免登录",
            f"开启后，任何能打开这台电脑的人启动 OrgDesk 都将以「{user.display_name}」"
            f"（{user.role.value}）的身份进入，不再要求密码。\n\n"
            "只适合专人专用、放在安全地点的电脑。确定开启吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: set_single_clerk(self.db, user.id))

    def single_clerk_off(self) -> None:
        self._run(lambda: set_single_clerk(self.db, None))

    def _run(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未完成", str(exc))
            return
        self.refresh()
