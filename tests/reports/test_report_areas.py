"""The annual report's 学习学分 and 竞争上岗 sections come from those areas' records."""

from __future__ import annotations

from orgdesk.services.annual_report import build_annual_report
from orgdesk.services.contest_views import list_contests
from orgdesk.services.credits import credits_for_year
from orgdesk.storage.database import Database


def _section(report, key):  # type: ignore[no-untyped-def]
    return next(s for s in report.sections if s.key == key)


def test_training_section_matches_the_credit_accounts(demo_db: Database) -> None:
    report = build_annual_report(demo_db, 2025)
    section = _section(report, "training")
    rows = credits_for_year(demo_db, 2025)
    assert section.available
    assert len(section.rows) == len(rows)
    by_name = {r[0]: r for r in section.rows}
    for r in rows:
        assert by_name[r.name][4] == r.earned
    met = sum(1 for r in rows if r.shortfall == 0 and r.failed_exams == 0)
    figure = section.figure("学习达标人数")
    assert figure is not None and figure.value == met
    forms = [f for f in report.forms if f.training]
    assert forms and all("学分" in f.training for f in forms)


def test_a_year_without_training_says_so(demo_db: Database) -> None:
    section = _section(build_annual_report(demo_db, 2010), "training")
    assert not section.available and "尚无" in section.note


def test_contest_section_lists_the_years_contests(demo_db: Database) -> None:
    contests = list_contests(demo_db)
    year = contests[0].announced_on.year
    section = _section(build_annual_report(demo_db, year), "contests")
    expected = [c for c in contests if c.announced_on.year == year]
    assert section.available
    assert [r[0] for r in section.rows] == [c.title for c in expected]
