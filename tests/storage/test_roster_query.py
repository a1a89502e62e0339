"""services.roster: search, filter, sort and page the roster in SQL."""

from __future__ import annotations

from datetime import date

import pytest

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput, CadreStatus
from orgdesk.services.people import save_cadre
from orgdesk.services.reference import ReferenceData, reference_data
from orgdesk.services.roster import ROSTER_COLUMNS, RosterFilter, RosterQuery
from orgdesk.storage.database import Database

TODAY = date(2026, 6, 30)

# name, birth, seq, section, rank, status
PEOPLE = [
    ("张三", date(1980, 1, 2), 11, "干部科", "科长", CadreStatus.ACTIVE),
    ("张珊珊", date(1992, 3, 4), 22, "干部科", "一级科员", CadreStatus.ACTIVE),
    ("李四", date(1985, 5, 6), 33, "办公室", "副科长", CadreStatus.ACTIVE),
    ("赵六", date(1999, 7, 8), 44, "组织科", "二级科员", CadreStatus.TRIAL),
    ("王五", date(1970, 9, 10), 55, "组织科", "科长", CadreStatus.LEFT),
    ("李_四", date(1988, 11, 12), 66, "人才科", "一级科员", CadreStatus.ACTIVE),
    ("欧阳娜娜", date(1995, 12, 13), 77, "办公室", "一级科员", CadreStatus.ACTIVE),
]


def number_of(birth: date, seq: int) -> str:
    return make_id_number("410182", birth, seq)


@pytest.fixture
def ref(db: Database) -> ReferenceData:
    reference = reference_data(db)
    for name, birth, seq, section, rank, status in PEOPLE:
        save_cadre(
            db,
            CadreInput(
                name=name,
                id_number=number_of(birth, seq),
                section_id=reference.section_by_name(section).id,
                rank_id=reference.rank_by_name(rank).id,
                post_title="科员",
                status=status,
                joined_department=date(2021, 1, 1),
            ),
            today=TODAY,
        )
    return reference


@pytest.fixture
def query(db: Database, ref: ReferenceData) -> RosterQuery:
    return RosterQuery(db)


def names(query: RosterQuery, f: RosterFilter, **kwargs: object) -> list[str]:
    rows = query.page(f, **kwargs)
    assert query.count(f) == len(rows)
    return [r.name for r in rows]


def test_everyone_still_here_is_listed(query: RosterQuery) -> None:
    assert sorted(names(query, RosterFilter())) == sorted(
        p[0] for p in PEOPLE if p[5] is not CadreStatus.LEFT
    )


def test_left_cadres_are_hidden_unless_asked_for(query: RosterQuery) -> None:
    assert "王五" not in names(query, RosterFilter())
    assert "王五" in names(query, RosterFilter(include_left=True))
    assert query.count(RosterFilter(include_left=True)) == len(PEOPLE)
    assert names(query, RosterFilter(text="王五")) == []
    assert names(query, RosterFilter(text="王五", include_left=True)) == ["王五"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张", {"张三", "张珊珊"}),
        ("珊", {"张珊珊"}),
        ("李四", {"李四"}),
        (" 李 四 ", {"李四"}),  # padding typed by habit is ignored
        ("娜娜", {"欧阳娜娜"}),
        ("zs", {"张三", "张珊珊"}),
        ("ZS", {"张三", "张珊珊"}),
        ("zss", {"张珊珊"}),
        ("zhangsan", {"张三"}),  # "zhangshanshan" does not start with "zhangsan"
        ("zhangs", {"张三", "张珊珊"}),
        ("ls", {"李四", "李_四"}),
        ("oyn", {"欧阳娜娜"}),
        ("zl", {"赵六"}),
        ("sz", set()),  # initials match from the start only
        ("无此人", set()),
    ],
)
def test_search_by_name_and_pinyin(query: RosterQuery, text: str, expected: set[str]) -> None:
    assert set(names(query, RosterFilter(text=text))) == expected


def test_search_by_id_number_fragment(query: RosterQuery) -> None:
    number = number_of(date(1985, 5, 6), 33)
    assert names(query, RosterFilter(text=number)) == ["李四"]
    assert names(query, RosterFilter(text="19850506")) == ["李四"]
    assert names(query, RosterFilter(text=number[-6:])) == ["李四"]
    # The full-width digits an IME produces work as well.
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "19850506")
    assert names(query, RosterFilter(text=full_width)) == ["李四"]
    assert set(names(query, RosterFilter(text="410182"))) == {
        p[0] for p in PEOPLE if p[5] is not CadreStatus.LEFT
    }


