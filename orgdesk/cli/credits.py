"""`orgdesk credits --db PATH --year Y [--xlsx FILE] [--short]`: the year's credit account."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument, iso_date

    p = sub.add_parser("credits", help="年度学分台账（应修、已修、差额）")
    add_db_argument(p, required=True)
    p.add_argument("--year", type=int, default=date.today().year, help="年度（默认今年）")
    p.add_argument("--on", type=iso_date, default=None, help="按哪一天判断心得是否逾期（默认今天）")
    p.add_argument("--short", action="store_true", help="只列未达标或考试不合格的人")
    p.add_argument("--xlsx", type=Path, default=None, help="同时导出 Excel（台账与明细）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from orgdesk.services.credits import credits_for_year, export_credits, section_summary
    from orgdesk.storage.database import Database

    with Database.open(args.db, exclusive=False) as db:
        rows = credits_for_year(db, args.year, args.on)
        if args.xlsx is not None:
            export_credits(db, args.year, args.xlsx, args.on)
    met = sum(1 for r in rows if r.met)
    print(
        f"{args.year} 年度学分台账：共 {len(rows)} 人，学分达标 {met} 人，未达标 {len(rows) - met} 人"
    )
    for s in section_summary(rows):
        print(f"  {s.section}：{s.people} 人，达标 {s.met}，平均 {s.average:g} 学分")
    print("姓名\t科室\t应修\t已修\t差额\t不及格\t心得未交")
    for r in rows:
        if args.short and r.qualified:
            continue
        print(
            f"{r.name}\t{r.section}\t{r.required:g}\t{r.earned:g}\t{r.shortfall:g}\t"
            f"{r.failed_exams}\t{r.missing_notes}"
        )
    if args.xlsx is not None:
        print(f"已导出：{args.xlsx}")
    return 0
