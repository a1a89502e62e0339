"""R-PRO-2 + R-TRN-5 at their edges: every reason, met or not, with the dates used."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.eligibility import (
    AssessmentFact,
    AssessmentResult,
    CadreFacts,
    EligibilityRules,
    Override,
    PostingFact,
    PostLevel,
    Rule,
    StudyResult,
    check_eligibility,
    deputy_spell,
    time_rule_reached_on,
)
from orgdesk.domain.people import RankLevel
from orgdesk.domain.service_length import add_years
from orgdesk.domain.settings import Settings

RULES = EligibilityRules.from_settings(Settings())
CLERK = PostingFact(date(2010, 1, 1), None, RankLevel.CLERK, False, rank_name="一级科员")


def deputy(start: date, end: date | None = None) -> PostingFact:
    return PostingFact(
        start, end, RankLevel.DEPUTY_SECTION, True, rank_name="副科长", where="干部科"
    )


def facts(**kw) -> CadreFacts:
    base = {
        "cadre_id": 1,
        "name": "张三",
        "first_employment": date(2000, 1, 1),
        "joined_department": date(2000, 1, 1),
        "postings": (CLERK,),
        "assessments": (AssessmentFact(date(2020, 5, 10), AssessmentResult.PASSED),),
        "study": StudyResult(2023, True, 45, 40),
        "grade": "称职",
    }
    base.update(kw)
    return CadreFacts(**base)


def reason(f: CadreFacts, level: PostLevel, on: date, rule: Rule):
    found = check_eligibility(f, level, on, RULES).reason(rule)
    assert found is not None
    return found


def test_defaults_come_from_settings() -> None:
    assert EligibilityRules(3, 5, 2) == RULES
    changed = EligibilityRules.from_settings(Settings({"contest.deputy.years_in_department": 4}))
    assert changed.years_in_department == 4


# -- 副科长: 3 years in the department or 5 years of service --------------------------


def test_exactly_three_years_in_department_is_enough() -> None:
    f = facts(joined_department=date(2021, 7, 1), first_employment=date(2021, 7, 1))
    on = date(2024, 7, 1)
    r = reason(f, PostLevel.DEPUTY, on, Rule.TENURE)
    assert r.met
    assert "2021-07-01 进入本部，至 2024-07-01 在机关工作满 3 年" in r.text


def test_one_day_short_of_three_years_is_not() -> None:
    f = facts(joined_department=date(2021, 7, 1), first_employment=date(2021, 7, 1))
    r = reason(f, PostLevel.DEPUTY, date(2024, 6, 30), Rule.TENURE)
    assert not r.met
    assert "不满 3 年（2024-07-01 满）" in r.text
    assert r.reached_on == date(2024, 7, 1)


def test_four_years_364_days_of_service_is_not_five() -> None:
    first = date(2018, 7, 2)
    on = date(2023, 7, 1)
    assert (on - add_years(first, 4)).days == 364
    f = facts(first_employment=first, joined_department=date(2022, 1, 1))
    r = reason(f, PostLevel.DEPUTY, on, Rule.TENURE)
    assert not r.met
    assert "工龄4年11个月，不满 5 年（2023-07-02 满）" in r.text
    assert reason(f, PostLevel.DEPUTY, on + timedelta(days=1), Rule.TENURE).met


def test_five_years_of_service_is_enough_without_three_in_department() -> None:
    f = facts(first_employment=date(2018, 7, 2), joined_department=date(2022, 1, 1))
    r = reason(f, PostLevel.DEPUTY, date(2023, 7, 2), Rule.TENURE)
    assert r.met
    assert "工龄满 5 年" in r.text
    assert "在机关工作1年6个月，不满 3 年" in r.text  # the unmet half is still explained


def test_missing_dates_say_so() -> None:
    f = facts(first_employment=None, joined_department=None)
    r = reason(f, PostLevel.DEPUTY, date(2024, 7, 1), Rule.TENURE)
    assert not r.met and r.data_missing
    assert "进入本部时间未填写" in r.text and "参加工作时间未填写" in r.text


def test_leap_day_joining_counts_from_march_first() -> None:
    f = facts(joined_department=date(2020, 2, 29), first_employment=date(2020, 2, 29))
    assert not reason(f, PostLevel.DEPUTY, date(2023, 2, 28), Rule.TENURE).met
    assert reason(f, PostLevel.DEPUTY, date(2023, 3, 1), Rule.TENURE).met


# -- 过渡考核 -------------------------------------------------------------------------


def test_missing_assessment_is_not_met_and_says_why() -> None:
    f = facts(assessments=())
    r = reason(f, PostLevel.DEPUTY, date(2024, 7, 1), Rule.TRANSITION)
    assert not r.met and r.data_missing
    assert r.text == "截至 2024-07-01 无过渡考核记录，无法判断"
    assert r.status == "数据缺失"


def test_assessment_after_the_reference_date_does_not_count() -> None:
    f = facts(assessments=(AssessmentFact(date(2024, 9, 1), AssessmentResult.PASSED),))
    r = reason(f, PostLevel.DEPUTY, date(2024, 7, 1), Rule.TRANSITION)
    assert not r.met
    assert "2024-09-01 的考核晚于基准日" in r.text
    assert reason(f, PostLevel.DEPUTY, date(2024, 9, 1), Rule.TRANSITION).met


def test_latest_assessment_decides() -> None:
    passed = AssessmentFact(date(2021, 3, 1), AssessmentResult.PASSED)
    failed = AssessmentFact(date(2023, 3, 1), AssessmentResult.FAILED)
    f = facts(assessments=(passed, failed))
    r = reason(f, PostLevel.DEPUTY, date(2024, 7, 1), Rule.TRANSITION)
    assert not r.met
    assert r.text == "最近一次过渡考核（2023-03-01）不合格"
    assert reason(f, PostLevel.DEPUTY, date(2022, 1, 1), Rule.TRANSITION).met


# -- 正科长: 2 years as 副科长 ----------------------------------------------------------


def test_exactly_two_years_as_deputy() -> None:
    f = facts(postings=(replace(CLERK, end=date(2022, 6, 30)), deputy(date(2022, 7, 1))))
    r = reason(f, PostLevel.CHIEF, date(2024, 7, 1), Rule.DEPUTY_YEARS)
    assert r.met
    assert "2022-07-01 起" in r.text and "满 2 年" in r.text
    short = reason(f, PostLevel.CHIEF, date(2024, 6, 30), Rule.DEPUTY_YEARS)
    assert not short.met
    assert "累计1年11个月，不满 2 年，2024-07-01 满 2 年" in short.text
    assert short.reached_on == date(2024, 7, 1)


def test_non_leadership_deputy_rank_does_not_count_as_deputy() -> None:
    four = PostingFact(
        date(2015, 1, 1), None, RankLevel.DEPUTY_SECTION, False, rank_name="四级主任科员"
    )
    r = reason(facts(postings=(four,)), PostLevel.CHIEF, date(2024, 7, 1), Rule.DEPUTY_YEARS)
    assert not r.met
    assert "无副科级领导职务" in r.text


def test_a_break_is_not_counted() -> None:
    # All of 2020, then a 181-day break (2021-01-01 .. 2021-06-30), then again from 2021-07-01:
    # the start moves forward by the 181 days of the break.
    spells = (deputy(date(2020, 1, 1), date(2020, 12, 31)), deputy(date(2021, 7, 1)))
    f = facts(postings=spells)
    spell = deputy_spell(f.postings, date(2024, 1, 1))
    assert spell.counted_from == date(2020, 1, 1) + timedelta(days=181) == date(2020, 6, 30)
    assert not reason(f, PostLevel.CHIEF, date(2022, 6, 29), Rule.DEPUTY_YEARS).met
    r = reason(f, PostLevel.CHIEF, date(2022, 6, 30), Rule.DEPUTY_YEARS)
    assert r.met and "扣除间断后" in r.text


def test_adjacent_deputy_postings_are_one_spell() -> None:
    # A move between sections as 副科长 (apply_move closes the day before) is no break.
    spells = (deputy(date(2022, 7, 1), date(2023, 3, 31)), deputy(date(2023, 4, 1)))
    r = reason(facts(postings=spells), PostLevel.CHIEF, date(2024, 7, 1), Rule.DEPUTY_YEARS)
    assert r.met and "扣除间断" not in r.text


def test_former_deputy_short_of_two_years_cannot_wait_it_out() -> None:
    spells = (deputy(date(2020, 1, 1), date(2020, 12, 31)),)
    f = facts(postings=(*spells, replace(CLERK, start=date(2021, 1, 1))))
    r = reason(f, PostLevel.CHIEF, date(2024, 7, 1), Rule.DEPUTY_YEARS)
    assert not r.met and "现已不任副科长" in r.text
    assert time_rule_reached_on(f, PostLevel.CHIEF, date(2024, 7, 1), RULES) is None


# -- 现任层级 and 同级 ------------------------------------------------------------------


def test_a_chief_is_not_eligible_for_a_deputy_post() -> None:
    chief = PostingFact(date(2015, 1, 1), None, RankLevel.SECTION, True, rank_name="科长")
    r = reason(facts(postings=(chief,)), PostLevel.DEPUTY, date(2024, 7, 1), Rule.RANK)
    assert not r.met and r.text == "现任科长（正科级），高于副科级岗位"


def test_same_level_only_for_institution_leaders() -> None:
    head = PostingFact(
        date(2019, 1, 1),
        None,
        RankLevel.SECTION,
        True,
        in_institution=True,
        rank_name="科长",
        where="县委党员教育中心",
        post_title="主任",
    )
    ok = reason(facts(postings=(head,)), PostLevel.SAME, date(2024, 7, 1), Rule.SAME_LEVEL)
    assert ok.met and "县委党员教育中心主任" in ok.text and "正科级" in ok.text
    r = reason(facts(), PostLevel.SAME, date(2024, 7, 1), Rule.SAME_LEVEL)
    assert not r.met


# -- R-TRN-5 and the grade, and overrides -------------------------------------------------


def test_missing_study_and_grade_data_say_so() -> None:
    f = facts(study=None, grade=None)
    e = check_eligibility(f, PostLevel.DEPUTY, date(2026, 3, 1), RULES)
    assert not e.eligible
    study = e.reason(Rule.STUDY)
    grade = e.reason(Rule.GRADE)
    assert study is not None and study.text == "2025 年度学习学分数据缺失，无法判断"
    assert grade is not None and grade.text == "2025 年度考核等次数据缺失，无法判断"
    assert study.data_missing and grade.data_missing


def test_study_of_another_year_is_missing_for_this_one() -> None:
    r = reason(facts(study=StudyResult(2022, True)), PostLevel.DEPUTY, date(2024, 7, 1), Rule.STUDY)
    assert not r.met and r.text == "2023 年度学习学分数据缺失，无法判断"


def test_study_shortfall_and_failed_exam() -> None:
    f = facts(study=StudyResult(2023, False, 30, 40, ("党史知识测试",)))
    r = reason(f, PostLevel.DEPUTY, date(2024, 7, 1), Rule.STUDY)
    assert not r.met
    assert r.text == "2023 年度学习未达标：学分 30/40；考试不及格：党史知识测试"
    ok = reason(facts(), PostLevel.DEPUTY, date(2024, 7, 1), Rule.STUDY)
    assert ok.met and ok.text == "2023 年度学习达标（学分 45/40）"


def test_basic_competent_grade_blocks() -> None:
    for grade in ("基本称职", "不称职"):
        r = reason(facts(grade=grade), PostLevel.CHIEF, date(2024, 7, 1), Rule.GRADE)
        assert not r.met and r.text == f"2023 年度考核等次为{grade}，不得参加竞争"
    assert reason(facts(grade="优秀"), PostLevel.CHIEF, date(2024, 7, 1), Rule.GRADE).met


def test_every_reason_is_listed_and_the_whole_answer_reads_in_chinese() -> None:
    e = check_eligibility(facts(), PostLevel.DEPUTY, date(2024, 7, 1), RULES)
    assert [r.rule for r in e.reasons] == [
        Rule.RANK,
        Rule.TENURE,
        Rule.TRANSITION,
        Rule.STUDY,
        Rule.GRADE,
    ]
    assert e.eligible and e.verdict == "符合"
    text = e.text()
    assert text.startswith("副科级岗位资格（基准日 2024-07-01）：符合")
    assert "【符合】过渡考核：2020-05-10 过渡考核合格" in text


def test_override_needs_a_reason_and_shows_as_such() -> None:
    f = facts(study=None)
    on = date(2024, 7, 1)
    plain = check_eligibility(f, PostLevel.DEPUTY, on, RULES)
    assert not plain.eligible
    override = Override(Rule.STUDY, "援藏期间学分由当地组织部认定", "王科长")
    e = check_eligibility(f, PostLevel.DEPUTY, on, RULES, {Rule.STUDY: override})
    assert e.eligible and e.by_override
    assert e.verdict == "符合（含例外认定）"
    line = e.reason(Rule.STUDY)
    assert line is not None and line.status == "例外认定"
    assert "例外认定理由：援藏期间学分由当地组织部认定，王科长" in line.line()
    # an override of a reason already met changes nothing
    e2 = check_eligibility(facts(), PostLevel.DEPUTY, on, RULES, {Rule.STUDY: override})
    assert not e2.by_override and e2.verdict == "符合"


# -- laws ------------------------------------------------------------------------------


@given(
    start=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    offset=st.integers(-800, 2000),
    years=st.integers(0, 6),
)
def test_single_deputy_spell_is_the_anniversary_rule(start: date, offset: int, years: int) -> None:
    rules = EligibilityRules(3, 5, years)
    on = start + timedelta(days=offset)
    f = facts(postings=(deputy(start),))
    r = check_eligibility(f, PostLevel.CHIEF, on, rules).reason(Rule.DEPUTY_YEARS)
    assert r is not None
    if on <= start:
        assert not r.met
    else:
        assert r.met == (on >= add_years(start, years))
        assert r.reached_on == add_years(start, years)


@given(
    joined=st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    first_back=st.integers(0, 3000),
    offset=st.integers(0, 4000),
)
def test_tenure_is_met_exactly_from_the_day_it_is_reached(
    joined: date, first_back: int, offset: int
) -> None:
    f = facts(joined_department=joined, first_employment=joined - timedelta(days=first_back))
    on = joined + timedelta(days=offset)
    reached = time_rule_reached_on(f, PostLevel.DEPUTY, on, RULES)
    assert reached is not None
    met = reason(f, PostLevel.DEPUTY, on, Rule.TENURE).met
    assert met == (on >= reached)
