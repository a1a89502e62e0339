"""Shared fixtures.  The environment is fixed before anything imports Qt.

Tests never touch the clerk's real data folder: `ORGDESK_DATA_DIR` points at a
temporary folder for the whole session, and at a fresh one for each test.

Backends: the `db`, `demo_db` and `fresh_location` fixtures open a SQLite file.  When
ORGDESK_TEST_PG_URL is set (scripts/pg-test.sh starts a throwaway server), every test
using them runs twice, `[sqlite]` and `[postgresql]`, and the PostgreSQL runs carry the
`postgresql` marker (`pytest -m postgresql` runs only those).  A test that inspects the
SQLite file itself is marked `sqlite_only`.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Assigned, not defaulted: a developer's own ORGDESK_DATA_DIR may be a real folder.
_SESSION_DATA = tempfile.mkdtemp(prefix="orgdesk-tests-")
os.environ["ORGDESK_DATA_DIR"] = _SESSION_DATA
atexit.register(shutil.rmtree, _SESSION_DATA, ignore_errors=True)

DEMO_TODAY = date(2026, 6, 30)
PG_URL = os.environ.get("ORGDESK_TEST_PG_URL", "")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: inspects the SQLite file; one backend")
    config.addinivalue_line("markers", "postgresql: runs on the test PostgreSQL server")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames and len(BACKENDS) > 1:
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("backend", ["sqlite"] if only_sqlite else BACKENDS, indirect=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            item.add_marker("postgresql")


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server() -> Iterator:
    from tests.pg_server import PgServer

    assert PG_URL, "ORGDESK_TEST_PG_URL is not set"
    server = PgServer(PG_URL)
    yield server
    server.close()


@pytest.fixture
def fresh_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator:
    """Where a new, empty database can be made: a file path, or an empty server database."""
    if backend == "sqlite":
        yield tmp_path / "fresh.db"
        return
    server = request.getfixturevalue("pg_server")
    url = server.create()
    yield url
    server.drop(url)


def _open_copy(
    request: pytest.FixtureRequest, key: object, fill: Callable[[str], None]
) -> Iterator:
    from orgdesk.storage.database import Database

    server = request.getfixturevalue("pg_server")
    url = server.create(server.template(key, fill))
    database = Database.open(url)
    try:
        yield database
    finally:
        database.close()
        server.drop(url)


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
def db(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator:
    from orgdesk.storage.database import Database

    if backend == "postgresql":
        yield from _open_copy(request, "head", lambda url: Database.open(url).close())
        return
    database = Database.open(db_path)
    try:
        yield database
    finally:
        database.close()


def _build_small_demo(target: Path | str) -> Any:
    from orgdesk.services.demo import build_demo

    return build_demo(target, people=40, seed=1, today=DEMO_TODAY)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo department as a SQLite file, built once per session."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    _build_small_demo(path).close()
    return path


@pytest.fixture
def demo_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator:
    """The small demo department, a private copy for each test (copying takes milliseconds,
    building it a second or more): on the SQLite file or on the test server."""
    from orgdesk.storage.database import Database
    from tests.trust_support import copy_database

    if backend == "postgresql":
        yield from _open_copy(request, "demo", lambda url: _build_small_demo(url).close())
        return
    template = request.getfixturevalue("demo_template")
    database = Database.open(copy_database(template, tmp_path / "demo.db"))
    try:
        yield database
    finally:
        database.close()
