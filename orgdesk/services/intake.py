"""招录批次 (R-INT-1, R-INT-2): batches with posts, candidates, judgements and scores.

Decisions (录用 / 未录用) live in `intake_decision.py`; the Excel candidate
list in `candidate_import.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError, ValidationFailed
from orgdesk.domain.intake import (
    ENTRY_DIMENSIONS,
    Decision,
    IntakeChannel,
    Weights,
    check_score,
    check_weights,
    rank_by_total,
    weighted_total,
)
from orgdesk.domain.intake_candidate import (
    SCORE_LABELS,
    CandidateInput,
    check_candidate,
)
from orgdesk.domain.people import RankLevel
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Rank, Section
from orgdesk.storage.models.personnel import IntakeBatch, IntakeCandidate, IntakePost


@dataclass
class PostInput:
    title: str
    section_id: int | None
    rank_id: int | None
    headcount: int = 1
    id: int | None = None


@dataclass
class BatchInput:
    year: int
    title: str
    channel: IntakeChannel
    weights: Weights
    posts: list[PostInput]
    announced_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class BatchSummary:
    id: int
    year: int
    title: str
    channel: IntakeChannel
    posts: int
    headcount: int
    candidates: int
    hired: int


@dataclass(frozen=True)
class PostView:
    id: int
    title: str
    section_id: int | None
    section: str
    rank_id: int | None
    rank: str
    level: RankLevel | None
    headcount: int
    hired: int

    @property
    def label(self) -> str:
        return f"{self.section}·{self.title}" if self.section else self.title


@dataclass(frozen=True)
class CandidateRow:
    id: int
    batch_id: int
    post_id: int | None
    post: str
    cadre_id: int | None
    data: CandidateInput
    total: float | None
    rank: int | None
    decision: Decision
    decided_on: date | None


@dataclass(frozen=True)
class BatchDetail:
    id: int
    version: int
    data: BatchInput
    posts: list[PostView]
    candidates: list[CandidateRow]

    def post(self, post_id: int | None) -> PostView | None:
        return next((p for p in self.posts if p.id == post_id), None)


def _fail(problems: list[FieldProblem]) -> None:
    failed = ValidationFailed(problems)
    if failed.problems:
        raise failed


def default_weights(db: Database) -> Weights:
    s = load_settings(db)
    return Weights(
        s["intake.weight.written"], s["intake.weight.interview"], s["intake.weight.assessment"]
    )


def list_batches(db: Database, year: int | None = None) -> list[BatchSummary]:
    with db.unit_of_work() as uow:
        stmt = select(IntakeBatch).order_by(IntakeBatch.year.desc(), IntakeBatch.id.desc())
        if year is not None:
            stmt = stmt.where(IntakeBatch.year == year)
        out = []
        for b in uow.session.scalars(stmt):
            hired = sum(1 for c in b.candidates if c.decision == Decision.HIRED.value)
            out.append(
                BatchSummary(
                    b.id,
                    b.year,
                    b.title,
                    IntakeChannel(b.channel),
                    len(b.posts),
                    sum(p.headcount for p in b.posts),
                    len(b.candidates),
                    hired,
                )
            )
        return out


@requires(Permission.EDIT, area="人员与试用")
def save_batch(db: Database, data: BatchInput, batch_id: int | None = None) -> int:
    """新建/修改批次 with its posts; a post that candidates applied for cannot be removed."""
    problems: list[FieldProblem] = []
    data.title = data.title.strip()
    if not data.title:
        problems.append(FieldProblem("批次名称", "不能为空"))
    if not 1990 <= data.year <= 2100:
        problems.append(FieldProblem("年度", "应在 1990–2100 之间", None, str(data.year)))
    reason = check_weights(data.weights)
    if reason:
        problems.append(FieldProblem("权重", reason))
    if not data.posts:
        problems.append(FieldProblem("岗位", "至少要有一个岗位"))
    for n, p in enumerate(data.posts, start=1):
        p.title = p.title.strip()
        if not p.title:
            problems.append(FieldProblem(f"岗位第 {n} 行", "「职位名称」不能为空"))
        if p.section_id is None:
            problems.append(FieldProblem(f"岗位第 {n} 行", "请选择科室"))
        if p.headcount < 1:
            problems.append(FieldProblem(f"岗位第 {n} 行", "「计划人数」至少为 1"))
    _fail(problems)
    with db.unit_of_work() as uow:
        s = uow.session
        if batch_id is None:
            batch = IntakeBatch()
            s.add(batch)
        else:
            found = s.get(IntakeBatch, batch_id)
            if found is None:
                raise NotFound("该招录批次已不存在")
            batch = found
            batch.version += 1
        batch.year = data.year
        batch.title = data.title
        batch.channel = data.channel.value
        batch.announced_on = data.announced_on
        batch.weight_written = data.weights.written
        batch.weight_interview = data.weights.interview
        batch.weight_assessment = data.weights.assessment
        batch.note = data.note.strip()
        existing = {p.id: p for p in batch.posts}
        kept = []
        for p in data.posts:
            post = existing.pop(p.id, None) if p.id is not None else None
            post = post or IntakePost()
            post.title, post.section_id, post.rank_id, post.headcount = (
                p.title,
                p.section_id,
                p.rank_id,
                p.headcount,
            )
            kept.append(post)
        used = {c.post_id for c in batch.candidates}
        for gone in existing.values():
            if gone.id in used:
                raise OrgDeskError(f"岗位「{gone.title}」已有考生报考，不能删除")
        batch.posts = kept
        s.flush()
        uow.commit()
        return batch.id


@requires(Permission.EDIT, area="人员与试用")
def delete_batch(db: Database, batch_id: int) -> None:
    with db.unit_of_work() as uow:
        batch = uow.session.get(IntakeBatch, batch_id)
        if batch is None:
            raise NotFound("该招录批次已不存在")
        if any(c.decision == Decision.HIRED.value for c in batch.candidates):
            raise OrgDeskError("该批次已有人员录用，不能删除")
        uow.session.delete(batch)
        uow.commit()


def get_batch(db: Database, batch_id: int) -> BatchDetail:
    """The batch with posts, and candidates with totals and ranks (per post)."""
    with db.unit_of_work() as uow:
        s = uow.session
        batch = s.get(IntakeBatch, batch_id)
        if batch is None:
            raise NotFound("该招录批次已不存在")
        weights = Weights(batch.weight_written, batch.weight_interview, batch.weight_assessment)
        sections = dict(s.execute(select(Section.id, Section.name)).all())
        ranks = {r.id: r for r in s.scalars(select(Rank))}
        hired_by_post: dict[int | None, int] = {}
        for c in batch.candidates:
            if c.decision == Decision.HIRED.value:
                hired_by_post[c.post_id] = hired_by_post.get(c.post_id, 0) + 1
        posts = []
        for p in batch.posts:
            rank = ranks.get(p.rank_id) if p.rank_id else None
            posts.append(
                PostView(
                    p.id,
                    p.title,
                    p.section_id,
                    sections.get(p.section_id, "") if p.section_id else "",
                    p.rank_id,
                    rank.name if rank else "",
                    RankLevel(rank.level) if rank else None,
                    p.headcount,
                    hired_by_post.get(p.id, 0),
                )
            )
        totals = {c.id: weighted_total(candidate_scores(c), weights) for c in batch.candidates}
        ranks_of: dict[int, int] = {}
        for post_id in {c.post_id for c in batch.candidates}:
            ranks_of.update(
                rank_by_total(
                    (c.id, totals[c.id]) for c in batch.candidates if c.post_id == post_id
                )
            )
        titles = {p.id: p.label for p in posts}
        candidates = [
            CandidateRow(
                c.id,
                batch.id,
                c.post_id,
                titles.get(c.post_id, "") if c.post_id else "",
                c.cadre_id,
                candidate_input(c),
                totals[c.id],
                ranks_of.get(c.id),
                Decision(c.decision),
                c.decided_on,
            )
            for c in batch.candidates
        ]
        candidates.sort(key=lambda r: (r.post, r.rank or 10**6, r.data.name))
        data = BatchInput(
            batch.year,
            batch.title,
            IntakeChannel(batch.channel),
            weights,
            [PostInput(p.title, p.section_id, p.rank_id, p.headcount, p.id) for p in batch.posts],
            batch.announced_on,
            batch.note,
        )
        return BatchDetail(batch.id, batch.version, data, posts, candidates)


def candidate_scores(c: IntakeCandidate) -> dict[str, float | None]:
    return {
        "written": c.score_written,
        "interview": c.score_interview,
        "assessment": c.score_assessment,
    }


def candidate_input(c: IntakeCandidate) -> CandidateInput:
    return CandidateInput(
        name=c.name,
        id_number=c.id_number,
        post_id=c.post_id,
        sex=c.sex,
        birth_date=c.birth_date,
        political_status=c.political_status,
        education=c.education,
        degree=c.degree,
        specialty=c.specialty,
        first_employment=c.first_employment,
        origin_unit=c.origin_unit,
        origin_post=c.origin_post,
        origin_level=RankLevel(c.origin_level) if c.origin_level else None,
        phone=c.phone,
        grades={k: getattr(c, f"grade_{k}") for k, _ in ENTRY_DIMENSIONS},
        scores=candidate_scores(c),
        note=c.note,
    )


def store_candidate(s: Session, c: IntakeCandidate, data: CandidateInput) -> None:
    for name in (
        "name",
        "id_number",
        "post_id",
        "sex",
        "birth_date",
        "political_status",
        "education",
        "degree",
        "specialty",
        "first_employment",
        "origin_unit",
        "origin_post",
        "phone",
        "note",
    ):
        value = getattr(data, name)
        setattr(c, name, value.strip() if isinstance(value, str) else value)
    c.origin_level = int(data.origin_level) if data.origin_level else None
    for key, _ in ENTRY_DIMENSIONS:
        setattr(c, f"grade_{key}", data.grades.get(key, "") or "")
    c.score_written = data.scores.get("written")
    c.score_interview = data.scores.get("interview")
    c.score_assessment = data.scores.get("assessment")
    c.cadre_id = s.scalar(select(Cadre.id).where(Cadre.id_number == c.id_number))


def check_in_batch(
    s: Session,
    batch: IntakeBatch,
    data: CandidateInput,
    candidate_id: int | None,
    row: int | None = None,
) -> list[FieldProblem]:
    """What depends on the batch: the post is one of its own, the ID is not entered twice."""
    problems: list[FieldProblem] = []
    if data.post_id is None:
        if len(batch.posts) == 1:
            data.post_id = batch.posts[0].id
        else:
            problems.append(FieldProblem("报考岗位", "请选择报考岗位", row))
    elif data.post_id not in {p.id for p in batch.posts}:
        problems.append(FieldProblem("报考岗位", "不是本批次的岗位", row))
    twin = s.scalar(
        select(IntakeCandidate.id).where(
            IntakeCandidate.batch_id == batch.id, IntakeCandidate.id_number == data.id_number
        )
    )
    if twin is not None and twin != candidate_id:
        problems.append(FieldProblem("身份证号", "本批次已有该考生", row, data.id_number))
    if IntakeChannel(batch.channel).takes_existing_cadres:
        known = s.scalar(select(Cadre.id).where(Cadre.id_number == data.id_number))
        if known is None:
            problems.append(
                FieldProblem(
                    "身份证号",
                    "内部竞争上岗只面向本部在册人员，名册中没有此人",
                    row,
                    data.id_number,
                )
            )
    return problems


@requires(Permission.EDIT, area="人员与试用")
def save_candidate(
    db: Database, batch_id: int, data: CandidateInput, candidate_id: int | None = None
) -> int:
    """新增/修改考生; a candidate already 录用 is no longer edited here."""
    full = load_settings(db)["intake.full_score"]
    problems = check_candidate(data, full)
    with db.unit_of_work() as uow:
        s = uow.session
        batch = s.get(IntakeBatch, batch_id)
        if batch is None:
            raise NotFound("该招录批次已不存在")
        if not any(p.field == "身份证号" for p in problems):
            problems += check_in_batch(s, batch, data, candidate_id)
        _fail(problems)
        if candidate_id is None:
            c = IntakeCandidate(batch_id=batch.id, decision=Decision.PENDING.value)
            s.add(c)
        else:
            found = s.get(IntakeCandidate, candidate_id)
            if found is None or found.batch_id != batch_id:
                raise NotFound("该考生记录已不存在")
            if found.decision == Decision.HIRED.value:
                raise OrgDeskError(f"「{found.name}」已录用，考生信息不能再修改")
            c = found
        store_candidate(s, c, data)
        s.flush()
        uow.commit()
        return c.id


@requires(Permission.EDIT, area="人员与试用")
def set_score(db: Database, candidate_id: int, part: str, value: float | None) -> None:
    """One score typed in the grid (笔试/面试/考察)."""
    reason = check_score(SCORE_LABELS[part], value, load_settings(db)["intake.full_score"])
    if reason:
        raise ValidationFailed([FieldProblem(SCORE_LABELS[part], reason)])
    with db.unit_of_work() as uow:
        c = uow.session.get(IntakeCandidate, candidate_id)
        if c is None:
            raise NotFound("该考生记录已不存在")
        if c.decision == Decision.HIRED.value:
            raise OrgDeskError(f"「{c.name}」已录用，成绩不能再修改")
        setattr(c, f"score_{part}", value)
        uow.commit()


@requires(Permission.EDIT, area="人员与试用")
def delete_candidate(db: Database, candidate_id: int) -> None:
    with db.unit_of_work() as uow:
        c = uow.session.get(IntakeCandidate, candidate_id)
        if c is None:
            raise NotFound("该考生记录已不存在")
        if c.decision == Decision.HIRED.value:
            raise OrgDeskError(f"「{c.name}」已录用，不能删除")
        uow.session.delete(c)
        uow.commit()


def count_hired(s: Session, post_id: int) -> int:
    return int(
        s.scalar(
            select(func.count())
            .select_from(IntakeCandidate)
            .where(
                IntakeCandidate.post_id == post_id, IntakeCandidate.decision == Decision.HIRED.value
            )
        )
        or 0
    )
