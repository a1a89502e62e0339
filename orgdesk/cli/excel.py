"""`orgdesk template roster OUT.xlsx`, `orgdesk import roster FILE.xlsx --db PATH`,
`orgdesk export roster OUT.xlsx --db PATH`.

Each top-level verb takes a kind; later areas may add kinds beside "roster".
An import with any problem prints every problem (第 N 行「列」（值）原因) and
exits 1 having written nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument

    template = sub.add_parser("template", help="生成 Excel 导入模板")
    kinds = template.add_subparsers(dest="kind", metavar="类别", required=True)
    p = kinds.add_parser("roster", help="人员名册导入模板")
    p.add_argument("out", type=Path, help="输出文件 .xlsx")
    add_db_argument(p)
    p.set_defaults(func=run_template)

    imp = sub.add_parser("import", help="从 Excel 导入")
    kinds = imp.add_subparsers(dest="kind", metavar="类别", required=True)
    p = kinds.add_parser(
        "roster", help="导入人员名册（按身份证号新增或更新，全部成功或全部不导入）"
    )
    p.add_argument("file", type=Path, help="Excel 文件 .xlsx")
    add_db_argument(p, required=True)
    p.set_defaults(func=run_import)

    exp = sub.add_parser("export", help="导出到 Excel")
    kinds = exp.add_subparsers(dest="kind", metavar="类别", required=True)
    p = kinds.add_parser("roster", help="导出人员名册（与导入模板同列）")
    p.add_argument("out", type=Path, help="输出文件 .xlsx")
    add_db_argument(p, required=True)
    p.set_defaults(func=run_export)


def run_template(args: argparse.Namespace) -> int:
    from orgdesk.services.roster_excel import write_template
    from orgdesk.storage.database import Database

    db_path: Path | str | None = getattr(args, "db", None)
    if db_path is not None:
        with Database.open(db_path, exclusive=False) as db:
            write_template(args.out, db)
    else:
        write_template(args.out)
    print(f"已生成导入模板：{args.out}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from orgdesk.services.roster_import import import_roster
    from orgdesk.storage.database import Database

    with Database.open(args.db) as db:
        plan, result = import_roster(db, args.file)
    for warning in plan.warnings:
        print(f"提示：{warning}")
    if plan.ignored_columns:
        print(f"提示：以下列不是名册的列，未导入：{'、'.join(plan.ignored_columns)}")
    if result is None:
        problems = plan.problems
        print(
            f"导入失败：{plan.path.name} 中有 {len(problems)} 处问题，未导入任何数据。",
            file=sys.stderr,
        )
        for problem in problems:
            print(str(problem), file=sys.stderr)
        return 1
    print(
        f"导入完成：新增 {result.created} 人，更新 {result.updated} 人，"
        f"无变化 {result.unchanged} 人（{plan.path.name}，工作表「{plan.sheet}」）"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from orgdesk.services.roster_excel import export_roster
    from orgdesk.storage.database import Database

    with Database.open(args.db, exclusive=False) as db:
        count = export_roster(db, args.out)
    print(f"已导出 {count} 人：{args.out}")
    return 0
