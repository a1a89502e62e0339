"""`orgdesk lrmx export|import|print`: 干部任免审批表 files in batch.

orgdesk lrmx export --db PATH --id 身份证号 OUT.lrmx
orgdesk lrmx export --db PATH --all DIR
orgdesk lrmx import FILE.lrmx --db PATH [--dry-run]
orgdesk lrmx print --db PATH --id 身份证号 OUT.pdf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument, iso_date

    p = sub.add_parser("lrmx", help="干部任免审批表（.lrmx）导出、导入、打印")
    actions = p.add_subparsers(dest="lrmx_action", metavar="操作", required=True)

    exp = actions.add_parser("export", help="导出任免审批表 .lrmx")
    add_db_argument(exp, required=True)
    which = exp.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", help="身份证号（导出一人，需给出 OUT.lrmx）")
    which.add_argument("--all", type=Path, metavar="DIR", help="导出全部在册人员到文件夹")
    exp.add_argument("out", nargs="?", type=Path, metavar="OUT.lrmx", help="输出文件")
    exp.add_argument("--include-left", action="store_true", help="与 --all 同用：含已调出人员")
    exp.add_argument("--on", type=iso_date, default=None, help="填表日期 YYYY-MM-DD（默认今天）")
    exp.set_defaults(func=run_export)

    imp = actions.add_parser("import", help="导入 .lrmx（按身份证号新增或更新）")
    imp.add_argument("file", type=Path, metavar="FILE.lrmx")
    add_db_argument(imp, required=True)
    imp.add_argument("--dry-run", action="store_true", help="只显示将要发生的变化，不写入")
    imp.set_defaults(func=run_import)

    prt = actions.add_parser("print", help="把任免审批表输出为 PDF")
    add_db_argument(prt, required=True)
    prt.add_argument("--id", required=True, help="身份证号")
    prt.add_argument("out", type=Path, metavar="OUT.pdf")
    prt.add_argument("--on", type=iso_date, default=None, help="填表日期 YYYY-MM-DD（默认今天）")
    prt.set_defaults(func=run_print)


def run_export(args: argparse.Namespace) -> int:
    from orgdesk.services.lrmx import cadre_id_for, cadre_ids, export_cadre, export_cadres
    from orgdesk.storage.database import Database

    if args.id is not None and args.out is None:
        print("错误：导出一人时请给出输出文件 OUT.lrmx", file=sys.stderr)
        return 2
    with Database.open(args.db, exclusive=False) as db:
        if args.id is not None:
            path = export_cadre(db, cadre_id_for(db, args.id), args.out, args.on)
            print(f"已导出：{path}")
            return 0
        written = export_cadres(
            db, cadre_ids(db, include_left=args.include_left), args.all, args.on
        )
    print(f"已导出 {len(written)} 份任免审批表到 {args.all}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from orgdesk.services.lrmx import apply_import, preview_import
    from orgdesk.storage.database import Database

    with Database.open(args.db) as db:
        preview = preview_import(db, args.file)
        # Applied before anything is printed, so a closed pipe cannot stop it half-way.
        if not args.dry_run and (preview.is_new or preview.changes):
            apply_import(db, preview)
    print(preview.summary())
    for change in preview.changes:
        new = change.new.replace("\n", " / ") or "（空）"
        if preview.is_new:
            print(f"  {change.label}：{new}")
        else:
            print(f"  {change.label}：{change.old.replace(chr(10), ' / ') or '（空）'} → {new}")
    for warning in preview.warnings:
        print(f"  提示：{warning}")
    if args.dry_run:
        print("（试运行，未写入数据库）")
    elif preview.is_new or preview.changes:
        print("已导入。")
    return 0


def run_print(args: argparse.Namespace) -> int:
    from orgdesk.services.lrmx import cadre_id_for, print_form
    from orgdesk.storage.database import Database

    with Database.open(args.db, exclusive=False) as db:
        path = print_form(db, cadre_id_for(db, args.id), args.out, args.on)
    print(f"已生成：{path}")
    return 0
