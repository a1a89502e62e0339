"""The credit account (学分制) for a year, read from the records and summed by the domain.

`credits_for_year` is what the credit view and the annual report read;
`study_result` is the R-TRN-5 answer the promotion contest asks for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import cast, extract, select, union
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.credits import (
    ActivityEntry,
    CreditAccount,
    CreditRules,
    ExamSitting,
    NoteDue,
    StudyResult,
    TrainingAttendance,
    TrainingRecord,
    credit_account,
    study_requirement_met,
)
from orgdesk.domain.training import ActivityKind, Placing
from orgdesk.services.reference import load_settings
from orgdesk.services.training_common import CadreBrief, cadre_briefs, year_bounds
from orgdesk.services.training_notes import handed_in, note_obligations
from orgdesk.storage.database import Database
from orgdesk.storage.models import Section
from orgdesk.storage.models.training import (
    Activity,
    ActivityEntryRow,
    Enrolment,
    Exam,
    ExamScore,
    Syllabus,
    TrainingSession,
)
from orgdesk.storage.xlsx_export import save_workbook, write_table


@dataclass(frozen=True)
class CreditRow:
    """One cadre's year in the credit view; the totals are the domain's, not stored."""

    cadre_id: int
    name: str
    section_id: int | None
    section: str
    rank: str
    required: float
    earned: float
    shortfall: float
    failed_exams: int
    missing_notes: int
    late_notes: int
    items: int

    @property
    def met(self) -> bool:
        return self.shortfall == 0

    @property
    def qualified(self) -> bool:
        """R-TRN-5: enough credits and no failed exam."""
        return self.met and self.failed_exams == 0


@dataclass(frozen=True)
class SectionCredits:
    section: str
    people: int
    met: int
    short: int
    average: float
    lowest: float
    total_shortfall: float


def has_training_data(s: Session, year: int) -> bool:
    first, last = year_bounds(year)
    probes = (
        select(Syllabus.id).where(Syllabus.year == year),
        select(TrainingSession.id).where(TrainingSession.end_date.between(first, last)),
        select(Exam.id).where(Exam.held_on.between(first, last)),
        select(Activity.id).where(Activity.held_on.between(first, last)),
    )
    return any(s.scalar(p.limit(1)) is not None for p in probes)


def training_years(db: Database) -> list[int]:
    """Years that have any training record, newest last."""
    parts = union(
        select(Syllabus.year),
        select(cast(extract("year", TrainingSession.end_date), Syllabus.year.type)),
        select(cast(extract("year", Exam.held_on), Syllabus.year.type)),
        select(cast(extract("year", Activity.held_on), Syllabus.year.type)),
    )
    with db.unit_of_work() as uow:
        return sorted({int(y) for (y,) in uow.session.execute(parts) if y is not None})


def load_records(
    s: Session, year: int, cadre_ids: set[int] | None = None
) -> dict[int, list[TrainingRecord]]:
    """Every credit-bearing record of `year`, per cadre, as plain domain values."""
    first, last = year_bounds(year)
    out: dict[int, list[TrainingRecord]] = defaultdict(list)
    conn = s.connection()  # Core rows: no ORM loading for thousands of plain tuples

    def only(column: Any) -> list[Any]:
        return [] if cadre_ids is None else [column.in_(sorted(cadre_ids))]

    # The year's sessions, exams and activities are few; their rows per cadre are many.
    # Read the few once and the many as bare ids, and share one record value between
    # everyone with the same outcome (the values are immutable).
    sessions: dict[int, Any] = {
        row[0]: row[1:]
        for row in conn.execute(
            select(
                TrainingSession.id,
                TrainingSession.title,
                TrainingSession.end_date,
                TrainingSession.hours,
                TrainingSession.credits,
            ).where(TrainingSession.end_date.between(first, last))
        ).all()
    }
    attendance: dict[tuple[int, bool | None], TrainingAttendance] = {}
    if sessions:
        for cid, sid, attended in conn.execute(
            select(Enrolment.cadre_id, Enrolment.session_id, Enrolment.attended).where(
                Enrolment.session_id.in_(list(sessions)), *only(Enrolment.cadre_id)
            )
        ).all():
            record = attendance.get((sid, attended))
            if record is None:
                title, end, hours, credits = sessions[sid]
                record = TrainingAttendance(sid, title, end, hours, attended, credits)
                attendance[(sid, attended)] = record
            out[cid].append(record)
    exams: dict[int, Any] = {
        row[0]: row[1:]
        for row in conn.execute(
            select(Exam.id, Exam.title, Exam.held_on, Exam.pass_mark).where(
                Exam.held_on.between(first, last)
            )
        ).all()
    }
    if exams:
        for cid, eid, score, absent in conn.execute(
            select(ExamScore.cadre_id, ExamScore.exam_id, ExamScore.score, ExamScore.absent).where(
                ExamScore.exam_id.in_(list(exams)), *only(ExamScore.cadre_id)
            )
        ).all():
            title, held, pass_mark = exams[eid]
            out[cid].append(ExamSitting(eid, title, held, pass_mark, score, bool(absent)))
    activities: dict[int, Any] = {
        row[0]: row[1:]
        for row in conn.execute(
            select(Activity.id, Activity.title, Activity.held_on, Activity.kind).where(
                Activity.held_on.between(first, last)
            )
        ).all()
    }
    entries: dict[tuple[int, str], ActivityEntry] = {}
    if activities:
        for cid, aid, placing in conn.execute(
            select(
                ActivityEntryRow.cadre_id, ActivityEntryRow.activity_id, ActivityEntryRow.placing
            ).where(
                ActivityEntryRow.activity_id.in_(list(activities)), *only(ActivityEntryRow.cadre_id)
            )
        ).all():
            entry = entries.get((aid, placing))
            if entry is None:
                title, held, kind = activities[aid]
                entry = ActivityEntry(aid, title, held, ActivityKind(kind), Placing(placing))
                entries[(aid, placing)] = entry
            out[cid].append(entry)
    obligations = note_obligations(s, year, cadre_ids)
    handed = handed_in(s, obligations, cadre_ids)
    for o in obligations:
        label, about = o.label, o.about.value
        missing = NoteDue(o.ref_id, label, o.due, None, about)
        for cid in o.cadre_ids:
            got = handed.get((o.about, o.ref_id, cid))
            out[cid].append(NoteDue(o.ref_id, label, o.due, got[0], about) if got else missing)
    return out


def accounts_for_year(
    db: Database, year: int, on: date | None = None, *, itemised: bool = False
) -> list[tuple[CadreBrief, CreditAccount]]:
    """Every serving cadre (and anyone with records that year) with the year's account,
    in section order, most credits first within a section."""
    on = on or date.today()
    rules = CreditRules.from_settings(load_settings(db))
    with db.unit_of_work() as uow:
        s = uow.session
        records = load_records(s, year)
        people = cadre_briefs(s)
        missing = set(records) - set(people)
        if missing:
            people.update(cadre_briefs(s, missing))
        order = dict(s.execute(select(Section.id, Section.sort_order)).all())
    out = [
        (who, credit_account(year, records.get(cid, ()), rules, on, itemised=itemised))
        for cid, who in people.items()
    ]
    out.sort(key=lambda x: (order.get(x[0].section_id or -1, 999), -x[1].earned, x[0].id))
    return out


def credits_for_year(db: Database, year: int, on: date | None = None) -> list[CreditRow]:
    """Per-cadre rows for the credit view and the annual report: required, earned, shortfall."""
    return [
        CreditRow(
            who.id,
            who.name,
            who.section_id,
            who.section,
            who.rank,
            account.required,
            account.earned,
            account.shortfall,
            len(account.failed_exams),
            account.missing_notes,
            account.late_notes,
            account.records,
        )
        for who, account in accounts_for_year(db, year, on)
    ]


def credit_account_for(
    db: Database, cadre_id: int, year: int, on: date | None = None
) -> CreditAccount:
    """One cadre's account with the items behind the earned total."""
    on = on or date.today()
    rules = CreditRules.from_settings(load_settings(db))
    with db.unit_of_work() as uow:
        records = load_records(uow.session, year, {cadre_id})
    return credit_account(year, records.get(cadre_id, ()), rules, on)


