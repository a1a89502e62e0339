"""Demo accounts, one per role, so that every role can be tried on the demo database.

The demo starts in 单机免登录 mode as the administrator (so `orgdesk --demo`
opens at once); 文件 → 切换用户 signs in as another role, 文件 → 用户管理
switches the mode off.
"""

from __future__ import annotations

from typing import Any

from orgdesk.domain.access import Role
from orgdesk.services import accounts
from orgdesk.storage.models.accounts import User

DEMO_PASSWORD = "orgdesk2026"
DEMO_USERS = (
    ("admin", "演示管理员", Role.ADMIN, ""),
    ("zhangsan", "张三", Role.CLERK, "人员与试用、年度考核"),
    ("lisi", "李四", Role.CLERK, "培训与学分、交流轮岗、工作台账"),
    ("buzhang", "王部长", Role.LEADER, ""),
)


def accounts_step(ctx: Any) -> None:
    """DEMO_STEPS entry: takes the DemoContext (db, rng, today, people)."""
    with ctx.db.unit_of_work() as uow:
        s = uow.session
        hashed = accounts.PASSWORD_HASHER.hash(DEMO_PASSWORD)
        for username, name, role, areas in DEMO_USERS:
            s.add(
                User(
                    username=username,
                    display_name=name,
                    role=role.value,
                    areas=areas,
                    password_hash=hashed,
                    failed_attempts=0,
                    active=True,
                    must_change_password=False,
                    auto_sign_in=username == "admin",
                )
            )
        uow.commit()
