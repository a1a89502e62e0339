"""A deterministic, realistic demo department (`orgdesk demo`, `orgdesk --demo`).

The same seed and the same `today` give the same database.  Later areas add a
step to `DEMO_STEPS`; each step gets the open database, the random generator
and the reference date.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Actor, Role, acting_as, current_actor
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.names import name_initials, name_pinyin
from orgdesk.domain.people import EDUCATIONS
from orgdesk.domain.service_length import add_months, add_years
from orgdesk.services import demo_accounts, demo_evaluation
from orgdesk.services.demo_approval import approval_step
from orgdesk.services.demo_contest import contest_demo_step
from orgdesk.services.demo_ledger import ledger_demo_step
from orgdesk.services.demo_personnel import personnel_step
from orgdesk.services.demo_rotation import rotation_demo_step
from orgdesk.services.demo_training import training_step
from orgdesk.storage.audit import record_event, summary_only
from orgdesk.storage.database import Database
from orgdesk.storage.location import DbLocation, parse_location
from orgdesk.storage.migrate import current_revision
from orgdesk.storage.models import Cadre, Post, Posting, Rank, Section
from orgdesk.storage.models.base import now
from orgdesk.storage.sequences import reset_sequences

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红玉兰文斌宇浩凯鹏飞海波晨"
    "欣怡佳琪雪梅婷颖慧晓东亮辉瑞博思远嘉诚俊峰子涵雨轩梓萱睿哲"
)
RARE = "堃䶮珺喆"
# County-level area codes of a real prefecture, so the demo's ID numbers look local.
AREA_CODES = ("410102", "410103", "410122", "410181", "410182", "410184", "411521")
SPECIALTIES = (
    "汉语言文学",
    "法学",
    "行政管理",
    "市场营销",
    "财务管理",
    "计算机科学与技术",
    "经济学",
    "思想政治教育",
    "公共事业管理",
    "历史学",
)
OUTSIDE_UNITS = (
    "城关镇人民政府",
    "东关街道办事处",
    "县发展和改革委员会",
    "县财政局",
    "县人力资源和社会保障局",
    "柳林乡人民政府",
    "县第一高级中学",
    "县委办公室",
)
# (section, headcount) for the default 120; scaled for other sizes.
SECTION_SHARE = {
    "办公室": 16,
    "综合科": 10,
    "组织科": 20,
    "干部科": 24,
    "人才科": 14,
    "干部监督科": 14,
    "县委党员教育中心": 22,
}


@dataclass(frozen=True)
class DemoContext:
    db: Database
    rng: random.Random
    today: date
    people: int = 120


DemoStep = Callable[[DemoContext], None]


def build_demo(
    target: DbLocation | Path | str,
    *,
    people: int = 120,
    seed: int = 20061,
    today: date | None = None,
) -> Database:
    """Create (or refuse to overwrite) a demo database at `target` (a file, or an empty
    server database); returns it open."""
    location = parse_location(target)
    if location.path is not None:
        if location.path.exists() and location.path.stat().st_size > 0:
            raise FileExistsError(f"{location.path} 已存在；为防止覆盖数据，请指定一个新文件")
    elif current_revision(location) is not None:
        raise FileExistsError(
            f"{location.display} 中已有 OrgDesk 数据；为防止覆盖数据，请指定一个新建的空数据库"
        )
    db = Database.open(location)
    ctx = DemoContext(db, random.Random(seed), today or date.today(), people)
    # The generator acts as whoever asked for it, or as itself (a module fixture, a script).
    builder = current_actor() or Actor("demo", "演示数据生成", Role.ADMIN, via="演示数据")
    with acting_as(builder), summary_only():  # one 操作日志 entry, not one per field
        for step in DEMO_STEPS:
            step(ctx)
            if db.is_server:  # steps may insert explicit ids; keep the server's counters ahead
                with db.engine.begin() as conn:
                    reset_sequences(conn)
    with db.unit_of_work() as uow:
        record_event(uow.session, "生成演示数据", note=f"{people} 人，随机种子 {seed}")
        uow.commit()
    return db


def _people_step(ctx: DemoContext) -> None:
    add_people(ctx.db, ctx.people, ctx.rng, ctx.today)


def add_people(db: Database, count: int, rng: random.Random, today: date) -> None:
    """Insert `count` cadres with ten years of posting history, in one transaction."""
    with db.unit_of_work() as uow:
        s = uow.session
        sections = {sec.name: sec for sec in s.scalars(select(Section))}
        ranks = {r.name: r for r in s.scalars(select(Rank))}
        _ensure_posts(uow.session, sections)
        quota = _section_quota(sections, count)
        used_ids: set[str] = set()
        filled: dict[int, dict[str, int]] = {}
        cadre_rows: list[dict] = []
        posting_rows: list[list[dict]] = []
        stamp = now()
        for index in range(count):
            section = quota[index * len(quota) // count]
            person, history = _one_person(
                index, section, sections, ranks, rng, today, used_ids, filled
            )
            person.update(created_at=stamp, updated_at=stamp, version=1)
            cadre_rows.append(person)
            posting_rows.append(history)
        start_id = (s.scalar(select(Cadre.id).order_by(Cadre.id.desc()).limit(1)) or 0) + 1
        for offset, row in enumerate(cadre_rows):
            row["id"] = start_id + offset
        s.execute(insert(Cadre), cadre_rows)
        flat = [
            {**p, "cadre_id": start_id + i} for i, lines in enumerate(posting_rows) for p in lines
        ]
        if flat:
            s.execute(insert(Posting), flat)
        uow.commit()


def _ensure_posts(s: Session, sections: dict[str, Section]) -> None:
    if s.scalar(select(Post.id).limit(1)) is not None:
        return
    for sec in sections.values():
        s.add(Post(section_id=sec.id, title="科长", level=3, is_leadership=True, is_chief=True))
        s.add(Post(section_id=sec.id, title="副科长", level=2, is_leadership=True, headcount=2))
        s.add(Post(section_id=sec.id, title="科员", level=1, headcount=10))
    s.flush()


def _section_quota(sections: dict[str, Section], count: int) -> list[Section]:
    names = [n for n in SECTION_SHARE if n in sections] or list(sections)
    weights = [SECTION_SHARE.get(n, 10) for n in names]
    total = sum(weights)
    quota: list[Section] = []
    for name, w in zip(names, weights, strict=True):
        quota += [sections[name]] * max(1, round(w * 120 / total))
    return quota


def _name(index: int, rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    if index < len(RARE):  # the first four always carry a rare character
        return surname + RARE[index]
    pool = GIVEN + (RARE if rng.random() < 0.05 else "")
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.6 else "")
    return surname + given


def _one_person(
    index: int,
    section: Section,
    sections: dict[str, Section],
    ranks: dict[str, Rank],
    rng: random.Random,
    today: date,
    used_ids: set[str],
    filled: dict[int, dict[str, int]],
) -> tuple[dict, list[dict]]:
    name = _name(index, rng)
    age = rng.randint(23, 58)
    birth = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
    while True:
        number = make_id_number(rng.choice(AREA_CODES), birth, rng.randint(1, 999))
        if number not in used_ids:
            used_ids.add(number)
            break
    sex = "男" if int(number[16]) % 2 else "女"
    first_job = add_years(birth, rng.randint(21, 24))
    first_job = min(first_job, today - timedelta(days=60))
    in_trial = index % 20 == 7  # ~6 of 120 joined within the last few months
    if in_trial:
        joined = today - timedelta(days=rng.randint(20, 150))
        first_job = min(first_job, joined)
    else:
        earliest = max(first_job, add_years(today, -15))
        span = max((today - timedelta(days=200) - earliest).days, 1)
        joined = earliest + timedelta(days=rng.randint(0, span))

    seniority = (today - first_job).days / 365.25
    leaders = filled.setdefault(section.id, {"科长": 0, "副科长": 0})
    if in_trial:
        rank_name, post = "二级科员", "科员"
    elif seniority > 15 and leaders["科长"] == 0:
        rank_name, post = "科长", "科长"
    elif seniority > 8 and leaders["副科长"] < 2 and rng.random() < 0.5:
        rank_name, post = "副科长", "副科长"
    elif seniority > 15 and rng.random() < 0.5:
        rank_name, post = "三级主任科员", "科员"
    elif seniority > 8 and rng.random() < 0.5:
        rank_name, post = "四级主任科员", "科员"
    elif seniority > 3:
        rank_name, post = "一级科员", "科员"
    else:
        rank_name, post = "二级科员", "科员"
    if post in leaders:
        leaders[post] += 1
    rank = ranks.get(rank_name) or next(iter(ranks.values()))

    history: list[dict] = []
    if joined > first_job + timedelta(days=365):
        history.append(
            _posting(
                rng.choice(OUTSIDE_UNITS), None, "科员", None, first_job, joined - timedelta(1)
            )
        )
    # Earlier posts in the department: a move every 2-5 years before the current one.
    start = joined
    other_sections = [sec for sec in sections.values() if sec.id != section.id]
    moves = []
    while True:
        nxt = add_months(start, rng.randint(24, 60))
        if nxt >= add_months(today, -6):
            break
        moves.append((start, nxt))
        start = nxt
    for a, b in moves:
        earlier = rng.choice(other_sections)
        history.append(
            _posting("本部", earlier.id, "科员", ranks["一级科员"].id, a, b - timedelta(1))
        )
    history.append(_posting("本部", section.id, post, rank.id, start, None))

    person = {
        "name": name,
        "name_initials": name_initials(name),
        "name_pinyin": name_pinyin(name),
        "id_number": number,
        "sex": sex,
        "birth_date": birth,
        "ethnicity": "汉族" if rng.random() < 0.92 else rng.choice(("回族", "满族", "蒙古族")),
        "political_status": "中共党员" if rng.random() < 0.9 else "中共预备党员",
        "education": rng.choices(EDUCATIONS[:3], weights=(2, 7, 1))[0],
        "degree": rng.choice(("硕士", "学士", "学士", "学士")),
        "specialty": rng.choice(SPECIALTIES),
        "first_employment": first_job,
        "joined_department": joined,
        "section_id": section.id,
        "post_title": post,
        "rank_id": rank.id,
        "status": "试用期" if in_trial else "在职",
        "phone": f"139{rng.randint(10000000, 99999999)}",
        "note": "",
    }
    return person, history


def _posting(
    unit: str,
    section_id: int | None,
    post: str,
    rank_id: int | None,
    start: date,
    end: date | None,
) -> dict:
    return {
        "unit": unit,
        "section_id": section_id,
        "post_title": post,
        "rank_id": rank_id,
        "start_date": start,
        "end_date": end,
        "note": "",
    }


DEMO_STEPS: list[DemoStep] = [
    _people_step,
    personnel_step,
    approval_step,
    demo_evaluation.evaluation_step,
    training_step,
    contest_demo_step,
    rotation_demo_step,
    ledger_demo_step,
    demo_accounts.accounts_step,
]
