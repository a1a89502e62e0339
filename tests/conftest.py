"""Shared fixtures.  The environment is fixed before anything imports Qt.

Tests never touch the clerk's real data folder: `ORGDESK_DATA_DIR` points at a
temporary folder for the whole session, and at a fresh one for each test.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Assigned, not defaulted: a developer's own ORGDESK_DATA_DIR may be a real folder.
_SESSION_DATA = tempfile.mkdtemp(prefix="orgdesk-tests-")
os.environ["ORGDESK_DATA_DIR"] = _SESSION_DATA
atexit.register(shutil.rmtree, _SESSION_DATA, ignore_errors=True)

DEMO_TODAY = date(2026, 6, 30)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of the test's own, so drafts and logs never leak between tests."""
    from orgdesk import paths

    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("ORGDESK_DATA_DIR", str(folder))
    monkeypatch.setattr(paths, "_override", None)
    return folder


@pytest.fixture(autouse=True)
def actor(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """Every test runs as a signed-in 系统管理员 unless it says otherwise (role tests use
    `acting_as`); passwords are hashed with cheap argon2 parameters to keep tests fast."""
    from argon2 import PasswordHasher

    from orgdesk.domain import access
    from orgdesk.domain.access import Actor, Role, acting_as
    from orgdesk.services import accounts

    monkeypatch.setattr(
        accounts, "PASSWORD_HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    )
    monkeypatch.setattr(access, "_process_actor", None)
    admin = Actor("tester", "测试管理员", Role.ADMIN)
    with acting_as(admin):
        yield admin


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "t.db"


@pytest.fixture
def db(db_path: Path) -> Iterator:
    from orgdesk.storage.database import Database

    database = Database.open(db_path)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator:
    from orgdesk.services.demo import build_demo

    database = build_demo(tmp_path / "demo.db", people=40, seed=1, today=DEMO_TODAY)
    try:
        yield database
    finally:
        database.close()
