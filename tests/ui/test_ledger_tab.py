"""工作台账 tab, clicked through like a clerk: a 信访 item goes overdue, its reason is
written and reviewed; another item is closed with both signatures."""

from __future__ import annotations

import re
import sys
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMessageBox

from orgdesk.domain.ledger import ItemKind
from orgdesk.domain.ledger_input import ItemInput
from orgdesk.services import ledger as svc
from orgdesk.services.ledger_detail import item_detail
from orgdesk.ui.ledger_action_dialogs import ReasonDialog, ReviewDialog, SignDialog
from orgdesk.ui.ledger_item_dialog import ItemDialog
from orgdesk.ui.ledger_model import OVERDUE_BRUSH, REVIEW_BRUSH, LedgerModel
from orgdesk.ui.tabs.ledger import LedgerTab
from tests.ledger_support import STAFF, add_staff

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform chatter

CLERK = "王文书"
LEADER = "刘副部长"


@pytest.fixture
def staff(db):
    return add_staff(db, STAFF[:3])


@pytest.fixture
def tab(qtbot, db, staff):
    widget = LedgerTab(db, today=date(2025, 9, 28))
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    widget.set_actor(CLERK)
    return widget


def type_text(qtbot, widget, text: str) -> None:
    """Type like a clerk: ASCII through key presses, Chinese through the input method.

    (QTest.keyClicks cannot send non-ASCII keys; a Chinese IME commits text with
    a QInputMethodEvent, which is what the widget receives here.)
    """
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


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_petition_goes_overdue_reason_written_and_reviewed(qtbot, tab, db) -> None:
    click(qtbot, tab.register_button)
    dialog = tab.dialog
    assert isinstance(dialog, ItemDialog)
    choose(dialog.kind_box, "信访")
    type_text(qtbot, dialog.title, "反映村级换届选举问题")
    choose(dialog.channel, "来访")
    type_text(qtbot, dialog.party, "王某某")
    type_text(qtbot, dialog.party_contact, "13800000000")
    assert "2025-10-31" in dialog.preview.text() and "20 个工作日" in dialog.preview.text()
    choose(dialog.section, "干部科")
    assert dialog.handler.currentText().startswith("张科长")  # the section leader by default
    dialog.handler.setCurrentText("")
    type_text(qtbot, dialog.handler, "李干事")
    ok(qtbot, dialog)
    assert tab.dialog is None

    assert tab.model.rowCount() == 1
    d = tab.detail
    assert d is not None and d.kind == "信访" and d.status == "已交办"
    assert d.handler_name == "李干事" and d.due_on == date(2025, 10, 31)
    assert "反映村级换届选举问题" in tab.pane.toPlainText()
    click(qtbot, tab.start_button)
    assert tab.detail is not None and tab.detail.status == "办理中"
    assert not tab.reason_button.isEnabled()

    # Five working days later it is overdue: no signing until a reason is accepted.
    tab.set_today(date(2025, 11, 7))
    assert tab.model.counts.overdue == 1
    index = tab.model.index(0, 7)
    assert tab.model.data(index) == "超期 5 个工作日"
    assert tab.model.data(index, Qt.ItemDataRole.BackgroundRole) == OVERDUE_BRUSH
    assert not tab.sign_handler_button.isEnabled()
    assert "须先由经办人填写超期说明" in tab.sign_handler_button.toolTip()
    tab.set_actor("李干事")  # the handler writes the reason
    click(qtbot, tab.reason_button)
    reason = tab.dialog
    assert isinstance(reason, ReasonDialog)
    ok(qtbot, reason)  # empty: refused in Chinese, nothing stored
    assert reason.errors["reason"].text() == "不能为空" and tab.dialog is reason
    type_text(qtbot, reason.reason, "来访人外出，核实工作延后")
    ok(qtbot, reason)
    assert tab.detail is not None and tab.detail.overdue_review == "待审核"
    assert tab.model.data(tab.model.index(0, 9)) == "待审核"
    assert tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) == REVIEW_BRUSH

    tab.set_actor(LEADER)
    click(qtbot, tab.review_button)
    review = tab.dialog
    assert isinstance(review, ReviewDialog)
    click(qtbot, review.back_button)  # sending back needs a reason
    assert "退回时请写明退回理由" in review.errors["comment"].text()
    type_text(qtbot, review.comment, "情况属实")
    click(qtbot, review.accept_button)
    assert tab.detail is not None and tab.detail.overdue_review == "已认可"

    tab.set_actor("李干事")
    click(qtbot, tab.sign_handler_button)
    sign = tab.dialog
    assert isinstance(sign, SignDialog)
    type_text(qtbot, sign.text, "已约见来访人当面答复")
    ok(qtbot, sign)
    d = item_detail(db, d.id, date(2025, 11, 7))
    assert d.status == "经办人已签" and d.deadline == "超期办结"
    assert [(r.written_by, r.decision, r.reviewed_by) for r in d.reasons] == [
        ("李干事", "认可", LEADER)
    ]
    history = [(e.actor, e.action) for e in d.events]
    assert history == [
        (CLERK, "登记"),
        (CLERK, "交办"),
        (CLERK, "开始办理"),
        ("李干事", "填写超期说明"),
        (LEADER, "审核认可超期说明"),
        ("李干事", "经办人签字"),
    ]
    text = tab.pane.toPlainText()
    assert "超期说明与部领导审核" in text and "来访人外出" in text and LEADER in text


