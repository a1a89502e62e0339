"""R-ROT-2 / R-ROT-3: due and overdue at their edges, from posting history."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesk.domain.people import SectionKind
from orgdesk.domain.rotation import (
    RotationState,
    Stint,
    assess_rotation,
    merged_department_stints,
    minimum_years_before_move,
)
from orgdesk.domain.service_length import add_years, full_years_between
from orgdesk.domain.settings import Settings

GEN, BIZ = SectionKind.GENERAL, SectionKind.BUSINESS
DEFAULTS = Settings()
DAY = timedelta(days=1)


def line(section_id: int | None, kind: SectionKind | None, start: date, end: date | None = None,
         post: str = "科员", rank_id: int | None = None, unit: str = "本部") -> Stint:  # fmt: skip
    return Stint(unit, section_id, kind, post, start, end, rank_id)


def second_post(start: date) -> list[Stint]:
    """Someone who has already moved once: regular rule applies to the current post."""
    return [line(1, GEN, date(2010, 7, 1), start - DAY), line(3, BIZ, start)]


def state(history: list[Stint], on: date, s: Settings = DEFAULTS) -> RotationState:
    found = assess_rotation(history, on, s)
    assert found is not None
    return found.state


# -- regular posts: exactly 3 years is due; overdue after 3 years + 12 months ----------


def test_exactly_three_years_is_due_the_day_before_is_not() -> None:
    h = second_post(date(2021, 9, 1))
    assert state(h, date(2024, 8, 31)) is RotationState.NOT_DUE
    assert state(h, date(2024, 9, 1)) is RotationState.DUE
    a = assess_rotation(h, date(2024, 9, 1), DEFAULTS)
    assert a is not None
    assert a.due_on == date(2024, 9, 1)
    assert a.in_post == (3, 0)
    assert a.in_post_text == "3年"


def test_overdue_only_after_the_margin() -> None:
    h = second_post(date(2021, 9, 1))
    assert state(h, date(2025, 9, 1)) is RotationState.DUE  # exactly due + 12 months
    assert state(h, date(2025, 9, 2)) is RotationState.OVERDUE
    a = assess_rotation(h, date(2025, 9, 2), DEFAULTS)
    assert a is not None and a.overdue_after == date(2025, 9, 1)


def test_leap_day_start_is_due_on_march_1_in_a_common_year() -> None:
    h = second_post(date(2020, 2, 29))
    assert state(h, date(2023, 2, 28)) is RotationState.NOT_DUE
    assert state(h, date(2023, 3, 1)) is RotationState.DUE
    a = assess_rotation(h, date(2023, 3, 1), DEFAULTS)
    assert a is not None
    assert a.due_on == date(2023, 3, 1) == add_years(date(2020, 2, 29), 3)
    assert a.overdue_after == date(2024, 3, 1)
    assert state(h, date(2024, 3, 1)) is RotationState.DUE
    assert state(h, date(2024, 3, 2)) is RotationState.OVERDUE


def test_leap_day_start_reaches_four_years_on_the_next_leap_day() -> None:
    s = Settings({"rotation.years": 4, "rotation.overdue_margin_months": 0})
    h = second_post(date(2020, 2, 29))
    assert state(h, date(2024, 2, 28), s) is RotationState.NOT_DUE
    assert state(h, date(2024, 2, 29), s) is RotationState.DUE
    assert state(h, date(2024, 3, 1), s) is RotationState.OVERDUE


def test_settings_move_the_edges() -> None:
    s = Settings({"rotation.years": 5, "rotation.overdue_margin_months": 6})
    h = second_post(date(2020, 1, 15))
    assert state(h, date(2025, 1, 14), s) is RotationState.NOT_DUE
    assert state(h, date(2025, 1, 15), s) is RotationState.DUE
    assert state(h, date(2025, 7, 15), s) is RotationState.DUE
    assert state(h, date(2025, 7, 16), s) is RotationState.OVERDUE


def test_a_rank_change_in_the_same_post_does_not_restart_the_clock() -> None:
    h = [
        line(1, GEN, date(2012, 1, 1), date(2016, 12, 31)),
        line(3, BIZ, date(2017, 1, 1), date(2019, 6, 30), rank_id=1),
        line(3, BIZ, date(2019, 7, 1), rank_id=2),
    ]
    a = assess_rotation(h, date(2020, 1, 1), DEFAULTS)
    assert a is not None
    assert a.post.start == date(2017, 1, 1)
    assert a.due_on == date(2020, 1, 1)
    assert a.state is RotationState.DUE
    assert len(merged_department_stints(h)) == 2


def test_a_change_of_post_in_the_same_section_restarts_it() -> None:
    h = [
        line(1, GEN, date(2012, 1, 1), date(2016, 12, 31)),
        line(3, BIZ, date(2017, 1, 1), date(2019, 6, 30)),
        line(3, BIZ, date(2019, 7, 1), post="副科长"),
    ]
    a = assess_rotation(h, date(2020, 1, 1), DEFAULTS)
    assert a is not None and a.post.start == date(2019, 7, 1)
    assert a.state is RotationState.NOT_DUE


def test_outside_lines_and_secondment_lines_do_not_count_as_posts() -> None:
    h = [
        line(None, None, date(2005, 7, 1), date(2011, 12, 31), unit="县财政局"),
        line(1, GEN, date(2012, 1, 1), date(2015, 12, 31)),
        line(3, BIZ, date(2016, 1, 1)),
        line(None, None, date(2017, 1, 1), date(2017, 12, 31), unit="城关镇人民政府"),
    ]
    a = assess_rotation(h, date(2019, 1, 1), DEFAULTS)
    assert a is not None
    assert a.post.section_id == 3 and a.post.start == date(2016, 1, 1)
    assert a.state is RotationState.DUE  # the year away still counts as time in post


def test_as_of_a_past_date_reads_the_post_held_then() -> None:
    h = second_post(date(2021, 9, 1))
    a = assess_rotation(h, date(2015, 1, 1), DEFAULTS)
    assert a is not None and a.post.section_id == 1
    assert assess_rotation(h, date(2009, 1, 1), DEFAULTS) is None  # not yet in the department


# -- R-ROT-3: the first post -------------------------------------------------------------


def test_first_post_in_general_section_opens_at_two_years_overdue_after_three() -> None:
    h = [line(1, GEN, date(2022, 7, 1))]
    assert state(h, date(2024, 6, 30)) is RotationState.NOT_DUE
    assert state(h, date(2024, 7, 1)) is RotationState.DUE
    assert state(h, date(2025, 7, 1)) is RotationState.DUE  # exactly 3 years: not yet after 3
    assert state(h, date(2025, 7, 2)) is RotationState.OVERDUE
    a = assess_rotation(h, date(2024, 7, 1), DEFAULTS)
    assert a is not None
    assert a.general_first and not a.business_first
    assert a.rule_text == "首岗（综合科室）"
    assert "综合科室" in a.note and "业务科室" in a.note


def test_first_post_on_a_leap_day() -> None:
    h = [line(1, GEN, date(2024, 2, 29))]
    assert state(h, date(2026, 2, 28)) is RotationState.NOT_DUE
    assert state(h, date(2026, 3, 1)) is RotationState.DUE
    assert state(h, date(2027, 3, 1)) is RotationState.DUE
    assert state(h, date(2027, 3, 2)) is RotationState.OVERDUE


def test_first_post_settings_apply() -> None:
    s = Settings({"first_posting.window_years": 1, "first_posting.overdue_years": 2})
    h = [line(1, GEN, date(2022, 7, 1))]
    assert state(h, date(2023, 7, 1), s) is RotationState.DUE
    assert state(h, date(2024, 7, 2), s) is RotationState.OVERDUE


def test_entrant_placed_straight_into_a_business_section_is_flagged() -> None:
    h = [line(3, BIZ, date(2024, 7, 1))]
    a = assess_rotation(h, date(2025, 1, 1), DEFAULTS)
    assert a is not None
    assert a.business_first and not a.general_first
    assert a.state is RotationState.NOT_DUE  # regular 3-year rule for the post itself
    assert "直接安排在业务科室" in a.note


def test_after_the_first_move_neither_first_rule_nor_flag_applies() -> None:
    h = [line(3, BIZ, date(2018, 7, 1), date(2021, 6, 30)), line(1, GEN, date(2021, 7, 1))]
    a = assess_rotation(h, date(2023, 7, 1), DEFAULTS)
    assert a is not None
    assert not a.first_posting and not a.business_first and not a.general_first
    assert a.state is RotationState.NOT_DUE  # 2 years, regular rule wants 3


def test_minimum_years_before_move() -> None:
    s = Settings({"rotation.min_years": 4})
    assert minimum_years_before_move([line(1, GEN, date(2022, 1, 1))], date(2023, 1, 1), s) == 2
    assert minimum_years_before_move(second_post(date(2022, 1, 1)), date(2023, 1, 1), s) == 4


# -- laws -------------------------------------------------------------------------------

starts = st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(start=starts, days=st.integers(min_value=0, max_value=4000))
def test_law_due_exactly_when_full_years_reach_the_setting(start: date, days: int) -> None:
    on = start + timedelta(days=days)
    h = second_post(start) if start > date(1995, 1, 2) else [line(3, BIZ, start)]
    a = assess_rotation(h, on, DEFAULTS)
    assert a is not None
    reached = full_years_between(start, on) >= 3
    assert (a.state is not RotationState.NOT_DUE) == reached


@settings(max_examples=200, deadline=None)
@given(start=starts, days=st.integers(min_value=0, max_value=4000))
def test_law_states_only_get_more_urgent_with_time(start: date, days: int) -> None:
    h = second_post(start)
    a = assess_rotation(h, start + timedelta(days=days), DEFAULTS)
    b = assess_rotation(h, start + timedelta(days=days + 1), DEFAULTS)
    assert a is not None and b is not None
    assert b.state <= a.state


def test_rotation_domain_imports_no_qt_or_sqlalchemy() -> None:
    code = (
        "import sys\n"
        "import orgdesk.domain.rotation, orgdesk.domain.secondment, orgdesk.domain.rotation_gaps\n"
        "import orgdesk.domain.rotation_plan, orgdesk.domain.contact_points, "
        "orgdesk.domain.timeline\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')"
        " or m.startswith(('orgdesk.storage', 'orgdesk.ui', 'orgdesk.services'))]\n"
        "assert not bad, bad\n"
    )
    import os

    import orgdesk

    root = os.path.dirname(os.path.dirname(os.path.abspath(orgdesk.__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
