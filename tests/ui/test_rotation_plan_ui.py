"""年度交流计划 as a clerk uses it: draft a plan, see a conflict, approve, history changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from orgdesk.services.people import get_cadre
from orgdesk.storage.database import Database
from orgdesk.ui.rotation.common import RED, YELLOW
from orgdesk.ui.rotation.move_dialog import MoveDialog
from orgdesk.ui.tabs.rotation import RotationTab
from tests.storage.rotation_helpers import add_person, add_posts, section_id
from tests.ui.rotation_ui_helpers import OFFSCREEN_NOISE, Boxes, in_dialog, type_chinese

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    add_posts(db)
    return {
        "周科": add_person(db, 1, "周科", "办公室", "科长", date(2019, 1, 1), rank="科长"),
        "张三": add_person(
            db,
            2,
            "张三",
            "组织科",
            "科员",
            date(2021, 3, 1),
            earlier=(("综合科", date(2017, 1, 1), date(2021, 2, 28)),),
        ),
        "李四": add_person(db, 3, "李四", "干部科", "科员", date(2020, 5, 1)),
    }


def move_into(qtbot, name: str, section: int, post: str, when: str) -> Callable[[QWidget], None]:  # type: ignore[no-untyped-def]
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, MoveDialog)
        line = dialog.person.lineEdit()
        assert line is not None
        type_chinese(line, name)
        dialog.section.setCurrentIndex(dialog.section.findData(section))
        post_line = dialog.post.lineEdit()
        assert post_line is not None
        post_line.clear()
        type_chinese(post_line, post)
        dialog.effective.clear()
        qtbot.keyClicks(dialog.effective, when)
        assert "现任" in dialog.current.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    return fill


def test_draft_see_conflict_approve_history_changed(
    qtbot, qtmodeltester, db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes(monkeypatch)
    tab = RotationTab(db)
    qtbot.addWidget(tab)
    tab.show()
    page = tab.plan
    tab.pages.setCurrentWidget(page)
    assert page.plan_box.count() == 0 and "新建计划" in page.status.text()

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.plan_box.count() == 1 and "2026年度" in page.plan_box.currentText()

    office, org = section_id(db, "办公室"), section_id(db, "组织科")
    in_dialog(
        qtbot,
        lambda: qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton),
        move_into(qtbot, "周科", org, "科员", "2026-09-01"),
    )
    in_dialog(
        qtbot,
        lambda: qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton),
        move_into(qtbot, "张三", office, "科员", "2026.9.1"),
    )
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 2
    # the chief leaving 办公室 is flagged, on his row and in the list below
    assert page.checks.count() == 1 and "办公室调整后没有科长" in page.checks.item(0).text()
    row_colour = page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole)
    assert row_colour.color().name() == YELLOW
    assert page.model.data(page.model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None

    # blocking: 李四 twice in the plan (办公室 科长, then 组织科 科长)
    in_dialog(
        qtbot,
        lambda: qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton),
        move_into(qtbot, "李四", office, "科长", "2026-09-01"),
    )
    in_dialog(
        qtbot,
        lambda: qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton),
        move_into(qtbot, "李四", org, "科长", "2026-09-01"),
    )
    red = page.model.data(page.model.index(3, 0), Qt.ItemDataRole.BackgroundRole)
    assert red.color().name() == RED
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert boxes.told[-1][0] == "warning" and "同一人重复安排" in boxes.told[-1][1]
    cadre, _ = get_cadre(db, people["周科"])
    assert cadre.section_id == office  # nothing applied

    # the clerk removes one of the duplicate lines (selects it, presses 删除调整)
    page.table.selectRow(2)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 3 and not page.view_data.blocking  # type: ignore[union-attr]

    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    questions = [text for kind, text in boxes.told if kind == "question"]
    assert questions and "科室无科长" in questions[-1]
    assert "3 人的任职经历已按生效日期更新" in boxes.told[-1][1]
    assert "王部长" in page.status.text() and not page.add_button.isEnabled()

    cadre, _ = get_cadre(db, people["周科"])
    assert cadre.section_id == org and cadre.post_title == "科员"
    lines = [(p.section_id, p.post_title, p.start_date, p.end_date) for p in cadre.postings]
    assert lines[-2:] == [
        (office, "科长", date(2019, 1, 1), date(2026, 8, 31)),
        (org, "科员", date(2026, 9, 1), None),
    ]
    assert "王部长" in cadre.postings[-1].note
    zhang, _ = get_cadre(db, people["张三"])
    assert zhang.section_id == office
    # the other pages followed: the due list shows 周科 in 组织科 now
    due_rows = {r.name: r for r in tab.due.model.rows}
    assert "周科" not in due_rows  # 0 years in the new post: not due
    qtmodeltester.check(tab.due.model)


def test_add_to_plan_from_the_due_list(
    qtbot, db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    Boxes(monkeypatch)
    tab = RotationTab(db)
    qtbot.addWidget(tab)
    tab.show()
    due = tab.due
    names = [r.name for r in due.model.rows]
    assert {"周科", "李四"} <= set(names)
    row = names.index("李四")
    due.table.selectRow(row)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, MoveDialog)
        assert dialog.person.cadre_id() == people["李四"]
        assert "按期轮岗" in dialog.reason.text()
        dialog.section.setCurrentIndex(dialog.section.findData(section_id(db, "人才科")))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    in_dialog(qtbot, lambda: qtbot.mouseClick(due.plan_button, Qt.MouseButton.LeftButton), fill)
    assert tab.pages.currentWidget() is tab.plan
    assert [m.name for m in tab.plan.model.rows] == ["李四"]
    assert "2026年度" in next(r.in_plan for r in due.model.rows if r.name == "李四")


def test_move_dialog_names_the_missing_fields(
    qtbot, db: Database, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    Boxes(monkeypatch)
    tab = RotationTab(db)
    qtbot.addWidget(tab)
    page = tab.plan
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    errors: dict[str, str] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, MoveDialog)
        line = dialog.person.lineEdit()
        assert line is not None
        type_chinese(line, "查无此人")
        dialog.effective.clear()
        qtbot.keyClicks(dialog.effective, "2026-13-45")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        errors.update({k: v.text() for k, v in dialog.errors.items() if v.text()})

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton), fill)
    assert "没有找到该人员" in errors["人员"]
    assert "生效日期" in errors
    assert page.model.rowCount() == 0
