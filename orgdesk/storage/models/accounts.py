"""用户账户: who may sign in, with which role and areas (passwords as argon2 hashes)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from orgdesk.storage.models.base import Base, now


class User(Base):
    __tablename__ = "users"
    __audit_label__ = "用户账户"
    __audit_fields__: ClassVar[dict[str, str]] = {
        "username": "用户名",
        "display_name": "姓名",
        "role": "角色",
        "areas": "负责的工作",
        "password_hash": "密码",
        "active": "启用",
        "must_change_password": "下次登录须改密码",
        "auto_sign_in": "单机免登录",
    }
    # Sign-ins are logged as events of their own; counters would only be noise.
    __audit_skip__: ClassVar[tuple[str, ...]] = ("failed_attempts", "locked_until", "last_sign_in")
    __audit_secret__: ClassVar[tuple[str, ...]] = ("password_hash",)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(10))  # Role value
    areas: Mapped[str] = mapped_column(Text, default="")  # 「人员与试用、年度考核」
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_sign_in: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime)

    def audit_label(self) -> str:
        return f"{self.display_name}（{self.username}）"
