"""The pages inside one contest: 报名与资格, 民主推荐, 组织审定, 评分, 结果与公示, 流程记录.

Each page shows the contest's plain data and saves through one service call;
the panel reloads every page after a save.  Grids keep what was typed until
it is saved or the clerk discards it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.contest import Meeting, Phase, ReviewDecision, percent
from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.normalize import DateParseError
from orgdesk.services.contest_entries import (
    ReviewEntry,
    save_recommendation,
    save_review,
    unregister,
    withdraw,
)
from orgdesk.services.contest_views import ContestDetail, RegistrationView
from orgdesk.storage.database import Database
from orgdesk.ui.contest_dialogs import RegisterDialog, make_table
from orgdesk.ui.override_dialog import EligibilityDialog
from orgdesk.ui.widgets import DateField, ErrorLabel

GREY = QBrush(QColor("#eeeeee"))
GREEN = QBrush(QColor("#e8f5e9"))
ID_ROLE = Qt.ItemDataRole.UserRole


def _item(text: object, reg_id: int | None = None, *, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if reg_id is not None:
        item.setData(ID_ROLE, reg_id)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    return item


def _fill(table: QTableWidget, rows: Sequence[tuple[int, Sequence[object], bool]]) -> None:
    """rows: (registration id, cells, greyed)."""
    table.blockSignals(True)
    table.setRowCount(len(rows))
    for r, (reg_id, cells, grey) in enumerate(rows):
        for c, value in enumerate(cells):
            item = value if isinstance(value, QTableWidgetItem) else _item(value, reg_id)
            item.setData(ID_ROLE, reg_id)
            if len(item.text()) > 12:
                item.setToolTip(item.text())
            if grey:
                item.setBackground(GREY)
            table.setItem(r, c, item)
    table.blockSignals(False)
    table.resizeColumnsToContents()


class ContestPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, actor: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.detail: ContestDetail | None = None
        self.dirty = False
        self.errors = ErrorLabel()  # where a page with a grid says what was refused

    def load(self, detail: ContestDetail) -> None:
        self.detail = detail
        self.dirty = False

    def save(self) -> bool:
        return True

    def _commit(self, action: Callable[[], object]) -> bool:
        """Run the page's save service: refused → the problems under the grid, the grid as
        typed; saved → clean again, and the tab refreshes."""
        try:
            action()
        except ValidationFailed as exc:
            self.errors.show_message("未保存：\n" + "\n".join(str(p) for p in exc.problems))
            return False
        except OrgDeskError as exc:
            self._error("未保存", exc)
            return False
        self.dirty = False
        self.changed.emit()
        return True

    def _error(self, title: str, exc: Exception) -> None:
        if isinstance(exc, ValidationFailed):
            text = "\n".join(str(p) for p in exc.problems)
        else:
            text = str(exc)
        QMessageBox.warning(self, title, text)


class RegistrationPage(ContestPage):
    """报名与资格: who registered for which post, and what 资格审查 says about them."""

    HEADERS = (
        "姓名",
        "现科室",
        "现职级",
        "报名岗位",
        "报名日期",
        "资格审查",
        "例外认定",
        "状态",
        "说明",
    )

    def __init__(self, db: Database, actor: Callable[[], str], parent: QWidget | None = None):
        super().__init__(db, actor, parent)
        self.posts_label = QLabel()
        self.posts_label.setWordWrap(True)
        self.table = make_table(self.HEADERS)
        self.register_button = QPushButton("报名(&R)…")
        self.remove_button = QPushButton("删除报名")
        self.details_button = QPushButton("资格详情 / 例外认定(&D)…")
        self.withdraw_button = QPushButton("本人放弃…")
        self.register_button.clicked.connect(self.register)
        self.remove_button.clicked.connect(self.remove)
        self.details_button.clicked.connect(self.details)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.table.doubleClicked.connect(lambda _i: self.details())
        bar = QHBoxLayout()
        for b in (
            self.register_button,
            self.details_button,
            self.withdraw_button,
            self.remove_button,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.posts_label)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def load(self, detail: ContestDetail) -> None:
        super().load(detail)
        self.posts_label.setText(
            "竞争岗位："
            + "；".join(p.describe for p in detail.posts)
            + f"。资格计算基准日 {detail.eligibility_on:%Y-%m-%d}，报名截止 {detail.registration_deadline:%Y-%m-%d}。"
        )
        rows = []
        for r in detail.registrations:
            overrides = "；".join(f"{o.rule.value}（{o.actor}）" for o in r.overrides)
            note = r.drop_reason or r.proposal_note
            rows.append(
                (
                    r.id,
                    [
                        r.name,
                        r.section,
                        r.rank,
                        r.post,
                        f"{r.registered_on:%Y-%m-%d}",
                        r.verdict,
                        overrides,
                        r.status,
                        note,
                    ],
                    not r.active,
                )
            )
        _fill(self.table, rows)
        phase = detail.phase
        self.register_button.setEnabled(phase is Phase.REGISTRATION)
        self.remove_button.setEnabled(phase is Phase.REGISTRATION)
        self.withdraw_button.setEnabled(
            Phase.QUALIFICATION.order <= phase.order <= Phase.SCORING.order
        )

    def selected(self) -> RegistrationView | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        if item is None or self.detail is None:
            return None
        return next((r for r in self.detail.registrations if r.id == item.data(ID_ROLE)), None)

    def register(self) -> None:
        if self.detail is None:
            return
        dialog = RegisterDialog(self.db, self.detail, self)
        if dialog.exec():
            self.changed.emit()

    def remove(self) -> None:
        reg = self.selected()
        if reg is None:
            return
        answer = QMessageBox.question(self, "删除报名", f"删除「{reg.name}」的报名？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            unregister(self.db, reg.id)
        except OrgDeskError as exc:
            self._error("未删除", exc)
            return
        self.changed.emit()

    def details(self) -> None:
        reg = self.selected()
        if reg is None or self.detail is None:
            return
        dialog = EligibilityDialog(self.db, self.detail.id, reg.id, self.actor, self)
        dialog.exec()
        if dialog.changed:
            self.changed.emit()

    def withdraw(self) -> None:
        reg = self.selected()
        if reg is None:
            return
        reason, ok = QInputDialog.getText(self, "本人放弃", f"「{reg.name}」放弃竞争的原因：")
        if not ok:
            return
        try:
            withdraw(self.db, reg.id, reason, actor=self.actor() or "（未署名）")
        except OrgDeskError as exc:
            self._error("未登记", exc)
            return
        self.changed.emit()


class RecommendationPage(ContestPage):
    """民主推荐 (R-PRO-3): the meeting and each contestant's votes."""

    HEADERS = ("姓名", "岗位", "得票数", "得票率", "结果")

    def __init__(self, db: Database, actor: Callable[[], str], parent: QWidget | None = None):
        super().__init__(db, actor, parent)
        self.held_on = DateField()
        self.participants = QSpinBox()
        self.cast = QSpinBox()
        self.valid = QSpinBox()
        for box in (self.participants, self.cast, self.valid):
            box.setRange(0, 100000)
            box.valueChanged.connect(self._mark)
        self.held_on.textEdited.connect(self._mark)
        self.threshold_label = QLabel()
        self.table = make_table(self.HEADERS, editable=True)
        self.table.itemChanged.connect(self._mark)
        self.save_button = QPushButton("保存推荐结果(&S)")
        self.save_button.clicked.connect(self.save)
        meeting = QHBoxLayout()
        for label, widget in (
            ("推荐会日期", self.held_on),
            ("参会人数", self.participants),
            ("收回票数", self.cast),
            ("有效票数", self.valid),
        ):
            meeting.addWidget(QLabel(label))
            meeting.addWidget(widget)
        meeting.addStretch(1)
        meeting.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(meeting)
        layout.addWidget(self.threshold_label)
        layout.addWidget(self.errors)
        layout.addWidget(self.table)

    def _mark(self, *_args: object) -> None:
        self.dirty = True

    def load(self, detail: ContestDetail) -> None:
        super().load(detail)
        m = detail.meeting
        editable = detail.phase is Phase.RECOMMENDATION
        for box in (self.participants, self.cast, self.valid):
            box.blockSignals(True)
        self.held_on.set_value(m.held_on if m else None)
        self.participants.setValue(m.participants if m else 0)
        self.cast.setValue(m.ballots_cast if m else 0)
        self.valid.setValue(m.valid_ballots if m else 0)
        for box in (self.participants, self.cast, self.valid):
            box.blockSignals(False)
            box.setEnabled(editable)
        self.held_on.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.threshold_label.setText(
            f"得票率 = 得票数 ÷ 有效票数；低于 {percent(detail.threshold)} 的不进入下一环节（设置：民主推荐得票率下限）。"
        )
        rows = []
        for r in detail.registrations:
            if not (r.active or r.dropped_phase is Phase.RECOMMENDATION):
                continue
            if detail.phase.order < Phase.RECOMMENDATION.order:
                continue
            votes = _item(r.votes, r.id, editable=editable and r.active)
            result = r.drop_reason if r.dropped_phase is Phase.RECOMMENDATION else ""
            rate = percent(r.rate) if r.rate is not None else ""
            rows.append((r.id, [r.name, r.post, votes, rate, result], not r.active))
        _fill(self.table, rows)
        self.errors.show_message("")
        self.dirty = False

    def save(self) -> bool:
        if self.detail is None:
            return True
        try:
            held = self.held_on.value()
        except DateParseError as exc:
            self.errors.show_message(f"「推荐会日期」{exc}")
            return False
        votes: dict[int, int | None] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 2)
            if item is None or not item.flags() & Qt.ItemFlag.ItemIsEditable:
                continue
            text = item.text().strip()
            if text and not text.isdigit():
                name = self.table.item(row, 0)
                self.errors.show_message(
                    f"第 {row + 1} 行「{name.text() if name else ''} 得票数」应为整数：{text}"
                )
                return False
            votes[int(item.data(ID_ROLE))] = int(text) if text else None
        meeting = Meeting(held, self.participants.value(), self.cast.value(), self.valid.value())
        detail = self.detail
        return self._commit(lambda: save_recommendation(self.db, detail.id, meeting, votes))


