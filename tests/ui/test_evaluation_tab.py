"""年度考核 tab, clicked through as a clerk: votes, the leader's grade, a target, the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from orgdesk.services.evaluation import appraisal_sheet, grade_for
from orgdesk.services.evaluation_targets import list_targets
from orgdesk.ui.report_preview import paint_pdf
from orgdesk.ui.tabs.evaluation import EvaluationTab

YEAR = 2025
# The offscreen platform says this whenever a top-level widget is shown; it is not ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def make_tab(qtbot, db) -> EvaluationTab:
    tab = EvaluationTab(db, None)
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    return tab


def test_votes_and_grade_as_a_clerk(qtbot, qtmodeltester, demo_db, tmp_path) -> None:
    tab = make_tab(qtbot, demo_db)
    assert tab.year.value() == YEAR
    page = tab.appraisal
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == len(appraisal_sheet(demo_db, YEAR).rows)
    page.view.selectRow(0)
    row = page.selected()
    assert row is not None and page.who.text().startswith(row.name)

    page.spins[0].setValue(50)  # 优秀 50 > 参评人数
    qtbot.mouseClick(page.save_votes_button, Qt.MouseButton.LeftButton)
    assert "参评人数" in page.error.text() and page.error.isVisible()
    assert appraisal_sheet(demo_db, YEAR).row(row.cadre_id).tally == row.tally  # unchanged

    for spin, value in zip(page.spins, (5, 20, 2, 0, 30), strict=True):
        spin.setValue(value)
    qtbot.mouseClick(page.save_votes_button, Qt.MouseButton.LeftButton)
    assert appraisal_sheet(demo_db, YEAR).row(row.cadre_id).tally.voters == 30

    current = page.selected()
    assert current is not None and current.cadre_id == row.cadre_id
    other = next(g for g in ("称职", "基本称职") if g != current.proposed)
    page.grade.setCurrentIndex(page.grade.findData(other))
    page.reason.clear()
    qtbot.mouseClick(page.decide_button, Qt.MouseButton.LeftButton)
    assert "理由" in page.error.text()
    page.reason.insert("年内受到诫勉谈话")  # Chinese arrives through the IME, not key codes
    qtbot.mouseClick(page.decide_button, Qt.MouseButton.LeftButton)
    assert grade_for(demo_db, row.cadre_id, YEAR) == other
    assert tab.grab().save(str(tmp_path / "issue8-tab.png"))


def test_add_a_target_and_see_history(qtbot, qtmodeltester, demo_db) -> None:
    tab = make_tab(qtbot, demo_db)
    tab.pages.setCurrentWidget(tab.targets)
    page = tab.targets
    qtmodeltester.check(page.model)
    before = len(list_targets(demo_db, YEAR))
    page.parent_item.setCurrentIndex(1)  # first section item
    page.person.setCurrentIndex(1)
    page.title.insert("完成干部档案数字化")
    page.weight.setValue(20)
    qtbot.keyClicks(page.score, "9O")  # letter O typed for a zero
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "年终得分" in page.error.text()
    page.score.clear()
    qtbot.keyClicks(page.score, "90")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert len(list_targets(demo_db, YEAR)) == before + 1
    assert page.model.rowCount() == before + 1

    tab.pages.setCurrentWidget(tab.history)
    qtmodeltester.check(tab.history.model)
    assert tab.history.model.columnCount() >= 2 + 4  # 姓名, 科室 and four years of grades
    tab.pages.setCurrentWidget(tab.honours)
    qtmodeltester.check(tab.honours.model)
    assert tab.honours.promotion.rowCount() >= 1


def test_report_from_the_tab_and_the_print_path(
    qtbot, demo_db, tmp_path: Path, monkeypatch
) -> None:
    tab = make_tab(qtbot, demo_db)
    target = tmp_path / "报告.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(tab.report_button, Qt.MouseButton.LeftButton)
    assert target.exists() and target.with_suffix(".pdf").exists()

    shown: list[Path] = []
    monkeypatch.setattr(
        "orgdesk.ui.tabs.evaluation.preview_pdf", lambda _p, path: shown.append(path) or "preview"
    )
    tab.appraisal.view.selectRow(3)
    name = tab.appraisal.selected().name
    qtbot.mouseClick(tab.form_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    reader = PdfReader(shown[0])
    assert len(reader.pages) == 1 and name in reader.pages[0].extract_text()

    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert paint_pdf(shown[0], printer) == 1
    assert printed.stat().st_size > 10_000  # a raster of the whole form went to the printer
