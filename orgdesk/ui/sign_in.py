"""登录: the first administrator on a new database, sign-in at start, changing a password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from orgdesk import APP_TITLE
from orgdesk.domain.access import Actor
from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.services.accounts import (
    change_own_password,
    create_first_admin,
    has_users,
    must_change_password,
    set_single_clerk,
    sign_in,
    single_clerk_actor,
)
from orgdesk.storage.database import Database
from orgdesk.ui.widgets import ErrorLabel


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


def _buttons(ok: str, cancel: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    return box


class FirstAdminDialog(QDialog):
    """首次使用: whoever sets OrgDesk up creates the 系统管理员 account."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(f"{APP_TITLE} — 首次使用")
        intro = QLabel(
            "<b>欢迎使用组工管理 OrgDesk。</b><br>"
            "这是本数据库第一次启动，请先创建<b>系统管理员</b>账户。<br>"
            "系统管理员负责添加其他用户、修改设置、从备份恢复数据，也可以办理全部业务。<br>"
            "请牢记密码：忘记时只能由信息技术人员用命令行"
            "（orgdesk users reset-password）重置。"
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setPlaceholderText("如 admin 或 姓名拼音")
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText("如 张三")
        self.password = _password_edit()
        self.confirm = _password_edit()
        self.single_clerk = QCheckBox(
            "本机只有我一人使用：以后启动时不再要求登录（单机免登录模式）"
        )
        self.single_clerk.setToolTip("可随时在「文件 → 用户管理」中关闭")
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("用户名 *", self.username)
        form.addRow("姓名 *", self.display_name)
        form.addRow("密码 *", self.password)
        form.addRow("再次输入密码 *", self.confirm)
        buttons = _buttons("创建并进入", "退出")
        buttons.accepted.connect(self.create_account)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.single_clerk)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def create_account(self) -> None:
        if self.password.text() != self.confirm.text():
            self.error.show_message("两次输入的密码不一致")
            return
        try:
            actor = create_first_admin(
                self.db, self.username.text(), self.display_name.text(), self.password.text()
            )
            if self.single_clerk.isChecked():
                from orgdesk.domain.access import acting_as

                with acting_as(actor):
                    set_single_clerk(self.db, actor.user_id)
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.actor = actor
        self.accept()


class SignInDialog(QDialog):
    """登录 at start; wrong passwords count towards the lockout."""

    def __init__(self, db: Database, parent: QWidget | None = None, username: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(f"{APP_TITLE} — 登录")
        title = QLabel(f"<b style='font-size:14pt'>{APP_TITLE}</b>")
        title.setTextFormat(Qt.TextFormat.RichText)
        prompt = QLabel("请输入用户名和密码。")
        self.username = QLineEdit(username)
        self.password = _password_edit()
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("用户名", self.username)
        form.addRow("密码", self.password)
        where = "部门服务器" if db.is_server else "数据库"
        hint = QLabel(f"{where}：{db.location.display}")
        hint.setStyleSheet("color: #666")
        hint.setWordWrap(True)
        buttons = _buttons("登录", "退出")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(prompt)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(420, 0)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        try:
            self.actor = sign_in(self.db, self.username.text(), self.password.text())
        except OrgDeskError as exc:
            self.password.clear()
            self.password.setFocus()
            self.error.show_message(str(exc))
            return
        self.accept()


class ChangePasswordDialog(QDialog):
    """修改密码 (also forced after the administrator reset it)."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, forced: bool = False
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("修改密码")
        self.old = _password_edit()
        self.new = _password_edit()
        self.confirm = _password_edit()
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("原密码", self.old)
        form.addRow("新密码", self.new)
        form.addRow("再次输入新密码", self.confirm)
        buttons = _buttons("修改", "以后再说" if forced else "取消")
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel("系统管理员为您重置了密码，请设置一个只有您知道的新密码。")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def change(self) -> None:
        if self.new.text() != self.confirm.text():
            self.error.show_message("两次输入的新密码不一致")
            return
        try:
            change_own_password(self.db, self.old.text(), self.new.text())
        except ValidationFailed as exc:
            self.error.show_message(str(exc))
            return
        except OrgDeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


def sign_in_at_start(db: Database, parent: QWidget | None = None) -> Actor | None:
    """Who uses OrgDesk now: first administrator, 单机免登录, or the sign-in dialog."""
    if not has_users(db):
        first = FirstAdminDialog(db, parent)
        return first.actor if first.exec() == QDialog.DialogCode.Accepted else None
    auto = single_clerk_actor(db)
    if auto is not None:
        return auto
    dialog = SignInDialog(db, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
        return None
    if must_change_password(db, dialog.actor):
        from orgdesk.domain.access import acting_as

        with acting_as(dialog.actor):
            ChangePasswordDialog(db, parent, forced=True).exec()
    return dialog.actor
