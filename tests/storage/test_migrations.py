"""Migrations are all or nothing: a failing revision leaves the file as it was."""

from __future__ import annotations

import re
import shutil
import sqlite3
import textwrap
from datetime import date
from pathlib import Path

import pytest

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput
from orgdesk.services.people import save_cadre
from orgdesk.services.reference import reference_data
from orgdesk.storage.database import Database
from orgdesk.storage.errors import MigrationFailed, NotADatabase
from orgdesk.storage.migrate import MIGRATIONS_DIR, current_revision, head_revision, upgrade

CJK = re.compile(r"[\u4e00-\u9fff]")

BROKEN_REVISION = '''\
"""a revision that fails half-way (test fixture)"""

import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''


def migrations_with(tmp_path: Path, body: str) -> Path:
    """A copy of the shipped migrations plus one extra revision on top of head."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    revision = BROKEN_REVISION.format(head=head_revision(), body=textwrap.indent(body, "    "))
    (folder / "versions" / "0099_test_fixture.py").write_text(revision, encoding="utf-8")
    return folder


def database_with_data(path: Path) -> None:
    with Database.open(path) as db:
        ref = reference_data(db)
        for n, name in enumerate(("张三", "李四", "王五")):
            save_cadre(
                db,
                CadreInput(
                    name=name,
                    id_number=make_id_number("410102", date(1985, 3, 1 + n), 11 + 2 * n),
                    section_id=ref.sections[n].id,
                    rank_id=ref.ranks[0].id,
                    post_title="科员",
                    joined_department=date(2015, 7, 1),
                ),
                today=date(2026, 6, 30),
            )


def logical_dump(path: Path) -> list[str]:
    """Every statement needed to rebuild the file: schema and rows, in a stable order."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def backups_of(path: Path) -> list[Path]:
    return sorted((path.parent / "backups").glob("*.db"))


def test_failing_migration_leaves_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "data.db"
    database_with_data(path)
    before = logical_dump(path)
    assert any("张三" in line for line in before)
    script = migrations_with(
        tmp_path,
        textwrap.dedent(
            """\
            op.create_table("scratch", sa.Column("id", sa.Integer(), primary_key=True))
            op.execute(
                "INSERT INTO sections (name, kind, sort_order, active) "
                "VALUES ('临时科', '业务科室', 99, 1)"
            )
            op.execute("UPDATE cadres SET name = '改了'")
            raise RuntimeError("deliberate failure in the middle of a migration")
            """
        ),
    )
    assert head_revision(script) == "0099"

    with pytest.raises(MigrationFailed) as caught:
        upgrade(path, script_location=script)

    message = str(caught.value)
    assert CJK.search(message)
    assert "升级失败" in message
    assert "保持原样" in message
    assert "deliberate failure" in message

    after = logical_dump(path)
    assert after == before
    con = sqlite3.connect(path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "scratch" not in tables
        assert con.execute("SELECT count(*) FROM sections WHERE name = '临时科'").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM cadres WHERE name = '改了'").fetchone() == (0,)
    finally:
        con.close()
    assert current_revision(path) == head_revision()

    backups = backups_of(path)
    assert len(backups) == 1
    assert "before-migration" in backups[0].name
    assert str(backups[0]) in message  # the clerk is told where the copy is
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT count(*) FROM cadres").fetchone() == (3,)
    finally:
        con.close()
    assert logical_dump(backups[0]) == before

    # The shipped code still opens the untouched file.
    with Database.open(path) as db, db.unit_of_work() as uow:
        from sqlalchemy import func, select

        from orgdesk.storage.models import Cadre

        assert uow.session.scalar(select(func.count()).select_from(Cadre)) == 3


def test_migration_leaving_a_dangling_foreign_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.db"
    database_with_data(path)
    before = logical_dump(path)
    script = migrations_with(
        tmp_path,
        textwrap.dedent(
            """\
            op.execute(
                "INSERT INTO postings (cadre_id, unit, post_title, start_date, note) "
                "VALUES (987654, '本部', '科员', '2020-01-01', '')"
            )
            """
        ),
    )

    with pytest.raises(MigrationFailed) as caught:
        upgrade(path, script_location=script)

    message = str(caught.value)
    assert "外键检查" in message
    assert "postings" in message
    assert logical_dump(path) == before
    assert current_revision(path) == head_revision()


def test_a_successful_migration_backs_up_first_and_reaches_head(tmp_path: Path) -> None:
    path = tmp_path / "data.db"
    database_with_data(path)
    script = migrations_with(
        tmp_path,
        'op.add_column("sections", sa.Column("phone", sa.String(30), nullable=True))',
    )
    result = upgrade(path, script_location=script)
    assert result.from_revision == head_revision()
    assert result.to_revision == "0099"
    assert result.backup is not None and result.backup.exists()
    assert current_revision(path) == "0099"
    con = sqlite3.connect(path)
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(sections)")}
        assert "phone" in columns
        assert con.execute("SELECT count(*) FROM cadres").fetchone() == (3,)
    finally:
        con.close()


def test_a_foreign_sqlite_file_is_not_taken_for_ours(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(NotADatabase) as caught:
        Database.open(path)
    assert CJK.search(str(caught.value))
