"""The annual report (R-EVA-4): data, then the workbook and the PDF read back and checked
against the database with queries of their own."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from orgdesk.domain.evaluation import VoteTally
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput, CadreStatus, PostingInput
from orgdesk.services.annual_report import build_annual_report, write_annual_report
from orgdesk.services.evaluation import record_votes
from orgdesk.services.ledger_reports import ledger_on_time_rates
from orgdesk.services.people import save_cadre
from orgdesk.services.reference import load_settings, reference_data
from tests.trust_support import cli_db, rows

YEAR = 2025
SHEETS = ["汇总", "年度考核", "学习学分", "交流轮岗", "人员进出", "工作台账", "竞争上岗"]
EXT_B = "王𠀀"  # U+20000: not in WenQuanYi, drawn from a fallback font


@pytest.fixture
def report_db(demo_db):
    """The demo department plus an Ext-B name who joined this year and one who left."""
    ref = reference_data(demo_db)
    newcomer = save_cadre(
        demo_db,
        CadreInput(
            name=EXT_B,
            id_number=make_id_number("410102", date(1995, 5, 6), 101),
            section_id=ref.sections[1].id,
            rank_id=ref.ranks[0].id,
            post_title="科员",
            first_employment=date(2018, 7, 1),
            joined_department=date(YEAR, 3, 1),
        ),
        today=date(2026, 6, 30),
    )
    record_votes(demo_db, YEAR, newcomer.id, VoteTally(3, 20, 2, 0, 26))
    save_cadre(
        demo_db,
        CadreInput(
            name="欧阳䶮",
            id_number=make_id_number("410102", date(1980, 2, 3), 103),
            status=CadreStatus.LEFT,
            first_employment=date(2002, 7, 1),
            joined_department=date(2010, 1, 4),
            postings=[
                PostingInput(
                    "本部", "科长", date(2010, 1, 4), date(YEAR, 9, 30), ref.sections[3].id
                ),
                PostingInput("县发展和改革委员会", "副主任", date(YEAR, 10, 1)),
            ],
        ),
        today=date(2026, 6, 30),
    )
    return demo_db


LEFT_ON = "(SELECT max(p.end_date) FROM postings p WHERE p.cadre_id = c.id AND p.unit = '本部')"


def sql(db, query: str, *args) -> list[tuple]:
    return rows(db, query, *args)


def test_report_data_matches_the_database(report_db) -> None:
    report = build_annual_report(report_db, YEAR, today=date(2026, 6, 30))
    assert [s.title for s in report.sections] == SHEETS
    for key in ("training", "rotation", "ledger"):  # the demo year holds all of them
        part = report.section(key)  # their figures: tests/reports/test_report_areas.py
        assert part.available and part.rows
    grades = dict(
        sql(
            report_db,
            "SELECT final_grade, count(*) FROM evaluation_appraisals WHERE year=? AND final_grade IS NOT NULL GROUP BY final_grade",
            YEAR,
        )
    )
    evaluation = report.section("evaluation")
    for grade in ("优秀", "称职", "基本称职", "不称职"):
        assert evaluation.figure(grade).value == grades.get(grade, 0)
    movement = report.section("movement")
    left = sql(
        report_db,
        f"SELECT c.name FROM cadres c WHERE c.status = '已调出' AND {LEFT_ON} BETWEEN ? AND ?",
        f"{YEAR}-01-01",
        f"{YEAR}-12-31",
    )
    assert sorted(r[1] for r in movement.rows if r[0] == "调出") == sorted(n for (n,) in left)
    went = next(r for r in movement.rows if r[0] == "调出" and r[1] == "欧阳䶮")
    assert went[7] == date(YEAR, 9, 30) and went[8] == "县发展和改革委员会 副主任"
    joined = sql(
        report_db,
        "SELECT name FROM cadres WHERE joined_department BETWEEN ? AND ?",
        f"{YEAR}-01-01",
        f"{YEAR}-12-31",
    )
    assert sorted(r[1] for r in movement.rows if r[0] == "进入") == sorted(n for (n,) in joined)
    f = {k.label: k.value for k in movement.figures}
    assert f["年末在册人数"] == f["年初在册人数"] + f["本年进入人数"] - f["本年调出人数"]
    assert EXT_B in {form.name for form in report.forms}


def test_workbook_read_back_equals_the_database(report_db, tmp_path: Path) -> None:
    out = tmp_path / "年度报告.xlsx"
    write_annual_report(report_db, YEAR, xlsx=out, today=date(2026, 6, 30))
    wb = load_workbook(out)
    assert wb.sheetnames == SHEETS
    for name in SHEETS:
        assert wb[name].freeze_panes == "A2"
        assert wb[name]["A1"].font.bold
    assert wb["学习学分"]["A1"].value == "姓名"  # real rows: tests/reports/test_report_areas.py
    assert wb["交流轮岗"]["A1"].value == "类别"
    assert wb["工作台账"]["A1"].value == "科室"

    ws = wb["年度考核"]
    headers = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(headers)}
    settings = load_settings(report_db)
    db_rows = {
        r[0]: r
        for r in sql(
            report_db,
            "SELECT c.id_number, a.votes_excellent, a.votes_competent, a.votes_basic,"
            " a.votes_incompetent, a.voters, a.final_grade, c.name FROM evaluation_appraisals a"
            " JOIN cadres c ON c.id = a.cadre_id WHERE a.year = ?",
            YEAR,
        )
    }
    targets = dict(
        sql(
            report_db,
            "SELECT c.id_number, sum(t.weight * t.score) / sum(t.weight) FROM evaluation_target_items t"
            " JOIN cadres c ON c.id = t.cadre_id WHERE t.year = ? AND t.score IS NOT NULL GROUP BY c.id",
            YEAR,
        )
    )
    seen = 0
    for row in ws.iter_rows(min_row=2, values_only=False):
        id_cell = row[col["身份证号"]]
        if id_cell.value is None:
            break  # the tables below the main one
        seen += 1
        assert id_cell.data_type == "s" and id_cell.number_format == "@"
        want = db_rows[id_cell.value]
        got = [
            row[col[h]].value for h in ("优秀票", "称职票", "基本称职票", "不称职票", "参评人数")
        ]
        assert got == list(want[1:6])
        assert all(isinstance(v, int) for v in got)
        assert row[col["姓名"]].value == want[7]
        assert row[col["确定等次"]].value == (want[6] or "未定等次")
        expected_target = targets.get(id_cell.value)
        target = row[col["目标得分"]].value
        assert target == (
            None if expected_target is None else pytest.approx(expected_target, abs=0.01)
        )
        votes = sum(p * v for p, v in zip((100, 80, 60, 0), want[1:5], strict=True))
        valid = sum(want[1:5])
        vote = votes / valid if valid else None
        parts = [
            (settings["evaluation.weight.target"], expected_target),
            (settings["evaluation.weight.votes"], vote),
        ]
        present = [(w, v) for w, v in parts if v is not None]
        combined = sum(w * v for w, v in present) / sum(w for w, _ in present) if present else None
        got_combined = row[col["综合得分"]].value
        assert got_combined == (None if combined is None else pytest.approx(combined, abs=0.01))
    assert seen == len(db_rows)

    summary = {(r[0], r[1]): r[2] for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    grades = dict(
        sql(
            report_db,
            "SELECT final_grade, count(*) FROM evaluation_appraisals WHERE year=? AND final_grade IS NOT NULL GROUP BY final_grade",
            YEAR,
        )
    )
    for grade in ("优秀", "称职", "基本称职", "不称职"):
        assert summary[("年度考核", grade)] == grades.get(grade, 0)
    assert summary[("年度考核", "参加考核人数")] == len(db_rows)
    end = f"{YEAR}-12-31"
    present = sql(
        report_db,
        "SELECT count(*) FROM cadres c WHERE (c.joined_department IS NULL OR c.joined_department <= ?)"
        f" AND (c.status != '已调出' OR {LEFT_ON} > ?)",
        end,
        end,
    )[0][0]
    assert summary[("基本情况", "年末在册人数")] == present
    gone = sql(
        report_db,
        f"SELECT count(*) FROM cadres c WHERE c.status = '已调出' AND {LEFT_ON} BETWEEN ? AND ?",
        f"{YEAR}-01-01",
        end,
    )[0][0]
    assert summary[("人员进出", "本年调出人数")] == gone
    ledger = {
        r[1]: r[2] for r in wb["汇总"].iter_rows(min_row=2, values_only=True) if r[0] == "工作台账"
    }
    rates = ledger_on_time_rates(report_db, YEAR, on=date(YEAR, 12, 31))
    assert ledger["应办结事项"] == rates.overall.due
    assert ledger["按时办结"] == rates.overall.on_time

    moves = wb["人员进出"]
    dates = [r[7] for r in moves.iter_rows(min_row=2, values_only=True) if r[0]]
    assert dates and all(isinstance(d, datetime) for d in dates)


def test_pdf_names_totals_and_embedded_fonts(report_db, tmp_path: Path) -> None:
    out = tmp_path / "年度报告.pdf"
    written = write_annual_report(report_db, YEAR, pdf=out, today=date(2026, 6, 30))
    assert written.missing_glyphs == ""
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    names = [
        n
        for (n,) in sql(
            report_db,
            "SELECT c.name FROM evaluation_appraisals a JOIN cadres c ON c.id=a.cadre_id WHERE a.year=?",
            YEAR,
        )
    ]
    assert EXT_B in names and any("堃" in n or "䶮" in n for n in names)
    for name in names:
        assert name in text, name
    assessed = len(names)
    assert f"本年度参加年度考核{assessed}人" in text
    excellent = sql(
        report_db,
        "SELECT count(*) FROM evaluation_appraisals WHERE year=? AND final_grade='优秀'",
        YEAR,
    )[0][0]
    assert f"确定优秀{excellent}人" in text
    assert "学习达标人数" in text.replace("\n", "") and "按时办结率" in text
    assert text.count("年度组工干部考核登记表") == assessed
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout
    lines = fonts.splitlines()[2:]
    assert lines and all(re.search(r"\byes\s+yes\s+yes\b", line) for line in lines), fonts
    assert "HanaMin" in fonts  # 𠀀 came from the fallback font, embedded


def test_one_persons_form_and_the_cli(report_db, tmp_path: Path) -> None:
    from orgdesk.cli.main import main

    cid = sql(report_db, "SELECT id FROM cadres WHERE name=?", EXT_B)[0][0]
    one = tmp_path / "one.pdf"
    write_annual_report(report_db, YEAR, pdf=one, cadre_ids=[cid], forms_only=True)
    reader = PdfReader(one)
    assert len(reader.pages) == 1 and EXT_B in reader.pages[0].extract_text()
    shots = tmp_path / "shot"
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(one), str(shots)], check=True)
    assert list(tmp_path.glob("shot*.png"))

    path = cli_db(report_db)
    report_db.close()
    xlsx, pdf = tmp_path / "cli.xlsx", tmp_path / "cli.pdf"
    code = main(
        [
            "report",
            "annual",
            "--year",
            str(YEAR),
            "--db",
            str(path),
            "--xlsx",
            str(xlsx),
            "--pdf",
            str(pdf),
        ]
    )
    assert code == 0 and xlsx.stat().st_size > 0 and pdf.stat().st_size > 0
