"""`orgdesk calendar add|show` with and without a database, and `orgdesk bench ledger`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from orgdesk.cli.main import main
from orgdesk.domain.workdays import CalendarOverride
from orgdesk.services.ledger_calendar import add_override
from tests.trust_support import cli_db

NOTICE = "国务院办公厅关于2027年部分节假日安排的通知"


def test_calendar_add_across_national_day(capsys) -> None:
    assert main(["calendar", "add", "2025-09-28", "20"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "2025-10-31（星期五）"
    assert "之后第 20 个工作日（当日不计）" in out[1] and "chinesecalendar" in out[1]


def test_calendar_add_into_an_uncovered_year_is_marked_estimated(capsys) -> None:
    assert main(["calendar", "add", "2026-12-15", "20"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2027-01-12（星期二） 预估"
    assert "请录入 2027 年国务院节假日安排通知" in out


def test_calendar_show_lists_off_days_make_up_days_and_sources(capsys) -> None:
    assert main(["calendar", "show", "2025"]) == 0
    out = capsys.readouterr().out
    assert "2025-10-01（星期三） 至 2025-10-03（星期五）  国庆节" in out
    assert "调休上班（周末上班）共 5 天" in out
    assert "2025-09-28（星期日）  国庆节  〔来源：chinesecalendar 数据包〕" in out
    assert main(["calendar", "show", "2027"]) == 0
    out = capsys.readouterr().out
    assert "2027 年尚无节假日安排数据" in out and "预估" in out


def test_calendar_with_db_uses_the_clerks_overrides(db, capsys) -> None:
    add_override(
        db,
        CalendarOverride(date(2027, 1, 1), date(2027, 1, 3), "休息", "元旦", NOTICE),
        actor="王文书",
    )
    path = cli_db(db)
    db.close()
    assert main(["calendar", "add", "2026-12-15", "20", "--db", path]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2027-01-13（星期三）" and "预估" not in out
    assert main(["calendar", "show", "2027", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "2027-01-01（星期五）  元旦  〔来源：" + NOTICE + "〕" in out
    # Without --db only the package data counts.
    assert main(["calendar", "show", "2027"]) == 0
    assert "尚无节假日安排数据" in capsys.readouterr().out


def test_calendar_rejects_bad_arguments(capsys, tmp_path: Path) -> None:

    with pytest.raises(SystemExit):
        main(["calendar", "add", "2025-13-01", "3"])
    assert "日期应为 YYYY-MM-DD 格式" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["calendar", "add", "2025-01-01", "-3"])
    assert main(["calendar", "add", "2025-01-01", "3", "--db", str(tmp_path / "无.db")]) == 1
    assert "数据库文件不存在" in capsys.readouterr().err


def test_bench_ledger_small(qapp, capsys) -> None:  # qapp: a QApplication, not the bench's core app
    assert main(["bench", "ledger", "--size", "300"]) == 0
    out = capsys.readouterr().out
    for name in ("ledger-working-list", "ledger-all", "ledger-kind-overdue", "ledger-text"):
        assert f"{name}: ours=" in out and "ratio=" in out
