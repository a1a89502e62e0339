"""年度考核 use cases (R-EVA-2, R-EVA-3): votes, proposed and final grades, past grades.

Other areas ask `yearly_grades(db, cadre_id)` and `grade_for(db, cadre_id, year)`
(contest eligibility, the .lrmx export); both read the leader's final grade.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, current_actor, requires
from orgdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from orgdesk.domain.evaluation import (
    Candidate,
    Grade,
    VoteTally,
    check_final_grade,
    check_tally,
    combined_score,
    consecutive_excellent,
    excellent_quota,
    needs_transfer_review,
    propose_grades,
    recommended_for_promotion,
    vote_score,
)
from orgdesk.domain.people import CadreStatus
from orgdesk.domain.settings import Settings
from orgdesk.domain.text import LONG_TEXT, check_text
from orgdesk.services.evaluation_targets import person_target_scores
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Rank, Section
from orgdesk.storage.models.evaluation import Appraisal, Honour

HOME_UNIT = "本部"
AREA = "年度考核"


@dataclass(frozen=True)
class AppraisalRow:
    cadre_id: int
    name: str
    id_number: str
    section: str
    post_title: str
    rank: str
    status: str
    target_score: float | None
    tally: VoteTally
    vote_score: float | None
    combined: float | None
    proposed: str | None
    proposal_note: str
    final: str | None
    final_reason: str
    decided_by: str
    decided_on: date | None
    consecutive_excellent: int
    recommended: bool
    transfer_review: bool
    honours: tuple[str, ...] = ()
    history: dict[int, str] = field(default_factory=dict)

    @property
    def differs(self) -> bool:
        return self.final is not None and self.proposed is not None and self.final != self.proposed


@dataclass(frozen=True)
class AppraisalSheet:
    year: int
    rows: list[AppraisalRow]
    quota: int
    settings: Settings

    @property
    def evaluated(self) -> int:
        return len(self.rows)

    @property
    def excellent_decided(self) -> int:
        return sum(1 for r in self.rows if r.final == Grade.EXCELLENT.value)

    def row(self, cadre_id: int) -> AppraisalRow | None:
        return next((r for r in self.rows if r.cadre_id == cadre_id), None)


@dataclass(frozen=True)
class FormText:
    """The words on the 年度考核登记表 that people write."""

    duties: str = ""
    self_summary: str = ""
    training_note: str = ""
    leader_comment: str = ""


# -- who is assessed in a year -------------------------------------------------------------


def departures(s: Session) -> dict[int, date | None]:
    """调出日期 of every cadre with status 已调出: the end of their last posting here."""
    left = select(Cadre.id).where(Cadre.status == CadreStatus.LEFT.value)
    rows: Any = s.execute(
        select(Posting.cadre_id, func.max(Posting.end_date))
        .where(Posting.cadre_id.in_(left), Posting.unit == HOME_UNIT)
        .group_by(Posting.cadre_id)
    )
    found = dict(rows.all())
    return {cid: found.get(cid) for cid in s.scalars(left)}


def assessed_ids(s: Session, year: int) -> list[int]:
    """参加考核人员: in the department during `year` and not gone before it ended."""
    year_end = date(year, 12, 31)
    gone = departures(s)
    candidates: Any = s.execute(
        select(Cadre.id, Cadre.status).where(
            or_(Cadre.joined_department.is_(None), Cadre.joined_department <= year_end)
        )
    )
    ids = set()
    for cid, status in candidates:
        if status != CadreStatus.LEFT.value:
            ids.add(cid)
        else:
            left_on = gone.get(cid)
            if left_on is not None and left_on > year_end:
                ids.add(cid)
    ids |= set(s.scalars(select(Appraisal.cadre_id).where(Appraisal.year == year)))
    return sorted(ids)


# -- the sheet ------------------------------------------------------------------------------


def appraisal_sheet(db: Database, year: int) -> AppraisalSheet:
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        return build_sheet(uow.session, year, settings)


def build_sheet(s: Session, year: int, settings: Settings) -> AppraisalSheet:
    """Everyone assessed in `year`, with scores, proposals and decisions (5 queries)."""
    ids = assessed_ids(s, year)
    people: Any = s.execute(
        select(
            Cadre.id,
            Cadre.name,
            Cadre.id_number,
            func.coalesce(Section.name, ""),
            Cadre.post_title,
            func.coalesce(Rank.name, ""),
            Cadre.status,
        )
        .outerjoin(Section, Section.id == Cadre.section_id)
        .outerjoin(Rank, Rank.id == Cadre.rank_id)
        .where(Cadre.id.in_(ids))
        .order_by(
            Section.sort_order, Rank.level.desc(), Rank.is_leadership.desc(), Cadre.name_pinyin
        )
    )
    people = people.all()
    appraisals = {a.cadre_id: a for a in s.scalars(select(Appraisal).where(Appraisal.year == year))}
    targets = person_target_scores(s, year)
    history = all_grades(s)
    honours: dict[int, list[str]] = defaultdict(list)
    for cid, title in s.execute(select(Honour.cadre_id, Honour.title).where(Honour.year == year)):
        honours[cid].append(title)

    tallies: dict[int, VoteTally] = {}
    combined: dict[int, float | None] = {}
    for cid, *_rest in people:
        a = appraisals.get(cid)
        tally = _tally(a) if a else VoteTally()
        tallies[cid] = tally
        combined[cid] = combined_score(targets.get(cid), vote_score(tally), settings)
    proposals = propose_grades(
        [Candidate(cid, combined[cid], tallies[cid]) for cid, *_ in people], settings
    )
    rows = []
    for cid, name, id_number, section, post, rank, status in people:
        a = appraisals.get(cid)
        grades = history.get(cid, {})
        final = a.final_grade if a else None
        proposal = proposals[cid]
        rows.append(
            AppraisalRow(
                cadre_id=cid,
                name=name,
                id_number=id_number,
                section=section,
                post_title=post,
                rank=rank,
                status=status,
                target_score=_round(targets.get(cid)),
                tally=tallies[cid],
                vote_score=_round(vote_score(tallies[cid])),
                combined=combined[cid],
                proposed=proposal.grade.value if proposal.grade else None,
                proposal_note=proposal.note,
                final=final,
                final_reason=a.final_reason if a else "",
                decided_by=a.decided_by if a else "",
                decided_on=a.decided_on if a else None,
                consecutive_excellent=consecutive_excellent(grades, year),
                recommended=recommended_for_promotion(grades, year, settings),
                transfer_review=needs_transfer_review(final),
                honours=tuple(honours.get(cid, ())),
                history=dict(sorted(grades.items())),
            )
        )
    return AppraisalSheet(year, rows, excellent_quota(len(rows), settings), settings)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _tally(a: Appraisal) -> VoteTally:
    return VoteTally(
        a.votes_excellent, a.votes_competent, a.votes_basic, a.votes_incompetent, a.voters
    )


def all_grades(s: Session) -> dict[int, dict[int, str]]:
    """Final grades of every cadre, every year: {cadre_id: {year: grade}}."""
    out: dict[int, dict[int, str]] = defaultdict(dict)
    rows: Any = s.execute(
        select(Appraisal.cadre_id, Appraisal.year, Appraisal.final_grade).where(
            Appraisal.final_grade.is_not(None)
        )
    )
    for cid, year, grade in rows:
        out[cid][year] = grade
    return out


# -- what other areas ask -------------------------------------------------------------------


def yearly_grades(db: Database, cadre_id: int) -> dict[int, str]:
    """The leader's final grade per year for one cadre, oldest first."""
    with db.unit_of_work() as uow:
        rows: Any = uow.session.execute(
            select(Appraisal.year, Appraisal.final_grade)
            .where(Appraisal.cadre_id == cadre_id, Appraisal.final_grade.is_not(None))
            .order_by(Appraisal.year)
        )
        return {year: grade for year, grade in rows}


