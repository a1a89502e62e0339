"""The main window: six tabs in the order the department works."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from orgdesk import APP_TITLE, __version__
from orgdesk.storage.database import Database
from orgdesk.ui.tabs import TABS


class MainWindow(QMainWindow):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 800)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.pages: list[QWidget] = []
        for title, factory in TABS:
            page = factory(db, self)
            self.pages.append(page)
            self.tabs.addTab(page, title)
        self.setCentralWidget(self.tabs)

        self.db_label = QLabel(f"数据库：{db.path}")
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("视图(&V)")
        for index in range(self.tabs.count()):
            action = QAction(self.tabs.tabText(index), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
            view_menu.addAction(action)
            self.addAction(action)

        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = QAction("关于 OrgDesk(&A)", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "关于 OrgDesk",
            f"<b>{APP_TITLE}</b> {__version__}<br>县委组织部干部工作离线桌面软件<br>"
            f"数据库：{self.db.path}",
        )
