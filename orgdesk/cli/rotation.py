"""`orgdesk rotation due|plans|export-plan`: 交流轮岗 from the command line (no Qt)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument, iso_date

    p = sub.add_parser("rotation", help="交流轮岗：轮岗到期名单、交流计划导出")
    inner = p.add_subparsers(dest="rotation_command", metavar="子命令", required=True)

    due = inner.add_parser("due", help="列出轮岗到期/超期人员")
    add_db_argument(due, required=True)
    due.add_argument("--on", type=iso_date, default=None, help="截至日期 YYYY-MM-DD（默认今天）")
    due.add_argument("--all", action="store_true", help="含未到期人员")
    due.set_defaults(func=run_due)

    plans = inner.add_parser("plans", help="列出交流计划")
    add_db_argument(plans, required=True)
    plans.set_defaults(func=run_plans)

    export = inner.add_parser("export-plan", help="把交流计划导出为 Excel 或 PDF")
    add_db_argument(export, required=True)
    export.add_argument("--plan", type=int, default=None, help="计划编号（默认最新的一份）")
    export.add_argument("--out", type=Path, required=True, help="输出文件（.xlsx 或 .pdf）")
    export.set_defaults(func=run_export)


def run_due(args: argparse.Namespace) -> int:
    from orgdesk.domain.rotation import RotationState
    from orgdesk.services.rotation import rotation_due_list
    from orgdesk.storage.database import Database

    on: date = args.on or date.today()
    states = None if args.all else frozenset({RotationState.DUE, RotationState.OVERDUE})
    with Database.open(args.db, exclusive=False) as db:
        rows = rotation_due_list(db, on, states=states)
    print(f"轮岗到期名单（截至 {on:%Y-%m-%d}）：共 {len(rows)} 人")
    for r in rows:
        flag = "；直接进入业务科室" if r.business_first else ""
        print(
            f"{r.state.label}\t{r.name}\t{r.section}\t{r.post_title}\t{r.in_post}\t"
            f"到期 {r.due_on:%Y-%m-%d}\t{r.rule}{flag}"
        )
    return 0


def run_plans(args: argparse.Namespace) -> int:
    from orgdesk.services.rotation_plan import list_plans
    from orgdesk.storage.database import Database

    with Database.open(args.db, exclusive=False) as db:
        for p in list_plans(db):
            print(f"{p.id}\t{p.title}\t{p.status.value}\t{p.moves} 人")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from orgdesk.domain.errors import OrgDeskError
    from orgdesk.services.rotation_plan import list_plans, plan_report
    from orgdesk.storage.database import Database
    from orgdesk.storage.rotation_export import write_plan_pdf, write_plan_xlsx

    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise OrgDeskError(f"输出文件应以 .xlsx 或 .pdf 结尾：{out}")
    with Database.open(args.db, exclusive=False) as db:
        plans = list_plans(db)
        if not plans:
            raise OrgDeskError("数据库中还没有交流计划")
        plan_id = args.plan if args.plan is not None else plans[0].id
        report = plan_report(db, plan_id)
    (write_plan_xlsx if suffix == ".xlsx" else write_plan_pdf)(report, out)
    print(f"已导出「{report.title}」（{len(report.lines)} 人）到 {out}")
    return 0