def study_result(
    db: Database, cadre_id: int, year: int, on: date | None = None
) -> StudyResult | None:
    """R-TRN-5 for the contest: None when the year has no training data at all."""
    with db.unit_of_work() as uow:
        if not has_training_data(uow.session, year):
            return None
    return study_requirement_met(credit_account_for(db, cadre_id, year, on))


def section_summary(rows: list[CreditRow]) -> list[SectionCredits]:
    """Section by section, in the order the rows come (the view's section order)."""
    groups: dict[str, list[CreditRow]] = {}
    for r in rows:
        groups.setdefault(r.section or "（未分配科室）", []).append(r)
    out = []
    for name, members in groups.items():
        earned = [m.earned for m in members]
        out.append(
            SectionCredits(
                name,
                len(members),
                sum(1 for m in members if m.met),
                sum(1 for m in members if not m.met),
                round(sum(earned) / len(earned), 2),
                min(earned),
                round(sum(m.shortfall for m in members), 2),
            )
        )
    return out


CREDIT_HEADERS = (
    "姓名",
    "科室",
    "职级",
    "应修学分",
    "已修学分",
    "差额",
    "不及格考试",
    "心得未交",
    "心得逾期",
    "结论",
)
ITEM_HEADERS = ("姓名", "科室", "类别", "日期", "项目", "学分", "说明")


def conclusion(account: CreditAccount) -> str:
    if not account.met:
        return "学分未达标"
    return "考试不合格" if account.failed_exams else "达标"


@requires(Permission.EXPORT, area="培训与学分", action="导出学分台账")
def export_credits(db: Database, year: int, path: Path, on: date | None = None) -> int:
    """学分台账 and 学分明细 as an .xlsx; returns the number of cadres written."""
    accounts = accounts_for_year(db, year, on, itemised=True)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"{year}年学分台账"
    write_table(
        ws,
        CREDIT_HEADERS,
        [
            (
                who.name,
                who.section,
                who.rank,
                a.required,
                a.earned,
                a.shortfall,
                len(a.failed_exams),
                a.missing_notes,
                a.late_notes,
                conclusion(a),
            )
            for who, a in accounts
        ],
    )
    detail = wb.create_sheet("学分明细")
    write_table(
        detail,
        ITEM_HEADERS,
        [
            (who.name, who.section, i.kind.value, i.on, i.title, i.credits, i.detail)
            for who, a in accounts
            for i in a.items
        ],
    )
    save_workbook(wb, path)
    return len(accounts)
