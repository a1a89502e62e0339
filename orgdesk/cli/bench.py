"""`orgdesk bench NAME [--size N]`: print `NAME: ours=<s> baseline=<s> ratio=<x>` lines."""

from __future__ import annotations

import argparse
import importlib

# name → (module under orgdesk.bench, default size)
BENCHMARKS: dict[str, tuple[str, int]] = {
    "roster": ("orgdesk.bench.roster", 50_000),
    "report": ("orgdesk.bench.report", 1_000),
    "eligibility": ("orgdesk.bench.eligibility", 5_000),
    "credits": ("orgdesk.bench.credits", 5_000),
    "rotation": ("orgdesk.bench.rotation", 5_000),
    "import": ("orgdesk.bench.import_roster", 10_000),
    "ledger": ("orgdesk.bench.ledger", 100_000),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="性能基准（与同次运行的基线对比）")
    p.add_argument("name", choices=sorted(BENCHMARKS), help="基准名称")
    p.add_argument("--size", type=int, default=None, help="数据规模")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    module_name, default_size = BENCHMARKS[args.name]
    size = args.size or default_size
    module = importlib.import_module(module_name)
    print(f"# bench {args.name}, size {size}")
    for figure in module.run(size):
        print(figure if isinstance(figure, str) else figure.line(), flush=True)
    return 0
