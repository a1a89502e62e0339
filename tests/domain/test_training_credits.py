"""Credit rules, the account and the R-TRN-5 answer: plain values, no database."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdesk.domain.credits import (
    ActivityEntry,
    CreditKind,
    CreditRules,
    ExamSitting,
    NoteDue,
    TrainingAttendance,
    TrainingRecord,
    credit_account,
    credit_histogram,
    credit_item,
    credit_value,
    study_requirement_met,
)
from orgdesk.domain.settings import SETTINGS_BY_KEY, Settings
from orgdesk.domain.training import ActivityKind, Placing

ON = date(2026, 12, 31)
RULES = CreditRules()
CJK = re.compile(r"[\u4e00-\u9fff]")


def attend(hours: float, attended: bool | None = True, credits: float | None = None):
    return TrainingAttendance(1, "春训", date(2026, 3, 1), hours, attended, credits)


def exam(score: float | None, absent: bool = False, pass_mark: float = 60) -> ExamSitting:
    return ExamSitting(2, "上半年考试", date(2026, 6, 26), pass_mark, score, absent)


def note(submitted: date | None, due: date = date(2026, 3, 31)) -> NoteDue:
    return NoteDue(3, "《党章》读书心得", due, submitted)


def activity(placing: Placing) -> ActivityEntry:
    return ActivityEntry(4, "演讲比赛", date(2026, 5, 20), ActivityKind.SPEECH, placing)


# -- one rule per kind -------------------------------------------------------------------


def test_training_by_the_hour_plus_per_session() -> None:
    rules = CreditRules(per_hour=0.5, per_session=1)
    item = credit_item(attend(12), rules, ON)
    assert item.kind is CreditKind.TRAINING
    assert item.credits == 7
    assert "12 学时" in item.detail


def test_training_with_its_own_credit_value_overrides_the_hour_rule() -> None:
    assert credit_item(attend(12, credits=3), RULES, ON).credits == 3


def test_absent_or_unrecorded_training_earns_nothing_but_is_listed() -> None:
    assert credit_item(attend(12, attended=False), RULES, ON).detail == "缺勤"
    assert credit_item(attend(12, attended=None), RULES, ON).credits == 0


def test_exam_pass_fail_absent_pending() -> None:
    assert credit_item(exam(60), RULES, ON).credits == RULES.exam_passed  # the mark itself passes
    failed = credit_item(exam(59.5), RULES, ON)
    assert failed.credits == 0 and "不及格" in failed.detail
    assert exam(59.5).failed and not exam(60).failed
    assert exam(None, absent=True).failed
    assert not exam(None).failed and not exam(None).passed  # not entered yet: neither


def test_notes_on_time_late_missing_pending() -> None:
    due = date(2026, 3, 31)
    assert credit_item(note(due), RULES, ON).credits == RULES.note_on_time  # on the day = on time
    assert credit_item(note(due + timedelta(1)), RULES, ON).credits == RULES.note_late
    missing = credit_item(note(None), RULES, ON)
    assert missing.credits == 0 and "逾期未交" in missing.detail
    pending = credit_item(note(None), RULES, date(2026, 3, 1))
    assert pending.credits == 0 and "待提交" in pending.detail


def test_each_placing_worth_its_setting() -> None:
    for placing, value in RULES.placing.items():
        assert credit_item(activity(placing), RULES, ON).credits == value


def test_rules_come_from_settings() -> None:
    s = Settings(
        {"credits.per_hour": 0.5, "credits.placing.first": 8, "credits.yearly_requirement": 30}
    )
    rules = CreditRules.from_settings(s)
    assert rules.per_hour == 0.5
    assert rules.placing[Placing.FIRST] == 8
    assert rules.yearly_requirement == 30
    assert SETTINGS_BY_KEY["credits.note_late"].group == "培训与学分"


# -- the account and the eligibility answer ------------------------------------------------


def test_account_sums_items_exactly_and_counts_shortfall() -> None:
    records: list[TrainingRecord] = [attend(0.1), attend(0.2), exam(80), note(date(2026, 4, 2))]
    account = credit_account(2026, records, RULES, ON)
    assert account.earned == 2.8  # 0.1 + 0.2 + 2 + 0.5, exact
    assert account.shortfall == 37.2
    assert account.late_notes == 1 and account.missing_notes == 0
    assert [i.kind for i in account.items] == [
        CreditKind.TRAINING,
        CreditKind.TRAINING,
        CreditKind.NOTE,
        CreditKind.EXAM,
    ]


def test_met_when_credits_reached_and_no_failed_exam() -> None:
    account = credit_account(2026, [attend(40), exam(75)], RULES, ON)
    result = study_requirement_met(account)
    assert result.met and result.reasons == []


def test_reasons_name_the_shortfall_and_each_failed_exam_in_chinese() -> None:
    records: list[TrainingRecord] = [
        attend(30),
        exam(52),
        replace(exam(None, absent=True), ref_id=9, title="业务知识考试"),
    ]
    result = study_requirement_met(credit_account(2026, records, RULES, ON))
    assert not result.met
    assert len(result.reasons) == 3
    assert "差 10 学分" in result.reasons[0]
    assert "不及格：52 分，及格线 60 分" in result.reasons[1]
    assert "「业务知识考试」" in result.reasons[2] and "缺考" in result.reasons[2]
    assert all(CJK.search(r) for r in result.reasons)


def test_enough_credits_but_a_failed_exam_is_not_met() -> None:
    result = study_requirement_met(credit_account(2026, [attend(60), exam(10)], RULES, ON))
    assert not result.met and len(result.reasons) == 1


def test_no_records_means_the_whole_requirement_is_short() -> None:
    account = credit_account(2026, [], RULES, ON)
    assert account.earned == 0 and account.shortfall == RULES.yearly_requirement


# -- laws --------------------------------------------------------------------------------

amount = st.decimals(min_value=0, max_value=200, places=2).map(float)
day = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))
records = st.one_of(
    st.builds(
        TrainingAttendance,
        st.integers(1, 50),
        st.just("培训"),
        day,
        st.decimals(min_value="0.5", max_value=100, places=1).map(float),
        st.sampled_from([True, False, None]),
        st.one_of(st.none(), amount),
    ),
    st.builds(
        ExamSitting,
        st.integers(1, 50),
        st.just("考试"),
        day,
        st.just(60.0),
        st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=1).map(float)),
        st.booleans(),
    ),
    st.builds(NoteDue, st.integers(1, 50), st.just("心得"), day, st.one_of(st.none(), day)),
    st.builds(
        ActivityEntry,
        st.integers(1, 50),
        st.just("活动"),
        day,
        st.sampled_from(list(ActivityKind)),
        st.sampled_from(list(Placing)),
    ),
)
rules_st = st.builds(
    CreditRules,
    per_hour=amount,
    per_session=amount,
    exam_passed=amount,
    note_on_time=amount,
    note_late=amount,
    placing=st.fixed_dictionaries({p: amount for p in Placing}),
    yearly_requirement=amount,
)


@settings(max_examples=200)
@given(st.lists(records, max_size=20), records, rules_st, day)
def test_adding_a_record_never_lowers_earned(
    before: list[TrainingRecord], extra: TrainingRecord, rules: CreditRules, on: date
) -> None:
    a = credit_account(2026, before, rules, on)
    b = credit_account(2026, [*before, extra], rules, on)
    assert b.earned >= a.earned
    assert b.shortfall <= a.shortfall


@settings(max_examples=200)
@given(st.lists(records, max_size=20), rules_st, day)
def test_earned_is_the_sum_of_items_and_shortfall_the_gap(
    recs: list[TrainingRecord], rules: CreditRules, on: date
) -> None:
    account = credit_account(2026, recs, rules, on)
    assert round(sum(i.credits for i in account.items), 2) == account.earned
    assert account.shortfall == round(max(0.0, rules.yearly_requirement - account.earned), 2)
    assert len(account.items) == len(recs)
    assert credit_account(2026, list(reversed(recs)), rules, on).earned == account.earned


@settings(max_examples=200)
@given(st.lists(records, max_size=20), rules_st, day)
def test_met_exactly_when_no_shortfall_and_no_failed_exam(
    recs: list[TrainingRecord], rules: CreditRules, on: date
) -> None:
    account = credit_account(2026, recs, rules, on)
    result = study_requirement_met(account)
    failed = [r for r in recs if isinstance(r, ExamSitting) and r.failed]
    assert result.met == (account.shortfall == 0 and not failed)
    assert result.met == (not result.reasons)
    assert len(result.reasons) == len(failed) + (account.shortfall > 0)


@settings(max_examples=100)
@given(
    st.lists(records, max_size=20),
    rules_st,
    st.sampled_from(list(CreditRules.__dataclass_fields__)),
    amount,
    day,
)
def test_raising_a_credit_rule_never_lowers_earned(
    recs: list[TrainingRecord], rules: CreditRules, key: str, more: float, on: date
) -> None:
    if key == "yearly_requirement":
        return
    if key == "placing":
        raised = replace(rules, placing={p: v + more for p, v in rules.placing.items()})
    else:
        raised = replace(rules, **{key: getattr(rules, key) + more})
    assert (
        credit_account(2026, recs, raised, on).earned
        >= credit_account(2026, recs, rules, on).earned
    )


@given(
    st.lists(amount, max_size=60), st.decimals(min_value="0.5", max_value=200, places=2).map(float)
)
def test_histogram_counts_everyone_and_splits_at_the_requirement(
    values: list[float], required: float
) -> None:
    bins = credit_histogram(values, required)
    assert sum(b.count for b in bins) == len(values)
    assert any(abs(b.low - required) < 0.01 for b in bins)  # the requirement is a bar edge
    for v in values:
        hit = [b for b in bins if b.low - 1e-9 <= v < b.high - 1e-9] or [bins[-1]]
        assert (hit[0].low >= required - 0.01) == (v >= required)


@settings(max_examples=200)
@given(st.lists(records, max_size=20), rules_st, day)
def test_summing_without_items_gives_the_same_account(
    recs: list[TrainingRecord], rules: CreditRules, on: date
) -> None:
    full = credit_account(2026, recs, rules, on)
    quick = credit_account(2026, recs, rules, on, itemised=False)
    assert quick.items == () and quick.records == len(recs) == len(full.items)
    assert (quick.earned, quick.shortfall, quick.failed_exams) == (
        full.earned,
        full.shortfall,
        full.failed_exams,
    )
    assert (quick.missing_notes, quick.late_notes) == (full.missing_notes, full.late_notes)
    assert sorted(i.credits for i in full.items) == sorted(credit_value(r, rules) for r in recs)
