"""Screenshots of sign-in, the 操作日志 viewer, 用户管理 and 备份与恢复 (issue 9), offscreen.

QT_QPA_PLATFORM=offscreen python scripts/trust_screenshots.py OUT_DIR
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from orgdesk.domain.access import acting_as, set_process_actor
    from orgdesk.domain.evaluation import Grade, VoteTally
    from orgdesk.services.accounts import sign_in, single_clerk_actor
    from orgdesk.services.demo import build_demo
    from orgdesk.services.evaluation import decide_grade, record_votes
    from orgdesk.services.people import get_cadre, save_cadre
    from orgdesk.ui.app import make_application
    from orgdesk.ui.audit_viewer import AuditViewer
    from orgdesk.ui.backup_dialog import BackupDialog
    from orgdesk.ui.sign_in import FirstAdminDialog, SignInDialog
    from orgdesk.ui.users_dialog import UsersDialog

    app = make_application(["screenshots"])
    tmp = Path(tempfile.mkdtemp(prefix="orgdesk-shots-"))
    db = build_demo(tmp / "demo.db", people=60, today=date(2026, 6, 30))
    set_process_actor(single_clerk_actor(db))
    clerk = sign_in(db, "zhangsan", "orgdesk2026")
    leader = sign_in(db, "buzhang", "orgdesk2026")
    with acting_as(clerk):
        for cid in (1, 2, 3):
            data, version = get_cadre(db, cid)
            data.note = f"{date.today():%Y} 年核对档案：身份证号 {data.id_number} 无误"
            data.phone = "0371-6688" + str(1000 + cid)
            save_cadre(db, data, cadre_id=cid, expected_version=version)
        record_votes(db, 2025, 4, VoteTally(20, 8, 1, 0, 29))
    with acting_as(leader):
        decide_grade(db, 2025, 4, Grade.COMPETENT, reason="部务会研究确定")
    db.backup("manual")

    def shot(widget, name: str, size: tuple[int, int] | None = None) -> None:  # type: ignore[no-untyped-def]
        if size:
            widget.resize(*size)
        widget.show()
        app.processEvents()
        path = args.out / name
        widget.grab().save(str(path))
        print(path)
        widget.close()

    first_db = tmp / "new.db"
    from orgdesk.storage.database import Database

    fresh = Database.open(first_db)
    shot(FirstAdminDialog(fresh), "first-start.png")
    fresh.close()
    dialog = SignInDialog(db, username="zhangsan")
    dialog.error.show_message("用户名或密码不正确。再输错 4 次，账户将被锁定 15 分钟。")
    shot(dialog, "sign-in.png")
    viewer = AuditViewer(db)
    viewer.view.selectRow(1)
    shot(viewer, "audit-viewer.png", (1280, 720))
    shot(UsersDialog(db), "users.png", (900, 360))
    shot(BackupDialog(db), "backup-dialog.png")
    db.close()


if __name__ == "__main__":
    main()
