"""`orgdesk users …`: list accounts, reset a forgotten password, unlock an account.

For IT staff when the only administrator forgot the password.  The command line
acts as a 系统管理员 named after the operating-system user (whoever can run it
already has the database file); what it does is in the 操作日志 under that name.
"""

from __future__ import annotations

import argparse
import getpass
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from orgdesk.cli.main import add_db_argument

    p = sub.add_parser("users", help="用户账户：列出、重置密码、解锁")
    add_db_argument(p)
    actions = p.add_subparsers(dest="users_action", metavar="操作")
    reset = actions.add_parser("reset-password", help="重置某用户的密码（下次登录须修改）")
    reset.add_argument("username", help="用户名")
    add_db_argument(reset)
    reset.add_argument("--password", help="新密码（不给出则在终端输入）")
    unlock = actions.add_parser("unlock", help="解除账户锁定")
    unlock.add_argument("username", help="用户名")
    add_db_argument(unlock)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from orgdesk.domain.access import areas_text
    from orgdesk.services.accounts import list_users, reset_password, unlock_user
    from orgdesk.storage.database import Database

    if getattr(args, "db", None) is None:
        print("错误：请用 --db 指定数据库文件", file=sys.stderr)
        return 2
    with Database.open(args.db, exclusive=False) as db:
        users = list_users(db)
        if args.users_action is None:
            if not users:
                print("还没有用户账户：首次启动 OrgDesk 时会要求创建系统管理员。")
            for u in users:
                state = "已停用" if not u.active else ("已锁定" if u.locked() else "正常")
                areas = areas_text(u.areas) or "—"
                auto = "（单机免登录）" if u.auto_sign_in else ""
                print(f"{u.username}\t{u.display_name}\t{u.role.value}\t{areas}\t{state}{auto}")
            return 0
        found = next((u for u in users if u.username.lower() == args.username.lower()), None)
        if found is None:
            print(f"错误：没有用户名为「{args.username}」的账户", file=sys.stderr)
            return 1
        if args.users_action == "unlock":
            unlock_user(db, found.id)
            print(f"已解锁：{found.username}")
            return 0
        password = args.password
        if password is None:
            password = getpass.getpass("新密码：")
            if getpass.getpass("再输入一次：") != password:
                print("错误：两次输入的密码不一致", file=sys.stderr)
                return 1
        reset_password(db, found.id, password)
        print(f"已重置 {found.username} 的密码，并解除锁定；该用户下次登录时须修改密码。")
        return 0
