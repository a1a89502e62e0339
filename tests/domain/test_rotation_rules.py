"""R-ROT-4 gap suggestions, plan checks, contact points/meetings and the timeline data."""

from __future__ import annotations

from datetime import date

import pytest

from orgdesk.domain.contact_points import (
    MeetingInput,
    VisitActivity,
    VisitInput,
    check_meeting,
    check_visit,
    last_day,
    missed_months,
    visit_due,
)
from orgdesk.domain.people import SectionKind
from orgdesk.domain.rotation import Stint
from orgdesk.domain.rotation_gaps import (
    PersonHistory,
    SecondmentSpan,
    is_grassroots,
    is_higher_organ,
    suggest,
)
from orgdesk.domain.rotation_plan import (
    ConflictKind,
    Holder,
    PlannedMove,
    Seat,
    check_plan,
)
from orgdesk.domain.secondment import SecondmentKind
from orgdesk.domain.settings import Settings
from orgdesk.domain.timeline import Lane, build_person_timeline, who_was_where

GEN, BIZ = SectionKind.GENERAL, SectionKind.BUSINESS
ON = date(2026, 6, 30)
S = Settings()


def st(section: int | None, start: date, end: date | None = None, unit: str = "本部",
       post: str = "科员", rank: int | None = None) -> Stint:  # fmt: skip
    kind = None if section is None else (GEN if section == 1 else BIZ)
    return Stint(unit, section, kind, post, start, end, rank)


# -- 缺什么补什么 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "grassroots"),
    [
        ("城关镇人民政府", True),
        ("柳林乡", True),
        ("东关街道办事处", True),
        ("王庄村", True),
        ("幸福社区", True),
        ("恒达机械有限公司", True),
        ("县化肥厂", True),
        ("县住房和城乡建设局", False),
        ("县农业农村局", False),
        ("县委办公室", False),
    ],
)
def test_grassroots_units(unit: str, grassroots: bool) -> None:
    assert is_grassroots(unit) is grassroots


def test_higher_organ_units() -> None:
    assert is_higher_organ("市委组织部干部一科")
    assert is_higher_organ("省委组织部")
    assert not is_higher_organ("县市场监督管理局")
    assert not is_higher_organ("县委组织部")


def kinds(person: PersonHistory, on: date = ON, s: Settings = S) -> set[SecondmentKind]:
    return {g.kind for g in suggest(person, on, s)}


def test_no_grassroots_experience_suggests_down_with_a_reason() -> None:
    p = PersonHistory(1, "张三", "科员", (st(1, date(2022, 1, 1)),))
    found = suggest(p, ON, S)
    assert [g.kind for g in found] == [SecondmentKind.DOWN]
    assert "基层工作经验" in found[0].reason and "下派" in found[0].reason


def test_town_history_or_a_past_down_secondment_counts_as_grassroots() -> None:
    town = (st(None, date(2010, 1, 1), date(2015, 12, 31), unit="城关镇人民政府"),)
    assert SecondmentKind.DOWN not in kinds(
        PersonHistory(1, "张三", "科员", (*town, st(1, date(2016, 1, 1))))
    )
    span = SecondmentSpan(SecondmentKind.DOWN, "王庄村", date(2020, 1, 1), date(2020, 12, 31), True)
    assert SecondmentKind.DOWN not in kinds(
        PersonHistory(1, "张三", "科员", (st(1, date(2016, 1, 1)),), (span,))
    )


def test_a_planned_down_secondment_covers_the_suggestion() -> None:
    span = SecondmentSpan(SecondmentKind.DOWN, "王庄村", date(2026, 9, 1), date(2027, 8, 31), False)
    p = PersonHistory(1, "张三", "科员", (st(1, date(2022, 1, 1)),), (span,))
    assert SecondmentKind.DOWN not in kinds(p)


def test_middle_level_without_higher_organ_suggests_up() -> None:
    base = (st(None, date(2008, 1, 1), date(2012, 1, 1), unit="柳林乡人民政府"),)
    chief = PersonHistory(1, "李四", "科长", (*base, st(3, date(2012, 1, 2), post="科长")))
    found = [g for g in suggest(chief, ON, S) if g.kind is SecondmentKind.UP]
    assert found and "中层干部" in found[0].reason and "上挂" in found[0].reason
    clerk = PersonHistory(2, "王五", "科员", (*base, st(3, date(2012, 1, 2))))
    assert SecondmentKind.UP not in kinds(clerk)
    city = (st(None, date(2005, 1, 1), date(2007, 12, 31), unit="市委组织部"),)
    chief2 = PersonHistory(
        3, "赵六", "副科长", (*city, *base, st(3, date(2012, 1, 2), post="副科长"))
    )
    assert SecondmentKind.UP not in kinds(chief2)


