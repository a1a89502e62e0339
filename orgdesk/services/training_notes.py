"""学习心得: who owes a note, by when, and who handed it in on time, late or not at all.

A note is owed for a reading item with a deadline (by everyone in its audience
who was in the department by then) and for a session with a deadline (by those
enrolled and not marked absent).  The obligation is derived, never stored; only
hand-ins are rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.due import DueItem, Urgency
from orgdesk.domain.errors import FieldProblem, NotFound
from orgdesk.domain.people import CadreStatus
from orgdesk.domain.settings import Settings
from orgdesk.domain.training import NoteStatus, note_status
from orgdesk.services.training_common import CadreBrief, cadre_briefs, raise_if, year_bounds
from orgdesk.services.training_syllabus import audiences
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre
from orgdesk.storage.models.training import (
    Enrolment,
    ReadingItem,
    StudyNote,
    Syllabus,
    TrainingSession,
)

TAB = "培训与学分"


class NoteAbout(StrEnum):
    READING = "reading"
    SESSION = "session"


@dataclass(frozen=True)
class NoteObligation:
    about: NoteAbout
    ref_id: int
    title: str
    due: date
    cadre_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        return (
            f"《{self.title}》读书心得"
            if self.about is NoteAbout.READING
            else f"「{self.title}」学习心得"
        )


@dataclass(frozen=True)
class NoteRequirement:
    about: NoteAbout
    ref_id: int
    label: str
    due: date
    counts: dict[NoteStatus, int]

    @property
    def required(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class NoteLine:
    cadre: CadreBrief
    status: NoteStatus
    submitted_on: date | None
    title: str


Handed = dict[tuple[NoteAbout, int, int], tuple[date, str]]


def note_obligations(
    s: Session, year: int, cadre_ids: Collection[int] | None = None
) -> list[NoteObligation]:
    """Every note owed in `year`: reading items of that year's syllabus, sessions ending in it.

    With `cadre_ids`, only those cadres' obligations are worked out (one person's account).
    """
    conn = s.connection()  # Core rows: these lists run to thousands for a whole year
    mine = [] if cadre_ids is None else [Cadre.id.in_(sorted(cadre_ids))]
    people = conn.execute(
        select(Cadre.id, Cadre.section_id, Cadre.rank_id, Cadre.joined_department).where(
            Cadre.status != CadreStatus.LEFT.value, *mine
        )
    ).all()
    out: list[NoteObligation] = []
    items = list(
        s.execute(
            select(ReadingItem.id, ReadingItem.title, ReadingItem.note_due)
            .join(Syllabus, Syllabus.id == ReadingItem.syllabus_id)
            .where(Syllabus.year == year, ReadingItem.note_due.is_not(None))
            .order_by(ReadingItem.note_due, ReadingItem.id)
        )
    )
    who = audiences(s, [i for i, _t, _d in items])
    for item_id, title, due in items:
        assert due is not None
        audience = who[item_id]
        ids = tuple(
            cid
            for cid, sec, rank, joined in people
            if audience.includes(sec, rank) and (joined is None or joined <= due)
        )
        out.append(NoteObligation(NoteAbout.READING, item_id, title, due, ids))
    serving = {p[0] for p in people}
    sessions = list(
        s.execute(
            select(TrainingSession.id, TrainingSession.title, TrainingSession.note_due)
            .where(
                TrainingSession.end_date.between(*year_bounds(year)),
                TrainingSession.note_due.is_not(None),
            )
            .order_by(TrainingSession.note_due, TrainingSession.id)
        )
    )
    enrolled: dict[int, list[int]] = {sid: [] for sid, _t, _d in sessions}
    if sessions:
        only = [] if cadre_ids is None else [Enrolment.cadre_id.in_(sorted(cadre_ids))]
        for sid, cid in conn.execute(
            select(Enrolment.session_id, Enrolment.cadre_id)
            .where(
                Enrolment.session_id.in_(list(enrolled)),
                Enrolment.attended.is_not(False),
                *only,
            )
            .order_by(Enrolment.cadre_id)
        ).all():
            if cid in serving:
                enrolled[sid].append(cid)
    for sid, title, due in sessions:
        assert due is not None
        out.append(NoteObligation(NoteAbout.SESSION, sid, title, due, tuple(enrolled[sid])))
    return out


def handed_in(
    s: Session, obligations: Iterable[NoteObligation], cadre_ids: Collection[int] | None = None
) -> Handed:
    """(about, ref_id, cadre_id) → (submitted_on, note title) for the given obligations."""
    conn = s.connection()
    mine = [] if cadre_ids is None else [StudyNote.cadre_id.in_(sorted(cadre_ids))]
    readings = [o.ref_id for o in obligations if o.about is NoteAbout.READING]
    sessions = [o.ref_id for o in obligations if o.about is NoteAbout.SESSION]
    found: Handed = {}
    if readings:
        for rid, cid, on, title in conn.execute(
            select(
                StudyNote.reading_id, StudyNote.cadre_id, StudyNote.submitted_on, StudyNote.title
            ).where(StudyNote.reading_id.in_(readings), *mine)
        ).all():
            if rid is not None:
                found[(NoteAbout.READING, rid, cid)] = (on, title)
    if sessions:
        for sid, cid, on, title in conn.execute(
            select(
                StudyNote.session_id, StudyNote.cadre_id, StudyNote.submitted_on, StudyNote.title
            ).where(StudyNote.session_id.in_(sessions), *mine)
        ).all():
            if sid is not None:
                found[(NoteAbout.SESSION, sid, cid)] = (on, title)
    return found


def note_requirements(db: Database, year: int, on: date) -> list[NoteRequirement]:
    with db.unit_of_work() as uow:
        obligations = note_obligations(uow.session, year)
        handed = handed_in(uow.session, obligations)
    return [_requirement(o, handed, on) for o in obligations]


def _requirement(o: NoteObligation, handed: Handed, on: date) -> NoteRequirement:
    counts = dict.fromkeys(NoteStatus, 0)
    for cid in o.cadre_ids:
        got = handed.get((o.about, o.ref_id, cid))
        counts[note_status(o.due, got[0] if got else None, on)] += 1
    return NoteRequirement(o.about, o.ref_id, o.label, o.due, counts)


def _obligation(s: Session, about: NoteAbout, ref_id: int) -> NoteObligation:
    year: int | None
    if about is NoteAbout.READING:
        year = s.scalar(select(Syllabus.year).join(ReadingItem).where(ReadingItem.id == ref_id))
    else:
        end = s.scalar(select(TrainingSession.end_date).where(TrainingSession.id == ref_id))
        year = end.year if end is not None else None
    if year is None:
        raise NotFound("该学习心得要求已不存在")
    for o in note_obligations(s, year):
        if o.about is about and o.ref_id == ref_id:
            return o
    raise NotFound("该书目或培训没有设定学习心得截止日期")


def note_roster(db: Database, about: NoteAbout, ref_id: int, on: date) -> list[NoteLine]:
    with db.unit_of_work() as uow:
        s = uow.session
        o = _obligation(s, about, ref_id)
        handed = handed_in(s, [o])
        briefs = cadre_briefs(s, o.cadre_ids)
    lines = []
    for cid in o.cadre_ids:
        got = handed.get((about, ref_id, cid))
        status = note_status(o.due, got[0] if got else None, on)
        lines.append(NoteLine(briefs[cid], status, got[0] if got else None, got[1] if got else ""))
    lines.sort(key=lambda x: (x.cadre.section_id or 0, x.cadre.id))
    return lines


def submit_note(
    db: Database,
    about: NoteAbout,
    ref_id: int,
    cadre_id: int,
    submitted_on: date | None,
    title: str = "",
    *,
    today: date | None = None,
) -> NoteStatus:
    """Record that a cadre handed in the note on `submitted_on`; returns on time / late."""
    return submit_notes(db, about, ref_id, [cadre_id], submitted_on, title, today=today)


@requires(Permission.EDIT, area="培训与学分")
def submit_notes(
    db: Database,
    about: NoteAbout,
    ref_id: int,
    cadre_ids: list[int],
    submitted_on: date | None,
    title: str = "",
    *,
    today: date | None = None,
) -> NoteStatus:
    """Record hand-ins for several cadres on one day, all or none; returns on time / late."""
    today = today or date.today()
    problems: list[FieldProblem] = []
    if submitted_on is None:
        problems.append(FieldProblem("提交日期", "不能为空"))
    elif submitted_on > today:
        problems.append(FieldProblem("提交日期", "不能晚于今天", None, f"{submitted_on}"))
    raise_if(problems)
    assert submitted_on is not None
    with db.unit_of_work() as uow:
        s = uow.session
        o = _obligation(s, about, ref_id)
        outsiders = [c for c in cadre_ids if c not in o.cadre_ids]
        if outsiders:
            names = "、".join(b.name for b in cadre_briefs(s, outsiders).values())
            raise_if([FieldProblem("人员", f"不需要提交{o.label}", None, names)])
        column = StudyNote.reading_id if about is NoteAbout.READING else StudyNote.session_id
        existing = {
            n.cadre_id: n
            for n in s.scalars(
                select(StudyNote).where(column == ref_id, StudyNote.cadre_id.in_(cadre_ids))
            )
        }
        for cadre_id in cadre_ids:
            row = existing.get(cadre_id)
            if row is None:
                row = StudyNote(cadre_id=cadre_id)
                if about is NoteAbout.READING:
                    row.reading_id = ref_id
                else:
                    row.session_id = ref_id
                s.add(row)
            row.submitted_on, row.title = submitted_on, title.strip()[:200]
        uow.commit()
        return note_status(o.due, submitted_on, today)


def withdraw_note(db: Database, about: NoteAbout, ref_id: int, cadre_id: int) -> None:
    withdraw_notes(db, about, ref_id, [cadre_id])


@requires(Permission.EDIT, area="培训与学分")
def withdraw_notes(db: Database, about: NoteAbout, ref_id: int, cadre_ids: list[int]) -> None:
    column = StudyNote.reading_id if about is NoteAbout.READING else StudyNote.session_id
    with db.unit_of_work() as uow:
        uow.session.execute(
            delete(StudyNote).where(column == ref_id, StudyNote.cadre_id.in_(cadre_ids))
        )
        uow.commit()


def notes_due(db: Database, on: date, settings: Settings) -> list[DueItem]:
    """Due-list provider: this year's notes overdue and missing, and those due within
    `notes.warn_days` still owed."""
    warn = settings.int("notes.warn_days")
    items: list[DueItem] = []
    for r in note_requirements(db, on.year, on):
        kind = f"note_{r.about.value}"
        missing = r.counts[NoteStatus.MISSING]
        pending = r.counts[NoteStatus.PENDING]
        if missing:
            items.append(
                DueItem(
                    "学习心得逾期",
                    f"{r.label}已于 {r.due:%Y-%m-%d} 截止，{missing} 人未交",
                    r.due,
                    Urgency.OVERDUE,
                    TAB,
                    kind,
                    r.ref_id,
                )
            )
        elif pending and 0 <= (r.due - on).days <= warn:
            items.append(
                DueItem(
                    "学习心得将到期",
                    f"{r.label}将于 {r.due:%Y-%m-%d} 截止，尚有 {pending} 人未交",
                    r.due,
                    Urgency.DUE_SOON,
                    TAB,
                    kind,
                    r.ref_id,
                )
            )
    return items
