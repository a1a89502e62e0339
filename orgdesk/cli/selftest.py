"""`orgdesk selftest [--db PATH]`: open the real window, visit every tab, exit 0."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument

    p = sub.add_parser("selftest", help="自检：打开主窗口并逐一访问各标签页")
    add_db_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from orgdesk.ui.app import selftest

    db_path: Path | str | None = getattr(args, "db", None)
    if db_path is not None:
        return selftest(db_path)
    with tempfile.TemporaryDirectory(prefix="orgdesk-selftest-") as tmp:
        from orgdesk.services.demo import build_demo

        path = Path(tmp) / "selftest.db"
        build_demo(path).close()
        return selftest(path)