def grade_for(db: Database, cadre_id: int, year: int) -> str | None:
    """The final grade of `cadre_id` for `year`, or None when not decided."""
    with db.unit_of_work() as uow:
        return uow.session.scalar(
            select(Appraisal.final_grade).where(
                Appraisal.cadre_id == cadre_id, Appraisal.year == year
            )
        )


# -- what the clerk and the leader do -------------------------------------------------------


def _appraisal(s: Session, year: int, cadre_id: int) -> Appraisal:
    cadre = s.get(Cadre, cadre_id)
    if cadre is None:
        raise NotFound("该人员已不存在（可能已被删除）")
    row = s.scalar(select(Appraisal).where(Appraisal.year == year, Appraisal.cadre_id == cadre_id))
    if row is None:
        row = Appraisal(
            year=year,
            cadre_id=cadre_id,
            votes_excellent=0,
            votes_competent=0,
            votes_basic=0,
            votes_incompetent=0,
            voters=0,
            final_reason="",
            decided_by="",
            duties="",
            self_summary="",
            training_note="",
            leader_comment="",
        )
        s.add(row)
    return row


@requires(Permission.EDIT, area=AREA)
def record_votes(db: Database, year: int, cadre_id: int, tally: VoteTally) -> None:
    """民主评议票数 for one cadre; refused (and nothing stored) when they do not add up."""
    problems = check_tally(tally)
    if problems:
        raise ValidationFailed(problems)
    with db.unit_of_work() as uow:
        a = _appraisal(uow.session, year, cadre_id)
        a.votes_excellent = tally.excellent
        a.votes_competent = tally.competent
        a.votes_basic = tally.basic
        a.votes_incompetent = tally.incompetent
        a.voters = tally.voters
        uow.commit()


