"""Grab a PNG of every tab (offscreen) for review and for the README.

QT_QPA_PLATFORM=offscreen python scripts/screenshots.py OUT_DIR [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", help="数据库文件或服务器地址")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from orgdesk.services.demo import build_demo
    from orgdesk.storage.database import Database
    from orgdesk.ui.app import make_application
    from orgdesk.ui.main_window import MainWindow

    app = make_application(["screenshots"])
    tmp = tempfile.mkdtemp(prefix="orgdesk-shots-")
    db = Database.open(args.db) if args.db else build_demo(Path(tmp) / "demo.db")
    from orgdesk.domain.access import Actor, Role, set_process_actor

    set_process_actor(Actor("screenshots", "截图", Role.ADMIN, via="脚本"))
    window = MainWindow(db)
    window.resize(1400, 820)
    window.show()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
        path = args.out / f"tab{index + 1}.png"
        window.grab().save(str(path))
        print(path)
    window.close()
    db.close()


if __name__ == "__main__":
    main()
