"""What the save services share about the row they write into."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from orgdesk.domain.errors import NotFound

Row = TypeVar("Row")


def row_to_save(s: Session, model: type[Row], row_id: int | None, gone: str, **new: Any) -> Row:
    """The row a save writes into: a new one (made with `new`, added to the session) when
    `row_id` is None, else the stored one — NotFound saying `gone` (in Chinese) when it was
    deleted meanwhile, for example by a colleague in department-server mode."""
    if row_id is None:
        row = model(**new)
        s.add(row)
        return row
    found = s.get(model, row_id)
    if found is None:
        raise NotFound(gone)
    return found
