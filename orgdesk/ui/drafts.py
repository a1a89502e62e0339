"""Unsaved form contents kept on disk, so a crash never loses what the clerk typed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from orgdesk.paths import data_dir


def draft_path(kind: str, key: str) -> Path:
    return data_dir() / "drafts" / f"{kind}-{key}.json"


def save_draft(kind: str, key: str, content: dict[str, Any]) -> None:
    path = draft_path(kind, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass  # a draft is a courtesy; never let it break typing


def load_draft(kind: str, key: str) -> dict[str, Any] | None:
    path = draft_path(kind, key)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) else None


def discard_draft(kind: str, key: str) -> None:
    draft_path(kind, key).unlink(missing_ok=True)
