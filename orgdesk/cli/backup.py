"""`orgdesk backup|restore|backups`: online backups from the command line.

A file database: SQLite's online backup.  A server database: pg_dump when this PC has
it, else a plain statement that the server's own backups apply (exit 1).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument

    p = sub.add_parser("backup", help="立即备份数据库（服务器模式下使用 pg_dump）")
    add_db_argument(p, required=True)
    p.add_argument("--to", type=Path, default=None, help="备份到指定文件夹（如 U 盘）")
    p.set_defaults(func=run_backup)

    p = sub.add_parser("restore", help="从备份恢复数据库（先自动备份当前状态）")
    p.add_argument("backup", type=Path, help="备份文件")
    add_db_argument(p, required=True)
    p.set_defaults(func=run_restore)

    p = sub.add_parser("backups", help="列出数据库的备份")
    add_db_argument(p, required=True)
    p.set_defaults(func=run_list)


def run_backup(args: argparse.Namespace) -> int:
    from orgdesk.services.backups import backup_now
    from orgdesk.storage.database import Database
    from orgdesk.storage.location import parse_location

    location = parse_location(args.db)
    if location.path is not None and not location.path.exists():
        print(f"错误：数据库文件不存在：{location.path}")
        return 1
    with Database.open(location, exclusive=False) as db:  # works while OrgDesk has it open
        made = backup_now(db, args.to)
    if location.path is None:
        print(f"已用 pg_dump 备份到：{made}（{made.stat().st_size / 1024:.0f} KB，校验通过）")
        return 0
    print(f"已备份到：{made}（{made.stat().st_size / 1024:.0f} KB，校验通过）")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from orgdesk.services.backups import restore_database
    from orgdesk.storage.backup import verify_backup
    from orgdesk.storage.database import Database
    from orgdesk.storage.errors import DatabaseInUse, StorageError
    from orgdesk.storage.location import parse_location

    if parse_location(args.db).path is None:
        print(
            "错误：部门服务器上的数据库不能用 orgdesk restore 恢复（会覆盖所有同事的数据）。\n"
            "请由服务器管理员用 pg_restore 恢复，步骤见 README「部门服务器模式」。"
        )
        return 1
    verify_backup(args.backup)
    try:
        db = Database.open(args.db)  # refuses while OrgDesk has the file open
    except DatabaseInUse:
        raise
    except StorageError as exc:  # the current file is broken: restore it without opening it
        print(f"当前数据库无法打开（{exc}），直接从备份恢复。")
        return _restore_broken(args)
    with db:
        safety = restore_database(db, args.backup)
    print(f"已从 {args.backup} 恢复。恢复前的数据已另行备份：{safety}")
    return 0


def _restore_broken(args: argparse.Namespace) -> int:
    from orgdesk.services.audit import log_event
    from orgdesk.storage.backup import restore_backup
    from orgdesk.storage.database import Database
    from orgdesk.storage.lock import DatabaseLock
    from orgdesk.storage.migrate import upgrade

    lock = DatabaseLock(Path(args.db).resolve())
    lock.acquire()
    try:
        broken = Path(args.db).with_name(Path(args.db).name + ".damaged")
        Path(args.db).replace(broken)  # kept for inspection, never overwritten in place
        for suffix in ("-wal", "-shm"):
            side = Path(str(args.db) + suffix)
            if side.exists():
                side.replace(Path(str(broken) + suffix))
        restore_backup(args.backup, args.db)
        upgrade(args.db)
    finally:
        lock.release()
    with Database.open(args.db) as db:
        log_event(db, "恢复", f"原数据库无法打开，已改名为 {broken.name}；从 {args.backup} 恢复")
    print(f"已从 {args.backup} 恢复。无法打开的原文件已改名保留：{broken}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from orgdesk.storage.backup import REASON_LABELS, list_backups
    from orgdesk.storage.location import parse_location

    location = parse_location(args.db)
    if location.path is None:
        from orgdesk.storage.pg_backup import SERVER_BACKUP_NOTE, server_backups_dir

        dumps = sorted(server_backups_dir().glob(f"{location.url.database}-*.dump"), reverse=True)
        print(SERVER_BACKUP_NOTE)
        print(f"本机用 pg_dump 做过的备份（{server_backups_dir()}）：{len(dumps)} 份")
        for d in dumps:
            print(f"{d.stat().st_size / 1024:>8.0f} KB\t{d}")
        return 0
    items = list_backups(location.path)
    if not items:
        print("没有找到备份。")
        return 0
    print(f"共 {len(items)} 份备份（最新在前）：")
    for b in items:
        label = REASON_LABELS.get(b.reason, b.reason)
        print(f"{b.taken:%Y-%m-%d %H:%M:%S}\t{b.size / 1024:>8.0f} KB\t{label}\t{b.path}")
    return 0