def test_long_in_one_line_suggests_study_and_sums_stints() -> None:
    town = (st(None, date(2005, 1, 1), date(2009, 12, 31), unit="城关镇人民政府"),)
    history = (
        *town,
        st(3, date(2010, 1, 1), date(2013, 12, 31)),
        st(1, date(2014, 1, 1), date(2016, 12, 31)),
        st(3, date(2017, 1, 1)),
    )
    p = PersonHistory(1, "张三", "科员", history, section_names={3: "干部科", 1: "办公室"})
    found = [g for g in suggest(p, date(2019, 1, 1), S) if g.kind is SecondmentKind.STUDY]
    assert found and "干部科累计工作 6年" in found[0].reason
    assert not [g for g in suggest(p, date(2018, 12, 31), S) if g.kind is SecondmentKind.STUDY]
    shorter = Settings({"rotation.same_line_years": 4})
    assert SecondmentKind.STUDY in kinds(p, date(2016, 1, 1), shorter)


# -- plan checks -------------------------------------------------------------------------

NAMES = {1: "办公室", 3: "组织科", 4: "干部科"}
SEATS = [
    Seat(1, "科长", 1, True),
    Seat(3, "科长", 1, True),
    Seat(4, "科长", 1, True),
    Seat(4, "科员", 3, False),
]
HOLDERS = [
    Holder(10, 1, "科长"),
    Holder(11, 3, "科长"),
    Holder(12, 4, "科员"),
    Holder(13, 4, "科员"),
    Holder(14, 1, "科员"),
    Holder(15, 3, "科员"),
]


def mv(row: int, cadre: int, name: str, to: int, post: str, *, frm: int = 1, frm_post: str = "科员",
       since: date = date(2020, 1, 1), eff: date = date(2026, 9, 1), min_years: int = 2,
       left: bool = False) -> PlannedMove:  # fmt: skip
    return PlannedMove(
        row, cadre, name, to, post, eff, frm, frm_post, since, since, min_years, left
    )


def kinds_of(conflicts: list) -> list[ConflictKind]:
    return [c.kind for c in conflicts]


def test_a_clean_plan_has_no_conflicts() -> None:
    moves = [mv(1, 14, "张三", 4, "科员")]
    assert check_plan(moves, HOLDERS, SEATS, {}, NAMES) == []


def test_a_chief_post_given_twice_is_blocking() -> None:
    moves = [
        mv(1, 14, "张三", 4, "科长"),
        mv(2, 15, "李四", 4, "科长", frm=3),
    ]
    conflicts = check_plan(moves, HOLDERS, SEATS, {}, NAMES)
    twice = [c for c in conflicts if c.kind is ConflictKind.POST_TWICE]
    assert len(twice) == 1 and twice[0].blocking
    assert twice[0].rows == (1, 2)
    assert "干部科·科长" in twice[0].message and "张三、李四" in twice[0].message


def test_a_chief_post_whose_holder_stays_is_given_twice() -> None:
    conflicts = check_plan([mv(1, 14, "张三", 3, "科长")], HOLDERS, SEATS, {}, NAMES)
    assert ConflictKind.POST_TWICE in kinds_of(conflicts)
    swap = [mv(1, 14, "张三", 3, "科长"), mv(2, 11, "王科", 4, "科员", frm=3, frm_post="科长")]
    assert ConflictKind.POST_TWICE not in kinds_of(check_plan(swap, HOLDERS, SEATS, {}, NAMES))


def test_a_multi_seat_post_already_full_is_a_warning() -> None:
    moves = [mv(1, 14, "张三", 4, "科员"), mv(2, 15, "李四", 4, "科员", frm=3)]
    conflicts = check_plan(moves, HOLDERS, SEATS, {}, NAMES)
    over = [c for c in conflicts if c.kind is ConflictKind.OVER_HEADCOUNT]
    assert len(over) == 1 and not over[0].blocking


def test_a_section_left_without_its_chief_is_flagged() -> None:
    moves = [mv(1, 10, "周科", 4, "科员", frm_post="科长")]
    conflicts = check_plan(moves, HOLDERS, SEATS, {}, NAMES)
    assert kinds_of(conflicts) == [ConflictKind.NO_CHIEF]
    assert "办公室调整后没有科长" in conflicts[0].message and conflicts[0].rows == (1,)
    # a replacement in the same plan settles it
    moves.append(mv(2, 14, "张三", 1, "科长"))
    assert ConflictKind.NO_CHIEF not in kinds_of(check_plan(moves, HOLDERS, SEATS, {}, NAMES))


def test_chief_recognised_by_title_even_without_a_seat_row() -> None:
    moves = [mv(1, 10, "周科", 4, "科员", frm_post="科长")]
    conflicts = check_plan(moves, HOLDERS, [], {}, NAMES)
    assert ConflictKind.NO_CHIEF in kinds_of(conflicts)


def test_moved_before_the_minimum_time() -> None:
    early = mv(1, 14, "张三", 4, "科员", since=date(2025, 1, 1), eff=date(2026, 12, 31))
    conflicts = check_plan([early], HOLDERS, SEATS, {}, NAMES)
    assert kinds_of(conflicts) == [ConflictKind.TOO_EARLY]
    assert "未满 2 年" in conflicts[0].message and not conflicts[0].blocking
    on_time = mv(1, 14, "张三", 4, "科员", since=date(2025, 1, 1), eff=date(2027, 1, 1))
    assert check_plan([on_time], HOLDERS, SEATS, {}, NAMES) == []


