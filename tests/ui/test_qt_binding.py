"""The Qt binding itself must not corrupt Python's reference counts.

PySide6-Essentials 6.12.0 (with CPython 3.11, where None/True/False are not yet
immortal) drops one reference to None on every call of a void method and one
to True on every signal emit.  About 35,000 such calls after start-up the
interpreter aborts with "Fatal Python error: none_dealloc" (or bool_dealloc):
in the clerk's window, that is a crash in the middle of a working day.
6.11.3 does not have the fault.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject

CALLS = 1000


def test_void_calls_keep_the_reference_to_none() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, (
        f"PySide6 {PySide6.__version__} lost {lost} references to None in {CALLS} void "
        "calls; the app will abort with 'none_dealloc'. Use another PySide6 release "
        "(6.11.3 is known good), e.g. PySide6-Essentials>=6.6,!=6.12.0"
    )


def test_signal_emits_keep_the_reference_to_true() -> None:
    probe = QObject()
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        probe.objectNameChanged.emit("probe")
    lost = before - sys.getrefcount(True)
    assert lost < CALLS // 10, (
        f"PySide6 {PySide6.__version__} lost {lost} references to True in {CALLS} signal "
        "emits; the app will abort with 'bool_dealloc'. Use another PySide6 release "
        "(6.11.3 is known good)"
    )
