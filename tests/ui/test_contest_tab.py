"""竞争上岗 tab, clicked through as a clerk: a contest from 发布 to 任职, and the roster changes."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTableWidget,
)

from orgdesk.domain.contest import Phase
from orgdesk.services.contest_views import contest_detail, list_contests
from orgdesk.services.roster import RosterFilter
from orgdesk.storage.database import Database
from orgdesk.ui.contest_dialogs import ContestDialog, RegisterDialog
from orgdesk.ui.main_window import MainWindow
from orgdesk.ui.override_dialog import EligibilityDialog
from orgdesk.ui.tabs.contest import ContestTab
from orgdesk.ui.tabs.personnel import PersonnelTab
from orgdesk.ui.widgets import signed_in_name
from tests.contest_scenario import make_people

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class Clerk:
    """Answers the message boxes and input dialogs the way a clerk would, and remembers them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.said: list[tuple[str, str]] = []
        self.reasons: list[str] = []
        self.save_path: Path | None = None
        mp = monkeypatch

        def remember(kind: str, answer: Any) -> Callable[..., Any]:
            def box(_parent: Any, title: str, text: str = "", *_a: Any, **_k: Any) -> Any:
                self.said.append((kind, f"{title}：{text}"))
                return answer

            return box

        mp.setattr(QMessageBox, "question", remember("question", QMessageBox.StandardButton.Yes))
        mp.setattr(
            QMessageBox, "information", remember("information", QMessageBox.StandardButton.Ok)
        )
        mp.setattr(QMessageBox, "warning", remember("warning", QMessageBox.StandardButton.Ok))
        mp.setattr(QInputDialog, "getText", lambda *_a, **_k: (self.reasons.pop(0), True))
        mp.setattr(QInputDialog, "getMultiLineText", lambda *_a, **_k: (self.reasons.pop(0), True))
        mp.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(self.save_path), ""))

    def last(self, kind: str) -> str:
        return next(text for k, text in reversed(self.said) if k == kind)


def on_exec(
    monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], script: Callable[[Any], None]
) -> None:
    """Replace the modal loop: show the dialog, let the clerk work in it, return its result."""

    def fake_exec(self: QDialog) -> int:
        self.show()
        script(self)
        return int(self.result())

    monkeypatch.setattr(cls, "exec", fake_exec)


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    """Type as a clerk does: keys for ASCII, an input-method commit for Chinese
    (QTest cannot send non-Latin-1 key events; an IME commits whole words)."""
    widget.clear()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
    assert widget.text() == text


def press(qtbot: Any, dialog: QDialog, which: QDialogButtonBox.StandardButton) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)


