"""A rotating log file in the data folder; the crash dialog points at it."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from orgdesk.paths import logs_dir


def setup_logging() -> Path:
    folder = logs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "orgdesk.log"
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path
