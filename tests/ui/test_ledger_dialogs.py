"""工作台账 dialogs and menus: the calendar banner, exports, drafts, follow-up, rosters."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
)

from orgdesk.domain.ledger import ItemKind
from orgdesk.domain.ledger_input import ItemInput
from orgdesk.services import ledger as svc
from orgdesk.services.ledger_detail import item_detail
from orgdesk.services.ledger_invitees import list_invitees
from orgdesk.services.reference import reference_data
from orgdesk.ui.calendar_dialog import CalendarDialog
from orgdesk.ui.drafts import load_draft
from orgdesk.ui.invitees_dialog import InviteeForm, InviteesDialog
from orgdesk.ui.ledger_action_dialogs import AssignDialog, FollowUpDialog
from orgdesk.ui.ledger_forms import ActorDialog
from orgdesk.ui.ledger_item_dialog import ItemDialog
from orgdesk.ui.on_time_dialog import OnTimeDialog
from orgdesk.ui.tabs.ledger import LedgerTab

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CLERK = "王文书"


def type_text(qtbot, widget, text: str) -> None:
    """ASCII by key presses; Chinese as an input method commits it."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    target.setFocus()
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(target, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(target, event)


def ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def make_tab(qtbot, db, today: date) -> LedgerTab:
    tab = LedgerTab(db, today=today)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_actor(CLERK)
    return tab


def test_banner_for_an_uncovered_year_and_the_calendar_editor(qtbot, db) -> None:
    item = svc.register_item(
        db,
        ItemInput(
            kind=ItemKind.PETITION,
            title="反映跨年度补贴发放问题",
            received_on=date(2026, 12, 15),
            channel="来信",
            party="赵某",
        ),
        actor=CLERK,
        on=date(2026, 12, 15),
    )
    tab = make_tab(qtbot, db, date(2026, 12, 15))
    assert tab.banner.isVisible()
    assert "请录入 2027 年国务院节假日安排通知" in tab.banner.text()
    assert tab.model.data(tab.model.index(0, 6)) == "2027-01-12 预估"

    tab.banner.linkActivated.emit("calendar")
    dialog = tab.dialog
    assert isinstance(dialog, CalendarDialog)
    assert dialog.year.value() == 2027 and dialog.banner.isVisible()
    assert "国务院办公厅关于2027年部分节假日安排的通知" in dialog.source.text()
    dialog.start.setText("2027-01-09")
    dialog.end.setText("2027-01-09")
    dialog.kind.setCurrentIndex(dialog.kind.findData("调休上班"))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""  # a Saturday make-up day is fine
    dialog.start.setText("2027-01-05")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "星期二" in dialog.error.text()  # a weekday cannot be a make-up day
    dialog.kind.setCurrentIndex(dialog.kind.findData("休息"))
    dialog.start.setText("2027-01-01")
    dialog.end.setText("2027-01-03")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "1 项未办结事项的期限随之调整" in dialog.outcome.text()
    assert not dialog.banner.isVisible()
    assert dialog.table.rowCount() == 2
    assert any("元旦" in dialog.listing.item(i).text() for i in range(dialog.listing.count()))
    dialog.accept()

    assert not tab.banner.isVisible()
    d = item_detail(db, item.id, date(2026, 12, 15))
    assert d.due_on == date(2027, 1, 12) and not d.due_estimated  # -1 (元旦) +1 (01-09)
    assert tab.model.data(tab.model.index(0, 6)) == "2027-01-12"
    moves = [e.note for e in d.events if e.action == "期限调整"]
    assert moves == [
        "节假日安排变更：期限由 2027-01-12 调整为 2027-01-11",  # make-up Saturday counted
        "节假日安排变更：期限由 2027-01-11 调整为 2027-01-12",  # 元旦 not counted
    ]


def test_export_filtered_and_public(qtbot, demo_db, tmp_path: Path, monkeypatch) -> None:
    tab = make_tab(qtbot, demo_db, date(2026, 6, 30))
    tab.overdue_check.setChecked(True)
    expected = tab.model.rowCount()
    target = tmp_path / "超期事项.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    tab.export_filtered()
    assert target.exists() and f"已导出 {expected} 项" in told[-1]
    ws = load_workbook(target).active
    assert ws is not None and ws.max_row == expected + 1

    public = tmp_path / "部务公开.xlsx"
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (2026, True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(public), ""))
    tab.export_public()
    wb = load_workbook(public)
    assert wb.sheetnames == ["部务公开事项", "特邀人员", "按时办结率"]
    kinds = {row[1] for row in wb["部务公开事项"].iter_rows(min_row=2, values_only=True)}
    assert "信访" not in kinds and "首问登记" not in kinds


def test_typed_text_survives_a_crash_as_a_draft(qtbot, db, monkeypatch) -> None:
    tab = make_tab(qtbot, db, date(2026, 6, 30))
    tab.register()
    first = tab.dialog
    assert isinstance(first, ItemDialog)
    type_text(qtbot, first.title, "起草年度培训计划")
    qtbot.waitUntil(lambda: not first.drafts.timer.isActive(), timeout=3000)
    first.hide()  # the window vanishes without saving or cancelling (a crash)
    tab.dialog = None

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    second = ItemDialog(db, reference_data(db), actor=CLERK, today=date(2026, 6, 30), parent=tab)
    qtbot.addWidget(second)
    assert second.title.text() == "起草年度培训计划"
    # Cancelling restored text asks first; 取消 keeps it, 放弃 throws it away.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    second.show()
    second.reject()
    assert second.isVisible() and load_draft("ledger", "item-new") is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    second.reject()
    assert not second.isVisible() and load_draft("ledger", "item-new") is None


