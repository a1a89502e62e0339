"""Start the Qt application: translations, the bundled CJK font, crash dialog."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from orgdesk import APP_NAME, APP_TITLE, __version__
from orgdesk.domain.access import set_process_actor
from orgdesk.domain.errors import OrgDeskError
from orgdesk.logging_setup import setup_logging
from orgdesk.paths import cjk_font_path, demo_db_path, resources_dir
from orgdesk.storage.database import Database
from orgdesk.storage.engine import is_connection_lost

log = logging.getLogger(__name__)
CJK_FAMILY = "WenQuanYi Zen Hei"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, speaking Chinese, with a font that has every character we show."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    icon = resources_dir() / "icons" / "orgdesk.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    install_chinese(app)
    load_cjk_font(app)
    return app


def install_chinese(app: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if app.property("orgdesk_translator_installed"):
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = translator.load("qtbase_zh_CN", folder)
    if loaded:
        app.installTranslator(translator)
    else:
        log.warning("qtbase_zh_CN translation not found in %s", folder)
    app.setProperty("orgdesk_translator_installed", True)
    app.setProperty("orgdesk_translation_loaded", loaded)


def load_cjk_font(app: QApplication) -> str:
    """Load the bundled font (the same file the PDFs embed) and make it the default."""
    families: list[str] = []
    path = cjk_font_path()
    if path.exists():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = CJK_FAMILY if CJK_FAMILY in families else (families[0] if families else "")
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    else:
        log.error("bundled CJK font missing: %s", path)
    return family


def install_crash_dialog(log_path: Path) -> None:
    """An unhandled exception shows a Chinese dialog with the log path instead of vanishing."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("未处理的异常\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if isinstance(exc, OrgDeskError):
            text = str(exc)
        elif is_connection_lost(exc):
            text = (
                "与数据库的连接中断，刚才的操作没有完成，也没有保存。\n"
                "请检查网络或数据库服务器后重试；如持续出现，请联系管理员。\n\n"
                f"详细记录已写入日志文件：\n{log_path}"
            )
        else:
            text = (
                "程序遇到了意外错误，刚才的操作没有完成，已保存的数据不受影响。\n\n"
                f"错误信息：{exc_type.__name__}: {exc}\n\n"
                f"详细记录已写入日志文件：\n{log_path}\n请将该文件发给系统管理员。"
            )
        if QApplication.instance() is not None:
            QMessageBox.critical(None, "错误", text)
        else:
            print(text, file=sys.stderr)

    sys.excepthook = hook


def open_database_or_explain(
    target: Path | str, *, demo: bool = False, may_change: bool = False
) -> Database | None:
    """Open (creating or migrating) the database; show a Chinese dialog on failure.

    `may_change`: the database is this PC's saved choice (not `--db`/`--demo`), so when it
    cannot be opened — the server moved, the password changed — the dialog offers
    文件 → 数据库连接 right there and tries the new choice, instead of only giving up.
    """
    from orgdesk.connection import default_database
    from orgdesk.services.demo import build_demo

    while True:
        try:
            if demo and isinstance(target, Path) and not target.exists():
                return build_demo(target)
            return Database.open(target)
        except OrgDeskError as exc:
            if not may_change:
                QMessageBox.critical(None, "无法打开数据库", str(exc))
                return None
            answer = QMessageBox.question(
                None,
                "无法打开数据库",
                f"{exc}\n\n要更改本机使用的数据库（单机文件或部门服务器）吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes or not _change_connection():
                return None
            target = default_database()


def _change_connection() -> bool:
    from orgdesk.ui.connection_dialog import ConnectionDialog

    return ConnectionDialog(at_start=True).exec() == QDialog.DialogCode.Accepted


def run_gui(*, db: Path | str | None, demo: bool) -> int:
    from orgdesk.connection import default_database

    log_path = setup_logging()
    app = make_application(sys.argv[:1])
    install_crash_dialog(log_path)
    target = db or (demo_db_path() if demo else default_database())
    database = open_database_or_explain(target, demo=demo, may_change=db is None and not demo)
    if database is None:
        return 1
    _daily_backup(database)
    from orgdesk.services.people import sync_current_posts

    sync_current_posts(database)  # moves approved for a later date take effect today
    from orgdesk.ui.main_window import MainWindow
    from orgdesk.ui.sign_in import sign_in_at_start

    try:
        actor = sign_in_at_start(database)
        if actor is None:  # 退出 on the first-start or sign-in dialog
            return 0
        set_process_actor(actor)
        window = MainWindow(database)
        window.show()
        return app.exec()
    finally:
        database.close()


def _daily_backup(database: Database) -> None:
    """Once a day on start; a failure is reported but never stops the clerk working.

    Not in department-server mode: the server's own backups apply (and one daily
    pg_dump per clerk would be wasteful); 文件 → 备份与恢复 says so.
    """
    from orgdesk.services.reference import load_settings
    from orgdesk.storage.backup import daily_backup

    if database.is_server:
        log.info("server mode: no daily client-side backup (%s)", database.location.display)
        return
    settings = load_settings(database)
    try:
        daily_backup(
            database.path,
            keep_daily=settings.int("backup.keep_daily"),
            keep_monthly=settings.int("backup.keep_monthly"),
        )
    except OrgDeskError as exc:
        log.error("daily backup failed: %s", exc)
        QMessageBox.warning(None, "自动备份失败", f"今天的自动备份没有完成：{exc}")


def selftest(path: Path | str) -> int:
    """Open the real main window, visit each tab, print its title; 0 when all went well."""
    from orgdesk.ui.main_window import MainWindow

    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application(["orgdesk-selftest"])
    try:
        database = Database.open(path)
    except OrgDeskError as exc:
        print(f"自检失败：{exc}")
        return 1
    try:
        window = MainWindow(database)
        window.show()
        app.processEvents()
        tabs = window.tabs
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            app.processEvents()
            page = tabs.widget(index)
            if page is None or not page.isVisible():
                print(f"自检失败：标签页「{tabs.tabText(index)}」未显示")
                return 1
            print(tabs.tabText(index))
        QTimer.singleShot(0, window.close)
        app.processEvents()
        window.close()
        if not app.property("orgdesk_translation_loaded"):
            print("自检失败：未找到 Qt 中文翻译 qtbase_zh_CN.qm")
            return 1
        if app.font().family() != CJK_FAMILY:
            print(f"自检失败：未加载内置中文字体（{cjk_font_path()}）")
            return 1
        print(f"自检通过：{tabs.count()} 个标签页")
        print(f"中文翻译：已加载；字体：{app.font().family()}；数据库：{database.location}")
        return 0
    finally:
        database.close()
