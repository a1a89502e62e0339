"""Sign-in, users, the 操作日志 viewer and what each role sees (issue 9), driven like a clerk."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLineEdit

from orgdesk.domain.access import Actor, Role, acting_as, current_actor
from orgdesk.services.accounts import create_first_admin, has_users, list_users, sign_in
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.storage.database import Database
from tests.trust_support import EVALUATION_CLERK, LEADER, PERSONNEL_CLERK
from tests.ui.conftest import destroy

PASSWORD = "Orgdesk-2026"


def ok_button(dialog: QDialog) -> object:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    for role in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Save):
        button = box.button(role)
        if button is not None:
            return button
    raise AssertionError("no OK button")


def test_a_new_database_asks_for_the_administrator_in_chinese(
    qtbot, typist, db: Database, drive
) -> None:
    from orgdesk.ui.sign_in import FirstAdminDialog, sign_in_at_start

    assert not has_users(db)
    result: list[Actor | None] = []

    def fill(dialog: FirstAdminDialog) -> None:
        assert "首次使用" in dialog.windowTitle()
        typist(dialog.username, "admin")
        typist(dialog.display_name, "王管理")
        typist(dialog.password, PASSWORD)
        typist(dialog.confirm, PASSWORD + "x")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        assert dialog.error.text() == "两次输入的密码不一致" and dialog.isVisible()
        dialog.confirm.clear()
        typist(dialog.confirm, PASSWORD)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    drive(lambda: result.append(sign_in_at_start(db)), fill, kind=FirstAdminDialog)
    (actor,) = result
    assert actor is not None and actor.role is Role.ADMIN and actor.display_name == "王管理"
    assert has_users(db)


def test_first_start_text_explains_in_chinese(qtbot, db: Database) -> None:
    from PySide6.QtWidgets import QLabel

    from orgdesk.ui.sign_in import FirstAdminDialog

    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "请先创建<b>系统管理员</b>账户" in text and "用户名" in text and "密码" in text
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/issue9-first-start.png")
    destroy(dialog)


def test_sign_in_counts_failures_and_locks(qtbot, typist, db: Database) -> None:
    from orgdesk.ui.sign_in import SignInDialog

    create_first_admin(db, "admin", "管理员", PASSWORD)
    dialog = SignInDialog(db)
    dialog.show()
    qtbot.waitExposed(dialog)
    typist(dialog.username, "admin")
    typist(dialog.password, "wrong-password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "再输错 4 次" in dialog.error.text() and dialog.isVisible()
    assert dialog.password.text() == ""  # cleared for the next try
    dialog.grab().save("/tmp/issue9-sign-in.png")
    for _ in range(4):
        typist(dialog.password, "wrong-password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "已被锁定" in dialog.error.text()
    destroy(dialog)
    dialog = SignInDialog(db, username="admin")
    dialog.show()
    typist(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "已被锁定" in dialog.error.text()  # the right password waits for the lock to end
    destroy(dialog)


def test_a_correct_sign_in_closes_the_dialog(qtbot, typist, db: Database) -> None:
    from orgdesk.ui.sign_in import SignInDialog

    create_first_admin(db, "admin", "管理员", PASSWORD)
    dialog = SignInDialog(db)
    dialog.show()
    qtbot.waitExposed(dialog)
    typist(dialog.username, "admin")
    typist(dialog.password, PASSWORD)
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "admin"
    destroy(dialog)


def test_the_demo_starts_in_single_clerk_mode(demo_db: Database) -> None:
    from orgdesk.ui.sign_in import sign_in_at_start

    actor = sign_in_at_start(demo_db)  # no dialog at all
    assert actor is not None and actor.username == "admin"


def test_the_administrator_adds_a_clerk_in_the_users_dialog(
    qtbot, typist, demo_db: Database, drive
) -> None:
    from orgdesk.ui.users_dialog import UserFormDialog, UsersDialog

    dialog = UsersDialog(demo_db)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("/tmp/issue9-users.png")
    before = dialog.table.rowCount()

    def fill(form: UserFormDialog) -> None:
        typist(form.username, "zhaoliu")
        typist(form.display_name, "赵六")
        form.role.setCurrentIndex(form.role.findData(Role.CLERK))
        form.areas["工作台账"].setChecked(True)
        typist(form.password, "Zl-initial-2026")
        typist(form.confirm, "Zl-initial-2026")
        qtbot.mouseClick(ok_button(form), Qt.MouseButton.LeftButton)

    drive(dialog.add_user, fill, kind=UserFormDialog)
    assert dialog.table.rowCount() == before + 1
    added = next(u for u in list_users(demo_db) if u.username == "zhaoliu")
    assert added.areas == {"工作台账"} and added.must_change_password
    destroy(dialog)


def test_the_audit_viewer_filters_pages_and_exports(
    qtbot, qtmodeltester, typist, demo_db: Database, monkeypatch, tmp_path: Path, boxes
) -> None:
    from orgdesk.ui.audit_viewer import AuditViewer

    cid = 1
    data, version = get_cadre(demo_db, cid)
    number = data.id_number
    data.note = f"核对身份证号 {number}"
    with acting_as(PERSONNEL_CLERK):
        save_cadre(demo_db, data, cadre_id=cid, expected_version=version)
    with acting_as(LEADER):
        viewer = AuditViewer(demo_db)
        viewer.show()
        qtbot.waitExposed(viewer)
        qtmodeltester.check(viewer.model)
        typist(viewer.person, data.name)
        qtbot.keyClick(viewer.person, Qt.Key.Key_Return)
        assert viewer.model.rowCount() >= 1
        shown = [viewer.model.index(r, 7).data() for r in range(viewer.model.rowCount())]
        assert any(number[:6] + "********" + number[-4:] in s for s in shown)
        assert not any(number in s for s in shown)
        viewer.view.selectRow(0)
        assert "新值" in viewer.detail.toPlainText()
        viewer.full_ids.setChecked(True)
        shown = [viewer.model.index(r, 7).data() for r in range(viewer.model.rowCount())]
        assert any(number in s for s in shown)
        viewer.full_ids.setChecked(False)
        viewer.grab().save("/tmp/issue9-audit-viewer.png")
        typist(viewer.date_from, "2999-01-01")
        qtbot.keyClick(viewer.date_from, Qt.Key.Key_Return)
        assert viewer.model.rowCount() == 0 and "共 0 条" in viewer.count_label.text()
        viewer.clear_filter()
        assert viewer.model.rowCount() > 1
        target = tmp_path / "日志.xlsx"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
        )
        boxes.allow_notices = True
        qtbot.mouseClick(viewer.export_button, Qt.MouseButton.LeftButton)
        assert boxes.titles("information") == ["已导出"]
        ws = load_workbook(target).active
        assert ws is not None and ws.max_row == viewer.model.rowCount() + 1
        destroy(viewer)


def test_a_clerk_of_another_area_sees_masked_ids_and_a_read_only_form(
    qtbot, demo_db: Database, make_dialog
) -> None:
    from orgdesk.ui.main_window import MainWindow
    from orgdesk.ui.tabs.personnel import PersonnelTab

    with acting_as(EVALUATION_CLERK):
        win = MainWindow(demo_db)
        win.show()
        qtbot.waitExposed(win)
        page = win.pages[0].roster  # 人员与试用 › 人员名册
        assert isinstance(page, PersonnelTab)
        number = page.model.row_at(0).id_number  # type: ignore[union-attr]
        shown = page.model.index(0, 10).data()
        assert shown == number[:6] + "********" + number[-4:]
        assert not page.add_button.isEnabled() and page.edit_button.text() == "查看(&E)"
        assert not page.approval_actions.import_file.isEnabled()
        assert not win.audit_action.isEnabled() and not win.users_action.isEnabled()
        assert not win.connection_action.isEnabled()
        assert "经办人 李四" in win.user_label.text()
        dialog = make_dialog(page.model.id_at(0))
        assert dialog.read_only and "只读" in dialog.windowTitle()
        id_edit = dialog.fields["id_number"]
        assert isinstance(id_edit, QLineEdit) and id_edit.isReadOnly()
        assert id_edit.text() == shown
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None and not save.isVisible()
        destroy(win)
    with acting_as(LEADER):
        win = MainWindow(demo_db)
        page = win.pages[0].roster  # 人员与试用 › 人员名册
        assert isinstance(page, PersonnelTab)
        assert page.model.index(0, 10).data() == page.model.row_at(0).id_number  # type: ignore[union-attr]
        assert win.audit_action.isEnabled() and not win.users_action.isEnabled()
        assert not win.connection_action.isEnabled()
        destroy(win)


def test_switching_user_changes_menus_and_roster(qtbot, typist, window, drive) -> None:
    from orgdesk.ui.sign_in import SignInDialog

    assert window.users_action.isEnabled() and window.connection_action.isEnabled()

    def sign_in_as_leader(dialog: SignInDialog) -> None:
        typist(dialog.username, "buzhang")
        typist(dialog.password, "orgdesk2026")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    drive(window.switch_user, sign_in_as_leader, kind=SignInDialog)
    actor = current_actor()
    assert actor is not None and actor.role is Role.LEADER
    assert "部领导 王部长" in window.user_label.text()
    assert not window.users_action.isEnabled() and window.audit_action.isEnabled()
    assert sign_in(window.db, "buzhang", "orgdesk2026").role is Role.LEADER


def test_a_clerk_cannot_restore_or_copy_out_the_database(qtbot, demo_db: Database) -> None:
    from orgdesk.ui.backup_dialog import BackupDialog

    with acting_as(PERSONNEL_CLERK):
        dialog = BackupDialog(demo_db)
        assert dialog.backup_button.isEnabled()
        assert not dialog.restore_button.isEnabled() and not dialog.usb_button.isEnabled()
        destroy(dialog)
    demo_db.backup("daily")
    dialog = BackupDialog(demo_db)
    dialog.show()
    qtbot.waitExposed(dialog)
    if demo_db.is_server:  # the server's own backups apply; only pg_dump to a folder here
        assert dialog.restore_button.isHidden() and dialog.table.isHidden()
        assert dialog.usb_button.isEnabled() and "pg_dump" in dialog.usb_button.text()
    else:
        assert dialog.restore_button.isEnabled() and dialog.table.rowCount() == 1
    destroy(dialog)
