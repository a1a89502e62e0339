"""`orgdesk report annual --year YYYY --db PATH --xlsx OUT.xlsx --pdf OUT.pdf`."""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument

    p = sub.add_parser("report", help="生成报告")
    kinds = p.add_subparsers(dest="report_kind", metavar="报告", required=True)
    annual = kinds.add_parser("annual", help="年度报告（Excel 与 PDF）")
    annual.add_argument("--year", type=int, required=True, help="年度，如 2025")
    add_db_argument(annual, required=True)
    annual.add_argument("--xlsx", type=Path, help="输出的 Excel 文件")
    annual.add_argument("--pdf", type=Path, help="输出的 PDF 文件")
    annual.set_defaults(func=run_annual)


def run_annual(args: argparse.Namespace) -> int:
    from orgdesk.services.annual_report import write_annual_report
    from orgdesk.storage.database import Database

    if args.xlsx is None and args.pdf is None:
        print("错误：请至少指定 --xlsx 或 --pdf 之一")
        return 2
    if not 1990 <= args.year <= 2100:
        print(f"错误：年度 {args.year} 不在 1990–2100 之间")
        return 2
    start = time.perf_counter()
    with Database.open(args.db, exclusive=False) as db:
        written = write_annual_report(db, args.year, xlsx=args.xlsx, pdf=args.pdf)
    took = time.perf_counter() - start
    print(f"{args.year} 年度报告：{written.people} 人，用时 {took:.1f} 秒")
    if written.xlsx:
        print(f"Excel：{written.xlsx}")
    if written.pdf:
        print(f"PDF：{written.pdf}")
    if written.missing_glyphs:
        print(f"注意：以下字符在所有可用字体中均缺失，已以〓标出：{written.missing_glyphs}")
    return 0
