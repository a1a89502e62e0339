"""The 任免审批表 page of the cadre form and the roster's 任免审批表 menu, used like a clerk."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton, QWidget

from orgdesk.services.people import get_cadre
from orgdesk.services.reference import reference_data
from orgdesk.storage.database import Database
from orgdesk.storage.lrmx_file import read_lrmx
from orgdesk.ui import approval_actions
from orgdesk.ui.cadre_dialog import CadreDialog
from orgdesk.ui.drafts import load_draft
from orgdesk.ui.tabs.personnel import PersonnelTab

SAMPLE = Path(__file__).parent.parent / "fixtures" / "lrmx" / "zhang_wei.lrmx"


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(kind: str) -> Any:
        def box(
            _parent: object, title: str, text: str, *args: object
        ) -> QMessageBox.StandardButton:
            shown.append((kind, f"{title}：{text}"))
            return QMessageBox.StandardButton.Yes

        return box

    for kind in ("information", "warning", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese arrives as an input-method commit, as it does from a clerk's 拼音 IME."""
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]  # the clerk replaces what is there
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def photo_file(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    out = BytesIO()
    Image.new("RGB", (90, 120), (200, 160, 120)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def open_dialog(qtbot: Any, db: Database, cadre_id: int) -> CadreDialog:
    dialog = CadreDialog(db, reference_data(db), cadre_id)
    qtbot.addWidget(dialog)
    # not shown: the offscreen platform warns on show(), and nothing here needs it
    dialog.tabs.setCurrentIndex(1)
    return dialog


def test_the_clerk_fills_the_form_page_and_saves(
    qtbot: Any, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list
) -> None:
    dialog = open_dialog(qtbot, demo_db, 3)
    page = dialog.approval
    type_chinese(page.texts["native_place"], "河南郑州")
    page.party_joined.selectAll()
    qtbot.keyClicks(page.party_joined, "2008.6")
    page.party_joined.editingFinished.emit()
    assert page.party_joined.text() == "2008.06"
    type_chinese(page.texts["rewards"], "2019年被评为全县优秀组工干部。")
    add = next(b for b in page.findChildren(QPushButton) if b.text() == "新增成员")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    row = page.family.rowCount() - 1
    for column, text in ((0, "妻子"), (1, "李静"), (2, "198805"), (4, "县第一高级中学教师")):
        page.family.item(row, column).setText(text)
    page.family.cellWidget(row, 3).setCurrentText("中共党员")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo_file(tmp_path)), "")
    )
    qtbot.mouseClick(page.choose_photo, Qt.MouseButton.LeftButton)
    assert page.photo_label.pixmap() is not None and not page.photo_label.pixmap().isNull()

    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted, messages
    data, _ = get_cadre(demo_db, 3)
    assert data.details is not None
    assert data.details.native_place == "河南郑州"
    assert f"{data.details.party_joined:%Y.%m}" == "2008.06"
    assert data.details.rewards == "2019年被评为全县优秀组工干部。"
    assert ("妻子", "李静", "中共党员") in [
        (m.relation, m.name, m.political_status) for m in data.details.family
    ]
    assert data.details.photo == photo_file(tmp_path).read_bytes()


def test_a_bad_month_on_the_form_page_is_shown_there_and_nothing_saved(
    qtbot: Any, demo_db: Database, messages: list
) -> None:
    before = get_cadre(demo_db, 3)[0].details.party_joined  # type: ignore[union-attr]
    dialog = open_dialog(qtbot, demo_db, 3)
    dialog.tabs.setCurrentIndex(0)
    dialog.approval.party_joined.selectAll()
    qtbot.keyClicks(dialog.approval.party_joined, "2008.13")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentIndex() == 1  # taken to the page with the problem
    assert "月份 13 不存在" in dialog.approval.errors["party_joined"].text()
    assert dialog.approval.errors["party_joined"].isVisibleTo(dialog)
    data, _ = get_cadre(demo_db, 3)
    assert data.details is not None and data.details.party_joined == before


