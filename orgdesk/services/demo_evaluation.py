"""Demo data for 年度考核: last year's full cycle, earlier years' grades, this year's plan.

Last year (today.year - 1): section and personal targets with year-end scores,
democratic appraisal votes, the leader's grades (one differing from the
proposal, with a reason), the words on each form, and honours.  The three
years before it carry final grades only, so that 优秀 several years running
(→ 推荐提拔) shows.  This year has targets without scores yet.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update

from orgdesk.domain.evaluation import HONOUR_MODEL, Grade
from orgdesk.domain.people import CadreStatus
from orgdesk.services.evaluation import assessed_ids, build_sheet
from orgdesk.services.reference import load_settings
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.evaluation import Appraisal, Honour, TargetItem

SECTION_TARGETS = {
    "办公室": ("公文运转与督查督办", "综合文字与信息报送", "机关后勤与安全保障"),
    "综合科": ("年度工作计划与总结", "组工信息与宣传", "调查研究与政策文件起草"),
    "组织科": ("基层党组织建设", "党员发展与教育管理", "软弱涣散党组织整顿"),
    "干部科": ("干部选拔任用工作", "干部档案专项审核", "年轻干部培养选拔"),
    "人才科": ("人才引进与服务", "乡土人才培育", "人才工作目标责任制考核"),
    "干部监督科": ("干部选拔任用监督检查", "个人有关事项报告核查", "12380 举报受理"),
    "县委党员教育中心": ("党员远程教育站点运维", "党员教育电视片制作", "党员冬春训工作"),
}
MEASURES = (
    "制定工作方案，明确时间节点，每月调度",
    "建立工作台账，责任到人，按季度通报进度",
    "加强与相关单位沟通协调，及时解决问题",
    "对照年初计划逐项落实，年底形成书面总结",
)
DUTIES = {
    "办公室": "负责机关文电、会务、督查督办和信息报送工作",
    "综合科": "负责综合文字、调查研究和组工宣传工作",
    "组织科": "负责基层党组织建设和党员教育管理工作",
    "干部科": "负责科级干部选拔任用、考核和档案管理工作",
    "人才科": "负责人才工作的统筹协调和人才服务工作",
    "干部监督科": "负责干部监督、选人用人检查和举报受理工作",
    "县委党员教育中心": "负责党员远程教育和党员教育培训工作",
}
SUMMARY = (
    "一年来，本人认真学习习近平新时代中国特色社会主义思想，坚持把讲政治贯穿工作始终，"
    "严格落实全员目标管理责任制，{duty}。全年承担的{n}项目标任务均按计划推进，"
    "其中「{first}」一项提前完成。坚持首问负责、限时办结，做到事事有回音、件件有着落。"
    "严格遵守组工干部纪律，廉洁自律。不足之处是调查研究还不够深入，"
    "今后将进一步加强学习，提高业务能力。"
)
COMMENTS = {
    Grade.EXCELLENT: "政治坚定，业务精通，工作成绩突出，群众公认度高，同意确定为优秀等次。",
    Grade.COMPETENT: "思想政治素质好，能够较好完成各项工作任务，同意确定为称职等次。",
    Grade.BASIC: "能完成基本工作任务，但工作主动性不够，有待改进，确定为基本称职等次。",
    Grade.INCOMPETENT: "工作责任心不强，多项目标任务未完成，确定为不称职等次。",
}
LEADER = "部长"


def evaluation_step(ctx: Any) -> None:
    """DEMO_STEPS entry: takes the DemoContext (db, rng, today, people)."""
    add_evaluation_demo(ctx.db, ctx.rng, ctx.today)


def add_evaluation_demo(db: Any, rng: random.Random, today: date) -> None:
    year = today.year - 1
    settings = load_settings(db)
    with db.unit_of_work() as uow:
        s = uow.session
        sections = {sec.id: sec.name for sec in s.scalars(select(Section))}
        ids = assessed_ids(s, year)
        people: Any = s.execute(
            select(Cadre.id, Cadre.section_id, Cadre.post_title)
            .where(Cadre.id.in_(ids))
            .order_by(Cadre.id)
        )
        people = people.all()
        quality = {cid: rng.betavariate(5, 2) for cid, *_ in people}
        # One weak performer, so that 不称职 → 调离审查 shows in the demo.
        if people:
            quality[people[len(people) // 2][0]] = 0.05
        _targets(s, year, people, sections, quality, rng, scored=True)
        _targets(s, year + 1, people, sections, quality, rng, scored=False)
        _votes(s, year, people, sections, quality, rng)
        s.flush()
        sheet = build_sheet(s, year, settings)
        by_grade: dict[str, list[int]] = defaultdict(list)
        decided_on = date(year + 1, 1, 15)
        overridden = False
        for r in sheet.rows:
            if r.proposed is None:
                continue
            final, reason = r.proposed, ""
            if r.proposed == Grade.BASIC.value and not overridden:
                final, reason = (
                    Grade.COMPETENT.value,
                    "年内承担县委重点专项任务，表现突出，经部务会研究确定为称职",
                )
                overridden = True
            by_grade[final].append(r.cadre_id)
            s.execute(
                update(Appraisal)
                .where(Appraisal.year == year, Appraisal.cadre_id == r.cadre_id)
                .values(
                    final_grade=final,
                    proposed_grade=r.proposed,
                    final_reason=reason,
                    decided_by=LEADER,
                    decided_on=decided_on,
                    leader_comment=COMMENTS[Grade(final)],
                )
            )
        _history(s, year, by_grade, rng, settings["evaluation.excellent_quota"])
        best = sorted(
            (r for r in sheet.rows if r.combined is not None), key=lambda r: -(r.combined or 0)
        )[:2]
        honours = [
            {
                "year": year,
                "cadre_id": r.cadre_id,
                "title": HONOUR_MODEL,
                "kind": "荣誉称号",
                "awarded_on": date(year + 1, 1, 20),
                "note": "县委组织部部务会研究决定",
            }
            for r in best
        ]
        if honours:
            s.execute(insert(Honour), honours)
        uow.commit()


def _targets(
    s: Any,
    year: int,
    people: list[Any],
    sections: dict[int, str],
    quality: dict[int, float],
    rng: random.Random,
    *,
    scored: bool,
) -> None:
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for cid, section_id, post in people:
        if section_id is not None:
            members[section_id].append((cid, post))
    order = 0
    for section_id, staff in members.items():
        chief = next((cid for cid, post in staff if post == "科长"), staff[0][0])
        titles = SECTION_TARGETS.get(sections[section_id], ("重点工作任务一", "重点工作任务二"))
        parents = []
        for title in titles:
            order += 1
            parents.append(
                s.execute(
                    insert(TargetItem).returning(TargetItem.id),
                    {
                        "year": year,
                        "section_id": section_id,
                        "parent_id": None,
                        "cadre_id": chief,
                        "title": f"{year}年{title}",
                        "measures": rng.choice(MEASURES),
                        "weight": round(100 / len(titles), 1),
                        "score": _score(quality[chief], rng) if scored else None,
                        "sort_order": order,
                    },
                ).scalar_one()
            )
        rows = []
        for cid, _post in staff:
            if cid == chief:
                continue
            picks = rng.sample(range(len(titles)), k=min(3, len(titles)))
            weights = (40, 30, 30)[: len(picks)]
            for index, weight in zip(picks, weights, strict=False):
                order += 1
                rows.append(
                    {
                        "year": year,
                        "section_id": section_id,
                        "parent_id": parents[index],
                        "cadre_id": cid,
                        "title": f"承担「{titles[index]}」相关任务",
                        "measures": rng.choice(MEASURES),
                        "weight": float(weight),
                        "score": _score(quality[cid], rng) if scored else None,
                        "sort_order": order,
                    }
                )
        if rows:
            s.execute(insert(TargetItem), rows)


def _score(q: float, rng: random.Random) -> float:
    return round(min(100.0, max(30.0, 55 + 45 * q + rng.uniform(-4, 4))), 1)


def _votes(
    s: Any,
    year: int,
    people: list[Any],
    sections: dict[int, str],
    quality: dict[int, float],
    rng: random.Random,
) -> None:
    voters = max(10, min(45, len(people) // 3))
    rows = []
    for cid, section_id, _post in people:
        q = quality[cid]
        present = voters - rng.randint(0, 3)
        weights = (q**3, max(0.05, 1 - abs(q - 0.6)), (1 - q) ** 2, (1 - q) ** 4 * 2)
        counts = [0, 0, 0, 0]
        for _ in range(present):
            counts[rng.choices(range(4), weights=weights)[0]] += 1
        duty = DUTIES.get(sections.get(section_id or -1, ""), "负责本科室交办的各项工作")
        first = next(iter(SECTION_TARGETS.get(sections.get(section_id or -1, ""), ("重点工作",))))
        rows.append(
            {
                "year": year,
                "cadre_id": cid,
                "votes_excellent": counts[0],
                "votes_competent": counts[1],
                "votes_basic": counts[2],
                "votes_incompetent": counts[3],
                "voters": voters,
                "final_reason": "",
                "decided_by": "",
                "duties": duty,
                "self_summary": SUMMARY.format(duty=duty, n=3, first=first),
                "training_note": "",
                "leader_comment": "",
            }
        )
    if rows:
        s.execute(insert(Appraisal), rows)


def _history(
    s: Any, year: int, by_grade: dict[str, list[int]], rng: random.Random, quota: float
) -> None:
    """Final grades for the three years before `year` (补录往年等次)."""
    joined = dict(s.execute(select(Cadre.id, Cadre.joined_department)).all())
    status = dict(s.execute(select(Cadre.id, Cadre.status)).all())
    excellent_now = by_grade.get(Grade.EXCELLENT.value, [])
    runners = set(excellent_now[: max(1, len(excellent_now) // 2)])
    everyone = [cid for ids in by_grade.values() for cid in ids]
    rows = []
    for back in (1, 2, 3):
        past = year - back
        present = [
            cid
            for cid in everyone
            if joined.get(cid) is not None
            and joined[cid].year < past
            and status.get(cid) != CadreStatus.LEFT.value
        ]
        limit = max(1, int(quota * len(present)))
        chosen = [cid for cid in present if cid in runners][:limit]
        others = [cid for cid in present if cid not in runners]
        rng.shuffle(others)
        chosen += others[: max(0, limit - len(chosen) - 1)]
        for cid in present:
            if cid in chosen:
                grade = Grade.EXCELLENT
            else:
                grade = Grade.BASIC if rng.random() < 0.03 else Grade.COMPETENT
            rows.append(
                {
                    "year": past,
                    "cadre_id": cid,
                    "votes_excellent": 0,
                    "votes_competent": 0,
                    "votes_basic": 0,
                    "votes_incompetent": 0,
                    "voters": 0,
                    "final_grade": grade.value,
                    "final_reason": "",
                    "decided_by": LEADER,
                    "decided_on": date(past + 1, 1, 15),
                    "duties": "",
                    "self_summary": "",
                    "training_note": "",
                    "leader_comment": COMMENTS[grade],
                }
            )
    if rows:
        s.execute(insert(Appraisal), rows)
