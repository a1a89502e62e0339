"""Department-server mode: one Database for a file or a PostgreSQL URL; same revisions on both.

Tests taking `db`/`fresh_location` run on SQLite and (ORGDESK_TEST_PG_URL set) on PostgreSQL.
"""

from __future__ import annotations

import re
import textwrap
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from orgdesk.storage.database import Database, check_database
from orgdesk.storage.engine import make_engine
from orgdesk.storage.errors import DatabaseInUse, MigrationFailed, StorageError
from orgdesk.storage.location import parse_location
from orgdesk.storage.migrate import current_revision, head_revision, upgrade
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.base import Base
from tests.storage.test_migrations import database_with_data, migrations_with

CJK = re.compile(r"[\u4e00-\u9fff]")
UNREACHABLE = "postgresql://orgdesk:secret@127.0.0.1:1/orgdesk"


# -- where a database lives ---------------------------------------------------------------


def test_a_path_is_a_file_and_a_url_is_a_server(tmp_path: Path) -> None:
    file = parse_location(tmp_path / "a.db")
    assert file.is_sqlite and file.path == (tmp_path / "a.db").resolve()
    assert parse_location(f"sqlite:///{tmp_path / 'b.db'}").path == (tmp_path / "b.db").resolve()
    assert parse_location(str(tmp_path / "c.db")).path == (tmp_path / "c.db").resolve()

    server = parse_location("postgresql://clerk:pa55@zzb-server:5433/orgdesk")
    assert server.is_server and server.path is None
    assert server.url.drivername == "postgresql+psycopg"
    assert "pa55" not in server.display and "zzb-server:5433/orgdesk" in server.display
    assert server.libpq_url == "postgresql://clerk@zzb-server:5433/orgdesk"  # password apart
    with pytest.raises(StorageError, match="服务器地址被当成了文件路径"):
        parse_location(Path("postgresql://clerk@zzb-server/orgdesk"))


@pytest.mark.parametrize(
    "bad", ["postgresql://clerk@server", "mysql://x@y/z", "sqlite://", "postgresql://[::1"]
)
def test_a_bad_address_is_a_chinese_message(bad: str) -> None:
    with pytest.raises(StorageError) as caught:
        parse_location(bad)
    assert CJK.search(str(caught.value))


def test_an_unreachable_server_is_a_chinese_message_not_a_traceback() -> None:
    with pytest.raises(StorageError) as caught:
        Database.open(UNREACHABLE)
    message = str(caught.value)
    assert "无法连接数据库服务器" in message
    assert "secret" not in message
    report = check_database(UNREACHABLE)
    assert not report.ok
    assert any("无法连接" in line for line in report.lines)


# -- the same revisions on both backends ----------------------------------------------------


def test_schema_after_the_revisions_matches_the_models(db: Database) -> None:
    assert current_revision(db.location) == head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_a_failing_revision_leaves_the_database_as_it_was(
    fresh_location: Path | str, tmp_path: Path
) -> None:
    database_with_data(fresh_location)
    script = migrations_with(
        tmp_path,
        textwrap.dedent(
            """\
            op.create_table("scratch", sa.Column("id", sa.Integer(), primary_key=True))
            op.add_column("sections", sa.Column("phone", sa.String(30), nullable=True))
            op.execute("UPDATE cadres SET name = '改了'")
            raise RuntimeError("deliberate failure in the middle of a migration")
            """
        ),
    )
    with pytest.raises(MigrationFailed) as caught:
        upgrade(fresh_location, script_location=script)
    assert "保持原样" in str(caught.value)
    assert current_revision(fresh_location) == head_revision()
    engine = make_engine(fresh_location)
    try:
        with engine.connect() as conn:
            assert "scratch" not in inspect(conn).get_table_names()
            assert "phone" not in {c["name"] for c in inspect(conn).get_columns("sections")}
            names = set(conn.execute(select(Cadre.name)).scalars())
            assert names == {"张三", "李四", "王五"}
    finally:
        engine.dispose()


