"""Where a database lives: a SQLite file (standalone) or a PostgreSQL server (department mode).

`--db`, the connection settings and `Database.open` all take either a file path or a
URL such as ``postgresql+psycopg://orgdesk@192.168.1.10:5432/orgdesk``; this module is
the one place that tells them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from orgdesk.storage.errors import StorageError

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_FOLDED_URL = re.compile(r"^(postgres|postgresql|sqlite)(\+\w+)?:/[^/]", re.IGNORECASE)
PG_DRIVER = "postgresql+psycopg"


@dataclass(frozen=True)
class DbLocation:
    """A SQLite file (`path` set) or a PostgreSQL database (`path` None)."""

    url: URL
    path: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def display(self) -> str:
        """For the clerk's eyes and logs: the file path, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        # postgresql://…, as IT staff write it: the driver we use is no concern of theirs
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)

    @property
    def libpq_url(self) -> str:
        """The URL for libpq tools (pg_dump): no driver suffix, no password (passed apart)."""
        bare = self.url.set(drivername="postgresql")._replace(password=None)
        return bare.render_as_string(hide_password=False)

    def __str__(self) -> str:
        return self.display


def looks_like_url(text: str) -> bool:
    return bool(_URL_SCHEME.match(text.strip()))


def sqlite_location(path: Path | str) -> DbLocation:
    resolved = Path(path).expanduser().resolve()
    return DbLocation(URL.create("sqlite+pysqlite", database=str(resolved)), resolved)


def parse_location(value: DbLocation | Path | str) -> DbLocation:
    """A path → SQLite file; ``sqlite:///…`` → SQLite file; ``postgresql…://`` → server."""
    if isinstance(value, DbLocation):
        return value
    if isinstance(value, Path) or not looks_like_url(value):
        if _FOLDED_URL.match(str(value)):
            # Path("postgresql://h/db") folds "//" into "/": never create a file from that.
            raise StorageError(f"服务器地址被当成了文件路径：{value}（请把地址作为文本传入）")
        return sqlite_location(value)
    try:
        url = make_url(value.strip())
    except (ArgumentError, ValueError) as exc:
        raise StorageError(f"数据库地址格式不正确：{value}") from exc
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StorageError(f"SQLite 地址中缺少数据库文件路径：{value}")
        return sqlite_location(url.database)
    if backend in ("postgresql", "postgres"):
        if not url.database:
            raise StorageError(f"服务器地址中缺少数据库名：{url.render_as_string()}")
        return DbLocation(url.set(drivername=PG_DRIVER))
    raise StorageError(
        f"不支持的数据库地址：{value}\n"
        "请填写数据库文件路径，或 PostgreSQL 服务器地址 postgresql://用户@服务器:端口/数据库名"
    )
