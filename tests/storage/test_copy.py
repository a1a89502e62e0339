"""`orgdesk copy`: a standalone database moves to the server whole, or not at all.

The target is `fresh_location`: an empty server database when ORGDESK_TEST_PG_URL is set
(the case that matters), and a new SQLite file otherwise (same code path, same checks).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput
from orgdesk.services.demo import build_demo
from orgdesk.services.people import save_cadre
from orgdesk.services.reference import reference_data
from orgdesk.storage import copy as copy_module
from orgdesk.storage.copy import copy_database
from orgdesk.storage.database import Database, check_database
from orgdesk.storage.engine import make_engine
from orgdesk.storage.errors import StorageError
from orgdesk.storage.models import Posting, Section
from orgdesk.storage.models.base import Base
from tests.conftest import DEMO_TODAY
from tests.test_cli import orgdesk_cli, out


@pytest.fixture
def standalone(tmp_path: Path) -> Path:
    path = tmp_path / "standalone.db"
    build_demo(path, people=30, seed=5, today=DEMO_TODAY).close()
    return path


def snapshot(target: Path | str) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key, as Python values."""
    engine = make_engine(target)
    try:
        with engine.connect() as conn:
            return {
                t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key))]
                for t in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def test_copy_moves_every_row_and_checks_the_counts(
    standalone: Path, fresh_location: Path | str
) -> None:
    before = snapshot(standalone)
    report = copy_database(standalone, fresh_location)

    assert {c.table for c in report.counts} == {t.name for t in Base.metadata.sorted_tables}
    assert all(c.source == c.target for c in report.counts)
    assert report.rows == sum(len(rows) for rows in before.values())
    assert next(c for c in report.counts if c.table == "cadres").target == len(before["cadres"])
    assert snapshot(fresh_location) == before  # ids and every value kept
    assert snapshot(standalone) == before  # the source was only read
    assert check_database(fresh_location).ok

    # Sequences were moved past the copied ids: the next cadre and posting just work.
    with Database.open(fresh_location) as server:
        ref = reference_data(server)
        saved = save_cadre(
            server,
            CadreInput(
                name="钱堃",
                id_number=make_id_number("410102", date(1991, 1, 2), 77),
                section_id=ref.sections[0].id,
                rank_id=ref.ranks[0].id,
                post_title="科员",
                joined_department=date(2020, 1, 1),
            ),
            today=DEMO_TODAY,
        )
        assert saved.id == max(r[0] for r in before["cadres"]) + 1
        with server.unit_of_work() as uow:
            uow.session.add(Section(name="新设科", kind="业务科室"))
            uow.commit()
            assert uow.session.scalar(select(func.count()).select_from(Posting)) > len(
                before["postings"]
            )


def test_a_target_that_is_not_empty_is_refused_untouched(
    standalone: Path, fresh_location: Path | str
) -> None:
    Database.open(fresh_location).close()
    before = snapshot(fresh_location)
    with pytest.raises(StorageError, match="不是空的"):
        copy_database(standalone, fresh_location)
    assert snapshot(fresh_location) == before


def test_a_failure_half_way_leaves_the_target_empty(
    standalone: Path, fresh_location: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = copy_module._copy_table
    calls: list[str] = []

    def failing(reader, writer, table):  # type: ignore[no-untyped-def]
        calls.append(table.name)
        if table.name == "postings":  # after cadres, sections, ranks … were copied
            writer.execute(text("SELECT no_such_column FROM postings"))
        return real(reader, writer, table)

    monkeypatch.setattr(copy_module, "_copy_table", failing)
    with pytest.raises(StorageError) as caught:
        copy_database(standalone, fresh_location)
    assert "目标数据库未作任何改动" in str(caught.value)
    assert "cadres" in calls
    engine = make_engine(fresh_location)
    try:
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == []  # not even the schema
    finally:
        engine.dispose()


def test_values_the_server_would_refuse_are_named_before_anything_is_copied(
    backend: str, standalone: Path, fresh_location: Path | str
) -> None:
    # Written by an older OrgDesk, which let SQLite keep any length (OrgDesk now refuses
    # over-long text on save); VARCHAR(60) on the server does not take it.
    con = sqlite3.connect(standalone)
    with con:
        con.execute(
            "UPDATE cadres SET post_title = ? WHERE id = (SELECT min(id) FROM cadres)",
            ("综合协调" * 20,),
        )
    con.close()
    if backend == "sqlite":
        copy_database(standalone, fresh_location)
        return
    with pytest.raises(StorageError) as caught:
        copy_database(standalone, fresh_location)
    assert "表 cadres 字段 post_title：1 行超过 60 个字符（最长 80）" in str(caught.value)


def test_the_copy_command(standalone: Path, fresh_location: Path | str, tmp_path: Path) -> None:
    done = orgdesk_cli(tmp_path, "copy", "--from", str(standalone), "--to", str(fresh_location))
    assert done.returncode == 0, out(done)
    text_out = out(done)
    assert "复制完成，行数逐表核对一致" in text_out
    assert "cadres" in text_out and "30" in text_out
    again = orgdesk_cli(tmp_path, "copy", "--from", str(standalone), "--to", str(fresh_location))
    assert again.returncode == 1
    assert "不是空的" in out(again)
    assert "Traceback" not in out(again)
