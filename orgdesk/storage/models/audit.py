"""操作日志: an append-only record of every change and every export of personal data.

Rows are only ever inserted (by `storage.audit`); SQLite triggers created by
the migration make UPDATE and DELETE on this table fail, whoever asks.
Labels are stored as they were at the time, so the log reads the same after
the program or the data changes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from orgdesk.storage.models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __audit__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(60))
    user_label: Mapped[str] = mapped_column(String(100))  # 「经办人 张三」
    action: Mapped[str] = mapped_column(String(20))  # 新增 修改 删除 导出 导入 登录 …
    table_name: Mapped[str] = mapped_column(String(60), default="")
    table_label: Mapped[str] = mapped_column(String(60), default="")
    record_id: Mapped[str] = mapped_column(String(60), default="")
    record_label: Mapped[str] = mapped_column(String(200), default="")
    cadre_id: Mapped[int | None] = mapped_column(Integer)  # the person concerned (no FK: kept)
    person: Mapped[str] = mapped_column(String(60), default="")
    field: Mapped[str] = mapped_column(String(60), default="")
    field_label: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_cadre_id", "cadre_id"),
        Index("ix_audit_log_username", "username"),
        Index("ix_audit_log_table_record", "table_name", "record_id"),
    )
