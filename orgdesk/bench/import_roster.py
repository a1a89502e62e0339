"""`orgdesk bench import --size N`: import an N-row roster vs merely reading the file.

The file is what clerks get from 导出名册 of a realistic department (demo
generator, N people).  "Ours" = `plan_roster_import` + `apply_roster_import`
into an empty database (every row new: read, normalise, check, insert cadres
and their postings in one transaction), with cold pinyin caches.  The baseline
reads the same file with the same reader (`read_table` with the roster
columns) and nothing else.  Runs are interleaved; medians are compared.
Memory: peak Python allocations of the import at N and at N/10 rows; per row,
the two should be about equal (no growth beyond the rows themselves).
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from orgdesk.bench import Figure

TODAY = date(2026, 6, 30)
REPEAT = 5


def make_file(folder: Path, size: int, seed: int = 11) -> Path:
    from orgdesk.services.demo import add_people
    from orgdesk.services.roster_excel import export_roster
    from orgdesk.storage.database import Database

    source = folder / f"source-{size}.db"
    out = folder / f"roster-{size}.xlsx"
    with Database.open(source) as db:
        add_people(db, size, random.Random(seed), TODAY)
        export_roster(db, out)
    return out


def _import_once(folder: Path, path: Path, tag: str) -> float:
    from orgdesk.services.roster_import import apply_roster_import, plan_roster_import
    from orgdesk.storage.database import Database

    with Database.open(folder / f"target-{tag}.db") as db:
        _cold_caches()
        gc.collect()
        start = time.perf_counter()
        plan = plan_roster_import(db, path, today=TODAY)
        assert not plan.problems, plan.problems[:3]
        apply_roster_import(db, plan, today=TODAY)
        return time.perf_counter() - start


def _cold_caches() -> None:
    """Each timed import starts without the pinyin caches a previous run filled."""
    from orgdesk.domain import names

    names._char_readings.cache_clear()
    names._phrase_readings.cache_clear()


def _read_once(path: Path) -> float:
    from orgdesk.services.roster_excel import roster_columns
    from orgdesk.storage.xlsx_read import read_table

    gc.collect()
    start = time.perf_counter()
    read_table(path, roster_columns())
    return time.perf_counter() - start


def _peak_import_memory(folder: Path, path: Path, tag: str) -> int:
    from orgdesk.services.roster_import import apply_roster_import, plan_roster_import
    from orgdesk.storage.database import Database

    with Database.open(folder / f"memory-{tag}.db") as db:
        gc.collect()
        tracemalloc.start()
        plan = plan_roster_import(db, path, today=TODAY)
        apply_roster_import(db, plan, today=TODAY)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def _peak_read_memory(path: Path) -> int:
    from orgdesk.services.roster_excel import roster_columns
    from orgdesk.storage.xlsx_read import read_table

    gc.collect()
    tracemalloc.start()
    table = read_table(path, roster_columns())
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del table
    return peak


def run(size: int) -> list[Figure | str]:
    out: list[Figure | str] = []
    with tempfile.TemporaryDirectory(prefix="orgdesk-bench-import-") as tmp:
        folder = Path(tmp)
        path = make_file(folder, size)
        _read_once(path)  # warm-up: imports, caches
        ours: list[float] = []
        base: list[float] = []
        for i in range(REPEAT):  # interleaved, so a busy machine slows both alike
            base.append(_read_once(path))
            ours.append(_import_once(folder, path, f"{i}"))
        out.append(Figure("import-roster", statistics.median(ours), statistics.median(base)))
        small_size = max(size // 10, 1)
        small_path = make_file(folder, small_size)
        big = _peak_import_memory(folder, path, "big")
        small = _peak_import_memory(folder, small_path, "small")
        reading = _peak_read_memory(path)
        out.append(
            f"import-memory: peak {big / 1e6:.1f} MB at {size} rows "
            f"({big / size / 1e3:.1f} KB/row), {small / 1e6:.1f} MB at {small_size} rows "
            f"({small / small_size / 1e3:.1f} KB/row); reading alone {reading / 1e6:.1f} MB "
            f"({reading / size / 1e3:.1f} KB/row)"
        )
    return out
