"""Which database this PC opens when no `--db` is given: the saved choice, else the default file.

The choice lives in `connection.json` in the user's data folder (文件 → 数据库连接…):
a file path for standalone use, or a PostgreSQL URL for department-server mode.
A password may be left out of the URL and kept in libpq's own password file
(%APPDATA%\\postgresql\\pgpass.conf) instead — see README「部门服务器模式」.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from orgdesk.paths import data_dir, default_db_path

log = logging.getLogger(__name__)
CONFIG_NAME = "connection.json"


def config_path() -> Path:
    return data_dir() / CONFIG_NAME


def configured_database() -> str | None:
    """The saved choice (path or URL), or None when the clerk never chose one."""
    path = config_path()
    if not path.exists():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("database")
    except (OSError, ValueError, AttributeError) as exc:
        log.error("cannot read %s: %s", path, exc)
        return None
    return value.strip() or None if isinstance(value, str) else None


def save_database_choice(value: str | None) -> None:
    """Remember `value` (None: back to the default file), atomically."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(
        json.dumps({"database": value or ""}, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    if os.name != "nt":
        partial.chmod(0o600)  # it may hold a password
    partial.replace(path)


def default_database() -> Path | str:
    from orgdesk.storage.location import looks_like_url

    chosen = configured_database()
    if chosen is None:
        return default_db_path()
    return chosen if looks_like_url(chosen) else Path(chosen)
