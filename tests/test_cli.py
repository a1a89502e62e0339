"""The command line, run as the clerk's administrator would run it: a separate process."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import orgdesk

CJK = re.compile(r"[\u4e00-\u9fff]")
TAB_TITLES = ["人员与试用", "培训与学分", "交流轮岗", "工作台账", "竞争上岗", "年度考核"]


def orgdesk_cli(tmp_path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["ORGDESK_DATA_DIR"] = str(tmp_path / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    # The checkout under test, not whatever copy of orgdesk the interpreter has installed.
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(Path(orgdesk.__file__).parent.parent), env.get("PYTHONPATH")) if p
    )
    env.pop("PYTHONIOENCODING", None)  # the program must make its own output UTF-8
    # The code under test, not whatever `orgdesk` the interpreter would find from tmp_path.
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(orgdesk.__file__).resolve().parent.parent), env.get("PYTHONPATH", "")]
    )
    return subprocess.run(
        [sys.executable, "-m", "orgdesk", *args],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=timeout,
        check=False,
    )


def out(done: subprocess.CompletedProcess) -> str:
    return done.stdout.decode("utf-8") + done.stderr.decode("utf-8")


def test_version(tmp_path: Path) -> None:
    done = orgdesk_cli(tmp_path, "--version")
    assert done.returncode == 0
    assert out(done).strip() == f"OrgDesk {orgdesk.__version__}"


def test_help_is_chinese(tmp_path: Path) -> None:
    done = orgdesk_cli(tmp_path, "--help")
    assert done.returncode == 0
    text = out(done)
    for command in ("demo", "check", "selftest"):
        assert command in text
    assert "组工管理" in text


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-demo")
    path = folder / "demo.db"
    done = orgdesk_cli(folder, "demo", "--db", str(path), "--people", "30", "--seed", "3")
    assert done.returncode == 0, out(done)
    assert "已生成演示数据库" in out(done)
    assert "30 人" in out(done)
    return path


def test_demo_then_check_passes(demo_file: Path, tmp_path: Path) -> None:
    con = sqlite3.connect(demo_file)
    try:
        assert con.execute("SELECT count(*) FROM cadres").fetchone()[0] >= 30
    finally:
        con.close()
    done = orgdesk_cli(tmp_path, "check", "--db", str(demo_file))
    assert done.returncode == 0, out(done)
    text = out(done)
    assert "完整性检查：通过" in text
    assert "外键检查：通过" in text
    assert "结论：数据库正常" in text


def test_demo_refuses_to_overwrite(demo_file: Path, tmp_path: Path) -> None:
    before = demo_file.read_bytes()
    done = orgdesk_cli(tmp_path, "demo", "--db", str(demo_file), "--people", "5")
    assert done.returncode == 1
    assert "已存在" in out(done)
    assert demo_file.read_bytes() == before


def test_demo_refuses_a_silly_size(tmp_path: Path) -> None:
    path = tmp_path / "zero.db"
    done = orgdesk_cli(tmp_path, "demo", "--db", str(path), "--people", "0")
    assert done.returncode != 0
    assert CJK.search(out(done))
    assert not path.exists()


def test_check_on_a_corrupted_file(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(bytes(range(256)) * 64)
    done = orgdesk_cli(tmp_path, "check", "--db", str(path))
    assert done.returncode == 1
    text = out(done)
    assert CJK.search(text)
    assert "数据库有问题" in text
    assert "Traceback" not in text


def test_check_on_a_damaged_database_page(demo_file: Path, tmp_path: Path) -> None:
    """A real database with a page overwritten: the integrity check must say so."""
    damaged = tmp_path / "damaged.db"
    data = bytearray(demo_file.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 6 * page_size
    data[3 * page_size : 4 * page_size] = b"\xa5" * page_size
    damaged.write_bytes(bytes(data))
    done = orgdesk_cli(tmp_path, "check", "--db", str(damaged))
    assert done.returncode == 1, out(done)
    assert "Traceback" not in out(done)
    assert CJK.search(out(done))


def test_check_on_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.db"
    done = orgdesk_cli(tmp_path, "check", "--db", str(path))
    assert done.returncode == 1
    assert "不存在" in out(done)
    assert not path.exists()  # checking must not create it


def test_check_without_db_is_a_usage_error(tmp_path: Path) -> None:
    done = orgdesk_cli(tmp_path, "check")
    assert done.returncode == 2
    assert "--db" in out(done)


def test_selftest_prints_the_six_tabs(demo_file: Path, tmp_path: Path) -> None:
    done = orgdesk_cli(tmp_path, "selftest", "--db", str(demo_file))
    assert done.returncode == 0, out(done)
    lines = done.stdout.decode("utf-8").splitlines()
    assert lines[: len(TAB_TITLES)] == TAB_TITLES
    assert "自检通过：6 个标签页" in lines


def test_selftest_on_a_database_in_use_fails_cleanly(demo_file: Path, tmp_path: Path) -> None:
    from orgdesk.storage.database import Database

    with Database.open(demo_file):
        done = orgdesk_cli(tmp_path, "selftest", "--db", str(demo_file))
    assert done.returncode == 1
    assert "已被另一个 OrgDesk 打开" in out(done)
    assert "Traceback" not in out(done)
