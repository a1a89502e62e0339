"""`orgdesk bench report --size N`: the annual report for N cadres, Excel + PDF.

Ours: `build_annual_report` (the queries) plus `write_report_xlsx` (styled
sheets through xlsx_export) plus `write_report_pdf` (summary with charts and
tables, then one ruled form per cadre, fonts subset and embedded).
Baseline, same run, same data: openpyxl in write-only mode appending the same
cell values, plus a bare reportlab canvas drawing the same strings (one page
per cadre, no lines, no charts, no fallback fonts).
"""

from __future__ import annotations

import random
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from orgdesk.bench import Figure, best_of

TODAY = date(2026, 6, 30)
YEAR = TODAY.year - 1


def make_database(path: Path, size: int, seed: int = 7) -> None:
    from orgdesk.services.demo import add_people
    from orgdesk.services.demo_evaluation import add_evaluation_demo
    from orgdesk.storage.database import Database

    with Database.open(path) as db:
        rng = random.Random(seed)
        add_people(db, size, rng, TODAY)
        add_evaluation_demo(db, rng, TODAY)


def form_strings(report: Any, ts: Any) -> list[list[str]]:
    """The text each form page carries, as the baseline draws it."""
    from orgdesk.storage.report_pdf_form import summary_box

    width, _height = summary_box(481.9)
    pages = []
    for f in report.forms:
        lines = [
            f"{report.year}年度组工干部考核登记表",
            "姓名",
            f.name,
            "性别",
            f.sex,
            "出生年月",
            str(f.birth),
            "政治面貌",
            f.political_status,
            "学历",
            f.education,
            "任现职时间",
            str(f.in_post_since),
            "单位及职务职级",
            f.unit_and_post,
            "从事或分管工作",
            f.duties,
            "个人总结",
            *ts.wrap(f.self_summary, ts.body, 11, width),
            "参加培训情况",
            f.training,
            "考核情况",
            str(f.target_score),
            str(f.vote_score),
            str(f.combined),
            str(f.votes),
            " ".join(f"{y} {g}" for y, g in f.history),
            "主管领导评语",
            f.leader_comment,
            f"建议等次：{f.proposed}",
            f"确定等次：{f.final}",
            "部长（签字）：　　年　月　日",
            f.remarks,
        ]
        pages.append(lines)
    return pages


def run(size: int) -> list[Figure | str]:
    from openpyxl import Workbook
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from orgdesk.services.annual_report import build_annual_report
    from orgdesk.storage.database import Database
    from orgdesk.storage.pdf_typeset import Typesetter
    from orgdesk.storage.report_pdf import write_report_pdf
    from orgdesk.storage.report_xlsx import write_report_xlsx

    out: list[Figure | str] = []
    with tempfile.TemporaryDirectory(prefix="orgdesk-bench-") as tmp:
        folder = Path(tmp)
        make_database(folder / "report.db", size)
        with Database.open(folder / "report.db") as db:
            report = build_annual_report(db, YEAR, today=TODAY)
            ts = Typesetter.create()
            pages = form_strings(report, ts)
            tables = [(s.title, s.headers, s.rows) for s in report.sections]

            def ours_build() -> None:
                build_annual_report(db, YEAR, today=TODAY)

            def ours_xlsx() -> None:
                write_report_xlsx(report, folder / "ours.xlsx")

            def ours_pdf() -> None:
                write_report_pdf(report, folder / "ours.pdf")

            def base_xlsx() -> None:
                wb = Workbook(write_only=True)
                for title, headers, rows in tables:
                    ws = wb.create_sheet(title)
                    ws.append(list(headers))
                    for row in rows:
                        ws.append(list(row))
                wb.save(folder / "base.xlsx")

            def base_pdf() -> None:
                c = Canvas(str(folder / "base.pdf"), pagesize=A4, initialFontName=ts.main)
                for lines in pages:
                    y = 800.0
                    c.setFont(ts.main, 11)
                    for text in lines:
                        c.drawString(60, y, text)
                        y -= 16
                    c.showPage()
                c.save()

            repeat = 2
            build = best_of(ours_build, repeat)
            xlsx = Figure("report-xlsx", best_of(ours_xlsx, repeat), best_of(base_xlsx, repeat))
            pdf = Figure("report-pdf", best_of(ours_pdf, repeat), best_of(base_pdf, repeat))
            out.append(f"report-build: {build:.3f} s for {len(report.forms)} cadres (queries)")
            out.append(xlsx)
            out.append(pdf)
            out.append(
                Figure("report-total", build + xlsx.ours + pdf.ours, xlsx.baseline + pdf.baseline)
            )
            out.append(
                f"report-size: pdf {(folder / 'ours.pdf').stat().st_size / 1e6:.1f} MB "
                f"(baseline {(folder / 'base.pdf').stat().st_size / 1e6:.1f} MB), "
                f"xlsx {(folder / 'ours.xlsx').stat().st_size / 1e6:.2f} MB"
            )
    return out
