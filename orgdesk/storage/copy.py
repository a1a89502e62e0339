"""`orgdesk copy`: move a standalone database (SQLite file) onto the department server.

All or nothing: on the target, one transaction creates the schema with the same
alembic revisions, removes the rows the revisions seed, copies every table in
foreign-key order (ids kept, so every reference stays right), moves the id
sequences past the copied ids, and compares row counts table by table before it
commits.  The source is opened the normal way (locked, brought to the newest
schema with a backup first) and is only read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, String, Table, func, inspect, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

import orgdesk.storage.models  # noqa: F401  (every table in Base.metadata)
from orgdesk.storage.database import Database
from orgdesk.storage.engine import connection_problem, make_engine
from orgdesk.storage.errors import StorageError
from orgdesk.storage.location import DbLocation, parse_location
from orgdesk.storage.migrate import MIGRATION_LOCK_KEY, run_alembic
from orgdesk.storage.models.base import Base
from orgdesk.storage.sequences import reset_sequences

BATCH = 2000


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


@dataclass
class CopyReport:
    source: str
    target: str
    counts: list[TableCount] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(c.target for c in self.counts)


def copy_database(
    source: DbLocation | Path | str,
    target: DbLocation | Path | str,
    *,
    progress: Callable[[str], None] | None = None,
) -> CopyReport:
    """Copy every row of the SQLite database `source` into the new, empty database `target`."""
    say = progress or (lambda _line: None)
    src = parse_location(source)
    dst = parse_location(target)
    if src.path is None:
        raise StorageError(f"--from 应为单机版数据库文件，而不是服务器地址：{src.display}")
    if not src.path.exists():
        raise StorageError(f"数据库文件不存在：{src.path}")
    if dst == src:
        raise StorageError("源数据库和目标数据库是同一个")
    report = CopyReport(src.display, dst.display)
    with Database.open(src) as source_db:
        tables = _tables_to_copy(source_db)
        too_long = _values_too_long(source_db, tables) if dst.is_server else []
        if too_long:
            raise StorageError(
                "以下数据超过了字段允许的长度，服务器数据库会拒绝它们；请先在单机版中修改：\n"
                + "\n".join(too_long)
            )
        engine = make_engine(dst, foreign_keys=False)
        try:
            with engine.connect() as conn:
                _refuse_unless_empty(conn, dst)
                conn.rollback()
                with conn.begin():
                    if dst.is_server:  # no OrgDesk may migrate this database meanwhile
                        conn.execute(
                            text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK_KEY}
                        )
                        _refuse_unless_empty(conn, dst)
                    say("在目标数据库中建立数据结构…")
                    run_alembic(conn, None)
                    for table in reversed(tables):  # rows seeded by the revisions
                        conn.execute(table.delete())
                    with source_db.engine.connect() as reader:
                        for table in tables:
                            n = _copy_table(reader, conn, table)
                            say(f"  {table.name}：{n} 行")
                        report.counts = _compare_counts(reader, conn, tables)
                    reset_sequences(conn)
                    if not dst.is_server:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise StorageError(f"外键检查发现 {len(broken)} 处不一致")
                    wrong = [c for c in report.counts if c.source != c.target]
                    if wrong:
                        raise StorageError(
                            "行数核对不一致，已全部撤销："
                            + "；".join(f"{c.table} {c.source}→{c.target}" for c in wrong)
                        )
        except OperationalError as exc:
            if dst.is_server:
                raise connection_problem(dst, exc) from exc
            raise StorageError(f"复制失败，目标数据库未作任何改动。\n原因：{exc.orig}") from exc
        except DBAPIError as exc:
            raise StorageError(
                f"复制失败，目标数据库未作任何改动。\n原因：{str(exc.orig).splitlines()[0]}"
            ) from exc
        finally:
            engine.dispose()
    return report


def _tables_to_copy(db: Database) -> list[Table]:
    with db.engine.connect() as conn:
        present = set(inspect(conn).get_table_names()) - {"alembic_version", "sqlite_sequence"}
    known = {t.name for t in Base.metadata.sorted_tables}
    unknown = sorted(present - known)
    if unknown:
        raise StorageError(
            f"源数据库中有本程序不认识的数据表：{'、'.join(unknown)}；请先升级 OrgDesk"
        )
    return [t for t in Base.metadata.sorted_tables if t.name in present]


def _values_too_long(db: Database, tables: list[Table]) -> list[str]:
    """SQLite ignores VARCHAR(n); PostgreSQL enforces it.  Find what would be refused."""
    problems = []
    with db.engine.connect() as conn:
        for table in tables:
            for column in table.columns:
                if not isinstance(column.type, String) or not column.type.length:
                    continue
                limit = column.type.length
                count, longest = conn.execute(
                    select(func.count(), func.max(func.length(column))).where(
                        func.length(column) > limit
                    )
                ).one()
                if count:
                    problems.append(
                        f"表 {table.name} 字段 {column.name}：{count} 行超过 {limit} 个字符"
                        f"（最长 {longest}）"
                    )
    return problems


def _refuse_unless_empty(conn: Connection, dst: DbLocation) -> None:
    existing = inspect(conn).get_table_names()
    if existing:
        raise StorageError(
            f"目标数据库 {dst.display} 不是空的（已有 {len(existing)} 张数据表）。\n"
            "为防止覆盖数据，请让管理员新建一个空数据库后再复制。"
        )


def _copy_table(reader: Connection, writer: Connection, table: Table) -> int:
    order = list(table.primary_key.columns) or list(table.columns)[:1]
    result = reader.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    copied = 0
    for chunk in result.mappings().partitions(BATCH):
        writer.execute(table.insert(), [dict(row) for row in chunk])
        copied += len(chunk)
    return copied


def _compare_counts(
    reader: Connection, writer: Connection, tables: list[Table]
) -> list[TableCount]:
    counts = []
    for table in tables:
        q = select(func.count()).select_from(table)
        counts.append(
            TableCount(table.name, reader.execute(q).scalar_one(), writer.execute(q).scalar_one())
        )
    return counts
