"""`orgdesk bench credits --size N`: open the credit view for a year of N training records.

A year with 200 cadres and N records (enrolments with attendance, exam scores,
activity entries, note hand-ins, plus reading notes owed by everyone).
"credits-open" = `credits_for_year` (the records read, every account summed by
the domain) put into the credit view's table model, and the first screenful
read, as when the 学分台账 page appears.  "credits-person" = one cadre's account
with its items, as when a row is clicked.  The baseline runs the same SQL
statements through `sqlite3` on the same file and only fetches the rows.
"credits-page" times the whole page refresh (table, section summary, charts,
detail) for the absolute number a clerk would feel.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from orgdesk.bench import Figure, best_of

YEAR = 2026
CADRES = 200
VISIBLE_ROWS = 40

# The statements `load_records`, `note_obligations`, `handed_in` and `cadre_briefs` run.
BASE_SQL = (
    """SELECT id, title, end_date, hours, credits FROM training_sessions
       WHERE end_date BETWEEN :first AND :last""",
    """SELECT cadre_id, session_id, attended FROM training_enrolments e
       WHERE session_id IN (SELECT id FROM training_sessions
                            WHERE end_date BETWEEN :first AND :last) {only_e}""",
    """SELECT id, title, held_on, pass_mark FROM training_exams
       WHERE held_on BETWEEN :first AND :last""",
    """SELECT cadre_id, exam_id, score, absent FROM training_exam_scores x
       WHERE exam_id IN (SELECT id FROM training_exams
                         WHERE held_on BETWEEN :first AND :last) {only_x}""",
    """SELECT id, title, held_on, kind FROM training_activities
       WHERE held_on BETWEEN :first AND :last""",
    """SELECT cadre_id, activity_id, placing FROM training_activity_entries a
       WHERE activity_id IN (SELECT id FROM training_activities
                             WHERE held_on BETWEEN :first AND :last) {only_a}""",
    """SELECT id, section_id, rank_id, joined_department FROM cadres WHERE status != '已调出'""",
    """SELECT r.id, r.title, r.note_due FROM reading_items r JOIN syllabi y ON y.id = r.syllabus_id
       WHERE y.year = :year AND r.note_due IS NOT NULL ORDER BY r.note_due, r.id""",
    """SELECT reading_id, section_id, rank_id FROM reading_audience""",
    """SELECT id, title, note_due FROM training_sessions
       WHERE end_date BETWEEN :first AND :last AND note_due IS NOT NULL""",
    """SELECT e.session_id, e.cadre_id FROM training_enrolments e
       JOIN training_sessions s ON s.id = e.session_id
       WHERE s.end_date BETWEEN :first AND :last AND s.note_due IS NOT NULL
       AND (e.attended IS NULL OR e.attended != 0) ORDER BY e.cadre_id""",
    """SELECT reading_id, cadre_id, submitted_on, title FROM study_notes
       WHERE reading_id IS NOT NULL""",
    """SELECT session_id, cadre_id, submitted_on, title FROM study_notes
       WHERE session_id IS NOT NULL""",
    """SELECT c.id, c.name, coalesce(s.name, ''), coalesce(r.name, ''), c.section_id, c.rank_id
       FROM cadres c LEFT JOIN sections s ON s.id = c.section_id
       LEFT JOIN ranks r ON r.id = c.rank_id WHERE c.status != '已调出'""",
    """SELECT key, value FROM settings""",
    """SELECT id, sort_order FROM sections""",
)
PARAMS = {"first": f"{YEAR}-01-01", "last": f"{YEAR}-12-31", "year": YEAR}


def make_database(path: Path, size: int, seed: int = 11) -> dict[str, int]:
    """200 cadres and `size` training records in YEAR; returns the record counts by kind."""
    from sqlalchemy import insert, select

    from orgdesk.services.demo import add_people
    from orgdesk.storage.database import Database
    from orgdesk.storage.models import Cadre
    from orgdesk.storage.models.training import (
        Activity,
        ActivityEntryRow,
        Enrolment,
        Exam,
        ExamScore,
        ReadingItem,
        StudyNote,
        Syllabus,
        TrainingPlan,
        TrainingSession,
    )

    rng = random.Random(seed)
    counts = {"enrolments": 0, "exam_scores": 0, "activity_entries": 0, "notes": 0}
    with Database.open(path) as db:
        add_people(db, CADRES, rng, date(YEAR, 12, 31))
        with db.unit_of_work() as uow:
            s = uow.session
            people = list(s.scalars(select(Cadre.id)))
            s.add(Syllabus(id=1, year=YEAR, title=f"{YEAR} 年度大纲", goals=""))
            s.add(TrainingPlan(id=1, term="近期计划", title="计划", start_year=YEAR, end_year=YEAR))
            s.flush()
            for i in range(6):
                s.add(
                    ReadingItem(
                        syllabus_id=1,
                        subject_group="政治理论",
                        title=f"必读书目{i + 1}",
                        author="",
                        note_due=date(YEAR, 2 + i, 28),
                        sort_order=i,
                    )
                )
            n_enrol = size * 6 // 10
            n_scores = size * 2 // 10
            n_entries = size // 10
            n_notes = size - n_enrol - n_scores - n_entries
            sessions = max(1, -(-n_enrol // CADRES) + 1)
            for i in range(sessions):
                start = date(YEAR, 1, 5) + timedelta(days=(i * 7) % 350)
                s.add(
                    TrainingSession(
                        id=i + 1,
                        plan_id=1,
                        title=f"培训{i + 1}",
                        subject_group="业务知识",
                        start_date=start,
                        end_date=start,
                        hours=rng.choice((2, 4, 6, 8)),
                        credits=None,
                        duty_mode="在职",
                        group_mode="集体培训",
                        setting_mode="课堂",
                        delivery_mode="面授",
                        place="",
                        note_due=start + timedelta(days=10) if i % 3 == 0 else None,
                    )
                )
            exams = max(1, -(-n_scores // CADRES) + 1)
            for i in range(exams):
                s.add(
                    Exam(
                        id=i + 1,
                        title=f"考试{i + 1}",
                        held_on=date(YEAR, 3 + i % 9, 15),
                        subject_group="政治理论",
                        full_mark=100,
                        pass_mark=60,
                    )
                )
            activities = max(1, -(-n_entries // CADRES) + 1)
            for i in range(activities):
                s.add(
                    Activity(
                        id=i + 1,
                        kind="演讲比赛",
                        title=f"活动{i + 1}",
                        held_on=date(YEAR, 4 + i % 8, 20),
                        organizer="",
                    )
                )
            s.flush()
            pairs = _pairs(rng, sessions, people, n_enrol)
            s.execute(
                insert(Enrolment),
                [
                    {"session_id": a, "cadre_id": c, "attended": rng.random() < 0.9}
                    for a, c in pairs
                ],
            )
            s.execute(
                insert(ExamScore),
                [
                    {"exam_id": a, "cadre_id": c, "score": rng.randint(40, 100), "absent": False}
                    for a, c in _pairs(rng, exams, people, n_scores)
                ],
            )
            placings = ("一等奖", "二等奖", "三等奖", "参与", "参与", "参与")
            s.execute(
                insert(ActivityEntryRow),
                [
                    {
                        "activity_id": a,
                        "cadre_id": c,
                        "placing": rng.choice(placings),
                        "work_title": "",
                    }
                    for a, c in _pairs(rng, activities, people, n_entries)
                ],
            )
            notes = [
                {
                    "cadre_id": c,
                    "reading_id": r,
                    "session_id": None,
                    "submitted_on": date(YEAR, 1 + r, rng.randint(1, 28)),
                    "title": "",
                }
                for r, c in _pairs(rng, 6, people, n_notes)
            ]
            if notes:
                s.execute(insert(StudyNote), notes)
            uow.commit()
        counts.update(
            enrolments=len(pairs),
            exam_scores=n_scores,
            activity_entries=n_entries,
            notes=len(notes),
        )
    return counts


def _pairs(rng: random.Random, groups: int, people: list[int], n: int) -> list[tuple[int, int]]:
    """`n` distinct (group id, cadre id) pairs, groups numbered from 1."""
    n = min(n, groups * len(people))
    chosen = rng.sample(range(groups * len(people)), n)
    return [(k // len(people) + 1, people[k % len(people)]) for k in chosen]


def run(size: int) -> list[Figure | str]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from orgdesk.services.credits import credit_account_for, credits_for_year
    from orgdesk.storage.database import Database
    from orgdesk.ui.app import make_application
    from orgdesk.ui.training.credits_page import CREDIT_COLUMNS, CreditsPage
    from orgdesk.ui.training.table import RowsModel

    app = make_application(["bench"])
    on = date(YEAR, 12, 31)
    out: list[Figure | str] = []
    with tempfile.TemporaryDirectory(prefix="orgdesk-bench-") as tmp:
        path = Path(tmp) / "credits.db"
        counts = make_database(path, size)
        out.append(
            f"# {CADRES} cadres, {sum(counts.values())} training records in {YEAR}: "
            + ", ".join(f"{k}={v}" for k, v in counts.items())
        )
        db = Database.open(path)
        raw = sqlite3.connect(path)
        try:
            model: RowsModel = RowsModel(CREDIT_COLUMNS)

            def ours_open() -> None:
                model.set_rows(credits_for_year(db, YEAR, on))
                for row in range(min(VISIBLE_ROWS, model.rowCount())):
                    for column in range(model.columnCount()):
                        model.data(model.index(row, column))

            everyone = [sql.format(only_e="", only_x="", only_a="") for sql in BASE_SQL]

            def base_open() -> None:
                for sql in everyone:
                    raw.execute(sql, PARAMS).fetchall()

            someone = credits_for_year(db, YEAR, on)[0].cadre_id

            def ours_person() -> None:
                credit_account_for(db, someone, YEAR, on)

            one = [
                sql.format(
                    only_e="AND e.cadre_id = :cid",
                    only_x="AND x.cadre_id = :cid",
                    only_a="AND a.cadre_id = :cid",
                )
                for sql in BASE_SQL
            ]

            def base_person() -> None:
                for sql in one:
                    raw.execute(sql, {**PARAMS, "cid": someone}).fetchall()

            out.append(Figure("credits-open", best_of(ours_open), best_of(base_open)))
            out.append(Figure("credits-person", best_of(ours_person), best_of(base_person)))

            page = CreditsPage(db, _reference(db))
            page.on = on
            page.year = YEAR
            page.resize(1300, 800)
            times = []
            for _ in range(5):
                start = time.perf_counter()
                page.refresh()
                app.processEvents()
                times.append(time.perf_counter() - start)
            times.sort()
            out.append(
                f"credits-page: whole 学分台账 refresh (table, sections, charts, first person) "
                f"median {times[len(times) // 2] * 1000:.1f} ms (a visible pause starts near 100 ms)"
            )
            page.deleteLater()
        finally:
            raw.close()
            db.close()
    return out


def _reference(db):  # type: ignore[no-untyped-def]
    from orgdesk.services.reference import reference_data

    return reference_data(db)
