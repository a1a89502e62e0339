"""学分制 (R-TRN-3..5): a cadre's yearly credits, derived from the records.

Nobody types a total.  Each record of the year (a training attended, an exam
sat, a study note due, an activity entered) becomes one `CreditItem` under the
rules the department set; the account is their sum against the requirement.
Arithmetic is done in hundredths of a credit, so sums are exact and adding an
item can never lower the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from orgdesk.domain.settings import Settings
from orgdesk.domain.training import (
    PLACING_SETTING,
    ActivityKind,
    Placing,
    note_status,
)


class CreditKind(StrEnum):
    TRAINING = "培训"
    EXAM = "考试"
    NOTE = "学习心得"
    ACTIVITY = "活动"


def _centi(value: float) -> int:
    return round(value * 100)


def _shown(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class CreditRules:
    """The department's credit settings for one computation."""

    per_hour: float = 1
    per_session: float = 0
    exam_passed: float = 2
    note_on_time: float = 1
    note_late: float = 0.5
    placing: Mapping[Placing, float] = field(
        default_factory=lambda: {
            Placing.FIRST: 5.0,
            Placing.SECOND: 3.0,
            Placing.THIRD: 2.0,
            Placing.PARTICIPANT: 1.0,
        }
    )
    yearly_requirement: float = 40

    @classmethod
    def from_settings(cls, s: Settings) -> CreditRules:
        return cls(
            per_hour=s["credits.per_hour"],
            per_session=s["credits.per_session"],
            exam_passed=s["credits.exam_passed"],
            note_on_time=s["credits.note_on_time"],
            note_late=s["credits.note_late"],
            placing={p: s[key] for p, key in PLACING_SETTING.items()},
            yearly_requirement=s["credits.yearly_requirement"],
        )


# -- the records, as plain values -----------------------------------------------------


@dataclass(frozen=True)
class TrainingAttendance:
    """One training session a cadre was enrolled in; `attended` None = not yet recorded."""

    ref_id: int
    title: str
    on: date
    hours: float
    attended: bool | None
    credits: float | None = None  # the session's own credit value, overriding the hour rule


@dataclass(frozen=True)
class ExamSitting:
    ref_id: int
    title: str
    on: date
    pass_mark: float
    score: float | None = None
    absent: bool = False

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= self.pass_mark

    @property
    def failed(self) -> bool:
        """缺考 counts as failed; a score not yet entered does not."""
        return self.absent or (self.score is not None and self.score < self.pass_mark)


@dataclass(frozen=True)
class NoteDue:
    ref_id: int
    title: str
    due: date
    submitted_on: date | None = None
    kind: str = "reading"  # "reading" or "session": what the note is about


@dataclass(frozen=True)
class ActivityEntry:
    ref_id: int
    title: str
    on: date
    kind: ActivityKind
    placing: Placing


TrainingRecord = TrainingAttendance | ExamSitting | NoteDue | ActivityEntry


@dataclass(frozen=True)
class CreditItem:
    """One line behind the earned total; items worth nothing are kept to explain why."""

    kind: CreditKind
    ref_id: int
    on: date
    title: str
    credits: float
    detail: str


def _value_centi(record: TrainingRecord, c: _CentiRules) -> int:
    """What a record is worth, in hundredths; the one place the rules are applied."""
    if isinstance(record, TrainingAttendance):
        if not record.attended:
            return 0
        if record.credits is not None:
            return _centi(record.credits)
        return _centi(record.hours) * c.per_hour // 100 + c.per_session
    if isinstance(record, ExamSitting):
        return c.exam_passed if record.passed else 0
    if isinstance(record, NoteDue):
        if record.submitted_on is None:
            return 0
        return c.note_on_time if record.submitted_on <= record.due else c.note_late
    return c.placing.get(record.placing, 0)


@dataclass(frozen=True)
class _CentiRules:
    per_hour: int
    per_session: int
    exam_passed: int
    note_on_time: int
    note_late: int
    placing: Mapping[Placing, int]

    @classmethod
    def of(cls, r: CreditRules) -> _CentiRules:
        return cls(
            _centi(r.per_hour),
            _centi(r.per_session),
            _centi(r.exam_passed),
            _centi(r.note_on_time),
            _centi(r.note_late),
            {p: _centi(v) for p, v in r.placing.items()},
        )


def credit_value(record: TrainingRecord, rules: CreditRules) -> float:
    """What one record is worth under `rules`."""
    return _value_centi(record, _CentiRules.of(rules)) / 100


def credit_item(record: TrainingRecord, rules: CreditRules, on: date) -> CreditItem:
    """One record as a line of the account: its worth and, in Chinese, why (as of `on`)."""
    value = credit_value(record, rules)
    if isinstance(record, TrainingAttendance):
        if not record.attended:
            detail = "缺勤" if record.attended is False else "出勤未登记"
        elif record.credits is not None:
            detail = f"{_shown(record.hours)} 学时，本期规定 {_shown(record.credits)} 学分"
        else:
            detail = f"{_shown(record.hours)} 学时 × 每学时 {_shown(rules.per_hour)} 学分"
            if rules.per_session:
                detail += f" + 每期 {_shown(rules.per_session)} 学分"
        return CreditItem(
            CreditKind.TRAINING, record.ref_id, record.on, record.title, value, detail
        )
    if isinstance(record, ExamSitting):
        if record.absent:
            detail = "缺考"
        elif record.score is None:
            detail = "成绩未录入"
        elif record.passed:
            detail = f"{_shown(record.score)} 分，合格"
        else:
            detail = f"{_shown(record.score)} 分，不及格（及格线 {_shown(record.pass_mark)}）"
        return CreditItem(CreditKind.EXAM, record.ref_id, record.on, record.title, value, detail)
    if isinstance(record, NoteDue):
        status = note_status(record.due, record.submitted_on, on)
        detail = f"{status.value}（截止 {record.due:%Y-%m-%d}"
        if record.submitted_on is not None:
            detail += f"，{record.submitted_on:%Y-%m-%d} 提交"
        detail += "）"
        return CreditItem(CreditKind.NOTE, record.ref_id, record.due, record.title, value, detail)
    detail = f"{record.kind.value}，{record.placing.value}"
    return CreditItem(CreditKind.ACTIVITY, record.ref_id, record.on, record.title, value, detail)


