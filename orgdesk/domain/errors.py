"""Typed errors that carry Chinese messages for the clerk.

Every message names the place: the row (as Excel numbers it) and the field,
so the clerk can find and fix it without guessing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field, optionally on one row of a file."""

    field: str
    message: str
    row: int | None = None
    value: str | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row is not None else ""
        value = f"（{self.value}）" if self.value not in (None, "") else ""
        return f"{where}「{self.field}」{value}{self.message}"


class OrgDeskError(Exception):
    """Base of all errors meant to be shown to the user as they are."""


class ValidationFailed(OrgDeskError):
    """Input was rejected; nothing was changed."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = [p for p in problems if not p.warning]
        self.warnings = [p for p in problems if p.warning]
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFound(OrgDeskError):
    """A record the user referred to does not exist (any more)."""
