"""竞争上岗: contests from 发布 to 任职, eligibility planning, and 过渡考核 records."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.contest import PHASES, Phase
from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.services.contest_phases import advance, go_back
from orgdesk.services.contest_views import ContestDetail, contest_detail, list_contests
from orgdesk.services.contests import delete_contest
from orgdesk.services.reference import reference_data
from orgdesk.storage.database import Database
from orgdesk.ui.assessment_page import AssessmentPage
from orgdesk.ui.contest_dialogs import ContestDialog
from orgdesk.ui.contest_pages import (
    ContestPage,
    LogPage,
    RecommendationPage,
    RegistrationPage,
    ReviewPage,
)
from orgdesk.ui.contest_results import ResultsPage, ScoresPage
from orgdesk.ui.eligibility_page import EligibilityPage
from orgdesk.ui.widgets import signed_in_name

# What leaving each phase does, said before the clerk confirms.
LEAVING = {
    Phase.PUBLISHED: "开始接受报名。",
    Phase.REGISTRATION: "报名截止；竞争人数须多于职位数。",
    Phase.QUALIFICATION: "按资格审查结果存档，不符合条件者不进入民主推荐；竞争人数须仍多于职位数。",
    Phase.RECOMMENDATION: "计算得票率，低于下限者不进入下一环节；竞争人数须仍多于职位数。",
    Phase.REVIEW: "组织审定不同意者不进入笔试/演讲答辩；竞争人数须仍多于职位数。",
    Phase.EXAM: "笔试、演讲答辩结束，进入综合评分。",
    Phase.SCORING: "成绩须录入完整；按综合得分排名提出各岗位拟任人选。",
    Phase.PROPOSAL: "各岗位拟任人选须足额；开始公示（未填写公示期的自动计算）。",
    Phase.PUBLICITY: "公示期满后办理任职：任职经历、科室、职务和职级自任职日期起变更。",
}
PAGE_FOR_PHASE = {
    Phase.PUBLISHED: 0,
    Phase.REGISTRATION: 0,
    Phase.QUALIFICATION: 0,
    Phase.RECOMMENDATION: 1,
    Phase.REVIEW: 2,
    Phase.EXAM: 3,
    Phase.SCORING: 3,
    Phase.PROPOSAL: 4,
    Phase.PUBLICITY: 4,
    Phase.APPOINTMENT: 4,
}


class ContestTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor_edit = QLineEdit()
        self.actor_edit.setPlaceholderText("请填写您的姓名")
        self.actor_edit.setText(signed_in_name())
        self.actor_edit.setMaximumWidth(160)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(QLabel("操作人 *"))
        top.addWidget(self.actor_edit)
        self.inner = QTabWidget()
        self.contests = ContestsPage(db, self)
        self.planning = EligibilityPage(db, self)
        self.assessments = AssessmentPage(db, self)
        self.inner.addTab(self.contests, "竞争上岗项目")
        self.inner.addTab(self.planning, "资格查询与规划")
        self.inner.addTab(self.assessments, "过渡考核")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.inner)

    def actor(self) -> str:
        return self.actor_edit.text().strip()

    def open_record(self, kind: str, record_id: int) -> None:
        if kind == "contest":
            self.inner.setCurrentWidget(self.contests)
            self.contests.select(record_id)


class ContestsPage(QWidget):
    """The list of contests on the left, the chosen contest on the right."""

    def __init__(self, db: Database, tab: ContestTab) -> None:
        super().__init__(tab)
        self.db = db
        self.tab = tab
        self.reference = reference_data(db)
        self.list = QTableWidget(0, 3)
        self.list.setHorizontalHeaderLabels(("项目", "阶段", "发布日期"))
        self.list.verticalHeader().setVisible(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.new_button = QPushButton("新建项目(&N)…")
        self.new_button.clicked.connect(self.new_contest)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.list)
        self.panel = ContestPanel(db, tab, self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setSizes([330, 950])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._row_changed(row))
        self.panel.contest_changed.connect(self.reload)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.panel.contest_id
        summaries = list_contests(self.db)
        self.list.blockSignals(True)
        self.list.setRowCount(len(summaries))
        for row, c in enumerate(summaries):
            for column, text in enumerate((c.title, c.phase.value, f"{c.announced_on:%Y-%m-%d}")):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setToolTip(f"{c.title}\n岗位：{c.posts}\n竞争者：{c.contestants} 人")
                self.list.setItem(row, column, item)
        self.list.blockSignals(False)
        ids = [c.id for c in summaries]
        if keep in ids:
            self.select(keep)
        elif ids:
            self.select(ids[0])
        else:
            self.panel.show_contest(None)

    def select(self, contest_id: int) -> None:
        for row in range(self.list.rowCount()):
            item = self.list.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == contest_id:
                self.list.blockSignals(True)
                self.list.selectRow(row)
                self.list.setCurrentCell(row, 0)
                self.list.blockSignals(False)
                self.panel.show_contest(contest_id)
                return

    def _row_changed(self, row: int) -> None:
        item = self.list.item(row, 0) if row >= 0 else None
        if item is None:
            return
        contest_id = item.data(Qt.ItemDataRole.UserRole)
        if contest_id == self.panel.contest_id:
            return
        if not self.panel.confirm_leave():
            self.select(self.panel.contest_id or contest_id)
            return
        self.panel.show_contest(contest_id)

    def new_contest(self) -> None:
        if not self.panel.confirm_leave():
            return
        dialog = ContestDialog(
            self.db, self.reference, None, self.tab.actor() or "（未署名）", self
        )
        if dialog.exec() and dialog.saved_id is not None:
            self.reload(dialog.saved_id)


class ContestPanel(QWidget):
    contest_changed = Signal()

    def __init__(self, db: Database, tab: ContestTab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.tab = tab
        self.contest_id: int | None = None
        self.detail: ContestDetail | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.phases = QLabel()
        self.phases.setTextFormat(Qt.TextFormat.RichText)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #c0392b")
        self.warning.setWordWrap(True)
        self.advance_button = QPushButton("推进到下一阶段(&A)")
        self.back_button = QPushButton("退回上一阶段(&B)…")
        self.edit_button = QPushButton("编辑项目(&E)…")
        self.delete_button = QPushButton("删除项目")
        self.advance_button.clicked.connect(self.advance)
        self.back_button.clicked.connect(self.go_back)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        bar = QHBoxLayout()
        for b in (self.advance_button, self.back_button, self.edit_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)
        actor = tab.actor
        self.registration = RegistrationPage(db, actor)
        self.recommendation = RecommendationPage(db, actor)
        self.review = ReviewPage(db, actor)
        self.scores = ScoresPage(db, actor)
        self.results = ResultsPage(db, actor)
        self.log = LogPage(db, actor)
        self.pages: list[tuple[str, ContestPage]] = [
            ("报名与资格审查", self.registration),
            ("民主推荐", self.recommendation),
            ("组织审定", self.review),
            ("笔试/演讲答辩与评分", self.scores),
            ("结果与公示", self.results),
            ("流程记录", self.log),
        ]
        self.inner = QTabWidget()
        for title, page in self.pages:
            self.inner.addTab(page, title)
            page.changed.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.phases)
        layout.addLayout(bar)
        layout.addWidget(self.warning)
        layout.addWidget(self.inner, 1)
        self.show_contest(None)

    # -- showing ------------------------------------------------------------------------
    def show_contest(self, contest_id: int | None) -> None:
        self.contest_id = contest_id
        if contest_id is None:
            self.detail = None
            self.title.setText("<h3>尚无竞争上岗项目</h3>点「新建项目」发布第一个竞争上岗项目。")
            self.phases.setText("")
            self.warning.setText("")
            self.warning.hide()
            for b in (self.advance_button, self.back_button, self.edit_button, self.delete_button):
                b.setEnabled(False)
            self.inner.setEnabled(False)
            return
        self.reload(jump=True)

    def reload(self, jump: bool = False) -> None:
        if self.contest_id is None:
            return
        try:
            detail = contest_detail(self.db, self.contest_id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "无法打开", str(exc))
            self.show_contest(None)
            return
        self.detail = detail
        self.inner.setEnabled(True)
        self.title.setText(f"<h3>{detail.title}</h3>")
        self.phases.setText(self._phase_strip(detail.phase))
        problems = []
        if detail.phase.order <= Phase.SCORING.order and detail.phase is not Phase.PUBLISHED:
            problems = detail.outnumber_problems
        self.warning.setText("；".join(problems))
        self.warning.setVisible(bool(problems))
        nxt = detail.phase.next
        self.advance_button.setText(f"推进到「{nxt.value}」(&A)" if nxt else "已完成任职")
        self.advance_button.setEnabled(nxt is not None)
        self.back_button.setEnabled(detail.phase not in (Phase.PUBLISHED, Phase.APPOINTMENT))
        self.edit_button.setEnabled(detail.phase is not Phase.APPOINTMENT)
        self.delete_button.setEnabled(detail.phase is Phase.PUBLISHED and not detail.registrations)
        for _title, page in self.pages:
            page.load(detail)
        if jump:
            self.inner.setCurrentIndex(PAGE_FOR_PHASE[detail.phase])

    @staticmethod
    def _phase_strip(current: Phase) -> str:
        parts = []
        for phase in PHASES:
            if phase.order < current.order:
                parts.append(f"<span style='color:#2e7d32'>✔ {phase.value}</span>")
            elif phase is current:
                parts.append(
                    f"<span style='color:white;background:#1f5fa8'>&nbsp;● {phase.value}&nbsp;</span>"
                )
            else:
                parts.append(f"<span style='color:#999'>{phase.value}</span>")
        return " → ".join(parts)

    def confirm_leave(self) -> bool:
        """Unsaved grid entries are saved, discarded or kept, as the clerk chooses."""
        dirty = [(title, page) for title, page in self.pages if page.dirty]
        if not dirty:
            return True
        names = "、".join(title for title, _ in dirty)
        answer = QMessageBox.question(
            self,
            "有未保存的录入",
            f"「{names}」有尚未保存的录入，是否先保存？",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return all(page.save() for _title, page in dirty)
        for _title, page in dirty:
            page.dirty = False
        return True

    def _actor(self) -> str | None:
        actor = self.tab.actor()
        if not actor:
            QMessageBox.warning(self, "请填写操作人", "请先在本页右上角「操作人」处填写您的姓名。")
            self.tab.actor_edit.setFocus()
            return None
        return actor

    # -- actions ------------------------------------------------------------------------
    def advance(self) -> None:
        detail = self.detail
        if detail is None or detail.phase.next is None:
            return
        actor = self._actor()
        if actor is None or not self.confirm_leave():
            return
        nxt = detail.phase.next
        answer = QMessageBox.question(
            self,
            "推进阶段",
            f"将「{detail.title}」从「{detail.phase.value}」推进到「{nxt.value}」。\n\n"
            f"{LEAVING[detail.phase]}\n\n阶段不能跳过；推进后如需更正须退回并写明原因。确定推进吗？",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            change = advance(self.db, detail.id, actor=actor)
        except ValidationFailed as exc:
            QMessageBox.warning(self, "不能推进", "\n".join(f"• {p.message}" for p in exc.problems))
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "不能推进", str(exc))
            return
        self.reload(jump=True)
        self.contest_changed.emit()
        if change.to_phase is Phase.APPOINTMENT:
            self._refresh_roster()
        QMessageBox.information(
            self, f"已进入「{change.to_phase.value}」", "\n".join(change.notes) or "已推进。"
        )

    def _refresh_roster(self) -> None:
        """The roster and posting history changed: refresh the 人员与试用 tab's view."""
        from orgdesk.ui.tabs.personnel import PersonnelTab

        window = self.window()
        for personnel in window.findChildren(PersonnelTab):
            personnel.apply_filter()

    def go_back(self) -> None:
        detail = self.detail
        if detail is None or detail.phase.previous is None:
            return
        actor = self._actor()
        if actor is None:
            return
        previous = detail.phase.previous
        reason, ok = QInputDialog.getText(
            self, "退回上一阶段", f"退回到「{previous.value}」的原因（必填，将记入流程记录）："
        )
        if not ok:
            return
        try:
            go_back(self.db, detail.id, actor=actor, reason=reason)
        except ValidationFailed as exc:
            QMessageBox.warning(self, "未退回", "\n".join(str(p) for p in exc.problems))
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未退回", str(exc))
            return
        self.reload(jump=True)
        self.contest_changed.emit()

    def edit(self) -> None:
        if self.detail is None or not self.confirm_leave():
            return
        ref = reference_data(self.db)
        dialog = ContestDialog(self.db, ref, self.detail, self.tab.actor() or "（未署名）", self)
        if dialog.exec():
            self.reload()
            self.contest_changed.emit()

    def delete(self) -> None:
        if self.detail is None:
            return
        answer = QMessageBox.question(self, "删除项目", f"删除「{self.detail.title}」？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_contest(self.db, self.detail.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未删除", str(exc))
            return
        self.contest_id = None
        self.contest_changed.emit()