@dataclass(frozen=True)
class CreditAccount:
    """One cadre's year: required, earned with the items behind it, shortfall.

    `items` is empty when the account was summed without them (`itemised=False`,
    for lists of everyone); `records` always counts what was summed.
    """

    year: int
    required: float
    earned: float
    items: tuple[CreditItem, ...]
    failed_exams: tuple[ExamSitting, ...] = ()
    missing_notes: int = 0
    late_notes: int = 0
    records: int = 0

    @property
    def shortfall(self) -> float:
        return max(0, _centi(self.required) - _centi(self.earned)) / 100

    @property
    def met(self) -> bool:
        return self.shortfall == 0


def credit_account(
    year: int,
    records: Iterable[TrainingRecord],
    rules: CreditRules,
    on: date,
    *,
    itemised: bool = True,
) -> CreditAccount:
    """Sum the year's records into an account (records of other years must be left out).

    `itemised=False` skips building the explanatory items (the totals are the same),
    which is what a view of everyone needs.
    """
    records = list(records)
    c = _CentiRules.of(rules)
    earned = sum(_value_centi(r, c) for r in records) / 100
    items: list[CreditItem] = []
    if itemised:
        items = sorted(
            (credit_item(r, rules, on) for r in records),
            key=lambda i: (i.on, i.kind.value, i.title, i.ref_id),
        )
    failed = [r for r in records if isinstance(r, ExamSitting) and r.failed]
    missing = late = 0
    for r in records:
        if isinstance(r, NoteDue):
            if r.submitted_on is None:
                missing += on > r.due
            else:
                late += r.submitted_on > r.due
    return CreditAccount(
        year=year,
        required=rules.yearly_requirement,
        earned=earned,
        items=tuple(items),
        failed_exams=tuple(sorted(failed, key=lambda e: e.on)),
        missing_notes=missing,
        late_notes=late,
        records=len(records),
    )


# -- R-TRN-5: study results as a qualification ---------------------------------------


@dataclass(frozen=True)
class StudyResult:
    met: bool
    reasons: list[str]


def study_requirement_met(account: CreditAccount) -> StudyResult:
    """Did the cadre meet the year's study requirements?  Reasons say why not, in Chinese."""
    reasons: list[str] = []
    if not account.met:
        reasons.append(
            f"{account.year} 年度已修学分 {_shown(account.earned)}，"
            f"低于应修 {_shown(account.required)} 学分（差 {_shown(account.shortfall)} 学分）"
        )
    for exam in account.failed_exams:
        if exam.absent:
            reasons.append(f"「{exam.title}」（{exam.on:%Y-%m-%d}）缺考")
        else:
            assert exam.score is not None
            reasons.append(
                f"「{exam.title}」（{exam.on:%Y-%m-%d}）不及格："
                f"{_shown(exam.score)} 分，及格线 {_shown(exam.pass_mark)} 分"
            )
    return StudyResult(met=not reasons, reasons=reasons)


# -- the distribution chart ------------------------------------------------------------


@dataclass(frozen=True)
class HistogramBin:
    low: float
    high: float
    count: int

    @property
    def label(self) -> str:
        return f"{_shown(self.low)}–{_shown(self.high)}"


def nice_bin_width(required: float, top: float, bins_wanted: int = 16) -> float:
    span = max(required, top, 1.0)
    raw = span / bins_wanted
    for width in (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 500):
        if width >= raw:
            return float(width)
    return float(int(raw) + 1)


def credit_histogram(values: Sequence[float], required: float) -> list[HistogramBin]:
    """Bins of equal width from 0 past the highest value and the requirement.

    The requirement falls on a bin edge, so each bar is wholly short of it or wholly
    not; bin indices are computed in whole hundredths so a value equal to the
    requirement always lands in the bar that meets it.
    """
    top = max([*values, required, 1.0])
    width = nice_bin_width(required, top)
    req_c = _centi(required)
    if req_c > 0:
        steps = max(1, round(required / width))

        def index(v: float) -> int:
            return (max(_centi(v), 0) * steps) // req_c

        count = index(top) + 1
        edges = [i * required / steps for i in range(count + 1)]
    else:
        width_c = _centi(width)

        def index(v: float) -> int:
            return max(_centi(v), 0) // width_c

        count = index(top) + 1
        edges = [i * width for i in range(count + 1)]
    bins = [0] * count
    for v in values:
        bins[min(index(v), count - 1)] += 1
    return [HistogramBin(round(edges[i], 2), round(edges[i + 1], 2), n) for i, n in enumerate(bins)]
