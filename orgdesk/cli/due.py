"""`orgdesk due --db PATH [--on YYYY-MM-DD]`: the due list, as the panel shows it."""

from __future__ import annotations

import argparse
from datetime import date


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument, iso_date

    p = sub.add_parser("due", help="列出待办事项")
    add_db_argument(p, required=True)
    p.add_argument("--on", type=iso_date, default=None, help="截至日期 YYYY-MM-DD（默认今天）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from orgdesk.services.due import collect_due
    from orgdesk.storage.database import Database

    on: date = args.on or date.today()
    with Database.open(args.db, exclusive=False) as db:
        items = collect_due(db, on)
    print(f"待办事项（截至 {on:%Y-%m-%d}）：共 {len(items)} 项")
    for item in items:
        due = f"{item.due:%Y-%m-%d}" if item.due else "—"
        print(f"{item.urgency.label}\t{item.kind}\t{due}\t{item.title}")
    return 0
