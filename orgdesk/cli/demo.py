"""`orgdesk demo --db PATH [--people N] [--seed S]`."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument

    p = sub.add_parser("demo", help="生成演示数据库")
    add_db_argument(p, required=True)
    p.add_argument("--people", type=int, default=120, help="人数（默认 120）")
    p.add_argument("--seed", type=int, default=20061, help="随机种子（相同种子得到相同数据）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from orgdesk.services.demo import build_demo

    target: Path | str = args.db
    if args.people < 1:
        print("错误：--people 至少为 1")
        return 2
    try:
        db = build_demo(target, people=args.people, seed=args.seed)
    except FileExistsError as exc:
        print(f"错误：{exc}")
        return 1
    db.close()
    print(f"已生成演示数据库：{db.location}（{args.people} 人，种子 {args.seed}）")
    return 0
