"""人员与试用 driven like a clerk: batch → candidate → scores → 录用 → trial → 转正, 延长 refused,
and the roster import preview.  Dialogs opened with exec() are answered from a timer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.service_length import add_months
from orgdesk.services.trial import list_trials
from orgdesk.storage.database import Database
from orgdesk.ui.intake_dialogs import BatchDialog, CandidateDialog, HireDialog
from orgdesk.ui.intake_models import FIRST_SCORE
from orgdesk.ui.roster_import_dialog import RosterImportDialog
from orgdesk.ui.tabs.personnel_area import PersonnelArea
from orgdesk.ui.trial_dialogs import ConfirmDialog, ExtendDialog
from orgdesk.ui.widgets import set_combo_data

OK = Qt.MouseButton.LeftButton
# The offscreen platform says this whenever a dialog is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def answer_next_dialog(qtbot: Any, kind: type, act: Callable[[Any], None]) -> list[Any]:
    """When the next modal dialog of `kind` opens, run `act(dialog)` on it."""
    seen: list[Any] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, handle)
    return seen


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type like a clerk: ASCII as key presses, Chinese as an input method commits it."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def click_ok(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), OK)


def type_date(qtbot: Any, field: Any, when: date) -> None:
    field.clear()
    qtbot.keyClicks(field, when.strftime("%Y.%m.%d"))
    field.editingFinished.emit()


@pytest.fixture
def area(qtbot: Any, db: Database) -> PersonnelArea:
    widget = PersonnelArea(db)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    return widget


def test_full_intake_from_batch_to_confirmation(
    qtbot: Any, area: PersonnelArea, db: Database, tmp_path: Path
) -> None:
    today = date.today()
    start = add_months(today, -4)
    number = make_id_number("410102", date(1996, 4, 12), 11)
    page = area.intake
    area.setCurrentWidget(page)

    def fill_batch(d: BatchDialog) -> None:
        type_text(qtbot, d.title, "2026年面向社会公开招考")
        set_combo_data(d.channel, "面向社会公开招考")
        section = d.posts.cellWidget(0, 0)
        rank = d.posts.cellWidget(0, 2)
        count = d.posts.cellWidget(0, 3)
        assert isinstance(section, QComboBox) and isinstance(rank, QComboBox)
        assert isinstance(count, QSpinBox)
        section.setCurrentIndex(section.findText("办公室"))
        rank.setCurrentIndex(rank.findText("一级科员"))
        count.setValue(1)
        click_ok(qtbot, d)

    answer_next_dialog(qtbot, BatchDialog, fill_batch)
    qtbot.mouseClick(page.new_batch_button, OK)
    assert page.detail is not None and page.detail.data.title == "2026年面向社会公开招考"
    assert page.posts.item(0, 1).text() == "科员"

    def fill_candidate(d: CandidateDialog) -> None:
        type_text(qtbot, d.name, "张　三")
        qtbot.keyClicks(d.id_number, number)
        for box in d.grades.values():
            box.setCurrentIndex(box.findText("良好"))
        click_ok(qtbot, d)

    answer_next_dialog(qtbot, CandidateDialog, fill_candidate)
    qtbot.mouseClick(page.add_button, OK)
    assert page.candidates.rowCount() == 1
    assert page.candidates.index(0, 1).data() == "张三"

    # Scores are typed into the grid; the total and the rank follow.
    view = page.candidate_view
    for offset, score in enumerate(("80", "90", "85")):
        index = page.candidates.index(0, FIRST_SCORE + offset)
        view.setCurrentIndex(index)
        view.edit(index)
        [editor] = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
        qtbot.keyClicks(editor, score)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        column = FIRST_SCORE + offset
        qtbot.waitUntil(
            lambda: not [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
        )
        assert page.candidates.index(0, column).data() == score
    qtbot.waitUntil(lambda: page.candidates.index(0, FIRST_SCORE + 3).data() == "85")
    assert page.candidates.index(0, FIRST_SCORE + 4).data() == "1"

    def hire(d: HireDialog) -> None:
        type_date(qtbot, d.start, start)
        assert d.end_label.text() == f"{add_months(start, 3):%Y-%m-%d}"
        click_ok(qtbot, d)

    page.candidate_view.selectRow(0)
    answer_next_dialog(qtbot, HireDialog, hire)
    qtbot.mouseClick(page.hire_button, OK)
    assert page.candidates.index(0, FIRST_SCORE + 5).data() == "录用"
    assert area.roster.model.rowCount() == 1
    assert area.roster.model.row_at(0).status == "试用期"  # type: ignore[union-attr]

    # 试用期: 延长 past six months from the start is refused with a clear message.
    trials = area.trials
    area.setCurrentWidget(trials)
    assert trials.model.rowCount() == 1
    trials.view.selectRow(0)
    refused: list[str] = []

    def extend_too_far(d: ExtendDialog) -> None:
        type_date(qtbot, d.new_end, add_months(start, 6) + timedelta(days=1))
        click_ok(qtbot, d)
        refused.append(d.error.text())
        assert d.isVisible()  # refused: the dialog stays open, nothing changed
        d.reject()

    answer_next_dialog(qtbot, ExtendDialog, extend_too_far)
    qtbot.mouseClick(trials.extend_button, OK)
    last = add_months(start, 6)
    assert refused == [
        f"「延长至」不能延长到 {last + timedelta(days=1):%Y-%m-%d}："
        f"试用期自 {start:%Y-%m-%d} 起最长 6 个月，"
        f"最迟只能到 {last:%Y-%m-%d}"
    ]
    assert list_trials(db)[0].status.value == "试用中"

    def confirm(d: ConfirmDialog) -> None:
        type_text(qtbot, d.evaluation, "政治坚定，业务熟练，考核合格，同意转正。")
        click_ok(qtbot, d)

    trials.view.selectRow(0)
    answer_next_dialog(qtbot, ConfirmDialog, confirm)
    qtbot.mouseClick(trials.confirm_button, OK)
    assert trials.model.rowCount() == 0  # no open trial left
    trials.scope.setCurrentIndex(1)
    assert trials.model.index(0, 7).data() == "已转正"
    assert area.roster.model.row_at(0).status == "在职"  # type: ignore[union-attr]
    area.setCurrentWidget(page)
    area.grab().save(str(tmp_path / "intake.png"))


def test_models_pass_the_model_tester(qtmodeltester: Any, demo_db: Database, qtbot: Any) -> None:
    widget = PersonnelArea(demo_db)
    qtbot.addWidget(widget)
    widget.intake.batch_view.selectRow(0)
    widget.trials.scope.setCurrentIndex(1)
    for model in (
        widget.roster.model,
        widget.intake.batches,
        widget.intake.candidates,
        widget.trials.model,
        widget.outflow.model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def roster_file(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "身份证号", "出生日期", "科室", "职级"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_import_preview_lists_every_problem_and_imports_nothing(
    qtbot: Any, qtmodeltester: Any, area: PersonnelArea, monkeypatch: Any, tmp_path: Path
) -> None:
    good = make_id_number("410102", date(1985, 3, 1), 11)
    path = roster_file(
        tmp_path / "bad.xlsx",
        [
            ["张三", good, "", "办公室", "一级科员"],
            [
                "李四",
                float(make_id_number("410102", date(1986, 1, 1), 13)),
                "",
                "办公室",
                "一级科员",
            ],
            [
                "王五",
                make_id_number("410102", date(1987, 2, 1), 15),
                "1987-02-30",
                "宣传科",
                "一级科员",
            ],
        ],
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    shown: list[RosterImportDialog] = []

    def look(dialog: RosterImportDialog) -> int:
        shown.append(dialog)
        dialog.show()
        qtmodeltester.check(dialog.model)
        dialog.grab().save(str(tmp_path / "preview.png"))
        return 0  # the clerk closes it

    monkeypatch.setattr(RosterImportDialog, "exec", look)
    qtbot.mouseClick(area.roster.excel.import_button, OK)
    [dialog] = shown
    assert not dialog.import_button.isEnabled()
    lines = dialog.problem_lines()
    assert len(lines) == 3
    assert lines[0].startswith("第 3 行「身份证号」") and "存成了数字" in lines[0]
    assert lines[1] == "第 4 行「出生日期」（1987-02-30）日期 1987-02-30 不存在"
    assert lines[2].startswith("第 4 行「科室」（宣传科）不是已有的科室")
    dialog.only_problems.setChecked(True)
    assert dialog.proxy.rowCount() == 2
    assert area.roster.model.rowCount() == 0


def test_clean_import_runs_after_the_preview_and_refreshes(
    qtbot: Any, area: PersonnelArea, monkeypatch: Any, tmp_path: Path
) -> None:
    path = roster_file(
        tmp_path / "good.xlsx",
        [
            [
                "张三",
                make_id_number("410102", date(1985, 3, 1), 11),
                "1985.03",
                "办公室",
                "一级科员",
            ],
            ["李四", make_id_number("410102", date(1986, 1, 1), 13), "", "干部科", "副科长"],
        ],
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(RosterImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    qtbot.mouseClick(area.roster.excel.import_button, OK)
    assert told == ["新增 2 人，更新 0 人，无变化 0 人。"]
    assert area.roster.model.rowCount() == 2
    plan = area.roster.excel.last_plan
    assert plan is not None and plan.summary() == "共 2 行，新增 2"


def test_export_button_writes_the_file(
    qtbot: Any, area: PersonnelArea, monkeypatch: Any, tmp_path: Path
) -> None:
    out = tmp_path / "名册.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    qtbot.mouseClick(area.roster.excel.export_button, OK)
    assert out.exists() and told and told[0].startswith("已导出 0 人")
    template = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(template), ""))
    qtbot.mouseClick(area.roster.excel.template_button, OK)
    assert template.exists()


def test_due_item_opens_the_trial(qtbot: Any, demo_db: Database) -> None:
    from orgdesk.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    item = next(i for i in window.due_panel.items if i.record_kind == "trial")
    window.open_due_item(item)
    area = window.pages[0]
    assert isinstance(area, PersonnelArea)
    assert area.currentWidget() is area.trials
    selected = area.trials.selected()
    assert selected is not None and selected.id == item.record_id