def test_two_orgdesks_starting_on_a_new_database_at_once(
    backend: str, fresh_location: Path | str
) -> None:
    """A file: the second is refused plainly.  A server: both get in, migrated exactly once."""
    start = threading.Barrier(2)
    results: list[object] = []

    def start_orgdesk() -> None:
        start.wait()
        try:
            results.append(Database.open(fresh_location))
        except Exception as exc:
            results.append(exc)

    threads = [threading.Thread(target=start_orgdesk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    opened = [r for r in results if isinstance(r, Database)]
    try:
        if backend == "sqlite":
            assert len(opened) == 1
            assert any(isinstance(r, DatabaseInUse) for r in results), results
        else:
            assert len(opened) == 2, results
            assert current_revision(fresh_location) == head_revision()
            with opened[0].unit_of_work() as uow:
                assert uow.session.scalar(select(func.count()).select_from(Section)) == 7
    finally:
        for database in opened:
            database.close()


# -- backups --------------------------------------------------------------------------------


def test_a_backup_is_a_verified_file_on_both_backends(db: Database, tmp_path: Path) -> None:
    with db.unit_of_work() as uow:
        uow.session.add(Section(name="备份科", kind="业务科室"))
        uow.commit()
    made = db.backup("manual", tmp_path / "u盘")
    assert made.exists() and made.parent == tmp_path / "u盘"
    if db.is_server:
        assert made.suffix == ".dump"  # pg_dump --format=custom, checked with pg_restore --list
        assert made.read_bytes()[:5] == b"PGDMP"
    else:
        with Database.open(made, exclusive=False) as copy, copy.unit_of_work() as uow:
            names = set(uow.session.scalars(select(Section.name)))
            assert "备份科" in names


def test_without_pg_dump_a_server_backup_says_the_servers_own_backup_applies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from orgdesk.storage import pg_backup

    monkeypatch.setattr(pg_backup, "pg_tool", lambda _name: None)
    server = Database(parse_location(UNREACHABLE), make_engine(UNREACHABLE), None)
    with pytest.raises(StorageError) as caught:
        server.backup("manual")
    assert "服务器自身的备份" in str(caught.value)
    assert "pg_dump" in str(caught.value)


def test_a_server_database_is_never_restored_from_a_client(tmp_path: Path) -> None:
    server = Database(parse_location(UNREACHABLE), make_engine(UNREACHABLE), None)
    with pytest.raises(StorageError, match="pg_restore"):
        server.restore_from(tmp_path / "whatever.db")
    with pytest.raises(StorageError, match="部门服务器模式下没有本机数据库文件"):
        _ = server.path


def test_check_reports_on_both_backends(demo_db: Database) -> None:
    report = check_database(demo_db.location)
    assert report.ok, report.lines
    assert any(line.startswith("完整性检查：通过") for line in report.lines)
    assert any(line.startswith("外键检查：通过") for line in report.lines)
    assert f"数据结构版本：{head_revision()}（最新）" in report.lines


def test_settings_are_filled_once_even_when_two_clients_open_together(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.session.execute(text("DELETE FROM settings"))
        uow.commit()
    others = [Database.open(db.location, exclusive=False) for _ in range(2)]
    for other in others:
        other.close()
    with db.unit_of_work() as uow:
        keys = list(uow.session.execute(text("SELECT key FROM settings")).scalars())
    assert len(keys) == len(set(keys)) > 0


# -- file-level tests of test_database.py / test_demo.py, restated for both backends --------


def _set_stamp(location: Path | str, value: str | None) -> None:
    engine = make_engine(location)
    try:
        with engine.begin() as conn:
            if value is None:
                conn.execute(text("DELETE FROM alembic_version"))
            else:
                conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": value})
    finally:
        engine.dispose()


def test_a_newer_schema_is_refused_on_both_backends(fresh_location: Path | str) -> None:
    from orgdesk.storage.errors import SchemaTooNew

    Database.open(fresh_location).close()
    _set_stamp(fresh_location, "9999_from_the_future")
    with pytest.raises(SchemaTooNew, match="9999_from_the_future"):
        Database.open(fresh_location)
    assert current_revision(fresh_location) == "9999_from_the_future"


def test_check_fails_when_the_stamp_is_behind_on_both_backends(fresh_location: Path | str) -> None:
    Database.open(fresh_location).close()
    _set_stamp(fresh_location, None)
    report = check_database(fresh_location)
    assert not report.ok
    assert "数据结构版本：无" in report.lines[-1]


def test_demo_refuses_a_database_that_has_data(fresh_location: Path | str) -> None:
    from orgdesk.services.demo import build_demo

    Database.open(fresh_location).close()
    with pytest.raises(FileExistsError):
        build_demo(fresh_location, people=5, seed=1)


def test_a_safety_backup_never_blocks_work_on_a_server_without_pg_dump(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgdesk.storage import pg_backup

    made = db.safety_backup("before-import")
    assert made is not None and made.exists()
    monkeypatch.setattr(pg_backup, "pg_tool", lambda _name: None)
    if db.is_server:
        assert db.safety_backup("before-import") is None  # the server's own backups apply
    else:
        assert db.safety_backup("before-import") is not None  # SQLite needs no pg_dump


def test_without_the_driver_the_clerk_is_told_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    for name in [m for m in sys.modules if m == "psycopg" or m.startswith("psycopg.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the "pg" extra were missing
    with pytest.raises(StorageError, match="psycopg"):
        Database.open(UNREACHABLE)
