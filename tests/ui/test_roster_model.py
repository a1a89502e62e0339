"""RosterModel: a well-behaved Qt model over SQL pages."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from orgdesk.services.reference import reference_data
from orgdesk.services.roster import ROSTER_COLUMNS, RosterFilter, RosterQuery
from orgdesk.storage.database import Database
from orgdesk.ui.roster_model import (
    ID_ROLE,
    SORT_ROLE,
    TRIAL_BRUSH,
    TRIAL_DUE_BRUSH,
    TRIAL_OVERDUE_BRUSH,
    RosterModel,
)

Display = Qt.ItemDataRole.DisplayRole


def test_model_passes_the_model_tester(qtmodeltester, demo_db: Database) -> None:
    model = RosterModel(RosterQuery(demo_db))
    assert model.rowCount() == RosterQuery(demo_db).count(RosterFilter()) >= 40
    assert model.columnCount() == len(ROSTER_COLUMNS)
    qtmodeltester.check(model)
    model.set_filter(RosterFilter(text="张"))
    model.sort(2, Qt.SortOrder.DescendingOrder)
    model.set_filter(RosterFilter(section_id=reference_data(demo_db).sections[0].id))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_filter(RosterFilter(text="no such person"))
    assert model.rowCount() == 0
    model.refresh()


def test_model_passes_the_python_model_tester(qtmodeltester, demo_db: Database) -> None:
    model = RosterModel(RosterQuery(demo_db))
    qtmodeltester.check(model, force_py=True)
    model.sort(5, Qt.SortOrder.DescendingOrder)
    model.set_filter(RosterFilter(text="zs"))
    model.set_filter(RosterFilter())


def test_model_over_an_empty_database(qtmodeltester, db: Database) -> None:
    model = RosterModel(RosterQuery(db))
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.data(model.index(0, 0)) is None


def test_headers_are_chinese(demo_db: Database) -> None:
    model = RosterModel(RosterQuery(demo_db))
    headers = [model.headerData(c, Qt.Orientation.Horizontal, Display) for c in range(11)]
    assert headers == [title for _, title in ROSTER_COLUMNS]
    assert headers[0] == "姓名"
    assert model.headerData(0, Qt.Orientation.Vertical, Display) == "1"


def test_cells_show_what_the_query_returns(demo_db: Database) -> None:
    query = RosterQuery(demo_db)
    model = RosterModel(query)
    rows = query.page(RosterFilter(), limit=1000)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == [
        r.name for r in rows
    ]
    assert [model.data(model.index(r, 0), ID_ROLE) for r in range(model.rowCount())] == [
        r.id for r in rows
    ]
    first = rows[0]
    assert model.data(model.index(0, 2)) == first.birth_date.strftime("%Y-%m-%d")
    assert model.data(model.index(0, 2), SORT_ROLE) == first.birth_date
    assert model.data(model.index(0, 3)) == first.section
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree
    assert model.data(QModelIndex()) is None


def test_trial_cadres_are_highlighted(demo_db: Database) -> None:
    model = RosterModel(RosterQuery(demo_db))
    trial_rows = [r for r in range(model.rowCount()) if model.data(model.index(r, 9)) == "试用期"]
    assert trial_rows
    for r in trial_rows:
        brush = model.data(model.index(r, 0), Qt.ItemDataRole.BackgroundRole)
        assert brush in (TRIAL_BRUSH, TRIAL_DUE_BRUSH, TRIAL_OVERDUE_BRUSH)
        assert "试用期" in model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
    other = next(r for r in range(model.rowCount()) if r not in trial_rows)
    assert model.data(model.index(other, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_sorting_the_model_reorders_the_rows(demo_db: Database) -> None:
    model = RosterModel(RosterQuery(demo_db))
    model.sort(2, Qt.SortOrder.AscendingOrder)
    births = [model.data(model.index(r, 2), SORT_ROLE) for r in range(model.rowCount())]
    assert births == sorted(births)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    births = [model.data(model.index(r, 2), SORT_ROLE) for r in range(model.rowCount())]
    assert births == sorted(births, reverse=True)


def test_small_pages_are_fetched_lazily_and_evicted(qtmodeltester, demo_db: Database) -> None:
    query = RosterQuery(demo_db)
    calls: list[int] = []
    original = query.page

    def counting_page(*args, **kwargs):
        calls.append(kwargs["offset"])
        return original(*args, **kwargs)

    query.page = counting_page  # type: ignore[method-assign]
    model = RosterModel(query)
    model._pages.page_size = 7
    model._pages.max_pages = 2
    assert calls == []  # counting the rows fetches none of them
    expected = [r.id for r in original(RosterFilter(), limit=1000)]
    ids = [model.id_at(r) for r in range(model.rowCount())]
    assert ids == expected
    assert calls == [0, 7, 14, 21, 28, 35]  # one query per page, not per cell
    for column in range(model.columnCount()):
        model.data(model.index(39, column))
    assert calls[-1] == 35  # a cached page costs nothing
    assert len(model._pages) <= 2
    assert model.row_of_id(expected[39]) == 39
    assert model.row_of_id(expected[0]) is None  # evicted
    qtmodeltester.check(model)


def test_the_roster_opens_sorted_by_section_in_the_departments_order(qtbot, personnel) -> None:
    header = personnel.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        3,
        Qt.SortOrder.AscendingOrder,
    )
    first = personnel.model.data(personnel.model.index(0, 3))
    assert first == personnel.reference.sections[0].name
