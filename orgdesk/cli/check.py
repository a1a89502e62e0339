"""`orgdesk check --db PATH|URL`: integrity, foreign keys, newest schema (file or server)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument

    p = sub.add_parser("check", help="检查数据库完整性与版本")
    add_db_argument(p, required=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from orgdesk.storage.database import check_database

    report = check_database(args.db)
    for line in report.lines:
        print(line)
    if not report.reachable:
        print("结论：无法连接数据库服务器，未能检查；请检查网络和连接设置")
    elif report.ok:
        print("结论：数据库正常")
    else:
        print("结论：数据库有问题，请勿继续使用，请联系管理员")
    return 0 if report.ok else 1
