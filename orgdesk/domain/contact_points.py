"""基层工作联系点 (R-ROT-5) and the monthly section work-report meeting (R-ROT-6).

The department and each section keep contact points with visit logs; a point
not visited for `contact_point.max_gap_days` is due.  Every functional section
(综合科室, 业务科室) reports at the monthly 职能科室工作汇报会; a month that
ended without its report is missed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from orgdesk.domain.errors import FieldProblem

Month = tuple[int, int]  # (year, month)


class ContactKind(StrEnum):
    TOWN = "乡镇（街道）"
    VILLAGE = "村（社区）"
    ENTERPRISE = "企业"
    OTHER = "其他"


class VisitActivity(StrEnum):
    SURVEY = "蹲点调查"
    LABOUR = "参加劳动"
    OTHER = "其他"


class Attendance(StrEnum):
    PRESENT = "出席"
    LEAVE = "请假"
    ABSENT = "缺席"


DEPARTMENT_LEVEL = "部机关"  # owner of a contact point kept by the department itself


@dataclass
class ContactPointInput:
    name: str
    kind: ContactKind | None
    owner_section_id: int | None  # None: the department's own point
    address: str = ""
    contact_person: str = ""
    phone: str = ""
    note: str = ""
    active: bool = True


@dataclass
class VisitInput:
    contact_point_id: int | None
    visit_date: date | None
    visitors: str
    activity: VisitActivity | None
    days: int = 1
    content: str = ""
    findings: str = ""


@dataclass
class MeetingInput:
    held_on: date | None
    chair: str
    minutes: str
    major_matters: str = ""
    # section id → what it reported (present key = the section reported)
    reports: dict[int, str] = field(default_factory=dict)
    # cadre id → Attendance
    attendance: dict[int, Attendance] = field(default_factory=dict)


def check_contact_point(data: ContactPointInput) -> list[FieldProblem]:
    problems = []
    data.name = data.name.strip()
    if not data.name:
        problems.append(FieldProblem("联系点名称", "不能为空"))
    elif len(data.name) > 60:
        problems.append(FieldProblem("联系点名称", "过长（最多 60 个字）"))
    if data.kind is None:
        problems.append(FieldProblem("类型", "请选择联系点类型"))
    return problems


def check_visit(data: VisitInput, *, today: date) -> list[FieldProblem]:
    problems = []
    data.visitors = data.visitors.strip()
    if data.contact_point_id is None:
        problems.append(FieldProblem("联系点", "请先选择联系点"))
    if data.visit_date is None:
        problems.append(FieldProblem("走访日期", "不能为空"))
    elif data.visit_date > today:
        problems.append(FieldProblem("走访日期", "不能晚于今天", value=f"{data.visit_date}"))
    if not data.visitors:
        problems.append(FieldProblem("走访人员", "不能为空"))
    if data.activity is None:
        problems.append(FieldProblem("活动内容", "请选择：蹲点调查 / 参加劳动 / 其他"))
    if not 1 <= data.days <= 366:
        problems.append(FieldProblem("天数", "应在 1–366 天之间", value=str(data.days)))
    return problems


def check_meeting(data: MeetingInput, *, today: date) -> list[FieldProblem]:
    problems = []
    if data.held_on is None:
        problems.append(FieldProblem("会议日期", "不能为空"))
    elif data.held_on > today:
        problems.append(FieldProblem("会议日期", "不能晚于今天", value=f"{data.held_on}"))
    if not data.chair.strip():
        problems.append(FieldProblem("主持人", "不能为空"))
    if not data.minutes.strip():
        problems.append(FieldProblem("会议纪要", "不能为空"))
    if not data.reports:
        problems.append(FieldProblem("汇报科室", "至少选择一个汇报的科室"))
    return problems


def month_of(d: date) -> Month:
    return (d.year, d.month)


def month_label(m: Month) -> str:
    return f"{m[0]}年{m[1]}月"


def last_day(m: Month) -> date:
    nxt = (m[0] + 1, 1) if m[1] == 12 else (m[0], m[1] + 1)
    return date(nxt[0], nxt[1], 1) - timedelta(days=1)


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from `first` to `last`, both included."""
    out = []
    y, m = first
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def missed_months(reported: Iterable[Month], since: Month, on: date) -> list[Month]:
    """Months from `since` that ended before `on` without a report, oldest first."""
    last_complete = month_of(date(on.year, on.month, 1) - timedelta(days=1))
    done = set(reported)
    return [m for m in months_between(since, last_complete) if m not in done]


def visit_due(last_visit: date | None, kept_since: date, max_gap_days: int) -> date:
    """The day by which the next visit should happen."""
    return (last_visit or kept_since) + timedelta(days=max_gap_days)