def test_search_for_an_x_check_digit_in_lower_case(db: Database, query: RosterQuery) -> None:
    ref = reference_data(db)
    birth = date(1991, 2, 3)
    number = next(
        make_id_number("410102", birth, s)
        for s in range(1000)
        if make_id_number("410102", birth, s).endswith("X")
    )
    save_cadre(
        db,
        CadreInput(name="钱七", id_number=number, section_id=ref.sections[0].id),
        today=TODAY,
    )
    assert names(query, RosterFilter(text=number[-5:].lower())) == ["钱七"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("%", set()),
        ("张%", set()),
        ("%三", set()),
        ("_", {"李_四"}),
        ("李_", {"李_四"}),
        ("李_四", {"李_四"}),
        ("\\", set()),
    ],
)
def test_like_wildcards_in_the_search_text_are_literal(
    query: RosterQuery, text: str, expected: set[str]
) -> None:
    assert set(names(query, RosterFilter(text=text))) == expected


def test_section_and_rank_filters(query: RosterQuery, ref: ReferenceData) -> None:
    cadre_section = ref.section_by_name("干部科").id
    office = ref.section_by_name("办公室").id
    clerk = ref.rank_by_name("一级科员").id
    assert set(names(query, RosterFilter(section_id=cadre_section))) == {"张三", "张珊珊"}
    assert set(names(query, RosterFilter(section_id=office))) == {"李四", "欧阳娜娜"}
    assert set(names(query, RosterFilter(rank_id=clerk))) == {"张珊珊", "李_四", "欧阳娜娜"}
    assert names(query, RosterFilter(section_id=office, rank_id=clerk)) == ["欧阳娜娜"]
    assert names(query, RosterFilter(section_id=office, rank_id=clerk, text="zs")) == []
    organisation = ref.section_by_name("组织科").id
    assert names(query, RosterFilter(section_id=organisation)) == ["赵六"]
    assert set(names(query, RosterFilter(section_id=organisation, include_left=True))) == {
        "赵六",
        "王五",
    }


def test_sort_by_birth_date_both_ways(query: RosterQuery) -> None:
    rows = query.page(RosterFilter(), sort_key="birth_date")
    births = [r.birth_date for r in rows]
    assert births == sorted(births)
    rows = query.page(RosterFilter(), sort_key="birth_date", descending=True)
    births = [r.birth_date for r in rows]
    assert births == sorted(births, reverse=True)


def test_sort_by_name_follows_pinyin(query: RosterQuery) -> None:
    rows = query.page(RosterFilter(), sort_key="name")
    assert [r.name for r in rows] == ["李四", "李_四", "欧阳娜娜", "张三", "张珊珊", "赵六"]


def test_default_sort_is_by_section_then_seniority(query: RosterQuery) -> None:
    rows = query.page(RosterFilter())
    # 办公室 first (sort order 0), then 组织科, 干部科, 人才科 as seeded.
    assert [r.section for r in rows] == ["办公室", "办公室", "组织科", "干部科", "干部科", "人才科"]
    office = [r.name for r in rows if r.section == "办公室"]
    assert office == ["李四", "欧阳娜娜"]  # 副科长 before 一级科员
    cadre_section = [r.name for r in rows if r.section == "干部科"]
    assert cadre_section == ["张三", "张珊珊"]  # 科长 before 一级科员


@pytest.mark.parametrize("key", [k for k, _ in ROSTER_COLUMNS])
def test_every_column_can_be_sorted_both_ways(query: RosterQuery, key: str) -> None:
    up = query.page(RosterFilter(include_left=True), sort_key=key)
    down = query.page(RosterFilter(include_left=True), sort_key=key, descending=True)
    assert len(up) == len(down) == len(PEOPLE)
    assert {r.id for r in up} == {r.id for r in down}


def test_paging_covers_every_row_once(query: RosterQuery) -> None:
    f = RosterFilter(include_left=True)
    whole = [r.id for r in query.page(f, sort_key="name")]
    pages = [
        r.id
        for offset in range(0, len(PEOPLE), 3)
        for r in query.page(f, sort_key="name", offset=offset, limit=3)
    ]
    assert pages == whole
    assert len(set(whole)) == len(PEOPLE)


def test_rows_carry_the_display_values(query: RosterQuery) -> None:
    (row,) = query.page(RosterFilter(text="张三"))
    assert row.section == "干部科"
    assert row.rank == "科长"
    assert row.sex == "男"
    assert row.birth_date == date(1980, 1, 2)
    assert row.status == "在职"
    assert row.id_number == number_of(date(1980, 1, 2), 11)
