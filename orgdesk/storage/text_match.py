"""`column LIKE pattern`, ignoring the case of Latin letters on both backends.

SQLite's LIKE already ignores ASCII case; PostgreSQL's does not, so a clerk searching
「abc」 on the department server would miss 「ABC」 that the standalone version finds.
SQLAlchemy's `ilike()` would wrap both sides in lower() on SQLite — work the table scan
does not need there.  This comparison is plain LIKE on SQLite (the same SQL as before)
and ILIKE on PostgreSQL.
Patterns escape % and _ with a backslash.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ColumnElement, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import operators
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BinaryExpression


class LikeAnyCase(BinaryExpression[bool]):
    """`left LIKE right ESCAPE '\\'`, compiled as ILIKE for PostgreSQL."""

    inherit_cache = True


def escape_like(text: str) -> str:
    """`text` as a LIKE pattern matching itself: \\, % and _ escaped with a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_any_case(column: Any, pattern: str) -> ColumnElement[bool]:
    """`column LIKE pattern` (a pattern made with `escape_like`), Latin case ignored."""
    right: ColumnElement[str] = bindparam(None, pattern, unique=True)
    return LikeAnyCase(
        column, right, operators.like_op, type_=Boolean(), modifiers={"escape": "\\"}
    )


def contains_any_case(column: Any, text: str) -> ColumnElement[bool]:
    """The column contains `text` (taken literally), Latin case ignored."""
    return like_any_case(column, f"%{escape_like(text)}%")


@compiles(LikeAnyCase)
def _like(element: LikeAnyCase, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.visit_binary(element, **kw)


@compiles(LikeAnyCase, "postgresql")
def _ilike(element: LikeAnyCase, compiler: SQLCompiler, **kw: Any) -> str:
    ilike = BinaryExpression(
        element.left,
        element.right,
        operators.ilike_op,
        type_=Boolean(),
        modifiers=element.modifiers,
    )
    return compiler.process(ilike, **kw)
