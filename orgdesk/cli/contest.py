"""`orgdesk contest eligible --db PATH --level 副科|正科 [--on YYYY-MM-DD]`.

Prints, for every active cadre (在职 and 试用期), eligible or not and every reason.
"""

from __future__ import annotations

import argparse
from datetime import date


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument, iso_date

    p = sub.add_parser("contest", help="竞争上岗")
    actions = p.add_subparsers(dest="contest_command", metavar="操作", required=True)
    e = actions.add_parser("eligible", help="列出每名在职人员的竞争上岗资格及理由")
    add_db_argument(e, required=True)
    e.add_argument("--level", required=True, choices=("副科", "正科"), help="岗位层级")
    e.add_argument("--on", type=iso_date, default=None, help="资格基准日 YYYY-MM-DD（默认今天）")
    e.set_defaults(func=run_eligible)


def run_eligible(args: argparse.Namespace) -> int:
    from orgdesk.domain.eligibility import PostLevel
    from orgdesk.services.eligibility import eligibility_list
    from orgdesk.storage.database import Database

    level = PostLevel.parse(args.level)
    on: date = args.on or date.today()
    with Database.open(args.db, exclusive=False) as db:
        rows = eligibility_list(db, level, on)
    rows.sort(key=lambda r: (not r.eligibility.eligible, r.section, r.name))
    eligible = sum(1 for r in rows if r.eligibility.eligible)
    print(f"竞争上岗资格：{level.value}岗位，基准日 {on:%Y-%m-%d}")
    print(f"在职人员 {len(rows)} 人，符合 {eligible} 人，不符合 {len(rows) - eligible} 人")
    for row in rows:
        where = " · ".join(x for x in (row.section, row.rank) if x) or "—"
        print()
        print(f"{row.name}（{where}）：{row.eligibility.verdict}")
        for line in row.eligibility.lines():
            print(f"  {line}")
    return 0
