"""Note deadlines, reading audiences and typed exam scores."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.training import (
    Audience,
    NoteStatus,
    ScoreEntry,
    ScoreError,
    check_exam_marks,
    note_status,
    parse_score,
)

DUE = date(2026, 3, 31)


def test_note_status_around_the_deadline() -> None:
    assert note_status(DUE, DUE, DUE + timedelta(30)) is NoteStatus.ON_TIME
    assert note_status(DUE, DUE + timedelta(1), DUE + timedelta(30)) is NoteStatus.LATE
    assert note_status(DUE, None, DUE) is NoteStatus.PENDING  # deadline day: still pending
    assert note_status(DUE, None, DUE + timedelta(1)) is NoteStatus.MISSING


@given(st.dates(), st.one_of(st.none(), st.dates()), st.dates())
def test_a_handed_in_note_never_counts_as_missing(due: date, handed: date | None, on: date) -> None:
    status = note_status(due, handed, on)
    assert (status in (NoteStatus.ON_TIME, NoteStatus.LATE)) == (handed is not None)


def test_audience_everyone_sections_and_ranks() -> None:
    assert Audience().includes(None, None)
    some = Audience(frozenset({1, 2}), frozenset({7}))
    assert some.includes(1, 3) and some.includes(5, 7)
    assert not some.includes(5, 3) and not some.includes(None, None)
    assert Audience().describe({}, {}) == "全体"
    assert some.describe({1: "办公室", 2: "组织科"}, {7: "科长"}) == "办公室、组织科、科长"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("85", ScoreEntry(85)),
        ("８５.５", ScoreEntry(85.5)),
        (" 90分 ", ScoreEntry(90)),
        ("缺考", ScoreEntry(None, absent=True)),
        ("", ScoreEntry(None)),
        (None, ScoreEntry(None)),
        (72, ScoreEntry(72)),
        (100.0, ScoreEntry(100)),
        ("0", ScoreEntry(0)),
    ],
)
def test_scores_as_clerks_type_them(typed: object, expected: ScoreEntry) -> None:
    assert parse_score(typed, 100) == expected


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("abc", "数字"),
        ("101", "超出范围"),
        ("-3", "数字"),
        ("85.555", "两位小数"),
        (150, "超出范围"),
    ],
)
def test_bad_scores_say_why_in_chinese(typed: object, words: str) -> None:
    with pytest.raises(ScoreError, match=words):
        parse_score(typed, 100)


@given(st.decimals(min_value=0, max_value=150, places=2))
def test_any_score_within_the_full_mark_reads_back_as_itself(value) -> None:  # type: ignore[no-untyped-def]
    entry = parse_score(f"{value}", 150)
    assert entry.score == float(value) and not entry.absent
    assert parse_score(entry.shown(), 150) == entry


def test_exam_marks() -> None:
    assert check_exam_marks(100, 60) is None
    assert check_exam_marks(100, 120) is not None
    assert check_exam_marks(0, 0) is not None


def test_training_domain_imports_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, orgdesk.domain.training, orgdesk.domain.credits;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','sqlalchemy'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
