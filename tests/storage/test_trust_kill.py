"""Nothing is lost: a real `python -m orgdesk` is killed (SIGKILL) in the middle of an
import, a report and a backup; afterwards `orgdesk check` passes and the database holds
exactly what it held before.  Also: two processes on one file (issue 9).

The child is stopped at a known point by the test hook in orgdesk/testhooks.py: it
writes a marker file and sleeps; the test waits for the marker and kills it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

import orgdesk
from orgdesk.storage.backup import list_backups, verify_backup
from orgdesk.storage.database import Database
from orgdesk.storage.errors import DatabaseInUse
from tests.conftest import DEMO_TODAY
from tests.trust_support import snapshot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROOT = Path(orgdesk.__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "lrmx" / "zhang_wei.lrmx"
YEAR = DEMO_TODAY.year - 1


@pytest.fixture
def db_file(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "office" / "orgdesk.db"
    path.parent.mkdir()
    src = sqlite3.connect(demo_template)
    dst = sqlite3.connect(path)
    src.backup(dst)
    dst.close()
    src.close()
    return path


def child_env(tmp_path: Path, hold: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["ORGDESK_DATA_DIR"] = str(tmp_path / "data")
    env.pop("ORGDESK_TEST_HOLD", None)
    if hold is not None:
        env["ORGDESK_TEST_HOLD"] = hold
        env["ORGDESK_TEST_HOLD_FILE"] = str(tmp_path / f"reached-{hold}")
    return env


def orgdesk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgdesk", *args],
        env=child_env(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def kill_at(tmp_path: Path, hold: str, *args: str) -> None:
    """Start `orgdesk *args`, wait until it reaches `hold`, SIGKILL it."""
    marker = tmp_path / f"reached-{hold}"
    child = subprocess.Popen(
        [sys.executable, "-m", "orgdesk", *args],
        env=child_env(tmp_path, hold),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 90
    try:
        while not marker.exists():
            if child.poll() is not None:
                out, err = child.communicate()
                pytest.fail(f"never reached {hold}: {out.decode()} {err.decode()}")
            if time.monotonic() > deadline:
                pytest.fail(f"timed out waiting for {hold}")
            time.sleep(0.02)
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()
    assert child.returncode == -signal.SIGKILL


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The same `orgdesk` command, in this process (a fresh interpreter costs a second)."""
    from orgdesk.cli.main import main

    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def check_passes(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, text = run_cli(capsys, "check", "--db", str(db))
    assert code == 0, text
    assert "结论：数据库正常" in text


def test_killed_in_the_middle_of_an_import(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(db_file, with_audit=True)
    kill_at(tmp_path, "commit", "lrmx", "import", str(SAMPLE), "--db", str(db_file))
    check_passes(capsys, db_file)
    assert snapshot(db_file, with_audit=True) == before  # not one row of the import
    (safety,) = [b for b in list_backups(db_file) if b.reason == "before-import"]
    verify_backup(safety.path)  # the backup taken before the import is whole
    # The lock died with the process: OrgDesk opens the file again, and the import works.
    code, text = run_cli(capsys, "lrmx", "import", str(SAMPLE), "--db", str(db_file))
    assert code == 0, text
    assert snapshot(db_file)["cadres"] != before["cadres"]


@pytest.mark.parametrize("hold", ["xlsx-written", "pdf-written"])
def test_killed_in_the_middle_of_a_report(
    db_file: Path, tmp_path: Path, hold: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    old_pdf = out / "年度报告.pdf"
    old_pdf.write_bytes(b"%PDF-1.4 last year's complete report")
    before = snapshot(db_file, with_audit=True)
    args = ["report", "annual", "--year", str(YEAR), "--db", str(db_file)]
    args += ["--xlsx", str(out / "年度报告.xlsx"), "--pdf", str(old_pdf)]
    kill_at(tmp_path, hold, *args)
    check_passes(capsys, db_file)
    assert snapshot(db_file, with_audit=True) == before
    assert old_pdf.read_bytes() == b"%PDF-1.4 last year's complete report"  # never half-new
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    if hold == "xlsx-written":
        assert visible == ["年度报告.pdf"]  # no half-written workbook under the real name
    else:
        assert visible == ["年度报告.pdf", "年度报告.xlsx"]
        load_workbook(out / "年度报告.xlsx")  # written before the kill, and complete
    # Running again completes and sweeps the dead process's temporary file.
    code, text = run_cli(capsys, *args)
    assert code == 0, text
    assert sorted(p.name for p in out.iterdir()) == ["年度报告.pdf", "年度报告.xlsx"]
    assert old_pdf.read_bytes().startswith(b"%PDF") and old_pdf.stat().st_size > 10_000


def test_killed_in_the_middle_of_a_backup(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(db_file, with_audit=True)
    kill_at(tmp_path, "backup-copying", "backup", "--db", str(db_file))
    check_passes(capsys, db_file)
    assert snapshot(db_file, with_audit=True) == before
    folder = db_file.parent / "backups"
    leftovers = list(folder.iterdir())
    assert leftovers and all(p.name.startswith(".") and ".part" in p.name for p in leftovers)
    assert list_backups(db_file) == []  # nothing that looks like a backup
    assert "没有找到备份" in run_cli(capsys, "backups", "--db", str(db_file))[1]
    code, text = run_cli(capsys, "backup", "--db", str(db_file))
    assert code == 0, text
    (made,) = list_backups(db_file)
    verify_backup(made.path)
    assert [p.name for p in folder.iterdir()] == [made.path.name]  # the half copy is swept


HOLDER = """
import sys, time
from orgdesk.storage.database import Database
db = Database.open(sys.argv[1])
print("open", flush=True)
time.sleep(120)
"""


def test_a_second_process_is_refused_with_a_clear_message(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_file)],
        env=child_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUse, match="已被另一个 OrgDesk 打开"):
            Database.open(db_file)
        done = orgdesk(tmp_path, "lrmx", "import", str(SAMPLE), "--db", str(db_file))
        assert done.returncode == 1
        assert "已被另一个 OrgDesk 打开" in done.stderr and "Traceback" not in done.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    Database.open(db_file).close()  # a killed holder leaves no stale lock behind
