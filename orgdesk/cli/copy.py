"""`orgdesk copy --from SQLITE_PATH --to POSTGRES_URL`: move a standalone database to the server."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import db_target

    p = sub.add_parser(
        "copy",
        help="把单机版数据库复制到部门服务器（全部或全不，核对行数）",
        description="把单机版数据库文件中的全部数据复制到一个新建的空 PostgreSQL 数据库，"
        "按外键顺序逐表复制、重置编号序列，并逐表核对行数；任何一步失败都不改动目标数据库。",
    )
    p.add_argument("--from", dest="source", type=db_target, required=True, help="单机版数据库文件")
    p.add_argument(
        "--to",
        dest="target",
        type=db_target,
        required=True,
        help="目标数据库，如 postgresql://orgdesk@服务器:5432/orgdesk（须为新建的空数据库）",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from orgdesk.storage.copy import copy_database

    report = copy_database(args.source, args.target, progress=print)
    print(f"{'数据表':<21}{'源':>7}{'目标':>6}")  # a Chinese character is two columns wide
    for c in report.counts:
        mark = "" if c.source == c.target else "  ← 不一致"
        print(f"{c.table:<24}{c.source:>8}{c.target:>8}{mark}")
    print(f"复制完成，行数逐表核对一致：共 {len(report.counts)} 张表、{report.rows} 行。")
    print(f"从：{report.source}\n到：{report.target}")
    return 0
