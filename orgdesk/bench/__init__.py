"""Benchmarks (`orgdesk bench NAME`): each figure is ours against a baseline, same run.

Benchmarks are not tests: they print ratios for a human (or CI log) to read.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    ours: float
    baseline: float

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline > 0 else float("inf")

    def line(self) -> str:
        return (
            f"{self.name}: ours={self.ours:.6f} baseline={self.baseline:.6f} ratio={self.ratio:.2f}"
        )


def best_of(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time of `repeat` runs (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
