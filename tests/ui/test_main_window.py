"""The main window and the 人员与试用 tab, used the way a clerk uses them."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from sqlalchemy import select

from orgdesk.domain.idcard import make_id_number
from orgdesk.services.reference import reference_data
from orgdesk.services.roster import RosterFilter, RosterQuery
from orgdesk.storage.models import Cadre
from orgdesk.ui.cadre_dialog import CadreDialog
from orgdesk.ui.drafts import draft_path

TAB_TITLES = ["人员与试用", "培训与学分", "交流轮岗", "工作台账", "竞争上岗", "年度考核"]
Left = Qt.MouseButton.LeftButton


def test_window_title_tabs_and_status_bar(window, demo_db) -> None:
    assert window.windowTitle() == "组工管理 OrgDesk"
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == TAB_TITLES
    assert demo_db.location.display in window.db_label.text()
    assert window.db_label in window.statusBar().findChildren(type(window.db_label))
    assert window.db_label.isVisible()


def test_clicking_each_tab_shows_it(qtbot, window) -> None:
    bar = window.tabs.tabBar()
    for index in reversed(range(bar.count())):
        qtbot.mouseClick(bar, Left, pos=bar.tabRect(index).center())
        assert window.tabs.currentIndex() == index
        assert window.tabs.widget(index).isVisible()


def test_view_menu_shortcuts_switch_tabs(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 3
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0


# -- search -------------------------------------------------------------------------------


def test_search_by_initials_and_by_name_fragment(qtbot, personnel, demo_db, typist) -> None:
    query = RosterQuery(demo_db)
    total = personnel.model.rowCount()
    assert total == query.count(RosterFilter()) >= 40
    assert personnel.count_label.text() == f"共 {total} 人"
    # Someone whose initials pick out only some of the roster.
    with demo_db.unit_of_work() as uow:
        people = uow.session.execute(select(Cadre.name, Cadre.name_initials)).all()
    name, initials = next(
        (n, i) for n, i in people if 0 < query.count(RosterFilter(text=i)) < total
    )
    expected = query.count(RosterFilter(text=initials))

    filters: list[RosterFilter] = []
    original = personnel.model.set_filter

    def recording(f: RosterFilter) -> None:
        filters.append(f)
        original(f)

    personnel.model.set_filter = recording
    qtbot.keyClicks(personnel.search, initials)
    qtbot.waitUntil(lambda: personnel.model.rowCount() == expected)
    assert len(filters) == 1  # typing is debounced: one query for the whole word
    assert personnel.count_label.text() == f"共 {expected} 人"
    shown = [personnel.model.data(personnel.model.index(r, 0)) for r in range(expected)]
    assert name in shown

    personnel.search.clear()
    qtbot.waitUntil(lambda: personnel.model.rowCount() == total)
    fragment = name[1:]  # the given name, without the surname
    expected = query.count(RosterFilter(text=fragment))
    assert expected < total
    typist(personnel.search, fragment)
    assert personnel.search.text() == fragment
    qtbot.waitUntil(lambda: personnel.model.rowCount() == expected)
    shown = [personnel.model.data(personnel.model.index(r, 0)) for r in range(expected)]
    assert name in shown
    assert all(fragment in s for s in shown)


def test_pressing_enter_searches_at_once(qtbot, personnel) -> None:
    qtbot.keyClicks(personnel.search, "zzzzzz")
    qtbot.keyClick(personnel.search, Qt.Key.Key_Return)
    assert personnel.model.rowCount() == 0
    assert personnel.count_label.text() == "共 0 人"


def test_section_filter(qtbot, personnel, demo_db) -> None:
    ref = reference_data(demo_db)
    combo = personnel.section_filter
    assert combo.itemText(0) == "全部科室"
    office = ref.section_by_name("办公室")
    combo.setCurrentIndex(combo.findData(office.id))
    expected = RosterQuery(demo_db).count(RosterFilter(section_id=office.id))
    everyone = RosterQuery(demo_db).count(RosterFilter())
    assert 0 < expected < everyone
    assert personnel.model.rowCount() == expected
    sections = {personnel.model.data(personnel.model.index(r, 3)) for r in range(expected)}
    assert sections == {"办公室"}
    combo.setCurrentIndex(0)
    assert personnel.model.rowCount() == everyone


def test_clicking_a_header_sorts(qtbot, personnel) -> None:
    view = personnel.view
    header = view.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(2) + header.sectionSize(2) // 2, 5)
    model = personnel.model

    def births() -> list[str]:
        return [model.data(model.index(r, 2)) for r in range(model.rowCount())]

    qtbot.mouseClick(header.viewport(), Left, pos=where)
    assert header.sortIndicatorSection() == 2
    first = births()
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert first == sorted(first, reverse=not ascending)
    qtbot.mouseClick(header.viewport(), Left, pos=where)
    assert header.sortIndicatorOrder() != (
        Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder
    )
    assert births() == sorted(first, reverse=ascending)


# -- adding and editing through the dialog -----------------------------------------------


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def click_save(qtbot, dialog: CadreDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Left)


def new_id_number() -> str:
    return make_id_number("410102", date(1993, 4, 5), 217)


def test_add_a_cadre_through_the_dialog(qtbot, personnel, demo_db, drive, typist) -> None:
    ref = reference_data(demo_db)
    section = ref.section_by_name("人才科")
    rank = ref.rank_by_name("四级主任科员")
    number = new_id_number()

    def fill(dialog: CadreDialog) -> None:
        assert dialog.windowTitle() == "新增人员"
        typist.replace(dialog.fields["name"], "司马测试")
        typist.replace(dialog.fields["id_number"], number)
        # The ID number fills in birth date and sex as soon as it is entered.
        assert dialog.fields["birth_date"].text() == "1993-04-05"
        assert dialog.fields["sex"].currentText() == "男"
        choose(dialog.fields["section_id"], section.id)
        choose(dialog.fields["rank_id"], rank.id)
        typist.replace(dialog.fields["post_title"], "科员")
        click_save(qtbot, dialog)
        assert not dialog.isVisible()

    before = personnel.model.rowCount()
    seen = drive(lambda: qtbot.mouseClick(personnel.add_button, Left), fill)
    assert len(seen) == 1
    assert seen[0].saved_id is not None

    with demo_db.unit_of_work() as uow:
        row = uow.session.scalar(select(Cadre).where(Cadre.id_number == number))
        assert row is not None
        assert (row.name, row.section_id, row.rank_id) == ("司马测试", section.id, rank.id)
        assert (row.birth_date.isoformat(), row.sex) == ("1993-04-05", "男")
        assert row.name_initials == "smcs"
        new_id = row.id
    assert seen[0].saved_id == new_id
    model = personnel.model
    assert model.rowCount() == before + 1
    assert personnel.count_label.text() == f"共 {before + 1} 人"
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert "司马测试" in names
    # The new cadre is selected, ready for the next action.
    assert personnel.selected_id() == new_id

    personnel.search.setText("smcs")
    qtbot.waitUntil(lambda: personnel.model.rowCount() == 1)
    assert model.data(model.index(0, 0)) == "司马测试"


def test_lowercase_x_typed_in_the_dialog_is_stored_upper_case(
    qtbot, personnel, demo_db, drive, typist
) -> None:
    ref = reference_data(demo_db)
    number = next(
        make_id_number("410102", date(1990, 1, 1), s)
        for s in range(1000)
        if make_id_number("410102", date(1990, 1, 1), s).endswith("X")
    )

    def fill(dialog: CadreDialog) -> None:
        typist.replace(dialog.fields["name"], "钱七")
        typist.replace(dialog.fields["id_number"], number.lower())
        assert dialog.fields["id_number"].text() == number
        choose(dialog.fields["section_id"], ref.sections[0].id)
        click_save(qtbot, dialog)

    drive(lambda: qtbot.mouseClick(personnel.add_button, Left), fill)
    with demo_db.unit_of_work() as uow:
        assert uow.session.scalar(select(Cadre.name).where(Cadre.id_number == number)) == "钱七"


def select_row(qtbot, personnel, row: int) -> int:
    view = personnel.view
    rect = view.visualRect(personnel.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Left, pos=rect.center())
    cadre_id = personnel.selected_id()
    assert cadre_id == personnel.model.id_at(row)
    return cadre_id


def test_edit_a_cadre_post_title(qtbot, personnel, demo_db, drive, typist) -> None:
    cadre_id = select_row(qtbot, personnel, 2)
    with demo_db.unit_of_work() as uow:
        name = uow.session.get(Cadre, cadre_id).name

    def edit(dialog: CadreDialog) -> None:
        assert dialog.windowTitle() == "人员详情"
        assert dialog.fields["name"].text() == name
        typist.replace(dialog.fields["post_title"], "组织员")
        click_save(qtbot, dialog)
        assert not dialog.isVisible()

    drive(lambda: qtbot.mouseClick(personnel.edit_button, Left), edit)

    model = personnel.model
    row = next(r for r in range(model.rowCount()) if model.id_at(r) == cadre_id)
    assert model.data(model.index(row, 4)) == "组织员"
    assert personnel.selected_id() == cadre_id
    with demo_db.unit_of_work() as uow:
        cadre = uow.session.get(Cadre, cadre_id)
        assert cadre.post_title == "组织员"
        assert cadre.version == 2
        open_posting = [p for p in cadre.postings if p.end_date is None]
        assert [p.post_title for p in open_posting] == ["组织员"]


def test_edit_with_nothing_selected_opens_nothing(qtbot, personnel, drive) -> None:
    personnel.view.clearSelection()
    personnel.view.setCurrentIndex(personnel.model.index(-1, -1))
    seen = drive(lambda: qtbot.mouseClick(personnel.edit_button, Left))
    assert seen == []


def test_double_clicking_a_row_opens_the_form_once(qtbot, personnel, drive) -> None:
    view = personnel.view
    rect = view.visualRect(personnel.model.index(1, 0))
    opened: list[str] = []

    def look(dialog: CadreDialog) -> None:
        opened.append(dialog.fields["name"].text())
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Left)

    def double_click() -> None:
        # A real double-click is press, release, double-click, release; QTest's
        # mouseDClick sends only the double-click event itself.
        qtbot.mouseClick(view.viewport(), Left, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Left, pos=rect.center())
        qtbot.mouseRelease(view.viewport(), Left, pos=rect.center())

    seen = drive(
        double_click,
        look,
        look,  # a second form would be handled (and counted) rather than hang the test
    )
    assert len(seen) == 1, f"the detail form opened {len(seen)} times: {opened}"


def test_a_saved_new_cadre_leaves_no_draft_behind(qtbot, personnel, demo_db, drive, typist) -> None:
    """Saving quickly after typing must not let the draft timer write the form back."""
    ref = reference_data(demo_db)

    def fill(dialog: CadreDialog) -> None:
        typist.replace(dialog.fields["name"], "快手")
        typist.replace(dialog.fields["id_number"], new_id_number())
        choose(dialog.fields["section_id"], ref.sections[0].id)
        click_save(qtbot, dialog)

    drive(lambda: qtbot.mouseClick(personnel.add_button, Left), fill)
    path = draft_path("cadre", "new")
    qtbot.wait(700)  # longer than the draft timer
    assert not path.exists(), json.loads(path.read_text(encoding="utf-8"))
    # …so the next 新增人员 starts empty and asks nothing.

    def starts_empty(dialog: CadreDialog) -> None:
        assert dialog.fields["name"].text() == ""

    seen = drive(lambda: qtbot.mouseClick(personnel.add_button, Left), starts_empty)
    assert len(seen) == 1
