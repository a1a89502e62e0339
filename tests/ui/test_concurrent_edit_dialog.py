"""Two clerks on one database: the second 保存 is refused in Chinese and her typing is kept."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from orgdesk.domain.access import Actor, Role, acting_as
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.storage.database import Database

Left = Qt.MouseButton.LeftButton
Save = QDialogButtonBox.StandardButton.Save


def test_the_second_clerks_save_is_refused_and_nothing_she_typed_is_lost(
    qtbot, make_dialog, demo_db, boxes, typist
) -> None:
    boxes.allow_notices = True
    wang = Database.open(demo_db.location, exclusive=False, operator="PC-01")
    li = Database.open(demo_db.location, exclusive=False, operator="PC-02")
    try:
        dialog = make_dialog(1, db=li)  # 李 opens the record …
        typist.replace(dialog.fields["phone"], "13911112222")

        form, version = get_cadre(wang, 1)  # … 王 opens it too, and saves first
        with acting_as(Actor("wang", "王科员", Role.CLERK, frozenset({"人员与试用"}))):
            save_cadre(
                wang, replace(form, phone="13800001111"), cadre_id=1, expected_version=version
            )

        qtbot.mouseClick(dialog.buttons.button(Save), Left)
        assert boxes.titles("warning") == ["未保存"]
        message = boxes.calls[-1][2]
        assert "已被他人修改" in message and "修改人：经办人 王科员（PC-01）" in message
        assert dialog.isVisible()  # still open …
        assert dialog.fields["phone"].text() == "13911112222"  # … with what she typed
        assert get_cadre(li, 1)[0].phone == "13800001111"  # and 王's save stands
    finally:
        wang.close()
        li.close()