def test_another_item_closed_with_both_signatures(qtbot, tab, db, staff, monkeypatch) -> None:
    handler_id, section_id = staff["李干事"]
    item = svc.register_item(
        db,
        ItemInput(
            kind=ItemKind.WORK,
            title="整理科级干部任免材料",
            received_on=date(2025, 9, 28),
            section_id=section_id,
            handler_id=handler_id,
            handler_name="李干事",
        ),
        actor=CLERK,
        on=date(2025, 9, 28),
    )
    tab.set_today(date(2025, 10, 9))
    assert tab.select_item(item.id)
    assert not tab.close_button.isEnabled() and not tab.sign_section_button.isEnabled()

    tab.set_actor("李干事")
    click(qtbot, tab.sign_handler_button)  # signing straight from 已交办 is allowed
    sign = tab.dialog
    assert isinstance(sign, SignDialog)
    sign.text.setPlainText("")
    type_text(qtbot, sign.text, "材料已整理归档")
    ok(qtbot, sign)
    assert tab.detail is not None and tab.detail.status == "经办人已签"

    tab.set_actor("张科长")
    click(qtbot, tab.sign_section_button)
    ok(qtbot, tab.dialog)
    assert tab.detail is not None and tab.detail.status == "科室已签"

    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    click(qtbot, tab.close_button)
    assert "注销" in asked[0]
    d = item_detail(db, item.id, date(2025, 10, 9))
    assert d.status == "已注销" and d.closed_on == date(2025, 10, 9)
    assert [(g.role, g.signer) for g in d.signatures] == [("经办人", "李干事"), ("科室", "张科长")]
    assert d.deadline == "按时办结"
    # 未注销 is the default view: the closed item leaves the working list,
    # and the pane still shows what became of it.
    assert tab.model.rowCount() == 0
    assert tab.detail is not None and tab.detail.status == "已注销"
    assert all(not b.isEnabled() for b in tab.action_buttons.values())


def test_bad_input_says_so_in_chinese_and_stores_nothing(qtbot, tab, db) -> None:
    click(qtbot, tab.register_button)
    dialog = tab.dialog
    choose(dialog.kind_box, "信访")
    dialog.received.setText("2025-13-40")
    ok(qtbot, dialog)
    assert "未保存" in dialog.summary.text()
    assert dialog.errors["received_on"].isVisible()
    dialog.received.setText("2025-09-28")
    ok(qtbot, dialog)
    assert dialog.errors["title"].text() == "不能为空"
    assert dialog.errors["party"].text() == "不能为空"
    assert tab.dialog is dialog and tab.model.rowCount() == 0


def test_first_inquiry_routed_to_another_sections_leader(qtbot, tab, db) -> None:
    click(qtbot, tab.inquiry_button)
    dialog = tab.dialog
    dialog.receiver.setCurrentText("")
    type_text(qtbot, dialog.receiver, "李干事")
    type_text(qtbot, dialog.party, "孙某")
    type_text(qtbot, dialog.title, "咨询党组织关系转接手续")
    choose(dialog.duty, "否，转交承办科室")
    choose(dialog.routed_section, "组织科")
    assert dialog.routed_person.currentText().startswith("赵科长")
    assert "将转交 组织科，由 赵科长 负责办理" in dialog.route_note.text()
    ok(qtbot, dialog)
    d = tab.detail
    assert d is not None and d.kind == "首问登记"
    assert (d.receiver_name, d.section, d.handler_name) == ("李干事", "组织科", "赵科长")
    assert d.routed_to == "组织科 赵科长" and d.status == "已交办"
    assert "不属本人职责，转交 组织科 赵科长" in tab.pane.toPlainText()


def test_filters_counts_and_model(qtbot, qtmodeltester, demo_db) -> None:
    tab = LedgerTab(demo_db, today=date(2026, 6, 30))
    qtbot.addWidget(tab)
    tab.set_actor(CLERK)
    qtmodeltester.check(tab.model)
    open_count = tab.model.rowCount()
    assert tab.counts_label.text().startswith(f"共 {open_count} 项")
    tab.overdue_check.setChecked(True)
    overdue = tab.model.rowCount()
    assert 0 < overdue <= open_count
    assert all("超期" in tab.model.data(tab.model.index(r, 7)) for r in range(overdue))
    tab.overdue_check.setChecked(False)
    choose(tab.status_filter, "全部状态")
    choose(tab.kind_filter, "意见建议")
    assert all(
        tab.model.data(tab.model.index(r, 1)) == "意见建议" for r in range(tab.model.rowCount())
    )
    type_text(qtbot, tab.search, "谏〔2026〕1号")
    tab.apply_filter()
    assert tab.model.rowCount() == 1
    tab.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(tab.model)


def test_sorting_does_not_leak_references(qtbot, demo_db) -> None:
    """PySide6 6.12 loses a reference to True per layoutChanged emitted from Python."""
    from orgdesk.domain.ledger import WorkdayCounter
    from orgdesk.services.ledger_calendar import load_calendar
    from orgdesk.services.ledger_query import LedgerQuery

    model = LedgerModel(
        LedgerQuery(demo_db), WorkdayCounter(load_calendar(demo_db)), date(2026, 6, 30)
    )
    before = sys.getrefcount(True)
    for n in range(300):
        model.sort(n % 10, Qt.SortOrder.AscendingOrder)
    assert sys.getrefcount(True) > before - 100


def test_open_record_from_the_due_list(qtbot, demo_db) -> None:
    from orgdesk.services.ledger_reports import ledger_due
    from orgdesk.services.reference import load_settings

    tab = LedgerTab(demo_db, today=date(2026, 6, 30))
    qtbot.addWidget(tab)
    items = ledger_due(demo_db, date(2026, 6, 30), load_settings(demo_db))
    assert items
    target = items[-1]
    choose(tab.kind_filter, "公文" if "文" not in target.title[:1] else "信访")
    tab.open_record("ledger_item", target.record_id)
    assert tab.detail is not None and tab.detail.id == target.record_id
    assert tab.kind_filter.currentIndex() == 0 and tab.model.rowCount() == 1