def test_assign_edit_and_follow_up_a_suggestion(qtbot, demo_db) -> None:
    ref = reference_data(demo_db)
    item = svc.register_item(
        demo_db,
        ItemInput(
            kind=ItemKind.SUGGESTION,
            title="建议公开干部选拔流程",
            received_on=date(2026, 6, 29),
            channel="意见箱",
            is_public=True,
        ),
        actor=CLERK,
        on=date(2026, 6, 29),
    )
    tab = make_tab(qtbot, demo_db, date(2026, 6, 30))
    tab.open_record("ledger_item", item.id)
    assert tab.detail is not None and tab.detail.status == "已登记"
    assert not tab.follow_button.isEnabled() or tab.detail.status == "已登记"

    tab.assign()
    dialog = tab.dialog
    assert isinstance(dialog, AssignDialog)
    section = ref.section_by_name("组织科")  # (the 40-person demo staffs the first sections)
    assert section is not None
    dialog.section.setCurrentIndex(dialog.section.findData(section.id))
    leader = dialog.handler.currentText()
    assert leader  # the section's leader is pre-selected
    ok(qtbot, dialog)
    assert tab.detail is not None and tab.detail.section == "组织科"
    assert tab.detail.handler_name == leader.split("（")[0]

    tab.edit()
    edit = tab.dialog
    assert isinstance(edit, ItemDialog) and not edit.kind_box.isEnabled()
    type_text(qtbot, edit.title, "（补充）")
    ok(qtbot, edit)
    assert tab.detail is not None and tab.detail.title.endswith("（补充）")

    assert "分析意见" in tab.sign_handler_button.toolTip()
    tab.follow_up()
    follow = tab.dialog
    assert isinstance(follow, FollowUpDialog)
    follow.category.setCurrentIndex(follow.category.findData("干部工作"))
    type_text(qtbot, follow.analysis, "建议合理")
    type_text(qtbot, follow.measure, "在门户网站公开选拔流程")
    follow.rectify_by.setText("2026-07-31")
    type_text(qtbot, follow.answer, "已电话答复")
    ok(qtbot, follow)
    d = tab.detail
    assert d is not None and d.rectify_by == date(2026, 7, 31) and d.result == "已电话答复"
    assert tab.sign_handler_button.isEnabled()
    assert "整改期限 2026-07-31" in tab.pane.toPlainText()


def test_rates_invitees_and_actor_dialogs(qtbot, demo_db, monkeypatch) -> None:
    rates = OnTimeDialog(demo_db, today=date(2026, 6, 30))
    qtbot.addWidget(rates)
    last = rates.table.rowCount() - 1
    assert rates.table.item(last, 0).text() == "合计" and rates.table.item(last, 1).text() == "合计"
    assert rates.table.item(last, 6).text().endswith("%")

    roster = InviteesDialog(demo_db)
    qtbot.addWidget(roster)
    before = roster.table.rowCount()
    assert before == len(list_invitees(demo_db)) > 0

    def fill_and_save(form: InviteeForm) -> int:
        form.role.setCurrentIndex(form.role.findData("特邀评论员"))
        type_text(qtbot, form.name, "钱评论")
        form.save()
        return 1

    monkeypatch.setattr(InviteeForm, "exec", fill_and_save)
    roster.edit(None)
    assert roster.table.rowCount() == before + 1

    actor = ActorDialog(demo_db, "")
    qtbot.addWidget(actor)
    actor.combo.setCurrentText("")
    actor._ok()
    assert actor.error.text() == "请填写操作人姓名"
    type_text(qtbot, actor.combo, "李某")
    actor._ok()
    assert actor.actor == "李某"


def test_main_window_has_the_tab_and_the_due_list_opens_items(qtbot, demo_db) -> None:
    from orgdesk.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    index = titles.index("工作台账")
    tab = window.pages[index]
    assert isinstance(tab, LedgerTab)
    window.due_panel.refresh(date(2026, 6, 30))
    ledger_items = [i for i in window.due_panel.items if i.tab == "工作台账"]
    assert ledger_items
    window.open_due_item(ledger_items[0])
    assert window.tabs.currentIndex() == index
    assert tab.detail is not None and tab.detail.id == ledger_items[0].record_id


def test_item_dialog_shows_the_fields_of_each_kind(qtbot, db) -> None:
    tab = make_tab(qtbot, db, date(2025, 9, 30))
    tab.register()
    dialog = tab.dialog
    assert isinstance(dialog, ItemDialog)
    form = dialog.form

    def shown(key: str) -> bool:
        return form.isRowVisible(dialog.holders[key])

    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("公文"))
    assert shown("doc_urgency") and not shown("party") and not shown("supervision_direction")
    assert "2025-10-14" in dialog.preview.text()  # 普通 5 working days across National Day
    dialog.urgency.setCurrentIndex(dialog.urgency.findData("特件"))
    assert "2025-10-09" in dialog.preview.text() and "1 个工作日" in dialog.preview.text()

    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("督察事项"))
    assert shown("supervision_direction") and not shown("supervision_source")
    assert dialog.public.isChecked()  # supervision is public by default (R-TSK-7)
    dialog.direction.setCurrentIndex(dialog.direction.findData("外对内"))
    assert shown("supervision_source")
    type_text(qtbot, dialog.title, "督察网络信箱反映问题整改")
    ok(qtbot, dialog)
    assert "外对内须注明来源" in dialog.errors["supervision_source"].text()
    dialog.outside.setCurrentIndex(dialog.outside.findData("网络信箱"))
    ok(qtbot, dialog)
    d = tab.detail
    assert d is not None and (d.supervision_direction, d.supervision_source) == (
        "外对内",
        "网络信箱",
    )
    assert d.doc_urgency == "" and d.due_on == date(2025, 10, 28)  # 15 working days
