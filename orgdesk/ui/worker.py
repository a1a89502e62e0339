"""Long work off the GUI thread, with a progress dialog that can be cancelled.

`run_with_progress(parent, title, job)` runs `job(progress)` in the thread
pool.  The job reports with `progress(done, total, text)`, which returns False
once the clerk pressed 取消 — the job must then stop (and roll back).  The
result or the exception comes back on the GUI thread.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int, str], bool]


class Cancelled(Exception):
    """The clerk cancelled; the job stopped and changed nothing."""


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], cancelled: threading.Event) -> None:
        super().__init__()
        self.fn = fn
        self.cancelled = cancelled
        self.signals = _Signals()
        self.context = contextvars.copy_context()

    def run(self) -> None:
        def progress(done: int, total: int, text: str = "") -> bool:
            self.signals.progressed.emit(done, total, text)
            return not self.cancelled.is_set()

        try:
            # The job runs as whoever started it (the current user lives in a ContextVar).
            result = self.context.run(self.fn, progress)
        except BaseException as exc:  # handed to the GUI thread, shown there
            self.signals.finished.emit(None, exc)
        else:
            self.signals.finished.emit(result, None)


def run_with_progress(parent: QWidget | None, title: str, fn: Callable[[Progress], Any]) -> Any:
    """Run `fn` in the background, show progress, wait (events keep flowing), return its result.

    Raises what `fn` raised; a job that saw `progress(...)` return False raises `Cancelled`.
    """
    cancelled = threading.Event()
    job = _Job(fn, cancelled)
    dialog = QProgressDialog(title, "取消", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(cancelled.set)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def on_progress(done: int, total: int, text: str) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        if text:
            dialog.setLabelText(text)

    def on_finished(result: Any, exc: BaseException | None) -> None:
        outcome["result"], outcome["error"] = result, exc
        loop.quit()

    job.signals.progressed.connect(on_progress)
    job.signals.finished.connect(on_finished)
    QThreadPool.globalInstance().start(job)
    if "error" not in outcome:
        loop.exec()
    dialog.reset()
    dialog.close()
    error = outcome.get("error")
    if error is not None:
        raise error
    return outcome.get("result")
