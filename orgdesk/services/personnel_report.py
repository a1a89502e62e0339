"""Intake and outflow of one year, as plain data for the annual report (R-EVA-4, R-INT-4).

`intake_for_year` counts batches by the year they belong to and people by the
year they were 录用; `outflow_for_year` counts departures by the date they left.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from orgdesk.domain.intake import Decision, IntakeChannel
from orgdesk.domain.outflow import DestinationKind
from orgdesk.domain.people import RANK_LEVEL_LABELS
from orgdesk.domain.trial import TrialStatus
from orgdesk.services.outflow import OutflowRow, list_outflows
from orgdesk.storage.database import Database
from orgdesk.storage.models import Section
from orgdesk.storage.models.personnel import IntakeBatch, IntakeCandidate, IntakePost, TrialPeriod


@dataclass(frozen=True)
class IntakeBatchLine:
    batch_id: int
    title: str
    channel: IntakeChannel
    posts: int
    headcount: int
    candidates: int
    hired: int


@dataclass(frozen=True)
class HiredPerson:
    cadre_id: int
    name: str
    channel: IntakeChannel
    batch: str
    section: str
    post_title: str
    hired_on: date
    trial_status: TrialStatus | None


@dataclass
class IntakeYear:
    year: int
    batches: list[IntakeBatchLine] = field(default_factory=list)
    hired: list[HiredPerson] = field(default_factory=list)
    by_channel: dict[str, int] = field(default_factory=dict)  # 录用 per channel, every channel
    trials: dict[str, int] = field(default_factory=dict)  # trials decided in the year, by outcome

    @property
    def hired_count(self) -> int:
        return len(self.hired)


def intake_for_year(db: Database, year: int) -> IntakeYear:
    out = IntakeYear(year)
    start, end = date(year, 1, 1), date(year, 12, 31)
    with db.unit_of_work() as uow:
        s = uow.session
        for b in s.scalars(
            select(IntakeBatch).where(IntakeBatch.year == year).order_by(IntakeBatch.id)
        ):
            out.batches.append(
                IntakeBatchLine(
                    b.id,
                    b.title,
                    IntakeChannel(b.channel),
                    len(b.posts),
                    sum(p.headcount for p in b.posts),
                    len(b.candidates),
                    sum(1 for c in b.candidates if c.decision == Decision.HIRED.value),
                )
            )
        trial_by_candidate = dict(
            s.execute(
                select(TrialPeriod.candidate_id, TrialPeriod.status).where(
                    TrialPeriod.candidate_id.is_not(None)
                )
            ).all()
        )
        rows = s.execute(
            select(
                IntakeCandidate.id,
                IntakeCandidate.cadre_id,
                IntakeCandidate.name,
                IntakeBatch.channel,
                IntakeBatch.title,
                Section.name,
                IntakePost.title,
                IntakeCandidate.decided_on,
            )
            .join(IntakeBatch, IntakeBatch.id == IntakeCandidate.batch_id)
            .outerjoin(IntakePost, IntakePost.id == IntakeCandidate.post_id)
            .outerjoin(Section, Section.id == IntakePost.section_id)
            .where(
                IntakeCandidate.decision == Decision.HIRED.value,
                IntakeCandidate.decided_on.between(start, end),
            )
            .order_by(IntakeCandidate.decided_on, IntakeCandidate.id)
        ).all()
        for cid, cadre_id, name, channel, batch, section, post, on in rows:
            status = trial_by_candidate.get(cid)
            out.hired.append(
                HiredPerson(
                    cadre_id or 0,
                    name,
                    IntakeChannel(channel),
                    batch,
                    section or "",
                    post or "",
                    on or start,
                    TrialStatus(status) if status else None,
                )
            )
        decided = Counter(
            status
            for (status,) in s.execute(
                select(TrialPeriod.status).where(TrialPeriod.decided_on.between(start, end))
            )
        )
    counts = Counter(p.channel.value for p in out.hired)
    out.by_channel = {c.value: counts.get(c.value, 0) for c in IntakeChannel}
    out.trials = {
        s.value: decided.get(s.value, 0) for s in (TrialStatus.CONFIRMED, TrialStatus.NOT_CONFIRMED)
    }
    return out


@dataclass
class OutflowYear:
    year: int
    people: list[OutflowRow] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)  # every DestinationKind, 0 included
    by_level: dict[str, int] = field(default_factory=dict)  # rank level given there
    promoted: int = 0  # 高出: placed at a higher level than held here

    @property
    def count(self) -> int:
        return len(self.people)


def outflow_for_year(db: Database, year: int) -> OutflowYear:
    people = list(reversed(list_outflows(db, year)))  # oldest first, as a report reads
    kinds = Counter(p.destination_kind.value for p in people)
    levels = Counter(p.rank_label for p in people)
    return OutflowYear(
        year,
        people,
        {k.value: kinds.get(k.value, 0) for k in DestinationKind},
        {label: levels.get(label, 0) for label in RANK_LEVEL_LABELS.values()},
        sum(1 for p in people if p.promoted),
    )
