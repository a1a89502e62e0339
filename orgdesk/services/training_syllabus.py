"""培训大纲 and 必读书目 (R-TRN-1): one syllabus a year, started fresh or from last year's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError
from orgdesk.domain.service_length import add_years
from orgdesk.domain.training import DEFAULT_SUBJECTS, Audience, SubjectGroup
from orgdesk.services.training_common import raise_if, require_choice, require_text
from orgdesk.storage.database import Database
from orgdesk.storage.models import Rank, Section
from orgdesk.storage.models.training import (
    ReadingAudience,
    ReadingItem,
    Syllabus,
    SyllabusSubject,
)

GROUPS = [g.value for g in SubjectGroup]


@dataclass(frozen=True)
class SubjectRow:
    id: int
    group: str
    name: str
    requirement: str


@dataclass(frozen=True)
class ReadingRow:
    id: int
    group: str
    title: str
    author: str
    note_due: date | None
    audience: Audience
    audience_text: str


@dataclass(frozen=True)
class SyllabusView:
    id: int
    year: int
    title: str
    goals: str
    subjects: list[SubjectRow]
    readings: list[ReadingRow]


@dataclass
class SubjectInput:
    group: str
    name: str
    requirement: str = ""


@dataclass
class ReadingInput:
    group: str
    title: str
    author: str = ""
    note_due: date | None = None
    section_ids: list[int] = field(default_factory=list)
    rank_ids: list[int] = field(default_factory=list)


def syllabus_years(db: Database) -> list[int]:
    with db.unit_of_work() as uow:
        return list(uow.session.scalars(select(Syllabus.year).order_by(Syllabus.year)))


def audiences(s: Session, reading_ids: list[int]) -> dict[int, Audience]:
    sections: dict[int, set[int]] = {i: set() for i in reading_ids}
    ranks: dict[int, set[int]] = {i: set() for i in reading_ids}
    if reading_ids:
        for rid, sec, rank in s.execute(
            select(
                ReadingAudience.reading_id, ReadingAudience.section_id, ReadingAudience.rank_id
            ).where(ReadingAudience.reading_id.in_(reading_ids))
        ):
            if sec is not None:
                sections[rid].add(sec)
            if rank is not None:
                ranks[rid].add(rank)
    return {i: Audience(frozenset(sections[i]), frozenset(ranks[i])) for i in reading_ids}


def get_syllabus(db: Database, year: int) -> SyllabusView | None:
    with db.unit_of_work() as uow:
        s = uow.session
        row = s.scalar(select(Syllabus).where(Syllabus.year == year))
        if row is None:
            return None
        subjects = [
            SubjectRow(x.id, x.subject_group, x.name, x.requirement)
            for x in s.scalars(
                select(SyllabusSubject)
                .where(SyllabusSubject.syllabus_id == row.id)
                .order_by(SyllabusSubject.sort_order, SyllabusSubject.id)
            )
        ]
        items = list(
            s.scalars(
                select(ReadingItem)
                .where(ReadingItem.syllabus_id == row.id)
                .order_by(ReadingItem.sort_order, ReadingItem.id)
            )
        )
        who = audiences(s, [i.id for i in items])
        section_names = dict(s.execute(select(Section.id, Section.name)).all())
        rank_names = dict(s.execute(select(Rank.id, Rank.name)).all())
        readings = [
            ReadingRow(
                i.id,
                i.subject_group,
                i.title,
                i.author,
                i.note_due,
                who[i.id],
                who[i.id].describe(section_names, rank_names),
            )
            for i in items
        ]
        return SyllabusView(row.id, row.year, row.title, row.goals, subjects, readings)


@requires(Permission.EDIT, area="培训与学分")
def create_syllabus(db: Database, year: int, *, with_default_subjects: bool = True) -> int:
    """A new, empty syllabus for `year`, pre-filled with the article's subject groups."""
    with db.unit_of_work() as uow:
        s = uow.session
        _refuse_existing(s, year)
        row = Syllabus(year=year, title=f"{year} 年度组工干部教育培训大纲", goals="")
        s.add(row)
        s.flush()
        if with_default_subjects:
            for order, (group, name) in enumerate(DEFAULT_SUBJECTS):
                s.add(
                    SyllabusSubject(
                        syllabus_id=row.id, subject_group=group.value, name=name, sort_order=order
                    )
                )
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="培训与学分")
def copy_syllabus(db: Database, from_year: int, to_year: int) -> int:
    """Start `to_year` from `from_year`'s subjects and reading list; deadlines move by the gap."""
    with db.unit_of_work() as uow:
        s = uow.session
        source = s.scalar(select(Syllabus).where(Syllabus.year == from_year))
        if source is None:
            raise NotFound(f"{from_year} 年没有培训大纲，无法复制")
        _refuse_existing(s, to_year)
        gap = to_year - from_year
        title = source.title.replace(str(from_year), str(to_year))
        if title == source.title:
            title = f"{to_year} 年度组工干部教育培训大纲"
        row = Syllabus(year=to_year, title=title, goals=source.goals)
        s.add(row)
        s.flush()
        for x in s.scalars(select(SyllabusSubject).where(SyllabusSubject.syllabus_id == source.id)):
            s.add(
                SyllabusSubject(
                    syllabus_id=row.id,
                    subject_group=x.subject_group,
                    name=x.name,
                    requirement=x.requirement,
                    sort_order=x.sort_order,
                )
            )
        items = list(s.scalars(select(ReadingItem).where(ReadingItem.syllabus_id == source.id)))
        who = audiences(s, [i.id for i in items])
        for item in items:
            copy = ReadingItem(
                syllabus_id=row.id,
                subject_group=item.subject_group,
                title=item.title,
                author=item.author,
                note_due=add_years(item.note_due, gap) if item.note_due else None,
                sort_order=item.sort_order,
            )
            s.add(copy)
            s.flush()
            _store_audience(s, copy.id, who[item.id].section_ids, who[item.id].rank_ids)
        uow.commit()
        return row.id


