"""Demo step: last year and this year of training, so every training view has something true.

Built through the same services the clerk uses (syllabus, plans, enrolment,
attendance, exams, notes, activities); only the note hand-ins are inserted in
one go, since hundreds of clerk actions would add nothing but time.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert

from orgdesk.domain.training import (
    ActivityKind,
    DeliveryMode,
    DutyMode,
    GroupMode,
    Placing,
    PlanTerm,
    ScoreEntry,
    SettingMode,
    SubjectGroup,
)
from orgdesk.services.reference import load_settings, reference_data
from orgdesk.services.training_activities import (
    ActivityInput,
    add_participants,
    entries,
    save_activity,
    set_placing,
)
from orgdesk.services.training_common import CadrePick
from orgdesk.services.training_exams import (
    ExamInput,
    add_candidates,
    save_exam,
    save_scores,
    score_sheet,
)
from orgdesk.services.training_notes import NoteAbout, handed_in, note_obligations
from orgdesk.services.training_plans import (
    PlanInput,
    SessionInput,
    enrol,
    enrolments,
    save_plan,
    save_session,
    set_attendance,
)
from orgdesk.services.training_syllabus import (
    ReadingInput,
    copy_syllabus,
    create_syllabus,
    save_reading,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models.training import StudyNote

if TYPE_CHECKING:
    from orgdesk.services.demo import DemoContext

POL, PRO, BROAD, OFFICE = (
    SubjectGroup.POLITICAL.value,
    SubjectGroup.PROFESSIONAL.value,
    SubjectGroup.BROAD.value,
    SubjectGroup.OFFICE.value,
)
READINGS = (
    (POL, "习近平新时代中国特色社会主义思想学习纲要", "中共中央宣传部", (3, 31), "everyone"),
    (POL, "中国共产党章程", "", (4, 30), "everyone"),
    (POL, "中国共产党简史", "本书编写组", (6, 30), "everyone"),
    (PRO, "干部选拔任用工作条例学习辅导", "中共中央组织部", (7, 10), "干部科"),
    (PRO, "组织工作基本丛书·党员教育管理", "本书编写组", (9, 30), "组织科"),
    (PRO, "领导科学基础", "", (10, 31), "leaders"),
)
# (title, group, month, day, days, hours, modes, note, place)
SESSIONS = (
    ("春训：党的创新理论专题学习", POL, 2, 20, 3, 12, (0, 0, 0, 0), 15, "县委党校"),
    ("组织工作业务知识轮训", PRO, 3, 18, 2, 12, (1, 0, 0, 0), 10, "部机关会议室"),
    ("党史专题网络学习", BROAD, 4, 8, 30, 8, (1, 1, 0, 3), 0, "干部网络学院"),
    ("办公软件与公文处理实操", OFFICE, 5, 13, 1, 6, (1, 0, 0, 1), 0, "县电教中心"),
    ("红色教育基地现场教学", POL, 6, 10, 1, 8, (0, 0, 1, 0), 10, "县革命纪念馆"),
    ("干部工作法规远程专题", PRO, 7, 15, 1, 4, (1, 0, 0, 2), 0, "远程教育站点"),
    ("秋训：领导科学与心理学", BROAD, 9, 16, 3, 12, (0, 0, 0, 0), 15, "市委党校"),
    ("年终业务测试辅导", PRO, 11, 20, 1, 4, (1, 0, 0, 0), 0, "部机关会议室"),
)
MODES = (list(DutyMode), list(GroupMode), list(SettingMode), list(DeliveryMode))


def training_step(ctx: DemoContext) -> None:
    build_training(ctx.db, ctx.rng, ctx.today)


def build_training(db: Database, rng: random.Random, today: date) -> None:
    this, last = today.year, today.year - 1
    _syllabi(db, last, this)
    long_id = save_plan(
        db,
        PlanInput(
            PlanTerm.LONG.value,
            f"组工干部教育培训规划（{last}—{this + 1}年）",
            last,
            this + 1,
            "三年内全员轮训一遍；政治理论与业务知识并重，兼顾现代科技、法律、管理等综合知识；"
            "人人能熟练操作微机等现代办公设备；逐步推行电化教学、远程教育和网络教学。",
        ),
    )
    for year in (last, this):
        near = save_plan(
            db,
            PlanInput(
                PlanTerm.NEAR.value,
                f"{year} 年度组工干部学习培训计划",
                year,
                year,
                "集中轮训两期，专题培训每季度一次；每人年度学分达到规定要求；"
                "必读书目按期提交学习心得。",
            ),
        )
        _sessions(db, rng, today, year, near, long_id)
        _exams(db, rng, today, year)
        _activities(db, rng, today, year)
    _hand_in_notes(db, rng, today, (last, this))


def _syllabi(db: Database, last: int, this: int) -> None:
    ref = reference_data(db)
    sections = {s.name: s.id for s in ref.sections}
    leaders = [r.id for r in ref.ranks if r.is_leadership]
    sid = create_syllabus(db, last)
    for group, title, author, (month, day), who in READINGS:
        section_ids = [sections[who]] if who in sections else []
        rank_ids = leaders if who == "leaders" else []
        save_reading(
            db,
            sid,
            ReadingInput(group, title, author, date(last, month, day), section_ids, rank_ids),
        )
    new_id = copy_syllabus(db, last, this)
    save_reading(
        db,
        new_id,
        ReadingInput(BROAD, "中华人民共和国民法典（干部读本）", "", date(this, 8, 31)),
    )


def _sessions(
    db: Database, rng: random.Random, today: date, year: int, near: int, long_id: int
) -> None:
    ref = reference_data(db)
    for index, (title, group, month, day, days, hours, modes, note, place) in enumerate(SESSIONS):
        start = date(year, month, day)
        end = start + timedelta(days=days - 1)
        duty, grp, setting, delivery = (MODES[i][m].value for i, m in enumerate(modes))
        session_id = save_session(
            db,
            SessionInput(
                long_id if index in (2, 6) else near,
                title,
                group,
                start,
                end,
                hours,
                None,
                duty,
                grp,
                setting,
                delivery,
                place,
                end + timedelta(days=note) if note else None,
            ),
        )
        if index in (0, 2, 6):
            enrol(db, session_id, CadrePick.everyone())
        elif index == 1:
            for name in ("组织科", "干部科", "人才科"):
                section = ref.section_by_name(name)
                if section:
                    enrol(db, session_id, CadrePick.section(section.id))
        elif index == 5:
            for rank in ref.ranks:
                if rank.is_leadership:
                    enrol(db, session_id, CadrePick.rank(rank.id))
        else:
            enrol(db, session_id, CadrePick.section(ref.sections[index % len(ref.sections)].id))
            enrol(
                db, session_id, CadrePick.section(ref.sections[(index + 3) % len(ref.sections)].id)
            )
        if end <= today:
            people = [e.cadre.id for e in enrolments(db, session_id)]
            set_attendance(db, session_id, {c: rng.random() < 0.9 for c in people})


def _exams(db: Database, rng: random.Random, today: date, year: int) -> None:
    pass_mark = load_settings(db)["exam.default_pass_mark"]
    for title, group, when in (
        (f"{year} 年上半年政治理论考试", POL, date(year, 6, 26)),
        (f"{year} 年业务知识考试", PRO, date(year, 12, 10)),
    ):
        exam_id = save_exam(db, ExamInput(title, when, group, pass_mark))
        add_candidates(db, exam_id, CadrePick.everyone())
        if when > today:
            continue
        lines = score_sheet(db, exam_id).lines
        scores: dict[int, ScoreEntry] = {}
        for n, line in enumerate(lines):
            if n == 5:
                scores[line.cadre.id] = ScoreEntry(None, absent=True)
            else:
                value = min(100.0, max(30.0, round(rng.gauss(79, 10) * 2) / 2))
                scores[line.cadre.id] = ScoreEntry(value)
        save_scores(db, exam_id, scores)


def _activities(db: Database, rng: random.Random, today: date, year: int) -> None:
    ref = reference_data(db)
    plan = (
        (ActivityKind.SPEECH, "“我为组工干部形象添光彩”演讲比赛", date(year, 5, 20)),
        (ActivityKind.READING_NOTES, "读书笔记展示评比", date(year, 7, 1)),
        (ActivityKind.KNOWLEDGE_TEST, "组织工作专业理论知识测试", date(year, 9, 26)),
        (ActivityKind.ESSAY, "优秀调研论文评比", date(year, 11, 28)),
    )
    for kind, title, when in plan:
        if when > today:
            continue
        activity_id = save_activity(db, ActivityInput(kind.value, title, when, "部机关党支部"))
        for section in ref.sections[:5]:
            if rng.random() < 0.7:
                add_participants(db, activity_id, CadrePick.section(section.id))
        people = [e.cadre.id for e in entries(db, activity_id)]
        rng.shuffle(people)
        for cid, placing in zip(
            people,
            (Placing.FIRST, Placing.SECOND, Placing.SECOND, Placing.THIRD, Placing.THIRD),
            strict=False,
        ):
            set_placing(db, activity_id, cid, placing.value)


def _hand_in_notes(db: Database, rng: random.Random, today: date, years: tuple[int, ...]) -> None:
    with db.unit_of_work() as uow:
        s = uow.session
        rows = []
        for year in years:
            obligations = note_obligations(s, year)
            have = handed_in(s, obligations)
            for o in obligations:
                for cid in o.cadre_ids:
                    if (o.about, o.ref_id, cid) in have:
                        continue
                    roll = rng.random()
                    if roll < 0.72:
                        on = o.due - timedelta(days=rng.randint(0, 20))
                    elif roll < 0.86:
                        on = o.due + timedelta(days=rng.randint(1, 12))
                    else:
                        continue  # never handed in
                    if on > today:
                        continue
                    row = {"cadre_id": cid, "submitted_on": on, "title": ""}
                    row["reading_id" if o.about is NoteAbout.READING else "session_id"] = o.ref_id
                    row.setdefault("reading_id", None)
                    row.setdefault("session_id", None)
                    rows.append(row)
        if rows:
            s.execute(insert(StudyNote), rows)
        uow.commit()
