"""Training services against a real SQLite file: what the clerk does, what is stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.training import NoteStatus, ScoreEntry
from orgdesk.services.credits import (
    credit_account_for,
    credits_for_year,
    section_summary,
    study_result,
    training_years,
)
from orgdesk.services.due import collect_due
from orgdesk.services.reference import change_setting, reference_data
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
    get_exam,
    save_exam,
    save_scores,
    score_sheet,
)
from orgdesk.services.training_notes import (
    NoteAbout,
    note_roster,
    submit_note,
)
from orgdesk.services.training_plans import (
    PlanInput,
    SessionInput,
    enrol,
    enrolments,
    list_sessions,
    save_plan,
    save_session,
    set_attendance,
)
from orgdesk.services.training_score_import import import_scores, write_score_template
from orgdesk.services.training_syllabus import (
    ReadingInput,
    copy_syllabus,
    create_syllabus,
    get_syllabus,
    save_reading,
)
from tests.conftest import DEMO_TODAY

YEAR = DEMO_TODAY.year


def fresh_year(db, year: int = 2030) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """A plan and a 10-hour session in a year the demo has not touched."""
    plan = save_plan(db, PlanInput("近期计划", f"{year} 年计划", year, year))
    session = save_session(
        db,
        SessionInput(plan, "专题培训", "政治理论", date(year, 3, 1), date(year, 3, 2), 10),
    )
    return plan, session


def test_copy_last_years_syllabus_moves_deadlines_and_keeps_audience(demo_db) -> None:  # type: ignore[no-untyped-def]
    ref = reference_data(demo_db)
    first = create_syllabus(demo_db, 2030)
    save_reading(
        demo_db,
        first,
        ReadingInput("业务知识", "干部工作手册", "编写组", date(2030, 5, 31), [ref.sections[0].id]),
    )
    copy_syllabus(demo_db, 2030, 2031)
    copied = get_syllabus(demo_db, 2031)
    assert copied is not None
    assert "2031" in copied.title
    assert len(copied.subjects) == len(get_syllabus(demo_db, 2030).subjects) > 10  # type: ignore[union-attr]
    (book,) = copied.readings
    assert book.note_due == date(2031, 5, 31)
    assert book.audience_text == ref.sections[0].name
    with pytest.raises(OrgDeskError, match="已存在"):
        copy_syllabus(demo_db, 2030, 2031)


def test_bulk_enrolment_by_section_rank_everyone_is_idempotent(demo_db) -> None:  # type: ignore[no-untyped-def]
    ref = reference_data(demo_db)
    _plan, session = fresh_year(demo_db)
    section = ref.sections[2]
    added = enrol(demo_db, session, CadrePick.section(section.id))
    rows = enrolments(demo_db, session)
    assert added == len(rows) > 0
    assert {r.cadre.section for r in rows} == {section.name}
    assert enrol(demo_db, session, CadrePick.section(section.id)) == 0
    total = enrol(demo_db, session, CadrePick.everyone()) + added
    assert total == len(enrolments(demo_db, session))
    set_attendance(demo_db, session, {r.cadre.id: True for r in rows})
    (listed,) = list_sessions(demo_db, year=2030)
    assert listed.attended == len(rows) and listed.enrolled == total


def test_attended_hours_become_credits_and_settings_change_them(demo_db) -> None:  # type: ignore[no-untyped-def]
    _plan, session = fresh_year(demo_db)
    cadre = reference_data(demo_db).sections[0]
    enrol(demo_db, session, CadrePick.section(cadre.id))
    person = enrolments(demo_db, session)[0].cadre.id
    on = date(2030, 12, 31)
    assert credit_account_for(demo_db, person, 2030, on).earned == 0  # attendance not recorded
    set_attendance(demo_db, session, {person: True})
    assert credit_account_for(demo_db, person, 2030, on).earned == 10
    change_setting(demo_db, "credits.per_hour", 0.5)
    account = credit_account_for(demo_db, person, 2030, on)
    assert account.earned == 5 and account.shortfall == 35


def test_scores_are_saved_all_or_nothing_and_failures_flagged(demo_db) -> None:  # type: ignore[no-untyped-def]
    exam = save_exam(demo_db, ExamInput("测试考试", date(2030, 6, 1), "政治理论", 60))
    add_candidates(demo_db, exam, CadrePick.section(reference_data(demo_db).sections[0].id))
    lines = score_sheet(demo_db, exam).lines
    a, b = lines[0].cadre.id, lines[1].cadre.id
    with pytest.raises(ValidationFailed):
        save_scores(demo_db, exam, {a: ScoreEntry(80), b: ScoreEntry(120)})
    assert all(line.score is None for line in score_sheet(demo_db, exam).lines)
    save_scores(demo_db, exam, {a: ScoreEntry(80), b: ScoreEntry(None, absent=True)})
    row = get_exam(demo_db, exam)
    assert (row.entered, row.failed) == (2, 1)
    result = study_result(demo_db, b, 2030, date(2030, 12, 31))
    assert result is not None and not result.met
    assert any("缺考" in r for r in result.reasons)


def _sheet(path: Path, rows: list[tuple]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["2030 年考试成绩"])  # a title row above the header
    ws.append(["序号", "姓 名", "身份证号", "分数"])
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_score_import_rejects_the_whole_file_naming_row_and_column(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    exam = save_exam(demo_db, ExamInput("导入考试", date(2030, 6, 1), "业务知识", 60))
    add_candidates(demo_db, exam, CadrePick.section(reference_data(demo_db).sections[0].id))
    lines = score_sheet(demo_db, exam).lines
    first, second = lines[0].cadre.name, lines[1].cadre.name
    bad = _sheet(
        tmp_path / "bad.xlsx",
        [
            (1, first, None, 88),
            (2, second, None, "八十"),
            (3, "查无此人", None, 70),
            (4, first, None, 90),
        ],
    )
    with pytest.raises(ValidationFailed) as caught:
        import_scores(demo_db, exam, bad)
    text = str(caught.value)
    assert "第 4 行「成绩」（八十）" in text
    assert "第 5 行「姓名」（查无此人）不是本场考试的考生" in text
    assert "第 6 行「姓名」" in text and "与第 3 行是同一考生" in text
    assert all(line.score is None for line in score_sheet(demo_db, exam).lines)

    template = tmp_path / "template.xlsx"
    assert write_score_template(demo_db, exam, template) == len(lines)
    ws = load_workbook(template).active
    ws.cell(row=2, column=5, value=55)
    ws.cell(row=3, column=5, value="缺考")
    ws.parent.save(template)
    result = import_scores(demo_db, exam, template)
    assert (result.updated, result.skipped_blank) == (2, len(lines) - 2)
    assert get_exam(demo_db, exam).failed == 2


def test_late_note_and_due_list(demo_db) -> None:  # type: ignore[no-untyped-def]
    syllabus = get_syllabus(demo_db, YEAR)
    assert syllabus is not None
    due_items = collect_due(demo_db, DEMO_TODAY)
    assert any(i.kind == "学习心得逾期" for i in due_items)
    assert any(i.kind == "学习心得将到期" for i in due_items)  # a reading note due on DEMO_TODAY
    overdue = next(
        i for i in due_items if i.kind == "学习心得逾期" and i.record_kind == "note_reading"
    )
    about = NoteAbout.READING
    roster = note_roster(demo_db, about, overdue.record_id, DEMO_TODAY)
    missing = next(line for line in roster if line.status is NoteStatus.MISSING)
    before = credit_account_for(demo_db, missing.cadre.id, YEAR, DEMO_TODAY).earned
    status = submit_note(
        demo_db, about, overdue.record_id, missing.cadre.id, DEMO_TODAY, today=DEMO_TODAY
    )
    assert status is NoteStatus.LATE
    after = credit_account_for(demo_db, missing.cadre.id, YEAR, DEMO_TODAY).earned
    assert after == before + 0.5
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        submit_note(demo_db, about, overdue.record_id, missing.cadre.id, date(2099, 1, 1))


def test_activity_placings_earn_their_credits(demo_db) -> None:  # type: ignore[no-untyped-def]
    activity = save_activity(demo_db, ActivityInput("优秀论文评比", "论文评比", date(2030, 11, 1)))
    add_participants(demo_db, activity, CadrePick.section(reference_data(demo_db).sections[1].id))
    people = [e.cadre.id for e in entries(demo_db, activity)]
    set_placing(demo_db, activity, people[0], "一等奖", "关于干部交流的调研")
    on = date(2030, 12, 31)
    assert credit_account_for(demo_db, people[0], 2030, on).earned == 5
    assert credit_account_for(demo_db, people[1], 2030, on).earned == 1


def test_demo_years_have_credit_rows_and_study_result_none_without_data(demo_db) -> None:  # type: ignore[no-untyped-def]
    assert {YEAR - 1, YEAR} <= set(training_years(demo_db))
    rows = credits_for_year(demo_db, YEAR - 1, DEMO_TODAY)
    assert len(rows) >= 40  # the 40 asked for plus intake hires present that year
    assert any(r.met for r in rows) and any(not r.met for r in rows)
    assert any(r.failed_exams for r in rows)
    summary = section_summary(rows)
    assert sum(s.people for s in summary) == len(rows)
    assert study_result(demo_db, rows[0].cadre_id, 1999) is None
    got = study_result(demo_db, rows[0].cadre_id, YEAR - 1, DEMO_TODAY)
    assert got is not None and got.met == rows[0].qualified


def test_saving_a_record_a_colleague_deleted_is_refused_in_chinese(db) -> None:  # type: ignore[no-untyped-def]
    from orgdesk.domain.errors import NotFound
    from orgdesk.services.training_activities import delete_activity

    activity = save_activity(db, ActivityInput("优秀论文评比", "论文评比", date(2030, 11, 1)))
    delete_activity(db, activity)  # … while the form was still open elsewhere
    with pytest.raises(NotFound, match="该活动已不存在"):
        save_activity(db, ActivityInput("优秀论文评比", "论文评比二", date(2030, 11, 1)), activity)
    assert save_activity(db, ActivityInput("优秀论文评比", "重新录入", date(2030, 11, 2))) > 0