def test_what_was_typed_on_the_form_page_survives_a_crash(
    qtbot: Any, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list
) -> None:
    dialog = open_dialog(qtbot, demo_db, 5)
    type_chinese(dialog.approval.texts["birthplace"], "河南中牟")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo_file(tmp_path)), "")
    )
    qtbot.mouseClick(dialog.approval.choose_photo, Qt.MouseButton.LeftButton)
    dialog._write_draft()
    draft = load_draft("cadre", "5")
    assert draft is not None and draft["approval"]["texts"]["birthplace"] == "河南中牟"
    dialog.hide()  # the power goes out: no save, no cancel

    again = open_dialog(qtbot, demo_db, 5)  # 「恢复未保存的内容」 answered Yes
    assert again.approval.texts["birthplace"].text() == "河南中牟"  # type: ignore[union-attr]
    assert again.approval.photo == photo_file(tmp_path).read_bytes()
    again.save()
    data, _ = get_cadre(demo_db, 5)
    assert data.details is not None and data.details.birthplace == "河南中牟"
    assert load_draft("cadre", "5") is None


def test_roster_menu_exports_prints_and_imports(
    qtbot: Any, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list
) -> None:
    tab = PersonnelTab(demo_db)
    qtbot.addWidget(tab)

    actions = tab.approval_actions
    menu_texts = [a.text() for a in actions.button.menu().actions() if a.text()]
    assert menu_texts == [
        "打印任免审批表（PDF）…",
        "导出任免审批表（.lrmx）…",
        "批量导出当前名单到文件夹…",
        "导入 .lrmx…",
    ]
    assert actions.print_one in tab.view.actions()

    actions.export_selected()  # nothing selected yet
    assert messages[-1][1].endswith("请先在名册中选择一人。")

    tab.view.selectRow(0)
    cadre_id = tab.selected_id()
    assert cadre_id is not None
    out = tmp_path / "one.lrmx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    actions.export_one.trigger()
    assert read_lrmx(out).get("XingMing") == get_cadre(demo_db, cadre_id)[0].name

    pdf = tmp_path / "form.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(pdf), ""))
    actions.print_one.trigger()
    assert pdf.read_bytes().startswith(b"%PDF")

    folder = tmp_path / "all"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    actions.export_all.trigger()
    assert len(list(folder.glob("*.lrmx"))) == tab.model.rowCount()

    before = tab.model.rowCount()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(SAMPLE), ""))
    seen: list[approval_actions.ImportPreviewDialog] = []

    def accept(self: approval_actions.ImportPreviewDialog) -> int:
        seen.append(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(approval_actions.ImportPreviewDialog, "exec", accept)
    actions.import_file.trigger()
    assert seen and seen[0].table.rowCount() > 10
    assert tab.model.rowCount() == before + 1
    assert messages[-1] == ("information", "已导入：已导入「张䶮」。")


def test_a_bad_file_is_refused_in_chinese_and_changes_nothing(
    qtbot: Any, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list
) -> None:
    tab = PersonnelTab(demo_db)
    qtbot.addWidget(tab)
    bad = tmp_path / "bad.lrmx"
    bad.write_bytes(SAMPLE.read_bytes().replace(b'encoding="UTF-8"', b'encoding="Big5"'))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    before = tab.model.rowCount()
    tab.approval_actions.import_file.trigger()
    kind, text = messages[-1]
    assert kind == "warning" and "未做任何修改" in text and "Big5" in text
    tab.model.refresh()
    assert tab.model.rowCount() == before


def test_the_preview_dialog_lists_old_and_new(qtbot: Any, db: Database, tmp_path: Path) -> None:
    from orgdesk.services.lrmx import apply_import, preview_import

    apply_import(db, preview_import(db, SAMPLE))
    changed = tmp_path / "changed.lrmx"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("河南郑州", "河南开封"), encoding="utf-8"
    )
    dialog = approval_actions.ImportPreviewDialog(preview_import(db, changed))
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == 3
    assert [dialog.table.item(0, c).text() for c in range(3)] == ["籍贯", "河南郑州", "河南开封"]
