"""定期考试 (R-TRN-3): sittings with a pass mark, candidates, scores by grid or by Excel."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, delete, func, select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound
from orgdesk.domain.settings import Settings
from orgdesk.domain.training import ScoreEntry, SubjectGroup, check_exam_marks
from orgdesk.services.records import row_to_save
from orgdesk.services.training_common import (
    CadreBrief,
    CadrePick,
    brief_select,
    picked_cadre_ids,
    raise_if,
    require_choice,
    require_text,
    year_bounds,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre
from orgdesk.storage.models.training import Exam, ExamScore, TrainingSession


@dataclass(frozen=True)
class ExamRow:
    id: int
    title: str
    held_on: date
    group: str
    full_mark: float
    pass_mark: float
    session_id: int | None
    session_title: str
    candidates: int
    entered: int
    failed: int


@dataclass
class ExamInput:
    title: str
    held_on: date | None
    group: str
    pass_mark: float
    full_mark: float = 100
    session_id: int | None = None


def new_exam_input(settings: Settings, held_on: date | None = None) -> ExamInput:
    """Defaults for the form: the pass mark comes from 设置."""
    return ExamInput(
        title="",
        held_on=held_on,
        group=SubjectGroup.POLITICAL.value,
        pass_mark=settings["exam.default_pass_mark"],
    )


@dataclass(frozen=True)
class ScoreLine:
    cadre: CadreBrief
    score: float | None
    absent: bool

    @property
    def entry(self) -> ScoreEntry:
        return ScoreEntry(self.score, self.absent)


@dataclass(frozen=True)
class ScoreSheet:
    exam: ExamRow
    lines: list[ScoreLine]


def _failed_expr():  # type: ignore[no-untyped-def]
    return case(
        (ExamScore.absent.is_(True), 1),
        (ExamScore.score < Exam.pass_mark, 1),
        else_=0,
    )


def list_exams(db: Database, year: int | None = None, exam_id: int | None = None) -> list[ExamRow]:
    stmt = (
        select(
            Exam,
            func.coalesce(TrainingSession.title, ""),
            func.count(ExamScore.id),
            func.sum(case((ExamScore.score.is_not(None) | ExamScore.absent, 1), else_=0)),
            func.sum(_failed_expr()),
        )
        .outerjoin(TrainingSession, TrainingSession.id == Exam.session_id)
        .outerjoin(ExamScore, ExamScore.exam_id == Exam.id)
        .group_by(Exam.id, TrainingSession.title)
        .order_by(Exam.held_on, Exam.id)
    )
    if year is not None:
        stmt = stmt.where(Exam.held_on.between(*year_bounds(year)))
    if exam_id is not None:
        stmt = stmt.where(Exam.id == exam_id)
    with db.unit_of_work() as uow:
        return [
            ExamRow(
                e.id,
                e.title,
                e.held_on,
                e.subject_group,
                e.full_mark,
                e.pass_mark,
                e.session_id,
                session_title,
                n,
                entered or 0,
                failed or 0,
            )
            for e, session_title, n, entered, failed in uow.session.execute(stmt)
        ]


def get_exam(db: Database, exam_id: int) -> ExamRow:
    rows = list_exams(db, exam_id=exam_id)
    if not rows:
        raise NotFound("该场考试已不存在")
    return rows[0]


@requires(Permission.EDIT, area="培训与学分")
def save_exam(db: Database, data: ExamInput, exam_id: int | None = None) -> int:
    problems: list[FieldProblem] = []
    title = require_text(data.title, "考试名称", problems)
    require_choice(data.group, [g.value for g in SubjectGroup], "类别", problems)
    if data.held_on is None:
        problems.append(FieldProblem("考试日期", "不能为空"))
    marks = check_exam_marks(data.full_mark, data.pass_mark)
    if marks:
        problems.append(FieldProblem("及格线" if "及格" in marks else "满分", marks))
    raise_if(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        row = row_to_save(s, Exam, exam_id, "该场考试已不存在")
        if exam_id is not None:
            top = s.scalar(select(func.max(ExamScore.score)).where(ExamScore.exam_id == exam_id))
            if top is not None and top > data.full_mark:
                raise_if([FieldProblem("满分", f"已录入的最高成绩为 {top:g}，满分不能低于它")])
        assert data.held_on is not None
        row.title, row.held_on, row.subject_group = title, data.held_on, data.group
        row.full_mark, row.pass_mark, row.session_id = (
            data.full_mark,
            data.pass_mark,
            data.session_id,
        )
        s.flush()
        uow.commit()
        return row.id


@requires(Permission.EDIT, area="培训与学分")
def delete_exam(db: Database, exam_id: int) -> None:
    with db.unit_of_work() as uow:
        uow.session.execute(delete(Exam).where(Exam.id == exam_id))
        uow.commit()


@requires(Permission.EDIT, area="培训与学分")
def add_candidates(db: Database, exam_id: int, pick: CadrePick) -> int:
    """Put the picked cadres on the sitting's list; returns how many were new."""
    with db.unit_of_work() as uow:
        s = uow.session
        if s.get(Exam, exam_id) is None:
            raise NotFound("该场考试已不存在")
        have = set(s.scalars(select(ExamScore.cadre_id).where(ExamScore.exam_id == exam_id)))
        added = [c for c in picked_cadre_ids(s, pick) if c not in have]
        for cadre_id in added:
            s.add(ExamScore(exam_id=exam_id, cadre_id=cadre_id, score=None, absent=False))
        uow.commit()
        return len(added)


