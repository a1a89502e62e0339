"""A small department and one contest, built as a clerk would (shared by contest tests)."""

from __future__ import annotations

from datetime import date

from orgdesk.domain.contest import Meeting, ReviewDecision
from orgdesk.domain.eligibility import PostLevel, Rule
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput
from orgdesk.services.contest_entries import (
    ReviewEntry,
    add_override,
    register,
    save_recommendation,
    save_review,
    save_scores,
)
from orgdesk.services.contest_phases import advance
from orgdesk.services.contest_views import contest_detail
from orgdesk.services.contests import ContestInput, PartSpec, PostSpec, create_contest
from orgdesk.services.eligibility import record_assessment
from orgdesk.services.people import save_cadre
from orgdesk.services.reference import reference_data
from orgdesk.storage.database import Database

TODAY = date(2026, 6, 30)
ANNOUNCED = date(2026, 3, 1)
DEADLINE = date(2026, 3, 10)
ACTOR = "王干事"

# name, joined department, first employment, section, rank, assessment passed on
PEOPLE = (
    ("赵䶮", date(2015, 7, 1), date(2012, 7, 1), "组织科", "一级科员", date(2025, 12, 1)),
    ("钱堃", date(2018, 3, 1), date(2016, 7, 1), "人才科", "一级科员", date(2025, 12, 1)),
    ("孙丽", date(2019, 9, 1), date(2019, 9, 1), "办公室", "一级科员", date(2025, 12, 1)),
    ("李新", date(2024, 9, 1), date(2023, 7, 1), "综合科", "二级科员", None),
    ("周强", date(2010, 7, 1), date(2008, 7, 1), "人才科", "副科长", None),
    ("吴科", date(2005, 7, 1), date(2003, 7, 1), "干部科", "科长", None),
)


def make_people(db: Database) -> dict[str, int]:
    ref = reference_data(db)
    ids: dict[str, int] = {}
    for n, (name, joined, first, section, rank, passed) in enumerate(PEOPLE):
        sec = ref.section_by_name(section)
        rk = ref.rank_by_name(rank)
        assert sec is not None and rk is not None
        saved = save_cadre(
            db,
            CadreInput(
                name=name,
                id_number=make_id_number("410102", date(1985, 3, 1 + n), 11 + 2 * n),
                section_id=sec.id,
                rank_id=rk.id,
                post_title=rank,
                first_employment=first,
                joined_department=joined,
            ),
            today=TODAY,
        )
        ids[name] = saved.id
        if passed is not None:
            record_assessment(db, saved.id, passed, "合格", today=TODAY)
    return ids


def deputy_contest(db: Database, *, count: int = 1) -> int:
    ref = reference_data(db)
    section = ref.section_by_name("干部科")
    rank = ref.rank_by_name("副科长")
    assert section is not None and rank is not None
    return create_contest(
        db,
        ContestInput(
            title="2026 年度机关中层副职竞争上岗",
            announced_on=ANNOUNCED,
            registration_deadline=DEADLINE,
            posts=[
                PostSpec(
                    "干部科副科长", section.id, "副科长", PostLevel.DEPUTY, True, rank.id, count
                )
            ],
            parts=[PartSpec("笔试", 0.4), PartSpec("演讲答辩", 0.4), PartSpec("民主测评", 0.2)],
        ),
        actor=ACTOR,
    )


def accept_missing_year_data(db: Database, registration_id: int) -> None:
    """Until training and evaluation are wired in, their data is absent: the clerk overrides."""
    add_override(db, registration_id, Rule.STUDY, "2025 年度学分经核对纸质档案达标", actor=ACTOR)
    add_override(db, registration_id, Rule.GRADE, "2025 年度考核为称职（纸质档案）", actor=ACTOR)


def run_until_publicity(db: Database, ids: dict[str, int]) -> int:
    """A contest taken as far as 公示 with 赵䶮 proposed; returns its id."""
    contest_id = deputy_contest(db)
    advance(db, contest_id, actor=ACTOR, today=ANNOUNCED)
    post_id = contest_detail(db, contest_id).posts[0].id
    regs = {
        name: register(db, contest_id, ids[name], post_id, DEADLINE)
        for name in ("赵䶮", "钱堃", "孙丽", "李新")
    }
    advance(db, contest_id, actor=ACTOR, today=DEADLINE)
    for reg in regs.values():
        accept_missing_year_data(db, reg)
    advance(db, contest_id, actor=ACTOR, today=DEADLINE)  # 李新 drops out
    votes = {regs["赵䶮"]: 30, regs["钱堃"]: 25, regs["孙丽"]: 12}
    save_recommendation(db, contest_id, Meeting(date(2026, 3, 20), 40, 40, 38), votes)
    advance(db, contest_id, actor=ACTOR, today=date(2026, 3, 20))  # 孙丽 drops out
    save_review(
        db,
        contest_id,
        {
            regs["赵䶮"]: ReviewEntry(ReviewDecision.APPROVED),
            regs["钱堃"]: ReviewEntry(ReviewDecision.APPROVED),
        },
    )
    advance(db, contest_id, actor=ACTOR, today=date(2026, 3, 25))
    parts = [p.id for p in contest_detail(db, contest_id).parts]
    scores = {
        (regs["赵䶮"], parts[0]): 88.0,
        (regs["赵䶮"], parts[1]): 85.5,
        (regs["赵䶮"], parts[2]): 90.0,
        (regs["钱堃"], parts[0]): 82.0,
        (regs["钱堃"], parts[1]): 86.0,
        (regs["钱堃"], parts[2]): 88.0,
    }
    save_scores(db, contest_id, scores)
    advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 10))
    advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 12))
    advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 13))
    return contest_id
