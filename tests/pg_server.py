"""Throwaway databases on the test PostgreSQL server (ORGDESK_TEST_PG_URL, see scripts/pg-test.sh).

Every test gets a database of its own, copied with CREATE DATABASE … TEMPLATE from a
template that was migrated (or filled with the demo department) once per session:
a copy takes milliseconds, a migration or a demo build much longer.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url


class PgServer:
    def __init__(self, url: str) -> None:
        self.url = make_url(url).set(drivername="postgresql+psycopg")
        self._admin: Engine = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self._prefix = f"odt_{os.getpid()}"
        self._counter = itertools.count(1)
        self._templates: dict[object, str] = {}
        self._made: list[str] = []

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str = "template0") -> str:
        """A new database (empty, or a copy of `template`); returns its URL."""
        name = f"{self._prefix}_{next(self._counter)}"
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        self._made.append(name)
        return self.url_of(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self._made:
            self._made.remove(name)

    def template(self, key: object, fill: Callable[[str], None]) -> str:
        """The name of a template database filled once by `fill(url)`."""
        if key not in self._templates:
            url = self.create()
            fill(url)
            self._templates[key] = str(make_url(url).database)
        return self._templates[key]

    def close(self) -> None:
        with self._admin.connect() as conn:
            for name in [*self._made, *self._templates.values()]:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._admin.dispose()
