"""Writing files so that a crash, a full disk or a read-only folder never leaves half a file.

Every file OrgDesk writes (Excel, PDF, .lrmx, backups) is written to a hidden
temporary file beside the target and renamed over it only when complete
(`os.replace` is atomic on one volume).  Any OSError becomes one Chinese
sentence saying why, and the target stays as it was.  Temporary files left
by a process that was killed are swept the next time the same file is written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from orgdesk.storage.errors import StorageError

STALE_SECONDS = 3600

_REASONS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EACCES: "没有写入权限（文件夹只读，或文件正被 Excel 等程序打开）",
    errno.EPERM: "没有写入权限（文件夹只读，或文件正被 Excel 等程序打开）",
    errno.EROFS: "磁盘或 U 盘是只读的",
    errno.ENOTDIR: "路径中的某一级不是文件夹（有同名文件挡住了）",
    errno.ENOENT: "文件夹不存在",
    errno.EISDIR: "目标是一个文件夹",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EIO: "读写出错（U 盘被拔出或磁盘损坏？）",
    errno.EEXIST: "同名文件已存在",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "超出磁盘配额"


def os_error_text(exc: OSError) -> str:
    """Why an OSError happened, in words a clerk understands."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    if isinstance(exc, PermissionError):
        return _REASONS[errno.EACCES]
    return f"系统错误（{exc.errno}）：{exc.strerror or exc}"


class FileWriteFailed(StorageError):
    def __init__(self, path: Path, exc: OSError) -> None:
        self.path = path
        super().__init__(f"无法写入 {path}：{os_error_text(exc)}。没有留下不完整的文件。")


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


PARTIAL_SIDE_FILES = ("", "-journal", "-wal", "-shm")


def sweep_partials(folder: Path) -> list[Path]:
    """Remove temporary files in `folder` left by a process that died while writing them.

    Names are `.<target>.<pid>.<random>.part`, plus the `-journal`/`-wal`/`-shm` files
    SQLite keeps beside a partial backup; a file is stale when its process is gone (or,
    where that cannot be asked, when it is an hour old).
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = time.time()
    for candidate in sorted(folder.glob(".*.part*")):
        stem, _, side = candidate.name.rpartition(".part")
        if side not in PARTIAL_SIDE_FILES:
            continue
        parts = f"{stem}.part".split(".")
        try:
            pid = int(parts[-3])
            old = now - candidate.stat().st_mtime > STALE_SECONDS
        except (ValueError, IndexError, OSError):
            continue
        if pid != os.getpid() and (old or not _pid_alive(pid)):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def ensure_folder(folder: Path) -> None:
    """Create `folder` (and its parents); OSError as it is, but a file in the way is ENOTDIR."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where a folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder)) from exc


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path to write; renamed onto `path` if the block succeeds, removed if not."""
    path = Path(path)
    try:
        ensure_folder(path.parent)
        sweep_partials(path.parent)
        fd, name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent
        )
        os.close(fd)
    except OSError as exc:
        raise FileWriteFailed(path, exc) from exc
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise FileWriteFailed(path, exc) from exc
    except BaseException:
        _remove(tmp)
        raise


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_path(path) as tmp, open(tmp, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _remove(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()
