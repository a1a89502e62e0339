"""职能科室工作汇报会 (R-ROT-6): monthly minutes, section reports, attendance, missed months.

Tracking starts with the first meeting on record (a department that has not
begun keeping minutes here is not nagged), and looks back at most
`LOOKBACK_MONTHS` so that an old gap does not stay on the due list for ever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.contact_points import (
    Attendance,
    MeetingInput,
    Month,
    check_meeting,
    last_day,
    missed_months,
    month_label,
    month_of,
)
from orgdesk.domain.due import DueItem, Urgency
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.people import SectionKind
from orgdesk.domain.settings import Settings
from orgdesk.storage.database import Database
from orgdesk.storage.errors import ConcurrentEdit
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.rotation import MeetingAttendance, MeetingReport, WorkReportMeeting

TAB = "交流轮岗"
LOOKBACK_MONTHS = 12
FUNCTIONAL = (SectionKind.GENERAL.value, SectionKind.BUSINESS.value)


class MonthState(StrEnum):
    REPORTED = "已汇报"
    MISSED = "未汇报"
    OPEN = "本月"  # the month is not over yet
    FUTURE = ""
    UNTRACKED = "—"  # before the first meeting on record


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    chair: str
    sections: str  # 办公室、组织科 …
    present: int
    leave: int
    absent: int
    minutes: str
    major_matters: str
    version: int


@dataclass(frozen=True)
class MeetingGrid:
    year: int
    sections: list[tuple[int, str]]
    states: dict[tuple[int, int], MonthState]  # (section id, month) → state


def functional_sections(s: Session) -> list[tuple[int, str]]:
    rows = s.execute(
        select(Section.id, Section.name)
        .where(Section.active, Section.kind.in_(FUNCTIONAL))
        .order_by(Section.sort_order, Section.id)
    )
    return [(i, n) for i, n in rows]


def meeting_sections(db: Database) -> list[tuple[int, str]]:
    """The sections that report at the meeting, in display order."""
    with db.unit_of_work() as uow:
        return functional_sections(uow.session)


def _reported(s: Session) -> tuple[dict[int, set[Month]], Month | None]:
    rows = s.execute(
        select(MeetingReport.section_id, WorkReportMeeting.held_on).join(
            WorkReportMeeting, WorkReportMeeting.id == MeetingReport.meeting_id
        )
    ).all()
    done: dict[int, set[Month]] = {}
    for section_id, held_on in rows:
        done.setdefault(section_id, set()).add(month_of(held_on))
    first = s.scalar(select(WorkReportMeeting.held_on).order_by(WorkReportMeeting.held_on))
    return done, (month_of(first) if first else None)


def meeting_grid(db: Database, year: int, on: date) -> MeetingGrid:
    with db.unit_of_work() as uow:
        s = uow.session
        secs = functional_sections(s)
        done, first = _reported(s)
    states: dict[tuple[int, int], MonthState] = {}
    for section_id, _name in secs:
        for month in range(1, 13):
            m = (year, month)
            if m in done.get(section_id, set()):
                state = MonthState.REPORTED
            elif m > month_of(on):
                state = MonthState.FUTURE
            elif m == month_of(on):
                state = MonthState.OPEN
            elif first is None or m < first:
                state = MonthState.UNTRACKED
            else:
                state = MonthState.MISSED
            states[(section_id, month)] = state
    return MeetingGrid(year, secs, states)


def list_meetings(db: Database, year: int | None = None) -> list[MeetingRow]:
    with db.unit_of_work() as uow:
        s = uow.session
        names = dict(s.execute(select(Section.id, Section.name)).all())
        stmt = select(WorkReportMeeting).order_by(WorkReportMeeting.held_on.desc())
        if year is not None:
            stmt = stmt.where(
                WorkReportMeeting.held_on >= date(year, 1, 1),
                WorkReportMeeting.held_on <= date(year, 12, 31),
            )
        out = []
        for m in s.scalars(stmt):
            counts = {a: 0 for a in Attendance}
            for row in m.attendance:
                counts[Attendance(row.status)] += 1
            out.append(
                MeetingRow(
                    id=m.id,
                    held_on=m.held_on,
                    chair=m.chair,
                    sections="、".join(names.get(r.section_id, "") for r in m.reports),
                    present=counts[Attendance.PRESENT],
                    leave=counts[Attendance.LEAVE],
                    absent=counts[Attendance.ABSENT],
                    minutes=m.minutes,
                    major_matters=m.major_matters,
                    version=m.version,
                )
            )
        return out


def get_meeting(db: Database, meeting_id: int) -> tuple[MeetingInput, int]:
    with db.unit_of_work() as uow:
        m = uow.session.get(WorkReportMeeting, meeting_id)
        if m is None:
            raise NotFound("该次汇报会记录已不存在")
        return (
            MeetingInput(
                held_on=m.held_on,
                chair=m.chair,
                minutes=m.minutes,
                major_matters=m.major_matters,
                reports={r.section_id: r.summary for r in m.reports},
                attendance={a.cadre_id: Attendance(a.status) for a in m.attendance},
            ),
            m.version,
        )


@requires(Permission.EDIT, area="交流轮岗")
def save_meeting(
    db: Database,
    data: MeetingInput,
    *,
    actor: str,
    meeting_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> int:
    """Store a meeting with its section reports and attendance, all at once."""
    problems = check_meeting(data, today=today or date.today())
    with db.unit_of_work() as uow:
        s = uow.session
        known_sections = set(s.scalars(select(Section.id)))
        known_people = set(s.scalars(select(Cadre.id)))
        if set(data.reports) - known_sections:
            problems.append(FieldProblem("汇报科室", "所选科室已不存在，请重新选择"))
        if set(data.attendance) - known_people:
            problems.append(FieldProblem("参会人员", "有参会人员已不存在，请重新选择"))
        if problems:
            raise ValidationFailed(problems)
        assert data.held_on is not None
        if meeting_id is None:
            meeting = WorkReportMeeting(created_by=actor, version=1)
            s.add(meeting)
        else:
            found = s.get(WorkReportMeeting, meeting_id)
            if found is None:
                raise NotFound("该次汇报会记录已不存在")
            if expected_version is not None and found.version != expected_version:
                raise ConcurrentEdit("该次汇报会记录")
            meeting = found
            meeting.version += 1
        meeting.held_on = data.held_on
        meeting.chair = data.chair.strip()
        meeting.minutes = data.minutes.strip()
        meeting.major_matters = data.major_matters.strip()
        meeting.reports = [
            MeetingReport(section_id=k, summary=v.strip()) for k, v in sorted(data.reports.items())
        ]
        meeting.attendance = [
            MeetingAttendance(cadre_id=k, status=v.value)
            for k, v in sorted(data.attendance.items())
        ]
        s.flush()
        uow.commit()
        return meeting.id


@requires(Permission.EDIT, area="交流轮岗")
def delete_meeting(db: Database, meeting_id: int) -> None:
    with db.unit_of_work() as uow:
        m = uow.session.get(WorkReportMeeting, meeting_id)
        if m is not None:
            uow.session.delete(m)
            uow.commit()


def meetings_due(db: Database, on: date, settings: Settings) -> list[DueItem]:
    """One item per functional section that missed a month's work report."""
    with db.unit_of_work() as uow:
        s = uow.session
        secs = functional_sections(s)
        done, first = _reported(s)
    if first is None:
        return []
    floor_index = on.year * 12 + on.month - 1 - LOOKBACK_MONTHS
    floor = (floor_index // 12, floor_index % 12 + 1)
    since = max(first, floor)
    items = []
    for section_id, name in secs:
        missed = missed_months(done.get(section_id, set()), since, on)
        if not missed:
            continue
        months = "、".join(month_label(m) for m in missed)
        items.append(
            DueItem(
                kind="工作汇报会",
                title=f"{name} {months}未在职能科室工作汇报会上汇报",
                due=last_day(missed[0]),
                urgency=Urgency.OVERDUE,
                tab=TAB,
                record_kind="meeting_section",
                record_id=section_id,
                who=name,
            )
        )
    return items
