"""Migration 0003 on a file with people in it, the credit export read back, the CLI."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from openpyxl import load_workbook

from orgdesk.cli.main import main
from orgdesk.services.credits import credits_for_year, export_credits
from orgdesk.storage.database import Database
from orgdesk.storage.engine import make_engine
from orgdesk.storage.migrate import alembic_config
from tests.conftest import DEMO_TODAY
from tests.trust_support import cli_db

TRAINING_TABLES = {
    "syllabi",
    "syllabus_subjects",
    "reading_items",
    "reading_audience",
    "training_plans",
    "training_sessions",
    "training_enrolments",
    "training_exams",
    "training_exam_scores",
    "study_notes",
    "training_activities",
    "training_activity_entries",
}


def tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def _alembic(path: Path, action: str, target: str) -> None:
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            getattr(command, action)(cfg, target)
    finally:
        engine.dispose()


def test_0003_adds_the_training_tables_beside_existing_people(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Database.open(path).close()
    _alembic(path, "downgrade", "0001")
    assert not tables(path) & TRAINING_TABLES
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO cadres (name, name_initials, name_pinyin, id_number, sex, birth_date, "
        "ethnicity, political_status, education, degree, specialty, post_title, status, phone, "
        "note, created_at, updated_at, version) VALUES ('王䶮', 'wy', 'wang yan', "
        "'410102198503010011', '男', '1985-03-01', '汉族', '中共党员', '大学本科', '学士', '', "
        "'科员', '在职', '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
    )
    con.commit()
    con.close()
    with Database.open(path) as db:
        assert tables(path) >= TRAINING_TABLES
        rows = credits_for_year(db, 2026, DEMO_TODAY)
        assert [(r.name, r.earned, r.shortfall) for r in rows] == [("王䶮", 0, 40)]


def test_credit_export_reads_back(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "学分台账.xlsx"
    written = export_credits(demo_db, DEMO_TODAY.year - 1, path, DEMO_TODAY)
    book = load_workbook(path)
    ledger, detail = book.worksheets
    assert [c.value for c in ledger[1]][:6] == [
        "姓名",
        "科室",
        "职级",
        "应修学分",
        "已修学分",
        "差额",
    ]
    rows = credits_for_year(demo_db, DEMO_TODAY.year - 1, DEMO_TODAY)
    assert ledger.max_row == written + 1 == len(rows) + 1
    by_name = {r.name: r for r in rows}
    for line in ledger.iter_rows(min_row=2, values_only=True):
        assert by_name[line[0]].earned == line[4]
    # the detail sheet adds up to the ledger, person by person
    sums: dict[str, float] = {}
    for line in detail.iter_rows(min_row=2, values_only=True):
        sums[line[0]] = round(sums.get(line[0], 0) + line[5], 2)
    for r in rows:
        assert sums.get(r.name, 0) == r.earned


def test_credits_command_prints_the_ledger(demo_db, capsys) -> None:  # type: ignore[no-untyped-def]
    path = cli_db(demo_db)
    demo_db.close()
    code = main(["credits", "--db", path, "--year", str(DEMO_TODAY.year - 1), "--short"])
    out = capsys.readouterr().out
    assert code == 0
    people = len(credits_for_year(Database.open(path, exclusive=False), DEMO_TODAY.year - 1))
    assert f"{DEMO_TODAY.year - 1} 年度学分台账：共 {people} 人" in out
    assert "姓名\t科室\t应修\t已修\t差额" in out
