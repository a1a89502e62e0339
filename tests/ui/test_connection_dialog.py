"""文件 → 数据库连接: a clerk (or IT) switches this PC between its own file and the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from orgdesk.connection import configured_database, default_database, save_database_choice
from orgdesk.paths import default_db_path
from orgdesk.ui.backup_dialog import BackupDialog
from orgdesk.ui.connection_dialog import ConnectionDialog
from tests.ui.conftest import destroy

Left = Qt.MouseButton.LeftButton
Save = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def dialog(qtbot) -> Iterator[ConnectionDialog]:
    made = ConnectionDialog()
    made.show()
    qtbot.waitExposed(made)
    yield made
    destroy(made)


def test_standalone_is_the_default(dialog: ConnectionDialog) -> None:
    assert dialog.windowTitle() == "数据库连接"
    assert dialog.standalone.isChecked()
    assert dialog.file_edit.text() == str(default_db_path())
    assert not dialog.server_box.isEnabled()
    assert default_database() == default_db_path()


def test_choosing_the_server_is_saved_for_the_next_start(
    qtbot, dialog: ConnectionDialog, typist, boxes
) -> None:
    boxes.allow_notices = True
    qtbot.mouseClick(dialog.server, Left)
    assert dialog.server_box.isEnabled() and not dialog.file_box.isEnabled()
    typist.replace(dialog.host, "zzb-server")
    typist.replace(dialog.database, "orgdesk")
    typist.replace(dialog.user, "clerk1")
    qtbot.mouseClick(dialog.buttons.button(Save), Left)
    assert boxes.titles("information") == ["已保存"]
    assert "下次启动" in boxes.calls[-1][2]
    assert configured_database() == "postgresql+psycopg://clerk1@zzb-server:5432/orgdesk"
    assert default_database() == "postgresql+psycopg://clerk1@zzb-server:5432/orgdesk"

    again = ConnectionDialog()
    try:
        assert again.server.isChecked()
        assert (again.host.text(), again.port.value(), again.user.text()) == (
            "zzb-server",
            5432,
            "clerk1",
        )
    finally:
        destroy(again)


def test_a_missing_server_address_is_named_and_nothing_is_saved(
    qtbot, dialog: ConnectionDialog
) -> None:
    qtbot.mouseClick(dialog.server, Left)
    dialog.host.clear()
    qtbot.mouseClick(dialog.buttons.button(Save), Left)
    assert "服务器地址" in dialog.error.text()
    assert dialog.isVisible()
    assert configured_database() is None


def test_an_unreachable_server_is_reported_in_chinese(
    qtbot, dialog: ConnectionDialog, typist, boxes
) -> None:
    boxes.allow_notices = True
    qtbot.mouseClick(dialog.server, Left)
    typist.replace(dialog.host, "127.0.0.1")
    dialog.port.setValue(1)
    qtbot.mouseClick(dialog.test_button, Left)
    assert boxes.titles("warning") == ["连接失败"]
    assert "无法连接数据库服务器" in boxes.calls[-1][2]
    assert configured_database() is None


def test_going_back_to_the_default_file_forgets_the_choice(
    qtbot, dialog: ConnectionDialog, boxes, tmp_path: Path
) -> None:
    boxes.allow_notices = True
    dialog.file_edit.setText(str(tmp_path / "其他.db"))
    qtbot.mouseClick(dialog.buttons.button(Save), Left)
    assert default_database() == (tmp_path / "其他.db").resolve()
    again = ConnectionDialog()
    try:
        again.file_edit.setText(str(default_db_path()))
        again.save()
    finally:
        destroy(again)
    assert configured_database() is None


def test_backup_dialog_speaks_of_the_servers_backups_in_server_mode(qtbot, db) -> None:
    shown = BackupDialog(db)
    try:
        shown.show()
        qtbot.waitExposed(shown)
        if db.is_server:
            assert "服务器自身的备份" in shown.note.text()
            assert not shown.table.isVisible()
            assert not shown.restore_button.isVisible()
        else:
            assert "备份文件夹" in shown.note.text()
            assert shown.table.isVisible()
    finally:
        destroy(shown)


def test_a_saved_server_that_cannot_be_reached_offers_another_choice_at_start(
    qtbot, boxes, typist, drive, tmp_path: Path
) -> None:
    """The server moved: at start the clerk is asked, picks her own file, and OrgDesk opens."""
    from orgdesk.ui.app import open_database_or_explain

    save_database_choice("postgresql+psycopg://clerk1@127.0.0.1:1/orgdesk")
    boxes.allow_notices = True
    boxes.answer(QMessageBox.StandardButton.Yes)
    own = tmp_path / "本机.db"

    def choose_own_file(shown: ConnectionDialog) -> None:
        qtbot.waitExposed(shown)
        assert shown.server.isChecked() and shown.host.text() == "127.0.0.1"
        # on the round indicator: the button is wider than its label, and a click past the
        # label's end does not count
        qtbot.mouseClick(shown.standalone, Left, pos=QPoint(8, shown.standalone.height() // 2))
        typist.replace(shown.file_edit, str(own))
        qtbot.mouseClick(shown.buttons.button(Save), Left)

    opened: list = []
    drive(
        lambda: opened.append(open_database_or_explain(default_database(), may_change=True)),
        choose_own_file,
        kind=ConnectionDialog,
    )
    assert boxes.titles() == ["无法打开数据库"]
    assert boxes.titles("information") == ["已保存"] and "现在将打开" in boxes.calls[-1][2]
    assert "无法连接数据库服务器" in boxes.calls[0][2]
    (database,) = opened
    try:
        assert database is not None and database.location.path == own.resolve()
        assert default_database() == own.resolve()
    finally:
        database.close()


def test_declining_at_start_opens_nothing_and_keeps_the_choice(boxes) -> None:
    from orgdesk.ui.app import open_database_or_explain

    url = "postgresql+psycopg://clerk1@127.0.0.1:1/orgdesk"
    save_database_choice(url)
    boxes.answer(QMessageBox.StandardButton.No)
    assert open_database_or_explain(default_database(), may_change=True) is None
    assert configured_database() == url
