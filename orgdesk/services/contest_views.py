"""竞争上岗 as the tab reads it: the list of contests and one contest in full.

Eligibility is computed live while 资格审查 is still open and read from the
snapshot taken on leaving it afterwards, so later changes to a cadre's record
never rewrite what the review decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from orgdesk.domain.contest import (
    Contestant,
    Meeting,
    Phase,
    PostDemand,
    Ranked,
    ScorePart,
    outnumber_problems,
    rank_contestants,
    recommendation_rate,
)
from orgdesk.domain.eligibility import Eligibility, Override, PostLevel, Rule, check_eligibility
from orgdesk.services.contests import ContestInput, PartSpec, PostSpec, get_contest_row
from orgdesk.services.eligibility import eligibility_rules, load_facts, with_year_data
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Rank, Section
from orgdesk.storage.models.contest import Contest, ContestMeeting, ContestPhaseLog

# -- output shapes -----------------------------------------------------------------------


@dataclass(frozen=True)
class ContestSummary:
    id: int
    title: str
    phase: Phase
    announced_on: date
    posts: str
    contestants: int


@dataclass(frozen=True)
class PostView:
    id: int
    title: str
    section_id: int | None
    section: str
    post_title: str
    level: PostLevel
    is_leadership: bool
    rank_id: int | None
    rank: str
    count: int

    @property
    def describe(self) -> str:
        kind = "领导职务" if self.is_leadership else "非领导职务"
        return f"{self.title}（{self.level.value}{kind}，{self.count} 名）"


@dataclass(frozen=True)
class OverrideView:
    id: int
    rule: Rule
    reason: str
    actor: str
    at: datetime


@dataclass(frozen=True)
class RegistrationView:
    id: int
    cadre_id: int
    name: str
    section: str
    rank: str
    post_id: int
    post: str
    registered_on: date
    eligibility: Eligibility | None  # live until 资格审查 is left
    eligibility_text: str  # the snapshot (or the live text)
    eligible: bool | None
    overrides: tuple[OverrideView, ...]
    votes: int | None
    rate: Fraction | None
    review_decision: str | None
    review_note: str
    dropped_phase: Phase | None
    drop_reason: str
    withdrawn: bool
    scores: dict[int, float]
    total: Decimal | None
    place: int | None  # 名次 within the post
    tied: bool
    proposed: bool
    proposal_note: str
    appointed: bool
    phase: Phase  # of the contest

    @property
    def active(self) -> bool:
        return self.dropped_phase is None

    @property
    def status(self) -> str:
        if self.appointed:
            return "已任职"
        if self.withdrawn:
            return "本人放弃"
        if self.dropped_phase is not None:
            return f"未通过{self.dropped_phase.value}"
        if self.proposed:
            return "拟任人选"
        return "未列为拟任人选" if self.phase.at_least(Phase.PUBLICITY) else "竞争中"

    @property
    def verdict(self) -> str:
        if self.eligibility is not None:
            return self.eligibility.verdict
        if self.eligible is None:
            return ""
        if not self.eligible:
            return "不符合"
        return "符合（含例外认定）" if self.overrides else "符合"


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    from_phase: str | None
    to_phase: str
    direction: str
    actor: str
    reason: str


@dataclass(frozen=True)
class ContestDetail:
    id: int
    title: str
    phase: Phase
    announced_on: date
    registration_deadline: date
    eligibility_on: date
    publicity_start: date | None
    publicity_end: date | None
    appointment_on: date | None
    note: str
    version: int
    posts: list[PostView]
    parts: list[ScorePart]
    registrations: list[RegistrationView]
    meeting: Meeting | None
    log: list[LogEntry]
    threshold: float

    def post(self, post_id: int) -> PostView:
        return next(p for p in self.posts if p.id == post_id)

    def active(self, post_id: int | None = None) -> list[RegistrationView]:
        return [
            r for r in self.registrations if r.active and (post_id is None or r.post_id == post_id)
        ]

    @property
    def outnumber_problems(self) -> list[str]:
        return outnumber_problems(
            [PostDemand(p.title, p.count, len(self.active(p.id))) for p in self.posts]
        )

    def as_input(self) -> ContestInput:
        return ContestInput(
            title=self.title,
            announced_on=self.announced_on,
            registration_deadline=self.registration_deadline,
            eligibility_on=self.eligibility_on,
            posts=[
                PostSpec(
                    p.title,
                    p.section_id,
                    p.post_title,
                    p.level,
                    p.is_leadership,
                    p.rank_id,
                    p.count,
                    p.id,
                )
                for p in self.posts
            ],
            parts=[PartSpec(p.name, p.weight, p.id) for p in self.parts],
            publicity_start=self.publicity_start,
            publicity_end=self.publicity_end,
            appointment_on=self.appointment_on,
            note=self.note,
        )


# -- reading -----------------------------------------------------------------------------


def list_contests(db: Database) -> list[ContestSummary]:
    with db.unit_of_work() as uow:
        rows = uow.session.scalars(
            select(Contest).order_by(Contest.announced_on.desc(), Contest.id.desc())
        )
        return [
            ContestSummary(
                c.id,
                c.title,
                Phase(c.phase),
                c.announced_on,
                "、".join(f"{p.title}×{p.count}" for p in c.posts),
                sum(1 for r in c.registrations if r.dropped_phase is None),
            )
            for c in rows
        ]


def contest_detail(db: Database, contest_id: int) -> ContestDetail:
    """Everything the tab shows about one contest, eligibility live until 资格审查 is left."""
    threshold = load_settings(db)["contest.recommendation_threshold"]
    with db.unit_of_work() as uow:
        s = uow.session
        row = get_contest_row(s, contest_id)
        sections = {k: v for k, v in s.execute(select(Section.id, Section.name))}
        ranks = {k: v for k, v in s.execute(select(Rank.id, Rank.name))}
        posts = [
            PostView(
                p.id,
                p.title,
                p.section_id,
                sections.get(p.section_id, "") if p.section_id else "",
                p.post_title,
                PostLevel(p.level),
                p.is_leadership,
                p.rank_id,
                ranks.get(p.rank_id, "") if p.rank_id else "（保持原职级）",
                p.count,
            )
            for p in row.posts
        ]
        parts = [ScorePart(p.id, p.name, p.weight) for p in row.parts]
        m = s.scalar(select(ContestMeeting).where(ContestMeeting.contest_id == contest_id))
        meeting = Meeting(m.held_on, m.participants, m.ballots_cast, m.valid_ballots) if m else None
        log = [
            LogEntry(e.at, e.from_phase, e.to_phase, e.direction, e.actor, e.reason)
            for e in s.scalars(
                select(ContestPhaseLog)
                .where(ContestPhaseLog.contest_id == contest_id)
                .order_by(ContestPhaseLog.id)
            )
        ]
        views = _registration_views(db, s, row, posts, parts, meeting, sections, ranks)
        return ContestDetail(
            row.id,
            row.title,
            Phase(row.phase),
            row.announced_on,
            row.registration_deadline,
            row.eligibility_on,
            row.publicity_start,
            row.publicity_end,
            row.appointment_on,
            row.note,
            row.version,
            posts,
            parts,
            views,
            meeting,
            log,
            threshold,
        )


def _registration_views(
    db: Database,
    s: Session,
    row: Contest,
    posts: list[PostView],
    parts: list[ScorePart],
    meeting: Meeting | None,
    sections: dict[int, str],
    ranks: dict[int, str],
) -> list[RegistrationView]:
    regs = list(row.registrations)
    cadres = {
        c.id: c for c in s.scalars(select(Cadre).where(Cadre.id.in_([r.cadre_id for r in regs])))
    }
    live = not Phase(row.phase).at_least(Phase.RECOMMENDATION)
    facts = load_facts(s, list(cadres)) if live else {}
    rules = eligibility_rules(db)
    post_by_id = {p.id: p for p in posts}
    ranking: dict[int, Ranked] = {}
    for post in posts:
        group = [
            Contestant(r.id, "", {sc.part_id: sc.score for sc in r.scores}, _rate(r.votes, meeting))
            for r in regs
            if r.post_id == post.id and r.dropped_phase is None
        ]
        for one in rank_contestants(group, parts):
            ranking[one.id] = one
    views = []
    for r in regs:
        c = cadres.get(r.cadre_id)
        overrides = tuple(
            OverrideView(o.id, Rule(o.rule), o.reason, o.actor, o.created_at) for o in r.overrides
        )
        elig: Eligibility | None = None
        if live and r.cadre_id in facts:
            on = row.eligibility_on
            f = with_year_data(db, facts[r.cadre_id], on.year - 1)
            by_rule = {o.rule: Override(o.rule, o.reason, o.actor, o.at) for o in overrides}
            elig = check_eligibility(f, post_by_id[r.post_id].level, on, rules, by_rule)
        ranked = ranking.get(r.id)
        views.append(
            RegistrationView(
                id=r.id,
                cadre_id=r.cadre_id,
                name=c.name if c else "（已删除）",
                section=sections.get(c.section_id, "") if c and c.section_id else "",
                rank=ranks.get(c.rank_id, "") if c and c.rank_id else "",
                post_id=r.post_id,
                post=post_by_id[r.post_id].title,
                registered_on=r.registered_on,
                eligibility=elig,
                eligibility_text=elig.text() if elig is not None else r.eligibility_text,
                eligible=elig.eligible if elig is not None else r.eligible,
                overrides=overrides,
                votes=r.votes,
                rate=_rate(r.votes, meeting),
                review_decision=r.review_decision,
                review_note=r.review_note,
                dropped_phase=Phase(r.dropped_phase) if r.dropped_phase else None,
                drop_reason=r.drop_reason,
                withdrawn=r.withdrawn,
                scores={sc.part_id: sc.score for sc in r.scores},
                total=ranked.total if ranked else None,
                place=ranked.rank if ranked else None,
                tied=ranked.tied if ranked else False,
                proposed=r.proposed,
                proposal_note=r.proposal_note,
                appointed=r.appointed_posting_id is not None,
                phase=Phase(row.phase),
            )
        )
    return views


def _rate(votes: int | None, meeting: Meeting | None) -> Fraction | None:
    if votes is None or meeting is None or meeting.valid_ballots <= 0:
        return None
    return recommendation_rate(votes, meeting.valid_ballots)