def _refuse_existing(s: Session, year: int) -> None:
    if s.scalar(select(Syllabus.id).where(Syllabus.year == year)) is not None:
        raise OrgDeskError(f"{year} 年的培训大纲已存在")


@requires(Permission.EDIT, area="培训与学分")
def update_syllabus(db: Database, syllabus_id: int, title: str, goals: str) -> None:
    problems: list[FieldProblem] = []
    title = require_text(title, "大纲名称", problems)
    raise_if(problems)
    with db.unit_of_work() as uow:
        row = uow.session.get(Syllabus, syllabus_id)
        if row is None:
            raise NotFound("该培训大纲已不存在")
        row.title, row.goals = title, goals.strip()
        uow.commit()


@requires(Permission.EDIT, area="培训与学分")
def save_subject(
    db: Database, syllabus_id: int, data: SubjectInput, subject_id: int | None = None
) -> int:
    problems: list[FieldProblem] = []
    require_choice(data.group, GROUPS, "类别", problems)
    name = require_text(data.name, "科目", problems)
    raise_if(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        if subject_id is None:
            count = len(
                s.scalars(
                    select(SyllabusSubject.id).where(SyllabusSubject.syllabus_id == syllabus_id)
                ).all()
            )
            row = SyllabusSubject(syllabus_id=syllabus_id, sort_order=count)
            s.add(row)
        else:
            found = s.get(SyllabusSubject, subject_id)
            if found is None:
                raise NotFound("该科目已不存在")
            row = found
        row.subject_group, row.name, row.requirement = data.group, name, data.requirement.strip()
        s.flush()
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="培训与学分")
def delete_subject(db: Database, subject_id: int) -> None:
    with db.unit_of_work() as uow:
        uow.session.execute(delete(SyllabusSubject).where(SyllabusSubject.id == subject_id))
        uow.commit()


@requires(Permission.EDIT, area="培训与学分")
def save_reading(
    db: Database, syllabus_id: int, data: ReadingInput, reading_id: int | None = None
) -> int:
    problems: list[FieldProblem] = []
    require_choice(data.group, GROUPS, "类别", problems)
    title = require_text(data.title, "书名", problems, limit=200)
    raise_if(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        year = s.scalar(select(Syllabus.year).where(Syllabus.id == syllabus_id))
        if year is None:
            raise NotFound("该培训大纲已不存在")
        if data.note_due is not None and abs(data.note_due.year - year) > 1:
            raise_if(
                [FieldProblem("心得截止日期", f"应在 {year} 年前后", None, str(data.note_due))]
            )
        if reading_id is None:
            count = len(
                s.scalars(
                    select(ReadingItem.id).where(ReadingItem.syllabus_id == syllabus_id)
                ).all()
            )
            row = ReadingItem(syllabus_id=syllabus_id, sort_order=count)
            s.add(row)
        else:
            found = s.get(ReadingItem, reading_id)
            if found is None:
                raise NotFound("该书目已不存在")
            row = found
        row.subject_group, row.title = data.group, title
        row.author, row.note_due = data.author.strip(), data.note_due
        s.flush()
        s.execute(delete(ReadingAudience).where(ReadingAudience.reading_id == row.id))
        _store_audience(s, row.id, data.section_ids, data.rank_ids)
        uow.commit()
        return row.id


def _store_audience(
    s: Session, reading_id: int, section_ids: Iterable[int], rank_ids: Iterable[int]
) -> None:
    for sec in sorted(set(section_ids)):
        s.add(ReadingAudience(reading_id=reading_id, section_id=sec))
    for rank in sorted(set(rank_ids)):
        s.add(ReadingAudience(reading_id=reading_id, rank_id=rank))


@requires(Permission.EDIT, area="培训与学分")
def delete_reading(db: Database, reading_id: int) -> None:
    """Removes the item, its audience and the notes handed in about it."""
    with db.unit_of_work() as uow:
        uow.session.execute(delete(ReadingItem).where(ReadingItem.id == reading_id))
        uow.commit()
