"""Where OrgDesk keeps its files: one place decides (ARCHITECTURE rule 10).

Windows: %APPDATA%\\OrgDesk; Linux: $XDG_DATA_HOME/OrgDesk (~/.local/share/OrgDesk).
`ORGDESK_DATA_DIR` or `--data-dir` override it for tests and portable installs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from orgdesk import APP_NAME

_override: Path | None = None


def set_data_dir(path: Path | None) -> None:
    global _override
    _override = path


def data_dir() -> Path:
    if _override is not None:
        return _override
    env = os.environ.get("ORGDESK_DATA_DIR")
    if env:
        return Path(env)
    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))


def default_db_path() -> Path:
    return data_dir() / "orgdesk.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def logs_dir() -> Path:
    return data_dir() / "logs"


def resources_dir() -> Path:
    """Bundled resources: beside the package in a checkout, or in the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def cjk_font_path() -> Path:
    return resources_dir() / "fonts" / "wqy-zenhei.ttc"
