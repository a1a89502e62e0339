"""Add, edit and read cadres with their posting history (R-PPL-1)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import PERSONNEL_AREA, Permission, requires
from orgdesk.domain.approval_form import TEXT_FIELDS as DETAIL_TEXT_FIELDS
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.names import name_initials, name_pinyin
from orgdesk.domain.people import (
    CadreInput,
    CadreStatus,
    PostingInput,
    check_cadre,
    current_posting,
)
from orgdesk.services.approval_details import load_details, store_details
from orgdesk.storage.database import Database
from orgdesk.storage.engine import SNAPSHOT_RETRIES
from orgdesk.storage.errors import ConcurrentEdit, DatabaseBusy
from orgdesk.storage.models import Cadre, Posting, Rank, Section

HOME_UNIT = "本部"


@dataclass(frozen=True)
class SavedCadre:
    id: int
    version: int
    warnings: list[FieldProblem]


def get_cadre(db: Database, cadre_id: int) -> tuple[CadreInput, int]:
    """The cadre as the form edits it, with its version for optimistic locking."""
    with db.unit_of_work() as uow:
        row = uow.session.get(Cadre, cadre_id)
        if row is None:
            raise NotFound("该人员已不存在（可能已被删除）")
        data = _to_input(row)
        data.details = load_details(uow.session, row)
        return data, row.version


def _to_input(row: Cadre) -> CadreInput:
    return CadreInput(
        name=row.name,
        id_number=row.id_number,
        sex=row.sex,
        birth_date=row.birth_date,
        ethnicity=row.ethnicity,
        political_status=row.political_status,
        education=row.education,
        degree=row.degree,
        specialty=row.specialty,
        first_employment=row.first_employment,
        joined_department=row.joined_department,
        section_id=row.section_id,
        post_title=row.post_title,
        rank_id=row.rank_id,
        status=CadreStatus(row.status),
        phone=row.phone,
        note=row.note,
        postings=[
            PostingInput(
                unit=p.unit,
                post_title=p.post_title,
                start_date=p.start_date,
                end_date=p.end_date,
                section_id=p.section_id,
                rank_id=p.rank_id,
                note=p.note,
                id=p.id,
            )
            for p in row.postings
        ],
    )


@requires(Permission.EDIT, area=PERSONNEL_AREA)
def save_cadre(
    db: Database,
    data: CadreInput,
    *,
    cadre_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> SavedCadre:
    """Validate and store one cadre; nothing is written when anything is wrong.

    Optimistic locking: a save based on an older version than the stored one is
    refused with ConcurrentEdit, naming who saved in between.
    """
    today = today or date.today()
    for attempt in range(SNAPSHOT_RETRIES):
        try:
            return _save_once(db, data, cadre_id, expected_version, today)
        except ConcurrentEdit as exc:
            if exc.by:
                raise
            # UPDATE … WHERE version = <read> matched nothing: another client saved since we
            # read the row (on PostgreSQL even while both transactions were open).  Say who.
            raise _concurrent_edit(db, cadre_id) from exc
        except DatabaseBusy:
            # SQLite: our read snapshot went stale because another connection committed;
            # run the whole unit of work again — its version check then sees the change.
            if attempt == SNAPSHOT_RETRIES - 1:
                raise
            time.sleep(0.02 * 2**attempt)  # the other writer may still be mid-transaction
    raise AssertionError("unreachable")


def _save_once(
    db: Database,
    data: CadreInput,
    cadre_id: int | None,
    expected_version: int | None,
    today: date,
) -> SavedCadre:
    with db.unit_of_work() as uow:
        saved = save_cadre_in(
            uow.session, data, cadre_id=cadre_id, expected_version=expected_version, today=today
        )
        uow.commit()
        return saved


def save_cadre_in(
    s: Session,
    data: CadreInput,
    *,
    cadre_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> SavedCadre:
    """`save_cadre` inside the caller's unit of work (intake 录用 adds a cadre and a trial at once)."""
    today = today or date.today()
    problems = check_cadre(data, today=today)
    problems += _check_references(s, data)
    clash = s.scalar(select(Cadre).where(Cadre.id_number == data.id_number))
    if clash is not None and clash.id != cadre_id:
        problems.append(
            FieldProblem("身份证号", f"已有同号人员「{clash.name}」", None, data.id_number)
        )
    failed = ValidationFailed(problems)
    if failed.problems:
        raise failed
    if cadre_id is None:
        row = Cadre()
        s.add(row)
    else:
        found = s.get(Cadre, cadre_id)
        if found is None:
            raise NotFound("该人员已不存在（可能已被删除）")
        if expected_version is not None and found.version != expected_version:
            raise ConcurrentEdit(f"「{found.name}」的记录", found.updated_by, found.updated_at)
        row = found
        row.version += 1
    _apply(row, data, today)
    if data.details is not None:
        # The 任免审批表 columns go into the same UPDATE: a second one would bump the
        # optimistic-locking version twice.
        for key in DETAIL_TEXT_FIELDS:
            setattr(row, key, getattr(data.details, key))
        row.party_joined = data.details.party_joined
    s.flush()
    if data.details is not None:
        store_details(s, row, data.details)
    return SavedCadre(row.id, row.version, failed.warnings)


def _concurrent_edit(db: Database, cadre_id: int | None) -> ConcurrentEdit | NotFound:
    """Who won the race: read the row as it is now, in a fresh unit of work."""
    with db.unit_of_work() as uow:
        row = uow.session.get(Cadre, cadre_id) if cadre_id is not None else None
        if row is None:
            return NotFound("该人员已被他人删除")
        return ConcurrentEdit(f"「{row.name}」的记录", row.updated_by, row.updated_at)


