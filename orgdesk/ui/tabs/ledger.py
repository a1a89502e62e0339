"""工作台账: the ledger with filters and counts, an item's detail and history, and its actions.

Dialogs open window-modal (`open()`, not `exec()`), so the tab keeps working
the same way under a test as under a clerk.  "Today" can be set
(`set_today`) to look at the ledger as of another day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.ledger import Action, ItemKind, WorkdayCounter
from orgdesk.domain.workdays import uncovered_notice
from orgdesk.services import ledger as svc
from orgdesk.services.ledger_calendar import load_calendar, uncovered_due_years
from orgdesk.services.ledger_detail import ItemDetail, item_detail
from orgdesk.services.ledger_query import (
    LedgerFilter,
    LedgerQuery,
)
from orgdesk.services.ledger_reports import RECORD_KIND, export_ledger, export_public
from orgdesk.services.reference import load_settings, reference_data
from orgdesk.storage.database import Database
from orgdesk.ui.calendar_dialog import BANNER_STYLE, CalendarDialog
from orgdesk.ui.first_inquiry_dialog import FirstInquiryDialog
from orgdesk.ui.invitees_dialog import InviteesDialog
from orgdesk.ui.ledger_action_dialogs import (
    AssignDialog,
    FollowUpDialog,
    ReasonDialog,
    ReviewDialog,
    SignDialog,
    confirm,
)
from orgdesk.ui.ledger_detail_pane import DetailPane
from orgdesk.ui.ledger_filter_bar import LedgerFilterBar
from orgdesk.ui.ledger_forms import ActorDialog, session_actor_default
from orgdesk.ui.ledger_item_dialog import ItemDialog
from orgdesk.ui.ledger_model import LedgerModel
from orgdesk.ui.on_time_dialog import OnTimeDialog
from orgdesk.ui.widgets import signed_in_name
from orgdesk.ui.worker import run_with_progress

_session_actor: str | None = None  # asked once per session (until accounts exist)


class LedgerTab(QWidget):
    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.reference = reference_data(db)
        self._today = today
        self.actor: str | None = _session_actor or signed_in_name() or None
        self.dialog: QDialog | None = None
        self.detail: ItemDetail | None = None
        self.counter = WorkdayCounter(load_calendar(db))

        self.filters = LedgerFilterBar(self.reference, self)
        # Short names the rest of the tab (and its tests) use.
        f = self.filters
        self.search, self.kind_filter, self.section_filter = f.search, f.kind, f.section
        self.handler_filter, self.status_filter, self.year_filter = f.handler, f.status, f.year
        self.overdue_check, self.week_check = f.overdue, f.week
        self.actor_button = QPushButton()
        self.actor_button.setFlat(True)
        self.actor_button.setToolTip("办理记录和签字记在当前操作人名下；点击更换")
        self.actor_button.clicked.connect(self.change_actor)
        f.add_trailing(self.actor_button)
        self._show_actor()
        self.counts_label = QLabel()
        self._build_actions()
        self.banner = QLabel()
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.linkActivated.connect(lambda _link: self.edit_calendar())

        warn = load_settings(db).int("ledger.warn_workdays")
        self.model = LedgerModel(
            LedgerQuery(db), self.counter, self.today(), self, soon_workdays=warn
        )
        self.model.set_filter(self.current_filter())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((122, 64, 190, 84, 56, 86, 124, 112, 76, 64)):
            self.view.setColumnWidth(column, width)
        header.setSortIndicator(7, Qt.SortOrder.AscendingOrder)  # 时限: most urgent first
        self.view.setSortingEnabled(True)
        self.pane = DetailPane()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([960, 440])

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.banner)
        layout.addLayout(self.action_bar)
        layout.addWidget(splitter, 1)
        hint = QLabel(
            "红色：已超期　橙色：超期说明待审核　黄色：临近期限　灰色：已办结。"
            "Ctrl+N 登记，Ctrl+I 首问登记，Ctrl+F 搜索。"
        )
        hint.setStyleSheet("color: #666")
        layout.addWidget(hint)

        self.filters.changed.connect(self.apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(lambda _i: self.pane.setFocus())
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.register)
        QShortcut(QKeySequence("Ctrl+I"), self).activated.connect(self.first_inquiry)
        self._after_change(None, notify=False)

    # -- building -------------------------------------------------------------
    def _build_actions(self) -> None:
        def button(text: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
            b = QPushButton(text)
            b.clicked.connect(slot)
            return b

        self.register_button = button("登记(&N)", self.register)
        self.inquiry_button = button("首问登记(&I)", self.first_inquiry)
        self.assign_button = button("交办(&A)", self.assign)
        self.start_button = button("开始办理(&S)", self.start)
        self.sign_handler_button = button("经办人签字(&H)", lambda: self.sign(section=False))
        self.sign_section_button = button("科室签字(&K)", lambda: self.sign(section=True))
        self.close_button = button("注销(&C)", self.close_item)
        self.reason_button = button("超期说明(&R)", self.write_reason)
        self.review_button = button("部领导审核(&V)", self.review)
        self.follow_button = button("整改与答复(&G)", self.follow_up)
        self.edit_button = button("修改(&E)", self.edit)
        self.more_button = QPushButton("更多")
        menu = QMenu(self.more_button)
        menu.addAction("导出当前筛选结果到 Excel…", self.export_filtered)
        menu.addAction("导出部务公开内容…", self.export_public)
        menu.addSeparator()
        menu.addAction("按时办结率…", self.show_rates)
        menu.addAction("特邀监督员、研究员、评论员…", self.edit_invitees)
        menu.addAction("节假日安排…", self.edit_calendar)
        self.more_button.setMenu(menu)
        self.more_menu = menu

        bar = QHBoxLayout()
        for b in (self.register_button, self.inquiry_button):
            bar.addWidget(b)
        bar.addSpacing(16)
        for b in (
            self.assign_button,
            self.start_button,
            self.sign_handler_button,
            self.sign_section_button,
            self.close_button,
        ):
            bar.addWidget(b)
        bar.addSpacing(16)
        for b in (self.reason_button, self.review_button, self.follow_button, self.edit_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.counts_label)
        bar.addWidget(self.more_button)
        self.action_bar = bar
        self.action_buttons = {
            Action.ASSIGN: self.assign_button,
            Action.START: self.start_button,
            Action.SIGN_HANDLER: self.sign_handler_button,
            Action.SIGN_SECTION: self.sign_section_button,
            Action.CLOSE: self.close_button,
            Action.WRITE_REASON: self.reason_button,
            Action.REVIEW: self.review_button,
            Action.FOLLOW_UP: self.follow_button,
            Action.EDIT: self.edit_button,
        }

    # -- day and actor ----------------------------------------------------------
    def today(self) -> date:
        return self._today or date.today()

    def set_today(self, on: date) -> None:
        """Look at the ledger as of `on` (overdue, due this week and actions depend on it)."""
        self._today = on
        self.model.set_day(on)
        self._after_change(self.detail.id if self.detail else None)

    def set_actor(self, actor: str) -> None:
        global _session_actor
        self.actor = _session_actor = actor.strip()[:40] or None
        self._show_actor()

    def _show_actor(self) -> None:
        self.actor_button.setText(f"操作人：{self.actor or '（未设置）'}")

    def change_actor(self) -> None:
        dialog = ActorDialog(self.db, self.actor or session_actor_default(), self)
        if dialog.exec():
            self.set_actor(dialog.actor)

    def ensure_actor(self) -> str | None:
        if not self.actor:
            self.change_actor()
        return self.actor

    # -- filtering and selection --------------------------------------------------
    def current_filter(self) -> LedgerFilter:
        return self.filters.current_filter()

    def apply_filter(self, *_args: object) -> None:
        self.filters.settle()
        self.model.set_filter(self.current_filter())
        self._update_counts()
        self._show(None)

    def _update_counts(self) -> None:
        c = self.model.counts
        self.counts_label.setText(
            f"共 {c.total} 项　未办结 {c.open}　超期 {c.overdue}　"
            f"本周到期 {c.due_this_week}　待审核 {c.review_pending}"
        )

    def selected_id(self) -> int | None:
        current = self.view.currentIndex()
        return self.model.id_at(current.row()) if current.isValid() else None

    def select_item(self, item_id: int) -> bool:
        for row in range(min(self.model.rowCount(), 2000)):
            if self.model.id_at(row) == item_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                self._show(item_id)
                return True
        self._show(None)
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.id_at(current.row()) if current.isValid() else None)

    def _show(self, item_id: int | None) -> None:
        try:
            self.detail = item_detail(self.db, item_id, self.today()) if item_id else None
        except OrgDeskError:
            self.detail = None
        self.pane.show_detail(self.detail)
        allowed = set(self.detail.actions) if self.detail else set()
        why = dict(self.detail.blocked) if self.detail else {}
        for action, b in self.action_buttons.items():
            b.setEnabled(action in allowed)
            b.setToolTip(why.get(action, "") if self.detail else "请先在左侧选择一个事项")
        if self.detail is not None:
            self.assign_button.setText("改派(&A)" if self.detail.section_id else "交办(&A)")

    def _after_change(self, item_id: int | None, *, notify: bool = True) -> None:
        """Refresh everything an action can change, then reselect the item."""
        self.filters.refresh_choices(self.db)
        self.model.refresh()
        self._update_counts()
        years = uncovered_due_years(self.db)
        self.banner.setText(
            f"⚠ {uncovered_notice(years)}。 <a href='calendar'>录入节假日安排…</a>" if years else ""
        )
        self.banner.setVisible(bool(years))
        if item_id is None:
            self._show(self.selected_id())
        elif not self.select_item(item_id):
            # It left the current filter (e.g. 注销): still show what became of it.
            self.view.clearSelection()
            self._show(item_id)
        window = self.window()
        refresh_due = getattr(window, "refresh_due", None)
        if notify and callable(refresh_due) and window is not self:
            refresh_due()  # the due list shows overdue and soon-due items

    def open_record(self, kind: str, record_id: int) -> None:
        """From the due list: show this item, whatever the filters were."""
        if kind != RECORD_KIND:
            return
        try:
            number = item_detail(self.db, record_id, self.today()).number
        except OrgDeskError:
            return
        self.filters.reset(text=number)
        self.apply_filter()
        self.select_item(record_id)

    # -- actions ------------------------------------------------------------------
    def _open(self, dialog: QDialog, item_id: int | None = None) -> None:
        """Show a dialog window-modal; when it is accepted, refresh and reselect."""
        self.dialog = dialog

        def done() -> None:
            saved = getattr(dialog, "saved_id", None) or item_id
            self._after_change(saved)

        dialog.accepted.connect(done)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def register(self) -> None:
        actor = self.ensure_actor()
        if actor:
            kind = ItemKind(self.kind_filter.currentData() or ItemKind.WORK.value)
            if kind is ItemKind.FIRST_INQUIRY:
                self.first_inquiry()
                return
            self._open(
                ItemDialog(
                    self.db, self.reference, actor=actor, today=self.today(), kind=kind, parent=self
                )
            )

    def first_inquiry(self) -> None:
        actor = self.ensure_actor()
        if actor:
            self._open(
                FirstInquiryDialog(
                    self.db, self.reference, actor=actor, today=self.today(), parent=self
                )
            )

    def _ready(self) -> tuple[ItemDetail, str] | None:
        actor = self.ensure_actor() if self.detail is not None else None
        if self.detail is None or not actor:
            return None
        return self.detail, actor

    def edit(self) -> None:
        if (ready := self._ready()) is not None:
            d, actor = ready
            self._open(
                ItemDialog(
                    self.db, self.reference, actor=actor, today=self.today(), detail=d, parent=self
                ),
                d.id,
            )

    def assign(self) -> None:
        if (ready := self._ready()) is not None:
            d, actor = ready
            self._open(
                AssignDialog(
                    self.db, self.reference, d, actor=actor, today=self.today(), parent=self
                ),
                d.id,
            )

    def sign(self, *, section: bool) -> None:
        if (ready := self._ready()) is not None:
            d, actor = ready
            self._open(
                SignDialog(
                    self.db, d, section=section, actor=actor, today=self.today(), parent=self
                ),
                d.id,
            )

    def write_reason(self) -> None:
        if (ready := self._ready()) is not None:
            d, actor = ready
            self._open(ReasonDialog(self.db, d, actor=actor, today=self.today(), parent=self), d.id)

    def review(self) -> None:
        if (ready := self._ready()) is not None:
            d, actor = ready
            self._open(ReviewDialog(self.db, d, actor=actor, today=self.today(), parent=self), d.id)

    def follow_up(self) -> None:
        if (ready := self._ready()) is not None:
            d, actor = ready
            self._open(
                FollowUpDialog(self.db, d, actor=actor, today=self.today(), parent=self), d.id
            )

    def start(self) -> None:
        if (ready := self._ready()) is not None:
            d, actor = ready
            self._direct(d.id, lambda: svc.start_item(self.db, d.id, actor=actor, on=self.today()))

    def close_item(self) -> None:
        if (ready := self._ready()) is not None:
            d, actor = ready
            if confirm(self, "注销", f"确认注销「{d.number} {d.title}」？注销后不能再修改。"):
                self._direct(
                    d.id, lambda: svc.close_item(self.db, d.id, actor=actor, on=self.today())
                )

    def _direct(self, item_id: int, action) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未办理", str(exc))
        self._after_change(item_id)

    # -- the 更多 menu ---------------------------------------------------------------
    def export_filtered(self) -> None:
        default = str(Path.home() / f"工作台账-{self.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "导出台账", default, "Excel 文件 (*.xlsx)")
        if not path:
            return
        f, on = self.model.filter, self.today()
        self._export(
            lambda progress: export_ledger(self.db, Path(path), f, on=on, progress=progress), path
        )

    def export_public(self) -> None:
        year, ok = QInputDialog.getInt(
            self, "导出部务公开内容", "年度：", self.today().year, 2000, 2100
        )
        if not ok:
            return
        default = str(Path.home() / f"部务公开-{year}.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, "导出部务公开内容", default, "Excel 文件 (*.xlsx)"
        )
        if not path:
            return
        on = self.today()
        self._export(lambda _progress: export_public(self.db, Path(path), year, on=on), path)

    def _export(self, job, path: str) -> None:  # type: ignore[no-untyped-def]
        try:
            count = run_with_progress(self, "正在导出…", job)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未导出", str(exc))
            return
        QMessageBox.information(self, "导出完成", f"已导出 {count} 项：\n{path}")

    def show_rates(self) -> None:
        self._open(OnTimeDialog(self.db, today=self.today(), parent=self))

    def edit_invitees(self) -> None:
        self._open(InviteesDialog(self.db, self))

    def edit_calendar(self) -> None:
        years = uncovered_due_years(self.db)
        dialog = CalendarDialog(
            self.db,
            actor=self.actor or session_actor_default(),
            today=self.today(),
            year=years[0] if years else None,
            parent=self,
        )
        self.dialog = dialog

        def done(_result: int) -> None:
            self.dialog = None
            if dialog.changed:
                self.counter = WorkdayCounter(load_calendar(self.db))
                self.model.set_day(self.today(), self.counter)
                self._after_change(self.detail.id if self.detail else None)

        dialog.finished.connect(done)
        dialog.open()