@requires(Permission.EDIT, area="培训与学分")
def remove_candidates(db: Database, exam_id: int, cadre_ids: list[int]) -> None:
    with db.unit_of_work() as uow:
        uow.session.execute(
            delete(ExamScore).where(ExamScore.exam_id == exam_id, ExamScore.cadre_id.in_(cadre_ids))
        )
        uow.commit()


def score_sheet(db: Database, exam_id: int) -> ScoreSheet:
    exam = get_exam(db, exam_id)
    stmt = (
        brief_select()
        .add_columns(ExamScore.score, ExamScore.absent)
        .join(ExamScore, ExamScore.cadre_id == Cadre.id)
        .where(ExamScore.exam_id == exam_id)
        .order_by(Cadre.section_id, Cadre.name_pinyin, Cadre.id)
    )
    with db.unit_of_work() as uow:
        lines = [
            ScoreLine(CadreBrief(*row[:6]), row[6], bool(row[7]))
            for row in uow.session.execute(stmt)
        ]
    return ScoreSheet(exam, lines)


@requires(Permission.EDIT, area="培训与学分")
def save_scores(db: Database, exam_id: int, entries: Mapping[int, ScoreEntry]) -> None:
    """Store scores for candidates of the sitting, all or none."""
    with db.unit_of_work() as uow:
        s = uow.session
        exam = s.get(Exam, exam_id)
        if exam is None:
            raise NotFound("该场考试已不存在")
        rows = {
            r.cadre_id: r
            for r in s.scalars(
                select(ExamScore).where(
                    ExamScore.exam_id == exam_id, ExamScore.cadre_id.in_(list(entries))
                )
            )
        }
        problems: list[FieldProblem] = []
        for cadre_id, entry in entries.items():
            if cadre_id not in rows:
                problems.append(
                    FieldProblem("考生", "不在本场考试的考生名单中", None, str(cadre_id))
                )
            elif entry.score is not None and not 0 <= entry.score <= exam.full_mark:
                problems.append(
                    FieldProblem(
                        "成绩", f"应在 0–{exam.full_mark:g} 之间", None, f"{entry.score:g}"
                    )
                )
        raise_if(problems)
        for cadre_id, entry in entries.items():
            rows[cadre_id].score = None if entry.absent else entry.score
            rows[cadre_id].absent = entry.absent
        uow.commit()
