"""Who is saving: stamped into `updated_by` so a refused save can say who changed the record.

In department-server mode several clerks share one database.  The stamp names the
OrgDesk user signed in on that PC and the PC itself — ``经办人 张丽（GZK-PC02）`` — so
that a colleague whose save is refused knows whom to ask.  The PC is the computer's
name unless ``ORGDESK_OPERATOR`` sets another; with nobody signed in (a script), the
Windows login stands in for the user.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from orgdesk.domain.access import current_actor

MAX_LENGTH = 80


def current_operator() -> str:
    """This PC, as colleagues will see it: ORGDESK_OPERATOR, else the computer's name."""
    chosen = os.environ.get("ORGDESK_OPERATOR", "").strip()
    if chosen:
        return chosen[:MAX_LENGTH]
    return socket.gethostname() or "?"


def saved_by(machine: str) -> str:
    """The `updated_by` stamp: the signed-in user (or the OS login) and the PC."""
    actor = current_actor()
    if actor is None:
        login = "?"
        with contextlib.suppress(Exception):  # getuser raises when no login name is known
            login = getpass.getuser()
        return f"{login}（{machine}）"[:MAX_LENGTH]
    where = f"{actor.via}，{machine}" if actor.via else machine
    return f"{actor.label}（{where}）"[:MAX_LENGTH]


def stamp_operator(session: Session, _flush_context: Any, _instances: Any) -> None:
    """`before_flush`: every new or changed row that has `updated_by` gets who saved it."""
    machine = session.info.get("operator")
    if not machine:
        return
    stamp: str | None = None
    for obj in [*session.new, *session.dirty]:
        if "updated_by" not in inspect(obj).mapper.columns:
            continue
        if obj in session.new or session.is_modified(obj, include_collections=False):
            stamp = stamp or saved_by(machine)
            obj.updated_by = stamp