class ReviewPage(ContestPage):
    """组织审定: 同意 or 不同意 (with reason) per contestant."""

    HEADERS = ("姓名", "岗位", "民主推荐得票率", "审定意见", "说明")

    def __init__(self, db: Database, actor: Callable[[], str], parent: QWidget | None = None):
        super().__init__(db, actor, parent)
        self.table = make_table(self.HEADERS, editable=True)
        self.table.itemChanged.connect(lambda _i: setattr(self, "dirty", True))
        self.save_button = QPushButton("保存审定意见(&S)")
        self.save_button.clicked.connect(self.save)
        self.all_button = QPushButton("全部同意")
        self.all_button.clicked.connect(self.approve_all)
        bar = QHBoxLayout()
        bar.addWidget(self.all_button)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.errors)
        layout.addWidget(self.table)

    def load(self, detail: ContestDetail) -> None:
        super().load(detail)
        editable = detail.phase is Phase.REVIEW
        rows = []
        for r in detail.registrations:
            if detail.phase.order < Phase.REVIEW.order:
                continue
            if not (r.active or r.dropped_phase is Phase.REVIEW):
                continue
            rate = percent(r.rate) if r.rate is not None else ""
            rows.append(
                (
                    r.id,
                    [
                        r.name,
                        r.post,
                        rate,
                        "",
                        _item(r.review_note, r.id, editable=editable and r.active),
                    ],
                    not r.active,
                )
            )
        _fill(self.table, rows)
        for row, (_reg_id, _cells, _grey) in enumerate(rows):
            reg = next(x for x in detail.registrations if x.id == _reg_id)
            combo = QComboBox()
            combo.addItem("（未审定）", None)
            for d in ReviewDecision:
                combo.addItem(d.value, d.value)
            combo.setCurrentIndex(max(0, combo.findData(reg.review_decision)))
            combo.setEnabled(editable and reg.active)
            combo.currentIndexChanged.connect(lambda _i: setattr(self, "dirty", True))
            self.table.setCellWidget(row, 3, combo)
        self.save_button.setEnabled(editable)
        self.all_button.setEnabled(editable)
        self.errors.show_message("")
        self.dirty = False

    def approve_all(self) -> None:
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 3)
            if isinstance(combo, QComboBox) and combo.isEnabled() and combo.currentData() is None:
                combo.setCurrentIndex(combo.findData(ReviewDecision.APPROVED.value))

    def save(self) -> bool:
        if self.detail is None:
            return True
        decisions = {}
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 3)
            note = self.table.item(row, 4)
            if not isinstance(combo, QComboBox) or not combo.isEnabled() or note is None:
                continue
            value = combo.currentData()
            decisions[int(note.data(ID_ROLE))] = ReviewEntry(
                ReviewDecision(value) if value else None, note.text()
            )
        detail = self.detail
        return self._commit(lambda: save_review(self.db, detail.id, decisions))


class LogPage(ContestPage):
    HEADERS = ("时间", "操作", "由", "至", "操作人", "说明")

    def __init__(self, db: Database, actor: Callable[[], str], parent: QWidget | None = None):
        super().__init__(db, actor, parent)
        self.table = make_table(self.HEADERS)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def load(self, detail: ContestDetail) -> None:
        super().load(detail)
        rows: list[tuple[int, list[object], bool]] = [
            (
                0,
                [
                    f"{e.at:%Y-%m-%d %H:%M}",
                    e.direction,
                    e.from_phase or "—",
                    e.to_phase,
                    e.actor,
                    e.reason,
                ],
                False,
            )
            for e in detail.log
        ]
        _fill(self.table, rows)
        for row, e in enumerate(detail.log):
            if e.direction == "退回":
                for c in range(self.table.columnCount()):
                    item = self.table.item(row, c)
                    if item is not None:
                        item.setBackground(QBrush(QColor("#fde2e1")))
