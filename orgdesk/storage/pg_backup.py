"""Backups in department-server mode: `pg_dump` when this PC has it, else the server's own.

SQLite's online backup API does not exist for a server database.  A client can
still take a consistent snapshot with `pg_dump --format=custom` (restorable with
`pg_restore`), when PostgreSQL's client tools are installed on this PC.  Without
them we say plainly that the backups the server administrator runs apply.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from orgdesk.storage.errors import StorageError
from orgdesk.storage.location import DbLocation

SERVER_BACKUP_NOTE = (
    "部门服务器模式：数据保存在 PostgreSQL 服务器上，由服务器自身的备份（管理员设置的 pg_dump "
    "定时任务或服务器快照）保护；本机不做每日自动备份，也不能在本机恢复。"
)
NO_PG_DUMP = (
    "本机未安装 PostgreSQL 客户端工具 pg_dump，无法从本机备份服务器上的数据库。\n"
    + SERVER_BACKUP_NOTE
    + "\n如需从本机备份，请安装 PostgreSQL 客户端（与服务器同一大版本或更新），"
    "或设置环境变量 ORGDESK_PG_DUMP 指向 pg_dump 程序。"
)


def pg_tool(name: str) -> str | None:
    """`pg_dump`/`pg_restore`: ORGDESK_PG_DUMP's folder first, then PATH."""
    override = os.environ.get("ORGDESK_PG_DUMP")
    if override:
        candidate = Path(override).with_name(name + Path(override).suffix)
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def pg_dump_available() -> bool:
    return pg_tool("pg_dump") is not None


def server_backups_dir() -> Path:
    from orgdesk.paths import data_dir

    return data_dir() / "backups"


def pg_dump_backup(location: DbLocation, reason: str, dest_dir: Path | None = None) -> Path:
    """Dump the server database to `<dest>/<db>-<stamp>-<reason>.dump` and verify it."""
    pg_dump = pg_tool("pg_dump")
    if pg_dump is None:
        raise StorageError(NO_PG_DUMP)
    dest_dir = dest_dir or server_backups_dir()
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建备份文件夹 {dest_dir}：{exc.strerror}") from exc
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = location.url.database or "orgdesk"
    dest = dest_dir / f"{stem}-{stamp}-{reason}.dump"
    n = 1
    while dest.exists():
        n += 1
        dest = dest_dir / f"{stem}-{stamp}-{reason}-{n}.dump"
    partial = dest.with_suffix(".partial")
    env = dict(os.environ)
    if location.url.password:
        env["PGPASSWORD"] = str(location.url.password)  # never on the command line
    done = _run(
        [pg_dump, "--format=custom", f"--file={partial}", f"--dbname={location.libpq_url}"], env
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise StorageError(f"pg_dump 备份失败：{_first_line(done.stderr)}")
    pg_restore = pg_tool("pg_restore")
    if pg_restore is not None:
        listed = _run([pg_restore, "--list", str(partial)], env)
        if listed.returncode != 0 or "alembic_version" not in listed.stdout:
            partial.unlink(missing_ok=True)
            raise StorageError(f"备份文件校验未通过：{_first_line(listed.stderr)}")
    partial.replace(dest)
    return dest


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            args,
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            timeout=3600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StorageError(f"无法运行 {Path(args[0]).name}：{exc}") from exc


def _first_line(text: str) -> str:
    lines = [line for line in (text or "").splitlines() if line.strip()]
    return lines[0] if lines else "（无详细信息）"
