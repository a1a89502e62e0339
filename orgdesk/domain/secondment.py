"""挂职锻炼 (R-ROT-1): the three kinds, their allowed lengths, and the checks of a record.

Length counting: a secondment from `start` to `end` (both days included, as
written on an appointment: 2026-01-01 至 2026-12-31 is one year) lasts the whole
months from `start` to the day after `end`, by the anniversary rule of
`service_length`.  It is

* too short when those whole months are fewer than the kind's minimum;
* too long when `end` itself already completes the maximum (any day beyond
  the maximum counts): 2026-01-01 至 2027-06-30 is 18 months, 至 2027-07-01 is
  more than 18.

A plan outside its kind's range is allowed only with a recorded reason.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.service_length import format_years_months, years_months_between
from orgdesk.domain.settings import Settings


class SecondmentKind(StrEnum):
    DOWN = "下派"
    UP = "上挂"
    STUDY = "到有关部门学习"

    @property
    def setting_prefix(self) -> str:
        return {
            SecondmentKind.DOWN: "secondment.down",
            SecondmentKind.UP: "secondment.up",
            SecondmentKind.STUDY: "secondment.study",
        }[self]

    @property
    def hosts(self) -> str:
        """Where this kind goes, as the rules say it."""
        return {
            SecondmentKind.DOWN: "企业、乡镇、街道办事处",
            SecondmentKind.UP: "上级机关（跟班学习）",
            SecondmentKind.STUDY: "行政、经济管理、司法或与业务有关的部门",
        }[self]


class SecondmentStatus(StrEnum):
    PLANNED = "拟派"
    ONGOING = "挂职中"
    ENDED = "已结束"


@dataclass(frozen=True)
class MonthRange:
    minimum: int
    maximum: int

    def __str__(self) -> str:
        return f"{self.minimum}–{self.maximum} 个月"


def allowed_months(kind: SecondmentKind, settings: Settings) -> MonthRange:
    prefix = kind.setting_prefix
    return MonthRange(settings.int(f"{prefix}.min_months"), settings.int(f"{prefix}.max_months"))


def whole_months(start: date, end: date) -> int:
    """Whole months of the period start…end, both days included."""
    y, m = years_months_between(start, end + timedelta(days=1))
    return 12 * y + m


def months_reached_on(start: date, n: int) -> date:
    """The day `n` whole months from `start` are complete (anniversary rule: a missing
    day of month moves to the 1st of the next month, as `add_years` does for Feb 29)."""
    index = start.year * 12 + start.month - 1 + n
    year, month0 = divmod(index, 12)
    if start.day <= calendar.monthrange(year, month0 + 1)[1]:
        return date(year, month0 + 1, start.day)
    year, month0 = divmod(index + 1, 12)
    return date(year, month0 + 1, 1)


def length_text(start: date, end: date) -> str:
    """The period start…end (both included) in Chinese: "1年6个月", "12个月又3天"."""
    months = whole_months(start, end)
    extra = (end + timedelta(days=1) - months_reached_on(start, months)).days
    y, m = divmod(months, 12)
    text = format_years_months(y, m) if months else ""
    if extra > 0:
        return f"{text}又{extra}天" if text else f"{extra}天"
    return text


def range_problem(
    kind: SecondmentKind, start: date, end: date, settings: Settings, *, what: str = "计划期限"
) -> str | None:
    """Why the period is outside the kind's range, in Chinese; None when inside."""
    allowed = allowed_months(kind, settings)
    if whole_months(start, end) < allowed.minimum:
        return f"{what} {length_text(start, end)}，短于「{kind.value}」的 {allowed}"
    if whole_months(start, end - timedelta(days=1)) >= allowed.maximum and end > start:
        return f"{what} {length_text(start, end)}，超过「{kind.value}」的 {allowed}"
    return None


def status_on(
    on: date, planned_start: date, actual_start: date | None, actual_end: date | None
) -> SecondmentStatus:
    """An actual end closes the record; otherwise it is under way once it has begun."""
    if actual_end is not None:
        return SecondmentStatus.ENDED
    if (actual_start or planned_start) <= on:
        return SecondmentStatus.ONGOING
    return SecondmentStatus.PLANNED


@dataclass
class SecondmentInput:
    """What the 挂职 form submits."""

    cadre_id: int | None
    kind: SecondmentKind | None
    host_unit: str
    host_post: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None = None
    actual_end: date | None = None
    out_of_range_reason: str = ""
    note: str = ""


FIELD_LABELS = {
    "cadre_id": "人员",
    "kind": "挂职类别",
    "host_unit": "挂职单位",
    "host_post": "挂职职务",
    "planned_start": "计划开始",
    "planned_end": "计划结束",
    "actual_start": "实际开始",
    "actual_end": "实际结束",
    "out_of_range_reason": "超出期限原因",
}


def check_secondment(data: SecondmentInput, settings: Settings) -> list[FieldProblem]:
    """Every problem of one record; an out-of-range plan with a reason is only a warning."""
    problems: list[FieldProblem] = []

    def bad(key: str, message: str, *, warning: bool = False) -> None:
        problems.append(FieldProblem(FIELD_LABELS[key], message, warning=warning))

    data.host_unit = data.host_unit.strip()
    data.host_post = data.host_post.strip()
    data.out_of_range_reason = data.out_of_range_reason.strip()
    if data.cadre_id is None:
        bad("cadre_id", "请选择挂职人员")
    if data.kind is None:
        bad("kind", "请选择挂职类别（下派 / 上挂 / 到有关部门学习）")
    if not data.host_unit:
        bad("host_unit", "不能为空")
    if not data.host_post:
        bad("host_post", "不能为空（如：党委副书记、跟班学习）")
    if data.planned_start is None:
        bad("planned_start", "不能为空")
    if data.planned_end is None:
        bad("planned_end", "不能为空")
    if data.planned_start and data.planned_end:
        if data.planned_end < data.planned_start:
            bad("planned_end", "早于计划开始")
        elif data.kind is not None:
            reason = range_problem(data.kind, data.planned_start, data.planned_end, settings)
            if reason and not data.out_of_range_reason:
                bad("out_of_range_reason", f"{reason}，须填写原因")
            elif reason:
                bad("planned_end", reason, warning=True)
    if data.actual_end is not None:
        begun = data.actual_start or data.planned_start
        if data.actual_start is None:
            bad("actual_start", "填写实际结束前须先填写实际开始")
        elif begun is not None and data.actual_end < begun:
            bad("actual_end", "早于实际开始")
    return problems