@requires(Permission.EDIT, area=AREA)
def save_form_text(db: Database, year: int, cadre_id: int, text: FormText) -> None:
    problems = [
        problem
        for label, value in (
            ("主要职责", text.duties),
            ("个人总结", text.self_summary),
            ("学习培训情况", text.training_note),
            ("主管领导评语", text.leader_comment),
        )
        for problem in check_text(label, value.strip(), limit=LONG_TEXT, multiline=True)
    ]
    if problems:
        raise ValidationFailed(problems)
    with db.unit_of_work() as uow:
        a = _appraisal(uow.session, year, cadre_id)
        a.duties = text.duties.strip()
        a.self_summary = text.self_summary.strip()
        a.training_note = text.training_note.strip()
        a.leader_comment = text.leader_comment.strip()
        uow.commit()


def form_text(db: Database, year: int, cadre_id: int) -> FormText:
    with db.unit_of_work() as uow:
        a = uow.session.scalar(
            select(Appraisal).where(Appraisal.year == year, Appraisal.cadre_id == cadre_id)
        )
        if a is None:
            return FormText()
        return FormText(a.duties, a.self_summary, a.training_note, a.leader_comment)


@requires(Permission.DECIDE, action="确定年度考核等次")
def decide_grade(
    db: Database,
    year: int,
    cadre_id: int,
    grade: Grade | None,
    *,
    reason: str = "",
    decided_by: str = "",
    decided_on: date | None = None,
) -> None:
    """The leader's 确定等次; `None` withdraws a decision."""
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        s = uow.session
        sheet = build_sheet(s, year, settings)
        row = sheet.row(cadre_id)
        a = _appraisal(s, year, cadre_id)
        if grade is None:
            a.final_grade = None
            a.proposed_grade = None
            a.final_reason = ""
            a.decided_by = ""
            a.decided_on = None
            uow.commit()
            return
        proposed = Grade(row.proposed) if row and row.proposed else None
        others = sum(
            1 for r in sheet.rows if r.final == Grade.EXCELLENT.value and r.cadre_id != cadre_id
        )
        quota = sheet.quota if row is not None else excellent_quota(sheet.evaluated + 1, settings)
        problems = check_final_grade(grade, proposed, reason, others, quota)
        if problems:
            raise ValidationFailed(problems)
        a.final_grade = grade.value
        a.proposed_grade = proposed.value if proposed else None
        a.final_reason = reason.strip() if proposed is None or grade != proposed else ""
        a.decided_by = decided_by.strip() or _decider()
        a.decided_on = decided_on or date.today()
        uow.commit()


def _decider() -> str:
    """Who decided, when the form leaves it empty: the signed-in 部领导."""
    actor = current_actor()
    return actor.display_name if actor is not None else ""


@requires(Permission.DECIDE, action="确定年度考核等次")
def decide_all_as_proposed(
    db: Database, year: int, *, decided_by: str = "", decided_on: date | None = None
) -> int:
    """确定等次 = 建议等次 for everyone not yet decided; returns how many were set."""
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        s = uow.session
        sheet = build_sheet(s, year, settings)
        taken = sheet.excellent_decided
        pending = [r for r in sheet.rows if r.final is None and r.proposed is not None]
        new_excellent = sum(1 for r in pending if r.proposed == Grade.EXCELLENT.value)
        if taken + new_excellent > sheet.quota:
            raise ValidationFailed(
                [
                    FieldProblem(
                        "确定等次",
                        f"已确定优秀 {taken} 人，再按建议确定 {new_excellent} 人将超过"
                        f"比例上限 {sheet.quota} 人；请逐人确定",
                    )
                ]
            )
        for r in pending:
            a = _appraisal(s, year, r.cadre_id)
            a.final_grade = r.proposed
            a.proposed_grade = r.proposed
            a.final_reason = ""
            a.decided_by = decided_by.strip() or _decider()
            a.decided_on = decided_on or date.today()
        uow.commit()
        return len(pending)


def grade_history(db: Database) -> tuple[list[int], list[tuple[int, str, str, dict[int, str]]]]:
    """历年考核等次: (years, [(cadre_id, name, section, {year: grade})]) for current cadres."""
    with db.unit_of_work() as uow:
        s = uow.session
        grades = all_grades(s)
        people: Any = s.execute(
            select(Cadre.id, Cadre.name, func.coalesce(Section.name, ""))
            .outerjoin(Section, Section.id == Cadre.section_id)
            .where(or_(Cadre.status != CadreStatus.LEFT.value, Cadre.id.in_(list(grades))))
            .order_by(Section.sort_order, Cadre.name_pinyin)
        )
        rows = [(cid, name, sec, grades.get(cid, {})) for cid, name, sec in people]
    years = sorted({y for g in grades.values() for y in g})
    return years, rows