def _check_references(s: Session, data: CadreInput) -> list[FieldProblem]:
    problems = []
    section_ids = {data.section_id} | {p.section_id for p in data.postings}
    rank_ids = {data.rank_id} | {p.rank_id for p in data.postings}
    known_sections = set(s.scalars(select(Section.id)))
    known_ranks = set(s.scalars(select(Rank.id)))
    if section_ids - {None} - known_sections:
        problems.append(FieldProblem("科室", "所选科室已不存在，请重新选择"))
    if rank_ids - {None} - known_ranks:
        problems.append(FieldProblem("职级", "所选职级已不存在，请重新选择"))
    return problems


_COPIED_FIELDS = (
    "name",
    "id_number",
    "sex",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "degree",
    "specialty",
    "first_employment",
    "joined_department",
    "phone",
    "note",
)


def _apply(row: Cadre, data: CadreInput, today: date) -> None:
    for name in _COPIED_FIELDS:
        setattr(row, name, getattr(data, name))
    row.status = data.status.value
    row.name_initials = name_initials(data.name)
    row.name_pinyin = name_pinyin(data.name)

    postings = list(data.postings)
    current = current_posting(postings)
    if data.section_id is not None and data.status is not CadreStatus.LEFT:
        if current is None:
            current = PostingInput(
                unit=HOME_UNIT,
                post_title=data.post_title or "科员",
                start_date=data.joined_department or today,
            )
            postings.append(current)
        # The form's current section/post/rank correct the open posting.
        current.section_id = data.section_id
        current.rank_id = data.rank_id
        if data.post_title:
            current.post_title = data.post_title
    row.section_id = current.section_id if current else data.section_id
    row.rank_id = current.rank_id if current else data.rank_id
    row.post_title = current.post_title if current else data.post_title

    existing = {p.id: p for p in row.postings}
    kept: list[Posting] = []
    for p in postings:
        target = existing.get(p.id) if p.id is not None else None
        if target is None:
            target = Posting()
        target.unit = p.unit.strip() or HOME_UNIT
        target.section_id = p.section_id
        target.post_title = p.post_title.strip()
        target.rank_id = p.rank_id
        assert p.start_date is not None  # checked by check_postings
        target.start_date = p.start_date
        target.end_date = p.end_date
        target.note = p.note
        kept.append(target)
    row.postings = kept


@dataclass(frozen=True)
class Move:
    """A change of post taking effect on a date (rotation plan, contest appointment, intake)."""

    cadre_id: int
    effective: date
    section_id: int | None
    post_title: str
    rank_id: int | None
    unit: str = HOME_UNIT
    note: str = ""


def apply_move(s: Session, move: Move, *, today: date | None = None) -> Posting:
    """Close the open posting the day before `effective` and open the new one.

    Runs inside the caller's unit of work so that a plan or a contest applies
    all its moves or none.  The cadre's current section/post/rank follow on the
    effective date: at once when it has come, otherwise `sync_current_posts`
    moves them when the day arrives.
    """
    row = s.get(Cadre, move.cadre_id)
    if row is None:
        raise NotFound("该人员已不存在（可能已被删除）")
    for open_posting in [p for p in row.postings if p.end_date is None]:
        if open_posting.start_date >= move.effective:
            raise ValidationFailed(
                [
                    FieldProblem(
                        "任职经历",
                        f"「{row.name}」现任职务起始于 {open_posting.start_date:%Y-%m-%d}，"
                        f"不能在 {move.effective:%Y-%m-%d} 再次调整",
                    )
                ]
            )
        open_posting.end_date = move.effective - timedelta(days=1)
    posting = Posting(
        unit=move.unit,
        section_id=move.section_id,
        post_title=move.post_title,
        rank_id=move.rank_id,
        start_date=move.effective,
        end_date=None,
        note=move.note,
    )
    row.postings.append(posting)
    if move.unit == HOME_UNIT and move.effective <= (today or date.today()):
        row.section_id = move.section_id
        row.post_title = move.post_title
        row.rank_id = move.rank_id
    row.version += 1
    s.flush()
    return posting


def sync_current_posts(db: Database, on: date | None = None) -> int:
    """Moves approved for a later date take effect when the date arrives.

    For every cadre still here, the current section/post/rank are those of the
    posting in the department that covers `on`.  Returns how many changed.
    """
    on = on or date.today()
    changed = 0
    with db.unit_of_work() as uow:
        s = uow.session
        covering = s.execute(
            select(Posting.cadre_id, Posting.section_id, Posting.post_title, Posting.rank_id)
            .join(Cadre, Cadre.id == Posting.cadre_id)
            .where(
                Posting.unit == HOME_UNIT,
                Posting.start_date <= on,
                or_(Posting.end_date.is_(None), Posting.end_date >= on),
                Cadre.status != CadreStatus.LEFT.value,
            )
            .order_by(Posting.start_date)
        ).all()
        current = {cid: (sec, post, rank) for cid, sec, post, rank in covering}
        for cadre in s.scalars(select(Cadre).where(Cadre.id.in_(list(current)))):
            sec, post, rank = current[cadre.id]
            if (cadre.section_id, cadre.post_title, cadre.rank_id) != (sec, post, rank):
                cadre.section_id, cadre.post_title, cadre.rank_id = sec, post, rank
                changed += 1
        if changed:
            uow.commit()
    return changed
