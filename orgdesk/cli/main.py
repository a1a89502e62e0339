"""`orgdesk [--db PATH | --demo] [--data-dir DIR]` and its subcommands."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from orgdesk import __version__
from orgdesk.cli import (
    backup,
    bench,
    calendar,
    check,
    contest,
    copy,
    credits,
    demo,
    due,
    excel,
    lrmx,
    report,
    rotation,
    selftest,
    users,
)
from orgdesk.domain.access import Actor, Role, set_process_actor
from orgdesk.domain.errors import OrgDeskError
from orgdesk.paths import set_data_dir

COMMANDS = (
    demo,
    check,
    selftest,
    bench,
    due,
    backup,
    lrmx,
    report,
    contest,
    credits,
    rotation,
    excel,
    calendar,
    users,
    copy,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orgdesk", description="组工管理 OrgDesk — 县委组织部干部工作离线桌面软件"
    )
    parser.add_argument("--version", action="version", version=f"OrgDesk {__version__}")
    parser.add_argument(
        "--db", type=db_target, help="数据库文件，或部门服务器地址 postgresql://用户@服务器/库名"
    )
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时自动创建）")
    parser.add_argument("--data-dir", type=Path, help="数据文件夹（默认为用户数据目录）")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_console()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        set_data_dir(args.data_dir)
    if args.command is None:
        from orgdesk.ui.app import run_gui  # the only path that needs Qt

        return run_gui(db=args.db, demo=args.demo)
    set_process_actor(command_line_actor())
    try:
        return int(args.func(args))
    except OrgDeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def command_line_actor() -> Actor:
    """The CLI acts as a 系统管理员 named after the OS user: whoever can run it has the file."""
    try:
        name = getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        name = "命令行用户"
    return Actor(name, name, Role.ADMIN, via="命令行")


def _utf8_console() -> None:
    """Chinese output must not crash on a Windows console with a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


def add_db_argument(p: argparse.ArgumentParser, *, required: bool = False) -> None:
    """`--db` on a subcommand; SUPPRESS keeps a top-level `--db` when not repeated."""
    p.add_argument(
        "--db",
        type=db_target,
        required=required,
        default=argparse.SUPPRESS,
        help="数据库文件，或部门服务器地址 postgresql://用户@服务器/库名",
    )


def db_target(text: str) -> Path | str:
    """`--db`: a file path (Path) or a server URL (kept as text: Path would fold its '//')."""
    from orgdesk.storage.location import looks_like_url

    return text.strip() if looks_like_url(text) else Path(text)


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD, with a Chinese complaint."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD 格式：{text}") from None