def test_moved_while_on_secondment() -> None:
    span = SecondmentSpan(SecondmentKind.DOWN, "城关镇", date(2026, 3, 1), date(2027, 2, 28), False)
    conflicts = check_plan([mv(1, 14, "张三", 4, "科员")], HOLDERS, SEATS, {14: [span]}, NAMES)
    assert kinds_of(conflicts) == [ConflictKind.ON_SECONDMENT]
    assert "城关镇下派挂职" in conflicts[0].message
    after = mv(1, 14, "张三", 4, "科员", eff=date(2027, 3, 1))
    assert check_plan([after], HOLDERS, SEATS, {14: [span]}, NAMES) == []


def test_same_person_twice_and_date_before_current_are_blocking() -> None:
    moves = [mv(1, 14, "张三", 4, "科员"), mv(2, 14, "张三", 3, "科员")]
    conflicts = check_plan(moves, HOLDERS, SEATS, {}, NAMES)
    assert conflicts[0].kind is ConflictKind.DUPLICATE_PERSON and conflicts[0].blocking
    bad_date = mv(1, 14, "张三", 4, "科员", since=date(2026, 9, 1))
    conflicts = check_plan([bad_date], HOLDERS, SEATS, {}, NAMES)
    assert kinds_of(conflicts) == [ConflictKind.NOT_AFTER_CURRENT]
    left = mv(1, 14, "张三", 4, "科员", left=True)
    assert ConflictKind.LEFT in kinds_of(check_plan([left], HOLDERS, SEATS, {}, NAMES))


def test_messages_name_the_row_and_the_person() -> None:
    early = mv(3, 14, "张三", 4, "科员", since=date(2025, 1, 1))
    (conflict,) = check_plan([early], HOLDERS, SEATS, {}, NAMES)
    assert conflict.message.startswith("第 3 条（张三）")
    assert str(conflict).startswith("【未满最短任职年限】")


# -- contact points and meetings ---------------------------------------------------------


def test_missed_months_count_only_complete_months() -> None:
    reported = {(2026, 1), (2026, 2), (2026, 4)}
    assert missed_months(reported, (2026, 1), date(2026, 5, 31)) == [(2026, 3)]
    assert missed_months(reported, (2026, 1), date(2026, 6, 1)) == [(2026, 3), (2026, 5)]
    assert missed_months(set(), (2025, 12), date(2026, 1, 15)) == [(2025, 12)]
    assert last_day((2024, 2)) == date(2024, 2, 29)


def test_visit_due_and_checks() -> None:
    assert visit_due(None, date(2026, 1, 1), 90) == date(2026, 4, 1)
    assert visit_due(date(2026, 3, 1), date(2026, 1, 1), 90) == date(2026, 5, 30)
    problems = check_visit(VisitInput(1, date(2026, 7, 1), " ", None, 0), today=ON)
    assert {p.field for p in problems} == {"走访日期", "走访人员", "活动内容", "天数"}
    ok = VisitInput(1, ON, "张三", VisitActivity.LABOUR)
    assert check_visit(ok, today=ON) == []
    problems = check_meeting(MeetingInput(None, "", ""), today=ON)
    assert {p.field for p in problems} == {"会议日期", "主持人", "会议纪要", "汇报科室"}


# -- timeline ---------------------------------------------------------------------------


def test_person_timeline_lanes() -> None:
    history = [
        st(None, date(2008, 7, 1), date(2011, 12, 31), unit="县财政局"),
        st(1, date(2012, 1, 1), date(2015, 12, 31), rank=1),
        st(3, date(2016, 1, 1), date(2018, 12, 31), rank=1),
        st(3, date(2019, 1, 1), rank=2),
    ]
    spans = [
        SecondmentSpan(SecondmentKind.UP, "市委组织部", date(2020, 3, 1), date(2020, 8, 31), True)
    ]
    t = build_person_timeline(
        "张三",
        "组织科 科员",
        history,
        spans,
        {1: "办公室", 3: "组织科"},
        {1: "一级科员", 2: "四级主任科员"},
        ON,
    )
    posts = t.lane(Lane.POSTS)
    assert [b.label for b in posts] == ["县财政局 科员", "办公室 科员", "组织科 科员"]
    assert posts[-1].open_ended and posts[-1].end == ON
    assert [b.label for b in t.lane(Lane.RANKS)] == ["一级科员", "四级主任科员"]
    assert t.lane(Lane.RANKS)[0].start == date(2012, 1, 1)
    assert [b.label for b in t.lane(Lane.SECONDMENTS)] == ["上挂·市委组织部"]
    assert t.first == date(2008, 7, 1) and t.last == ON


def test_who_was_where_by_year() -> None:
    history = [st(1, date(2012, 1, 1), date(2015, 6, 30)), st(3, date(2015, 7, 1))]
    rows = who_was_where([(1, "张三", history)], [2011, 2014, 2015, 2026], ON)
    assert rows[0].cells == (None, 1, 3, 3)