def edit_cell(qtbot: Any, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Double-click-style editing: open the cell editor, type, press Enter."""
    table.setCurrentCell(row, column)
    item = table.item(row, column)
    assert item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable
    table.editItem(item)
    [editor] = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next event loop turn
    qtbot.waitUntil(lambda: item.text() == text, timeout=2000)


def row_of(table: QTableWidget, name: str) -> int:
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.text() == name:
            return row
    raise AssertionError(f"{name} not in table")


@pytest.fixture
def window(qtbot: Any, db: Database) -> tuple[MainWindow, ContestTab, dict[str, int]]:
    ids = make_people(db)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    index = [win.tabs.tabText(i) for i in range(win.tabs.count())].index("竞争上岗")
    win.tabs.setCurrentIndex(index)
    tab = win.pages[index]
    assert isinstance(tab, ContestTab)
    return win, tab, ids


def create_by_dialog(qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: ContestTab) -> int:
    def fill(d: ContestDialog) -> None:
        type_into(qtbot, d.title, "2026年度干部科副科长竞争上岗")
        type_into(qtbot, d.announced, "2026-03-01")
        type_into(qtbot, d.deadline, "2026.3.10")
        section = d.posts.cellWidget(0, 1)
        section.setCurrentIndex(section.findText("干部科"))  # type: ignore[union-attr]
        assert d.posts.item(0, 0).text() == "干部科副科长"  # type: ignore[union-attr]
        press(qtbot, d, QDialogButtonBox.StandardButton.Save)

    on_exec(monkeypatch, ContestDialog, fill)
    qtbot.mouseClick(tab.contests.new_button, Qt.MouseButton.LeftButton)
    [summary] = list_contests(tab.db)
    return summary.id


def advance_by_click(qtbot: Any, tab: ContestTab) -> None:
    qtbot.mouseClick(tab.contests.panel.advance_button, Qt.MouseButton.LeftButton)


def test_contest_from_announcement_to_appointment_changes_the_roster(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: Any, tmp_path: Path
) -> None:
    win, tab, ids = window
    db: Database = tab.db
    clerk = Clerk(monkeypatch)
    panel = tab.contests.panel

    # the signed-in user is the default 操作人; without one nothing moves
    assert tab.actor_edit.text() == signed_in_name() != ""
    tab.actor_edit.clear()
    contest_id = create_by_dialog(qtbot, monkeypatch, tab)
    advance_by_click(qtbot, tab)
    assert "请填写操作人" in clerk.last("warning")
    type_into(qtbot, tab.actor_edit, "王干事")

    advance_by_click(qtbot, tab)  # 发布 → 报名
    assert contest_detail(db, contest_id).phase is Phase.REGISTRATION

    # 报名: four cadres through the dialog, the eligibility preview shown each time
    previews: list[str] = []
    for name in ("赵䶮", "钱堃", "孙丽", "李新"):

        def pick(d: RegisterDialog, who: str = name) -> None:
            d.select_cadre(ids[who])
            previews.append(d.preview.toPlainText())
            press(qtbot, d, QDialogButtonBox.StandardButton.Ok)

        on_exec(monkeypatch, RegisterDialog, pick)
        qtbot.mouseClick(panel.registration.register_button, Qt.MouseButton.LeftButton)
    assert panel.registration.table.rowCount() == 4
    assert "2025 年度学习学分数据缺失，无法判断" in previews[0]

    advance_by_click(qtbot, tab)  # 报名 → 资格审查

    # 例外认定 for the absent study and grade data, with reasons, for each contestant
    def override(d: EligibilityDialog) -> None:
        for rule in ("学习培训", "年度考核"):
            row = next(
                i for i in range(d.reasons.count()) if f"】{rule}：" in d.reasons.item(i).text()
            )
            d.reasons.setCurrentRow(row)
            clerk.reasons.append(f"{rule}经核对纸质档案合格")
            qtbot.mouseClick(d.override_button, Qt.MouseButton.LeftButton)

    on_exec(monkeypatch, EligibilityDialog, override)
    table = panel.registration.table
    for name in ("赵䶮", "钱堃", "孙丽", "李新"):
        table.setCurrentCell(row_of(table, name), 0)
        qtbot.mouseClick(panel.registration.details_button, Qt.MouseButton.LeftButton)
    verdicts = {table.item(r, 0).text(): table.item(r, 5).text() for r in range(4)}  # type: ignore[union-attr]
    assert verdicts["赵䶮"] == "符合（含例外认定）" and verdicts["李新"] == "不符合"

    advance_by_click(qtbot, tab)  # 资格审查 → 民主推荐; 李新 drops out
    assert "未通过 1 人：李新" in clerk.last("information")

    # 民主推荐: the meeting and the votes, typed into the grid
    page = panel.recommendation
    assert panel.inner.currentWidget() is page
    type_into(qtbot, page.held_on, "2026-03-20")
    for box, value in ((page.participants, 40), (page.cast, 40), (page.valid, 38)):
        box.setValue(value)
    for name, votes in (("赵䶮", "30"), ("钱堃", "25"), ("孙丽", "12")):
        edit_cell(qtbot, page.table, row_of(page.table, name), 2, votes)
    assert page.dirty
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.table.item(row_of(page.table, "孙丽"), 3).text() == "31.58%"  # type: ignore[union-attr]
    advance_by_click(qtbot, tab)  # → 组织审定; 孙丽 below 50%
    assert "未进入下一环节：孙丽" in clerk.last("information")

    review = panel.review
    qtbot.mouseClick(review.all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    advance_by_click(qtbot, tab)  # → 笔试/演讲答辩

    scores = panel.scores
    for name, values in (("赵䶮", ("88", "85.5", "90")), ("钱堃", ("82", "86", "88"))):
        for offset, value in enumerate(values):
            edit_cell(qtbot, scores.table, row_of(scores.table, name), 2 + offset, value)
    qtbot.mouseClick(scores.save_button, Qt.MouseButton.LeftButton)
    assert scores.table.item(row_of(scores.table, "赵䶮"), 5).text() == "87.40"  # type: ignore[union-attr]
    advance_by_click(qtbot, tab)  # → 综合评分
    advance_by_click(qtbot, tab)  # → 确定拟任人选
    assert "拟任人选：赵䶮" in clerk.last("information")

    # the publicity period, typed into the contest's form (it ended a few days ago)
    today = date.today()
    start, end = today - timedelta(days=12), today - timedelta(days=5)

    def dates(d: ContestDialog) -> None:
        type_into(qtbot, d.publicity_start, f"{start:%Y-%m-%d}")
        type_into(qtbot, d.publicity_end, f"{end:%Y-%m-%d}")
        press(qtbot, d, QDialogButtonBox.StandardButton.Save)

    on_exec(monkeypatch, ContestDialog, dates)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    advance_by_click(qtbot, tab)  # → 公示

    # the notice, exported as a clerk would, renders with the rare character
    clerk.save_path = tmp_path / "公示.pdf"
    qtbot.mouseClick(panel.results.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clerk.save_path is not None and clerk.save_path.exists())
    from pypdf import PdfReader

    text = PdfReader(str(clerk.save_path)).pages[0].extract_text()
    assert "赵䶮" in text and "干部科副科长" in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(clerk.save_path), str(tmp_path / "notice")],
        check=True,
    )
    assert list(tmp_path.glob("notice*.png"))

    advance_by_click(qtbot, tab)  # → 任职
    assert f"{end + timedelta(days=1):%Y-%m-%d} 起：赵䶮 任干部科副科长" in clerk.last(
        "information"
    )
    assert panel.detail is not None and panel.detail.phase is Phase.APPOINTMENT
    assert not panel.advance_button.isEnabled() and not panel.back_button.isEnabled()

    # the roster (人员与试用) sees the new post at once
    personnel = win.findChildren(PersonnelTab)[0]
    win.tabs.setCurrentIndex(0)
    type_into(qtbot, personnel.search, "赵䶮")
    personnel.apply_filter()
    assert personnel.model.filter == RosterFilter(text="赵䶮")
    row = personnel.model.row_at(0)
    assert row is not None and (row.section, row.post_title, row.rank) == (
        "干部科",
        "副科长",
        "副科长",
    )
    log = panel.log.table
    assert log.rowCount() == 10 and log.item(9, 3).text() == "任职"  # type: ignore[union-attr]


def test_too_few_contestants_are_refused_with_how_many_more(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: Any
) -> None:
    _win, tab, ids = window
    clerk = Clerk(monkeypatch)
    type_into(qtbot, tab.actor_edit, "王干事")
    contest_id = create_by_dialog(qtbot, monkeypatch, tab)
    advance_by_click(qtbot, tab)
    panel = tab.contests.panel

    def pick(d: RegisterDialog) -> None:
        d.select_cadre(ids["赵䶮"])
        press(qtbot, d, QDialogButtonBox.StandardButton.Ok)

    on_exec(monkeypatch, RegisterDialog, pick)
    qtbot.mouseClick(panel.registration.register_button, Qt.MouseButton.LeftButton)
    assert panel.warning.isVisibleTo(panel) and "还需至少 1 名" in panel.warning.text()
    advance_by_click(qtbot, tab)
    assert "还需至少 1 名" in clerk.last("warning")
    assert contest_detail(tab.db, contest_id).phase is Phase.REGISTRATION

    # going back is recorded with who and why
    clerk.reasons.append("报名人数不足，延长发布期")
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    detail = contest_detail(tab.db, contest_id)
    assert detail.phase is Phase.PUBLISHED
    assert (detail.log[-1].direction, detail.log[-1].actor) == ("退回", "王干事")
    assert panel.log.table.item(2, 1).text() == "退回"  # type: ignore[union-attr]


def test_planning_view_and_its_model(qtbot: Any, qtmodeltester: Any, window: Any) -> None:
    _win, tab, _ids = window
    page = tab.planning
    tab.inner.setCurrentWidget(page)
    type_into(qtbot, page.on, "2027-03-01")
    qtbot.mouseClick(page.query_button, Qt.MouseButton.LeftButton)
    assert "副科级岗位，基准日 2027-03-01：在职 6 人" in page.summary.text()
    page.mode.setCurrentText("一年内将满足年限")
    names = [r.name for r in page.model.rows]
    assert "李新" in names
    row = names.index("李新")
    assert page.model.rows[row].reached_on == date(2027, 9, 1)
    page.view.selectRow(row)
    assert "届时（2027-09-01）的资格审查" in page.detail.toPlainText()
    page.mode.setCurrentText("全部在职人员")
    assert page.model.rowCount() == 6
    qtmodeltester.check(page.model)


def test_recording_a_transition_assessment(qtbot: Any, window: Any) -> None:
    _win, tab, ids = window
    page = tab.assessments
    before = page.table.rowCount()
    page.cadre.setCurrentIndex(page.cadre.findData(ids["李新"]))
    type_into(qtbot, page.assessed_on, "2030-01-01")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "不能晚于今天" in page.errors.text()
    assert page.table.rowCount() == before
    type_into(qtbot, page.assessed_on, "2025-12-15")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == before + 1
    assert page.table.item(0, 0).text() == "李新"  # type: ignore[union-attr]


def test_cancelling_a_changed_form_asks_first(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, window: Any
) -> None:
    _win, tab, _ids = window
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def question(_parent: Any, title: str, *_a: Any, **_k: Any) -> Any:
        asked.append(title)
        return answers.pop(0) if answers else QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = ContestDialog(tab.db, tab.contests.reference, None, "王干事")
    qtbot.addWidget(dialog)
    dialog.show()
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert asked == [] and not dialog.isVisible()  # nothing typed: closes at once
    dialog = ContestDialog(tab.db, tab.contests.reference, None, "王干事")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.deadline, "2026-03-10")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert asked == ["放弃修改？"] and dialog.isVisible()  # kept what was typed
    assert dialog.deadline.text() == "2026-03-10"
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert not dialog.isVisible()
    # a bad date is named and nothing is saved
    dialog = ContestDialog(tab.db, tab.contests.reference, None, "王干事")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.deadline, "2026-13-45")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert "报名截止日期" in dialog.errors.text() and dialog.isVisible()
    assert list_contests(tab.db) == []
    dialog.reject()
    assert not dialog.isVisible()
