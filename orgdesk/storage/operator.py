"""Who is saving: stamped into `updated_by` so a refused save can say who changed the record.

In department-server mode several clerks share one database; the name shown is
the Windows login and the PC's name (e.g. ``zhangli（GZK-PC02）``) unless
``ORGDESK_OPERATOR`` sets another.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

MAX_LENGTH = 80


def current_operator() -> str:
    chosen = os.environ.get("ORGDESK_OPERATOR", "").strip()
    if chosen:
        return chosen[:MAX_LENGTH]
    user = "?"
    with contextlib.suppress(Exception):  # getuser raises when no login name is known
        user = getpass.getuser()
    host = socket.gethostname() or "?"
    return f"{user}（{host}）"[:MAX_LENGTH]


def stamp_operator(session: Session, _flush_context: Any, _instances: Any) -> None:
    """`before_flush`: every new or changed row that has `updated_by` gets the session's operator."""
    operator = session.info.get("operator")
    if not operator:
        return
    for obj in [*session.new, *session.dirty]:
        if "updated_by" not in inspect(obj).mapper.columns:
            continue
        if obj in session.new or session.is_modified(obj, include_collections=False):
            obj.updated_by = operator
