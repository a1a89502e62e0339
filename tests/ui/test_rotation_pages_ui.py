"""The other 交流轮岗 pages as a clerk uses them: secondments, contact points, meetings,
the timeline, and the due list opening its records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from orgdesk.domain.secondment import SecondmentKind, SecondmentStatus
from orgdesk.services.due import collect_due
from orgdesk.services.people import get_cadre
from orgdesk.services.secondments import list_secondments
from orgdesk.storage.database import Database
from orgdesk.ui.drafts import draft_path, save_draft
from orgdesk.ui.main_window import MainWindow
from orgdesk.ui.rotation.common import selected_row
from orgdesk.ui.rotation.contact_dialogs import ContactPointDialog, MeetingDialog, VisitDialog
from orgdesk.ui.rotation.secondment_dialogs import EndSecondmentDialog, SecondmentDialog
from orgdesk.ui.tabs.rotation import RotationTab
from tests.storage.rotation_helpers import add_person, add_posts
from tests.ui.rotation_ui_helpers import OFFSCREEN_NOISE, Boxes, in_dialog, type_chinese

pytestmark = OFFSCREEN_NOISE
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def tab(qtbot, db: Database) -> RotationTab:  # type: ignore[no-untyped-def]
    add_posts(db)
    add_person(db, 1, "张三", "办公室", "科员", date(2020, 1, 1))
    add_person(db, 2, "李四", "组织科", "副科长", date(2019, 6, 1), rank="副科长")
    widget = RotationTab(db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_secondment_out_of_range_needs_reason_then_ends_into_history(
    qtbot, qtmodeltester, tab: RotationTab, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    Boxes(monkeypatch)
    page = tab.secondments
    tab.pages.setCurrentWidget(page)
    errors: dict[str, str] = {}
    hints: list[str] = []

    def fill(dialog: QWidget, *, reason: str = "") -> None:
        assert isinstance(dialog, SecondmentDialog)
        line = dialog.person.lineEdit()
        assert line is not None
        type_chinese(line, "张三")
        dialog.kind.setCurrentIndex(dialog.kind.findData(SecondmentKind.DOWN.value))
        type_chinese(dialog.host_unit, "城关镇人民政府")
        type_chinese(dialog.host_post, "党委副书记")
        qtbot.keyClicks(dialog.planned_start, "2025-01-01")
        qtbot.keyClicks(dialog.planned_end, "2026-12-31")  # 24 months: over 12–18
        qtbot.keyClicks(dialog.actual_start, "2025-01-01")
        hints.append(dialog.length.text())
        if reason:
            type_chinese(dialog.reason, reason)
        qtbot.mouseClick(dialog.save_button, LEFT)
        errors.clear()
        errors.update({k: v.text() for k, v in dialog.errors.items() if v.text()})

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.add_button, LEFT), fill)
    assert "超过「下派」的 12–18 个月" in hints[0]
    assert "须填写原因" in errors["超出期限原因"]
    assert page.model.rowCount() == 0  # nothing stored
    qtbot.wait(600)  # past the autosave: a dialog the clerk cancelled leaves no draft behind
    assert not draft_path("secondment", "new").exists()

    in_dialog(
        qtbot,
        lambda: qtbot.mouseClick(page.add_button, LEFT),
        lambda d: fill(d, reason="乡村振兴驻村需要"),
    )
    qtmodeltester.check(page.model)
    (row,) = page.model.rows
    assert row.status is SecondmentStatus.ONGOING and "乡村振兴驻村需要" in row.range_note

    page.table.selectRow(0)

    def finish(dialog: QWidget) -> None:
        assert isinstance(dialog, EndSecondmentDialog)
        dialog.end.clear()
        qtbot.keyClicks(dialog.end, "2026-06-30")
        qtbot.mouseClick(dialog.save_button, LEFT)

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.end_button, LEFT), finish)
    (row,) = page.model.rows
    assert row.status is SecondmentStatus.ENDED and row.actual_end == date(2026, 6, 30)
    cadre, _ = get_cadre(db, row.cadre_id)
    line = cadre.postings[-1]
    assert (line.unit, line.post_title, line.start_date, line.end_date) == (
        "城关镇人民政府",
        "党委副书记",
        date(2025, 1, 1),
        date(2026, 6, 30),
    )
    assert "测试管理员 于" in line.note  # the signed-in OrgDesk user, not the Windows login


def test_suggestion_arranges_a_secondment(
    qtbot, qtmodeltester, tab: RotationTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    Boxes(monkeypatch)
    page = tab.suggestions
    qtmodeltester.check(page.model)
    up = [i for i, r in enumerate(page.model.rows) if r.kind is SecondmentKind.UP]
    assert up and page.model.row(up[0]).name == "李四"  # 副科长 with no higher-organ stint
    page.table.selectRow(up[0])
    seen: list[tuple[int | None, str]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, SecondmentDialog)
        seen.append((dialog.person.cadre_id(), dialog.kind.currentText()))
        assert "上级机关" in dialog.hint.text()

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.arrange_button, LEFT), look)
    assert seen == [(page.model.row(up[0]).cadre_id, "上挂")]
    assert tab.pages.currentWidget() is tab.secondments


def test_contact_point_visit_and_meeting(
    qtbot, qtmodeltester, tab: RotationTab, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    Boxes(monkeypatch)
    page = tab.contacts
    tab.pages.setCurrentWidget(page)

    def new_point(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactPointDialog)
        type_chinese(dialog.name, "柳林乡王庄村")
        qtbot.mouseClick(dialog.save_button, LEFT)

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.add_point, LEFT), new_point)
    qtmodeltester.check(page.points)
    (point,) = page.points.rows
    assert point.owner == "部机关" and point.visits == 0

    def visit(dialog: QWidget) -> None:
        assert isinstance(dialog, VisitDialog)
        type_chinese(dialog.visitors, "张三、李四")
        dialog.activity.setCurrentIndex(1)  # 参加劳动
        type_chinese(dialog.findings, "村集体经济薄弱，建议引进合作社")
        qtbot.mouseClick(dialog.save_button, LEFT)

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.add_visit, LEFT), visit)
    qtmodeltester.check(page.visits)
    (logged,) = page.visits.rows
    assert logged.activity == "参加劳动" and logged.visit_date == date.today()
    assert page.points.rows[0].visits == 1

    def meeting(dialog: QWidget) -> None:
        assert isinstance(dialog, MeetingDialog)
        type_chinese(dialog.chair, "王部长")
        type_chinese(dialog.minutes, "各科室汇报本月工作。")
        assert dialog.attendance.rowCount() == 1  # the 副科长 is listed by default
        qtbot.mouseClick(dialog.save_button, LEFT)

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.add_meeting, LEFT), meeting)
    qtmodeltester.check(page.meetings)
    qtmodeltester.check(page.grid)
    (held,) = page.meetings.rows
    assert held.present == 1 and "办公室" in held.sections
    month = date.today().month
    office_row = next(r for r in page.grid.rows if r[0] == "办公室")
    assert office_row[1][month].value == "已汇报"


def test_meeting_without_minutes_is_refused_and_keeps_the_draft(
    qtbot, tab: RotationTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    Boxes(monkeypatch)
    page = tab.contacts
    errors: dict[str, str] = {}

    def half(dialog: QWidget) -> None:
        assert isinstance(dialog, MeetingDialog)
        type_chinese(dialog.chair, "王部长")
        qtbot.mouseClick(dialog.save_button, LEFT)
        errors.update({k: v.text() for k, v in dialog.errors.items() if v.text()})

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.add_meeting, LEFT), half)
    assert errors == {"会议纪要": "不能为空"}
    assert page.meetings.rowCount() == 0
    # as if the program had died with the form open: the draft on disk is offered back
    save_draft("work-meeting", "new", {"主持人": "王部长", "会议纪要": "半截纪要"})
    restored: list[str] = []

    def reopen(dialog: QWidget) -> None:
        assert isinstance(dialog, MeetingDialog)
        restored.append(dialog.minutes.toPlainText())

    in_dialog(qtbot, lambda: qtbot.mouseClick(page.add_meeting, LEFT), reopen)
    assert restored == ["半截纪要"]


def test_timeline_picture_and_png(
    qtbot,
    qtmodeltester,
    tab: RotationTab,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    boxes = Boxes(monkeypatch)
    page = tab.timeline
    tab.pages.setCurrentWidget(page)
    qtmodeltester.check(page.dept)
    who = next(r for r in page.dept.rows if r.name == "张三")
    page.show_person(who.cadre_id)
    picture = page.picture
    assert picture.timeline is not None and picture.timeline.name == "张三"
    qtbot.waitExposed(picture)
    picture.repaint()
    bar_point = next(
        (QPoint(x, y) for x in range(100, picture.width(), 20) for y in range(60, 120, 6)
         if picture.bar_at(QPoint(x, y)) is not None),
        None,
    )  # fmt: skip
    assert bar_point is not None and "办公室" in picture.bar_at(bar_point).label  # type: ignore[union-attr]
    image = picture.to_image(1200)
    assert image.width() == 1200 and not image.isNull()
    boxes.save_as = str(tmp_path / "时间轴")
    qtbot.mouseClick(page.save_button, LEFT)
    saved = tmp_path / "时间轴.png"
    assert saved.exists() and saved.stat().st_size > 5000
    assert boxes.told[-1][0] == "information" and str(saved) in boxes.told[-1][1]


def test_due_items_open_their_records(
    qtbot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    Boxes(monkeypatch)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    on = date(2026, 6, 30)
    items = {i.record_kind: i for i in collect_due(demo_db, on)}
    assert {"secondment", "contact_point", "meeting_section"} <= set(items)
    tab = next(p for p in window.pages if isinstance(p, RotationTab))
    window.open_due_item(items["secondment"])
    assert window.tabs.currentWidget() is tab and tab.pages.currentWidget() is tab.secondments
    assert selected_row(tab.secondments.table).id == items["secondment"].record_id
    window.open_due_item(items["contact_point"])
    assert tab.pages.currentWidget() is tab.contacts
    assert selected_row(tab.contacts.points_view).id == items["contact_point"].record_id
    window.open_due_item(items["meeting_section"])
    assert selected_row(tab.contacts.grid_view)[2] == items["meeting_section"].record_id
    # every page draws without complaint
    for index in range(tab.pages.count()):
        tab.pages.setCurrentIndex(index)
        assert not tab.pages.currentWidget().grab().isNull()
    rows = list_secondments(demo_db, on)
    assert rows and tab.secondments.model.rowCount() == len(rows)
