"""数据库连接: standalone (a file on this PC) or department server (PostgreSQL).

The choice is saved per user (orgdesk/connection.py) and takes effect the next
time OrgDesk starts; `--db` on the command line still wins.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL

from orgdesk.connection import configured_database, save_database_choice
from orgdesk.domain.errors import OrgDeskError
from orgdesk.paths import default_db_path
from orgdesk.storage.location import PG_DRIVER, DbLocation, looks_like_url, parse_location
from orgdesk.ui.widgets import ErrorLabel


class ConnectionDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, at_start: bool = False) -> None:
        """`at_start`: offered because the saved database could not be opened; the choice
        is tried as soon as it is saved (otherwise it applies from the next start)."""
        super().__init__(parent)
        self.at_start = at_start
        self.setWindowTitle("数据库连接")
        self.resize(560, 420)
        self.standalone = QRadioButton("单机：数据保存在本机的数据库文件中(&L)")
        self.server = QRadioButton("部门服务器：多人共用一个 PostgreSQL 数据库(&S)")
        group = QButtonGroup(self)
        group.addButton(self.standalone)
        group.addButton(self.server)

        self.file_edit = QLineEdit()
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.file_box = QGroupBox("数据库文件")
        QVBoxLayout(self.file_box).addLayout(file_row)

        self.host = QLineEdit()
        self.host.setPlaceholderText("如 192.168.1.10 或 zzb-server")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit("orgdesk")
        self.user = QLineEdit("orgdesk")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("可留空（由管理员配置 pgpass.conf）")
        self.server_box = QGroupBox("服务器")
        form = QFormLayout(self.server_box)
        form.addRow("服务器地址(&H)：", self.host)
        form.addRow("端口(&P)：", self.port)
        form.addRow("数据库名(&D)：", self.database)
        form.addRow("用户名(&U)：", self.user)
        form.addRow("密码(&W)：", self.password)

        self.error = ErrorLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.test_button = QPushButton("测试连接(&T)")
        self.test_button.clicked.connect(self.test_connection)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(self.standalone)
        layout.addWidget(self.file_box)
        layout.addWidget(self.server)
        layout.addWidget(self.server_box)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(
            QLabel(
                "保存后立即打开所选数据库。" if at_start else "保存后，下次启动 OrgDesk 时生效。"
            )
        )
        layout.addWidget(buttons)
        self.standalone.toggled.connect(self._enable)
        self._load()

    def _load(self) -> None:
        chosen = configured_database()
        if chosen and looks_like_url(chosen):
            try:
                url = parse_location(chosen).url
            except OrgDeskError:
                url = None
            if url is not None:
                self.server.setChecked(True)
                self.host.setText(url.host or "")
                self.port.setValue(url.port or 5432)
                self.database.setText(url.database or "")
                self.user.setText(url.username or "")
                self.password.setText(url.password or "")
                self.file_edit.setText(str(default_db_path()))
                self._enable()
                return
        self.standalone.setChecked(True)
        self.file_edit.setText(chosen or str(default_db_path()))
        self._enable()

    def _enable(self) -> None:
        self.file_box.setEnabled(self.standalone.isChecked())
        self.server_box.setEnabled(self.server.isChecked())

    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "选择或新建数据库文件",
            self.file_edit.text(),
            "OrgDesk 数据库 (*.db)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.file_edit.setText(name)

    def location(self) -> DbLocation | None:
        """What the form says, or None (with the problem shown) when something is missing."""
        self.error.show_message("")
        if self.standalone.isChecked():
            text = self.file_edit.text().strip()
            if not text:
                self.error.show_message("请填写数据库文件的位置")
                return None
            return parse_location(Path(text))
        missing = [
            label
            for label, widget in (("服务器地址", self.host), ("数据库名", self.database))
            if not widget.text().strip()
        ]
        if missing:
            self.error.show_message(f"请填写「{'」「'.join(missing)}」")
            return None
        url = URL.create(
            PG_DRIVER,
            username=self.user.text().strip() or None,
            password=self.password.text() or None,
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
        )
        return DbLocation(url)

    def test_connection(self) -> None:
        from orgdesk.storage.migrate import current_revision, head_revision
        from orgdesk.ui.worker import run_with_progress

        location = self.location()
        if location is None:
            return
        try:
            revision = run_with_progress(
                self, "正在连接…", lambda _progress: current_revision(location)
            )
        except OrgDeskError as exc:
            self.status.setText("")
            QMessageBox.warning(self, "连接失败", str(exc))
            return
        if revision is None:
            self.status.setText("连接成功：这是一个空数据库，首次打开时会自动建立数据结构。")
        elif revision == head_revision():
            self.status.setText(f"连接成功：数据结构版本 {revision}（最新）。")
        else:
            self.status.setText(f"连接成功：数据结构版本 {revision}，打开时会自动升级。")

    def save(self) -> None:
        location = self.location()
        if location is None:
            return
        if location.path is not None:
            value = None if location.path == default_db_path().resolve() else str(location.path)
        else:
            value = location.url.render_as_string(hide_password=False)
        try:
            save_database_choice(value)
        except OSError as exc:
            QMessageBox.warning(self, "未保存", f"无法保存连接设置：{exc.strerror}")
            return
        when = "现在" if self.at_start else "下次启动 OrgDesk 时"
        QMessageBox.information(self, "已保存", f"已保存。{when}将打开：\n{location.display}")
        self.accept()
