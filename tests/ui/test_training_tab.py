"""培训与学分 as a clerk uses it: enrol a section, type exam scores, hand in a late note,
and watch the credit account follow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from orgdesk.domain.training import NoteStatus
from orgdesk.services.credits import credit_account_for
from orgdesk.services.reference import change_setting, reference_data
from orgdesk.services.training_exams import score_sheet
from orgdesk.ui.tabs.training import TrainingTab
from orgdesk.ui.training.forms import ExamDialog, SessionDialog
from orgdesk.ui.training.notes_page import SubmitDialog
from orgdesk.ui.training.pickers import CadrePickDialog
from orgdesk.ui.training.score_model import SCORE_COLUMN
from tests.conftest import DEMO_TODAY

YEAR = DEMO_TODAY.year
# The offscreen platform says this whenever a dialog is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def tab(qtbot, demo_db) -> TrainingTab:  # type: ignore[no-untyped-def]
    widget = TrainingTab(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.set_today(DEMO_TODAY)
    widget.set_year(YEAR)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def when_dialog(kind: type, act: Callable[[Any], None]) -> None:
    """Fill in the modal dialog the next click opens; a failure closes it so nothing hangs."""

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, kind), f"expected {kind.__name__}, got {dialog!r}"
            act(dialog)
        except BaseException:
            if isinstance(dialog, QWidget):
                dialog.close()
            raise

    QTimer.singleShot(0, handle)


def ime(widget: QWidget, text: str) -> None:
    """Chinese arrives the way an input method delivers it: one committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(qtbot, page: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    found = [b for b in page.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert found, f"no visible button 「{text}」"
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)


def type_cell(qtbot, view, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select a cell, type as a clerk does (a key opens the editor), press Enter.

    Digits are keystrokes; Chinese (「缺考」) comes through the input method after F2.
    """
    view.window().activateWindow()
    view.setFocus()
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    if text.isascii():
        qtbot.keyClicks(view, text[0])
        rest = text[1:]
    else:
        qtbot.keyClick(view, Qt.Key.Key_F2)
        rest = text
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    if text.isascii():
        qtbot.keyClicks(editor, rest)
    else:
        editor.selectAll()
        ime(editor, rest)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2000)


def credit_row(tab: TrainingTab, cadre_id: int):  # type: ignore[no-untyped-def]
    tab.tabs.setCurrentWidget(tab.credits)
    return next(r for r in tab.credits.model.rows if r.cadre_id == cadre_id)


def test_enrol_a_section_record_attendance_and_credits_follow(qtbot, tab, demo_db) -> None:  # type: ignore[no-untyped-def]
    plans = tab.plans
    tab.tabs.setCurrentWidget(plans)
    section = reference_data(demo_db).sections[2]

    def fill_session(d: SessionDialog) -> None:
        ime(d.title_edit, "组织工作条例专题辅导")
        qtbot.keyClicks(d.start, "2026.5.6")
        qtbot.keyClicks(d.end, "2026-05-06")
        d.hours.setValue(6)
        qtbot.mouseClick(d.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    when_dialog(SessionDialog, fill_session)
    click(qtbot, plans, "新增培训")
    session = plans.current_session()
    assert session is not None and session.title == "组织工作条例专题辅导"

    def pick_section(d: CadrePickDialog) -> None:
        d.section.setCurrentIndex(d.section.findData(section.id))
        d.section.activated.emit(d.section.currentIndex())
        d._accept()

    when_dialog(CadrePickDialog, pick_section)
    click(qtbot, plans, "报名…")
    enrolled = plans.people.rows
    assert enrolled and {r.cadre.section for r in enrolled} == {section.name}
    assert all(r.attended is None for r in enrolled)
    someone = enrolled[0].cadre.id
    before = credit_row(tab, someone).earned

    tab.tabs.setCurrentWidget(plans)
    click(qtbot, plans, "全部出勤")
    assert all(r.attended for r in plans.people.rows)
    assert credit_row(tab, someone).earned == before + 6


def test_type_exam_scores_in_the_grid(qtbot, tab, demo_db) -> None:  # type: ignore[no-untyped-def]
    change_setting(demo_db, "exam.default_pass_mark", 70)
    exams = tab.exams
    tab.tabs.setCurrentWidget(exams)
    section = reference_data(demo_db).sections[0]

    def fill_exam(d: ExamDialog) -> None:
        assert d.pass_mark.value() == 70  # the default comes from 设置
        ime(d.title_edit, "办公室业务测验")
        d.held_on.clear()
        qtbot.keyClicks(d.held_on, "2026-06-20")
        qtbot.mouseClick(d.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    when_dialog(ExamDialog, fill_exam)
    click(qtbot, exams, "新建考试")
    exam = exams.current_exam()
    assert exam is not None and exam.title == "办公室业务测验" and exam.pass_mark == 70

    def pick(d: CadrePickDialog) -> None:
        d.section.setCurrentIndex(d.section.findData(section.id))
        d._accept()

    when_dialog(CadrePickDialog, pick)
    click(qtbot, exams, "添加考生…")
    grid, model = exams.grid, exams.scores
    assert model.rowCount() >= 4

    type_cell(qtbot, grid, 0, SCORE_COLUMN, "85")
    assert grid.currentIndex().row() == 1  # Enter moved to the next candidate
    type_cell(qtbot, grid, 1, SCORE_COLUMN, "45.5")
    type_cell(qtbot, grid, 2, SCORE_COLUMN, "abc")
    assert "第 3 行「成绩」" in exams.problem.text() and "数字" in exams.problem.text()
    assert grid.currentIndex().row() == 2  # a refused cell keeps the clerk on it
    type_cell(qtbot, grid, 2, SCORE_COLUMN, "缺考")
    assert exams.problem.text() == ""
    type_cell(qtbot, grid, 3, SCORE_COLUMN, "101")
    assert "超出范围" in exams.problem.text()

    assert [model.index(r, SCORE_COLUMN + 1).data() for r in range(3)] == ["合格", "不及格", "缺考"]
    stored = score_sheet(demo_db, exam.id).lines
    assert (stored[0].score, stored[1].score, stored[2].absent, stored[3].score) == (
        85,
        45.5,
        True,
        None,
    )
    refreshed = exams.current_exam()
    assert refreshed is not None and (refreshed.entered, refreshed.failed) == (3, 2)

    failed_person = stored[1].cadre.id
    row = credit_row(tab, failed_person)
    assert row.failed_exams == 1 and not row.qualified
    tab.credits.select_cadre(failed_person)
    assert "办公室业务测验" in tab.credits.reasons.text()


def test_submit_a_late_note_and_the_account_changes(qtbot, tab, demo_db) -> None:  # type: ignore[no-untyped-def]
    notes = tab.notes
    tab.tabs.setCurrentWidget(notes)
    first = notes.current_requirement()
    assert first is not None and first.counts[NoteStatus.MISSING] > 0
    notes.status_filter.setCurrentIndex(notes.status_filter.findData(NoteStatus.MISSING))
    line = notes.lines.row(0)
    assert line is not None and line.status is NoteStatus.MISSING
    who = line.cadre.id
    before = credit_account_for(demo_db, who, YEAR, DEMO_TODAY)
    row_before = credit_row(tab, who)

    tab.tabs.setCurrentWidget(notes)
    notes.line_view.selectRow(0)

    def hand_in(d: SubmitDialog) -> None:
        assert d.submitted_on.value() == DEMO_TODAY
        ime(d.note_title, "学习纲要心得体会")
        qtbot.mouseClick(d.buttons.buttons()[0], Qt.MouseButton.LeftButton)

    when_dialog(SubmitDialog, hand_in)
    click(qtbot, notes, "登记提交…")
    notes.status_filter.setCurrentIndex(0)
    mine = next(x for x in notes.lines.rows if x.cadre.id == who)
    assert mine.status is NoteStatus.LATE and mine.submitted_on == DEMO_TODAY
    assert notes.current_requirement().counts[NoteStatus.LATE] == first.counts[NoteStatus.LATE] + 1  # type: ignore[union-attr]

    row_after = credit_row(tab, who)
    assert row_after.earned == row_before.earned + 0.5
    assert (row_after.missing_notes, row_after.late_notes) == (
        row_before.missing_notes - 1,
        row_before.late_notes + 1,
    )
    after = credit_account_for(demo_db, who, YEAR, DEMO_TODAY)
    assert len(after.items) == len(before.items)
    tab.credits.select_cadre(who)
    details = [tab.credits.items.index(r, 4).data() for r in range(tab.credits.items.rowCount())]
    assert any("逾期提交" in d and "2026-06-30 提交" in d for d in details)


def test_score_import_with_errors_changes_nothing_and_lists_problems(
    qtbot, tab, demo_db, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    exams = tab.exams
    tab.tabs.setCurrentWidget(exams)
    exam = exams.current_exam()
    assert exam is not None
    before = [(x.score, x.absent) for x in score_sheet(demo_db, exam.id).lines]
    first = exams.scores.index(0, 1).data()
    book = Workbook()
    book.active.append(["姓名", "成绩"])
    book.active.append([first, 99])
    book.active.append(["无此考生", 80])
    path = tmp_path / "scores.xlsx"
    book.save(path)
    monkeypatch.setattr(
        "orgdesk.ui.training.exams_page.QFileDialog.getOpenFileName",
        lambda *a, **k: (str(path), ""),
    )
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(box.text() + box.detailedText())
    )
    click(qtbot, exams, "从 Excel 导入成绩…")
    assert shown and "一条也没有导入" in shown[0] and "第 3 行「姓名」（无此考生）" in shown[0]
    assert [(x.score, x.absent) for x in score_sheet(demo_db, exam.id).lines] == before


def test_copy_last_years_syllabus_from_the_page(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    tab.set_year(YEAR + 1)
    page = tab.syllabus
    tab.tabs.setCurrentWidget(page)
    assert "尚无培训大纲" in page.heading.text()
    click(qtbot, page, "复制上年大纲")
    assert page.readings.rowCount() == 7
    dues = [r.note_due for r in page.readings.rows if r.note_due]
    assert dues and all(d.year == YEAR + 1 for d in dues)


def test_due_list_opens_the_note(qtbot, tab, demo_db) -> None:  # type: ignore[no-untyped-def]
    from orgdesk.services.due import collect_due

    item = next(i for i in collect_due(demo_db, DEMO_TODAY) if i.tab == "培训与学分")
    tab.open_record(item.record_kind, item.record_id)
    assert tab.tabs.currentWidget() is tab.notes
    current = tab.notes.current_requirement()
    assert current is not None and current.ref_id == item.record_id


def test_every_table_model_passes_the_model_tester(qtbot, qtmodeltester, tab) -> None:  # type: ignore[no-untyped-def]
    for index in range(tab.tabs.count()):
        tab.tabs.setCurrentIndex(index)
    models = [
        tab.credits.model,
        tab.credits.items,
        tab.credits.sections,
        tab.syllabus.subjects,
        tab.syllabus.readings,
        tab.plans.plans,
        tab.plans.sessions,
        tab.plans.people,
        tab.exams.exams,
        tab.exams.scores,
        tab.notes.requirements,
        tab.notes.lines,
        tab.activities.activities,
        tab.activities.entries,
    ]
    for model in models:
        assert model.rowCount(QModelIndex()) > 0, model
        qtmodeltester.check(model)


def test_charts_draw_both_colours(qtbot, tab) -> None:  # type: ignore[no-untyped-def]
    tab.set_year(YEAR - 1)
    tab.credits.tabs.setCurrentWidget(tab.credits.histogram)
    qtbot.wait(10)
    image = tab.credits.histogram.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    }
    assert "#e57373" in colours and "#66bb6a" in colours
    assert "未达标" in tab.credits.histogram.title
    assert date(YEAR - 1, 1, 1).year == tab.year
