"""The cadre detail form: bad input, cancelling, drafts."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from sqlalchemy import func, select

from orgdesk.domain.idcard import make_id_number
from orgdesk.services.reference import reference_data
from orgdesk.storage.models import Cadre, Posting
from orgdesk.ui.cadre_dialog import CadreDialog
from orgdesk.ui.drafts import draft_path

Left = Qt.MouseButton.LeftButton
Button = QDialogButtonBox.StandardButton
Answer = QMessageBox.StandardButton
GOOD_ID = make_id_number("410102", date(1991, 8, 9), 135)
BAD_ID = GOOD_ID[:17] + ("0" if GOOD_ID[17] != "0" else "1")


def counts(db) -> tuple[int, int]:
    with db.unit_of_work() as uow:
        return (
            uow.session.scalar(select(func.count()).select_from(Cadre)),
            uow.session.scalar(select(func.count()).select_from(Posting)),
        )


def click(qtbot, dialog: CadreDialog, which: Button) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Left)


def test_buttons_are_chinese(make_dialog) -> None:
    dialog = make_dialog()
    assert dialog.windowTitle() == "新增人员"
    assert dialog.buttons.button(Button.Save).text() == "保存"
    assert dialog.buttons.button(Button.Cancel).text() == "取消"


# -- (5) bad input ------------------------------------------------------------------------


def test_wrong_check_digit_keeps_the_dialog_open_and_writes_nothing(
    qtbot, make_dialog, demo_db, typist
) -> None:
    before = counts(demo_db)
    dialog = make_dialog()
    typist.replace(dialog.fields["name"], "周校验")
    typist.replace(dialog.fields["id_number"], BAD_ID)
    # Leaving the field already tells the clerk what is wrong.
    error = dialog.errors["id_number"]
    assert error.isVisible()
    assert "校验位错误" in error.text()
    click(qtbot, dialog, Button.Save)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.saved_id is None
    assert error.isVisible()
    assert "校验位错误" in error.text()
    assert f"应为 {GOOD_ID[17]}" in error.text()
    assert dialog.summary.isVisible()
    assert "未保存" in dialog.summary.text()
    assert not dialog.errors["name"].isVisible()
    assert counts(demo_db) == before

    # Correcting the digit and saving again works.
    typist.replace(dialog.fields["id_number"], GOOD_ID)
    assert not error.isVisible()
    click(qtbot, dialog, Button.Save)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert counts(demo_db)[0] == before[0] + 1


def test_empty_name_is_shown_under_the_name(qtbot, make_dialog, demo_db, typist) -> None:
    before = counts(demo_db)
    dialog = make_dialog()
    typist.replace(dialog.fields["id_number"], GOOD_ID)
    click(qtbot, dialog, Button.Save)
    assert dialog.isVisible()
    assert dialog.errors["name"].isVisible()
    assert dialog.errors["name"].text() == "不能为空"
    assert counts(demo_db) == before


def test_an_unreadable_date_is_shown_under_the_field(qtbot, make_dialog, demo_db, typist) -> None:
    before = counts(demo_db)
    dialog = make_dialog()
    typist.replace(dialog.fields["name"], "吴日期")
    typist.replace(dialog.fields["id_number"], GOOD_ID)
    typist.replace(dialog.fields["joined_department"], "2020-13-45")
    click(qtbot, dialog, Button.Save)
    assert dialog.isVisible()
    assert dialog.errors["joined_department"].isVisible()
    assert dialog.errors["joined_department"].text()
    assert counts(demo_db) == before


def test_a_duplicate_id_number_is_shown_under_the_field(
    qtbot, make_dialog, demo_db, typist
) -> None:
    with demo_db.unit_of_work() as uow:
        taken, holder = uow.session.execute(select(Cadre.id_number, Cadre.name).limit(1)).one()
    before = counts(demo_db)
    dialog = make_dialog()
    typist.replace(dialog.fields["name"], "郑重复")
    typist.replace(dialog.fields["id_number"], taken)
    click(qtbot, dialog, Button.Save)
    assert dialog.isVisible()
    assert f"已有同号人员「{holder}」" in dialog.errors["id_number"].text()
    assert counts(demo_db) == before


def test_unknown_area_code_is_a_warning_that_does_not_block(
    qtbot, make_dialog, demo_db, typist
) -> None:
    number = make_id_number("990102", date(1991, 8, 9), 135)
    dialog = make_dialog()
    typist.replace(dialog.fields["name"], "冯地区")
    typist.replace(dialog.fields["id_number"], number)
    assert "地区码" in dialog.errors["id_number"].text()
    click(qtbot, dialog, Button.Save)
    assert dialog.result() == QDialog.DialogCode.Accepted
    with demo_db.unit_of_work() as uow:
        assert uow.session.scalar(select(Cadre.name).where(Cadre.id_number == number)) == "冯地区"


# -- (7) cancelling -----------------------------------------------------------------------


def test_cancel_with_unsaved_changes_asks_first(qtbot, make_dialog, demo_db, boxes, typist) -> None:
    before = counts(demo_db)
    dialog = make_dialog()
    typist.replace(dialog.fields["name"], "孙取消")

    boxes.answer(Answer.Cancel)
    click(qtbot, dialog, Button.Cancel)
    assert boxes.titles() == ["放弃修改？"]
    assert dialog.isVisible()  # "Cancel" in the question keeps the form
    assert dialog.fields["name"].text() == "孙取消"

    boxes.answer(Answer.Discard)
    click(qtbot, dialog, Button.Cancel)
    assert boxes.titles() == ["放弃修改？", "放弃修改？"]
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert counts(demo_db) == before


def test_escape_with_unsaved_changes_asks_too(qtbot, make_dialog, boxes, typist) -> None:
    dialog = make_dialog()
    typist.replace(dialog.fields["phone"], "13900001111")
    boxes.answer(Answer.Cancel)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert boxes.titles() == ["放弃修改？"]
    assert dialog.isVisible()


def test_cancel_without_changes_just_closes(qtbot, make_dialog, boxes) -> None:
    dialog = make_dialog()
    click(qtbot, dialog, Button.Cancel)
    assert boxes.calls == []
    assert not dialog.isVisible()


def test_opening_an_existing_cadre_is_not_a_change(qtbot, make_dialog, demo_db, boxes) -> None:
    with demo_db.unit_of_work() as uow:
        cadre_id = uow.session.scalar(select(Cadre.id).limit(1))
    dialog = make_dialog(cadre_id)
    assert dialog.windowTitle() == "人员详情"
    assert dialog.postings.table.rowCount() >= 1
    click(qtbot, dialog, Button.Cancel)
    assert boxes.calls == []
    assert not dialog.isVisible()


def test_cancel_after_discarding_leaves_no_draft(qtbot, make_dialog, boxes, typist) -> None:
    """Discarding must stop the pending draft timer, or the draft comes back."""
    dialog = make_dialog()
    typist.replace(dialog.fields["name"], "钱放弃")
    boxes.answer(Answer.Discard)
    click(qtbot, dialog, Button.Cancel)
    assert not dialog.isVisible()
    qtbot.wait(700)  # longer than the draft timer
    assert not draft_path("cadre", "new").exists()


# -- (8) drafts ---------------------------------------------------------------------------


def test_typing_writes_a_draft_and_a_new_dialog_restores_it(
    qtbot, make_dialog, demo_db, boxes, typist, data_dir
) -> None:
    ref = reference_data(demo_db)
    path = draft_path("cadre", "new")
    first = make_dialog()
    typist.replace(first.fields["name"], "草稿人")
    typist.replace(first.fields["phone"], "13700002222")
    section = ref.section_by_name("人才科").id
    first.fields["section_id"].setCurrentIndex(first.fields["section_id"].findData(section))
    qtbot.waitUntil(lambda: path.exists() and "13700002222" in path.read_text("utf-8"))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["fields"]["name"] == "草稿人"
    assert saved["fields"]["section_id"] == section
    assert path.parent.parent == data_dir  # the test's own folder, never the clerk's
    # The program "crashes": the dialog vanishes without saving or cancelling.
    first.hide()

    boxes.answer(Answer.Yes)
    second = make_dialog()
    assert boxes.titles() == ["恢复未保存的内容"]
    assert second.fields["name"].text() == "草稿人"
    assert second.fields["phone"].text() == "13700002222"
    assert second.fields["section_id"].currentData() == section


def test_declining_the_draft_discards_it(qtbot, make_dialog, boxes, typist) -> None:
    path = draft_path("cadre", "new")
    first = make_dialog()
    typist.replace(first.fields["name"], "不要了")
    qtbot.waitUntil(path.exists)
    first.hide()

    boxes.answer(Answer.No)
    second = make_dialog()
    assert second.fields["name"].text() == ""
    assert not path.exists()


def test_a_draft_of_an_edit_belongs_to_that_cadre(
    qtbot, make_dialog, demo_db, boxes, typist
) -> None:
    with demo_db.unit_of_work() as uow:
        first_id, second_id = uow.session.scalars(select(Cadre.id).limit(2)).all()
    editing = make_dialog(first_id)
    typist.replace(editing.fields["post_title"], "草稿职务")
    path = draft_path("cadre", str(first_id))
    qtbot.waitUntil(path.exists)
    editing.hide()

    other = make_dialog(second_id)  # no question: the draft is not this cadre's
    assert other.fields["post_title"].text() != "草稿职务"
    fresh = make_dialog()
    assert fresh.fields["name"].text() == ""
    assert boxes.calls == []

    boxes.answer(Answer.Yes)
    again = make_dialog(first_id)
    assert again.fields["post_title"].text() == "草稿职务"
