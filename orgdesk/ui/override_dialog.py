"""资格详情: every reason for one contestant, and 例外认定 (an override with its reason)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.contest import Phase
from orgdesk.domain.eligibility import Rule
from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.contest_entries import add_override, remove_override
from orgdesk.services.contest_views import RegistrationView, contest_detail
from orgdesk.storage.database import Database

STATUS_COLORS = {
    "符合": "#e8f5e9",
    "不符合": "#fde2e1",
    "数据缺失": "#fff4cc",
    "例外认定": "#e3ecfa",
}
RULE_ROLE = Qt.ItemDataRole.UserRole + 1


class EligibilityDialog(QDialog):
    def __init__(
        self,
        db: Database,
        contest_id: int,
        registration_id: int,
        actor: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.contest_id = contest_id
        self.registration_id = registration_id
        self.actor = actor
        self.changed = False
        self.resize(760, 420)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.reasons = QListWidget()
        self.reasons.setWordWrap(True)
        self.override_button = QPushButton("例外认定(&O)…")
        self.revoke_button = QPushButton("撤销例外认定(&R)")
        self.override_button.clicked.connect(self.add_override)
        self.revoke_button.clicked.connect(self.revoke)
        self.reasons.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #666")
        self.hint.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.override_button)
        actions.addWidget(self.revoke_button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.reasons, 1)
        layout.addWidget(self.hint)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.registration: RegistrationView | None = None
        self.phase = Phase.PUBLISHED
        self.reload()

    def reload(self) -> None:
        detail = contest_detail(self.db, self.contest_id)
        self.phase = detail.phase
        reg = next(r for r in detail.registrations if r.id == self.registration_id)
        self.registration = reg
        self.setWindowTitle(f"资格详情 — {reg.name}")
        self.reasons.clear()
        if reg.eligibility is not None:
            e = reg.eligibility
            self.heading.setText(
                f"<b>{reg.name}</b> 报名「{reg.post}」：{e.level.value}岗位资格"
                f"（基准日 {e.on:%Y-%m-%d}）<b>{e.verdict}</b>"
            )
            for reason in e.reasons:
                item = QListWidgetItem(reason.line())
                item.setData(RULE_ROLE, reason.rule.value)
                item.setData(Qt.ItemDataRole.UserRole, reason.status)
                item.setBackground(QBrush(QColor(STATUS_COLORS.get(reason.status, "#ffffff"))))
                self.reasons.addItem(item)
        else:  # snapshot taken when 资格审查 was left
            self.heading.setText(f"<b>{reg.name}</b> 报名「{reg.post}」：资格审查结论（存档）")
            for line in reg.eligibility_text.splitlines():
                self.reasons.addItem(QListWidgetItem(line))
        editable = self.phase in (Phase.REGISTRATION, Phase.QUALIFICATION)
        self.hint.setText(
            "选择一条「不符合」或「数据缺失」的条件，点「例外认定」并写明理由；"
            "例外认定在名单、资格详情和导出表格中都标明。"
            if editable
            else "资格审查已结束，资格结论已存档，不能再作例外认定。"
        )
        self._update_buttons()

    def _selected(self) -> tuple[Rule | None, str]:
        item = self.reasons.currentItem()
        if item is None or item.data(RULE_ROLE) is None:
            return None, ""
        return Rule(item.data(RULE_ROLE)), str(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        _rule, status = self._selected()
        editable = self.phase in (Phase.REGISTRATION, Phase.QUALIFICATION)
        self.override_button.setEnabled(editable and status in ("不符合", "数据缺失"))
        self.revoke_button.setEnabled(editable and status == "例外认定")

    def add_override(self) -> None:
        rule, _status = self._selected()
        if rule is None:
            return
        actor = self.actor()
        if not actor:
            QMessageBox.warning(self, "请填写操作人", "请先在本页顶部「操作人」处填写您的姓名。")
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, "例外认定", f"「{rule.value}」例外认定的理由（必填）："
        )
        if not ok:
            return
        try:
            add_override(self.db, self.registration_id, rule, reason, actor=actor)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未认定", str(exc))
            return
        self.changed = True
        self.reload()

    def revoke(self) -> None:
        rule, _status = self._selected()
        reg = self.registration
        if rule is None or reg is None:
            return
        found = next((o for o in reg.overrides if o.rule == rule), None)
        if found is None:
            return
        try:
            remove_override(self.db, found.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未撤销", str(exc))
            return
        self.changed = True
        self.reload()
