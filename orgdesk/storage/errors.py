"""Storage errors with messages meant for the clerk (Chinese)."""

from datetime import datetime

from orgdesk.domain.errors import OrgDeskError


class StorageError(OrgDeskError):
    """Base for problems with the database file itself."""


class DatabaseInUse(StorageError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"数据库 {path} 已被另一个 OrgDesk 打开。\n"
            "为防止数据损坏，同一时间只能由一个 OrgDesk 使用它；请先关闭另一个窗口。"
        )


class SchemaTooNew(StorageError):
    def __init__(self, path: str, revision: str) -> None:
        super().__init__(
            f"数据库 {path} 由更新版本的 OrgDesk 写入（数据结构版本 {revision}），"
            "本程序无法安全打开它。请安装最新版本的 OrgDesk。"
        )


class MigrationFailed(StorageError):
    def __init__(self, path: str, reason: str, backup: str | None) -> None:
        saved = f"\n升级前的备份：{backup}" if backup else ""
        super().__init__(f"数据库 {path} 升级失败，数据保持原样未被修改。\n原因：{reason}{saved}")


class NotADatabase(StorageError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path} 不是可用的 OrgDesk 数据库：{reason}")


class ConcurrentEdit(StorageError):
    """Someone saved the same record since it was read (optimistic locking)."""

    def __init__(self, what: str, by: str = "", at: datetime | None = None) -> None:
        who = f"（修改人：{by}" if by else ""
        when = f"，时间：{at:%Y-%m-%d %H:%M}" if at and by else ""
        tail = "）" if by else ""
        super().__init__(
            f"{what}已被他人修改{who}{when}{tail}。为避免覆盖对方的修改，本次未保存；"
            "请重新打开该记录，核对后再修改。"
        )
        self.by = by
        self.at = at


class DatabaseBusy(StorageError):
    """SQLite: another connection wrote since this unit of work began reading; run it again."""

    def __init__(self) -> None:
        super().__init__("其他操作刚刚修改了数据库，本次操作没有完成，也没有保存任何内容；请重试。")
