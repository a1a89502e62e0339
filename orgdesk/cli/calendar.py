"""`orgdesk calendar add YYYY-MM-DD N` and `orgdesk calendar show YEAR` (R-TSK-4).

Without `--db` only the package data (chinesecalendar) is used; with `--db` the
clerk's overrides stored in that database count too.
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

WEEKDAYS = "一二三四五六日"


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument, iso_date

    p = sub.add_parser("calendar", help="工作日计算与节假日安排")
    actions = p.add_subparsers(dest="calendar_command", metavar="操作", required=True)
    add = actions.add_parser("add", help="给定日期之后第 N 个工作日（当日不计）")
    add.add_argument("start", type=iso_date, help="起算日期 YYYY-MM-DD")
    add.add_argument("n", type=_count, help="工作日天数")
    add_db_argument(add)
    add.set_defaults(func=run_add)
    show = actions.add_parser("show", help="列出某年的放假日和调休上班日及其来源")
    show.add_argument("year", type=_year, help="年份，如 2026")
    add_db_argument(show)
    show.set_defaults(func=run_show)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"工作日天数应为整数：{text}") from None
    if not 0 <= value <= 10_000:
        raise argparse.ArgumentTypeError(f"工作日天数应在 0–10000 之间：{text}")
    return value


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年份应为四位数字：{text}") from None
    if not 1900 <= value <= 2200:
        raise argparse.ArgumentTypeError(f"年份应在 1900–2200 之间：{text}")
    return value


def _calendar(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from orgdesk.domain.workdays import WorkCalendar

    path = getattr(args, "db", None)
    if path is None:
        return WorkCalendar(), "chinesecalendar 数据包"
    from orgdesk.services.ledger_calendar import load_calendar
    from orgdesk.storage.database import Database

    if isinstance(path, Path) and not path.exists():
        from orgdesk.domain.errors import OrgDeskError

        raise OrgDeskError(f"数据库文件不存在：{path}")
    with Database.open(path, exclusive=False) as db:
        where = "部门服务器" if db.is_server else path.name
        return load_calendar(db), f"chinesecalendar 数据包 + {where} 中录入的节假日安排"


def _day(d: date) -> str:
    return f"{d:%Y-%m-%d}（星期{WEEKDAYS[d.weekday()]}）"


def run_add(args: argparse.Namespace) -> int:
    from orgdesk.domain.workdays import uncovered_notice

    calendar, basis = _calendar(args)
    deadline = calendar.add_workdays(args.start, args.n)
    mark = " 预估" if deadline.estimated else ""
    print(f"{_day(deadline.due)}{mark}")
    print(f"即 {args.start:%Y-%m-%d} 之后第 {args.n} 个工作日（当日不计）；依据：{basis}")
    if deadline.estimated:
        print(f"注意：{uncovered_notice(deadline.uncovered_years)}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    calendar, basis = _calendar(args)
    year: int = args.year
    years = sorted(calendar.package_years)
    span = f"{years[0]}–{years[-1]} 年" if years else "无"
    if not calendar.is_covered(year):
        print(f"{year} 年尚无节假日安排数据（chinesecalendar 数据包覆盖 {span}）。")
        print("该年的期限只能按周末推算并标注「预估」。")
        print("请在「工作台账 → 节假日安排」中按国务院办公厅通知录入该年的放假和调休上班日期。")
        return 0
    listing = calendar.year_listing(year)
    print(f"{year} 年节假日安排（依据：{basis}；数据包覆盖 {span}）")
    off = [i for i in listing if not i.is_workday]
    on = [i for i in listing if i.is_workday]
    print(f"\n放假（工作日休息）共 {len(off)} 天：")
    for line in _ranges(off):
        print("  " + line)
    print(f"\n调休上班（周末上班）共 {len(on)} 天：")
    for line in _ranges(on):
        print("  " + line)
    if not listing:
        print("  （无）")
    return 0


def _ranges(days):  # type: ignore[no-untyped-def]
    """Consecutive days with the same reason and source as one line."""
    lines: list[str] = []
    group: list = []

    def flush() -> None:
        if not group:
            return
        first, last = group[0], group[-1]
        when = _day(first.day) if first is last else f"{_day(first.day)} 至 {_day(last.day)}"
        reason = first.reason.split("：", 1)[-1]
        lines.append(f"{when}  {reason}  〔来源：{first.source}〕")

    for info in days:
        if group and (
            info.day - group[-1].day > timedelta(days=3)
            or (info.reason, info.source) != (group[-1].reason, group[-1].source)
        ):
            flush()
            group = []
        group.append(info)
    flush()
    return lines
