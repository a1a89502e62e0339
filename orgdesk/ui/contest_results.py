"""评分 (the score grid, weighted totals, ranking) and 结果与公示 (proposed appointees, exports)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.contest import SCORE_MAX, TIE_RULE, Phase, percent
from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.contest_entries import save_scores, set_proposed
from orgdesk.services.contest_notice import export_notice_pdf, export_notice_xlsx
from orgdesk.services.contest_views import ContestDetail, RegistrationView
from orgdesk.services.lrmx import print_form
from orgdesk.storage.database import Database
from orgdesk.ui.contest_dialogs import make_table
from orgdesk.ui.contest_pages import ID_ROLE, ContestPage, _fill, _item
from orgdesk.ui.worker import run_with_progress

PART_ROLE = Qt.ItemDataRole.UserRole + 2
PROPOSED = QBrush(QColor("#e3ecfa"))


class ScoresPage(ContestPage):
    """Scores per part in a grid; totals and ranking follow from the saved scores."""

    def __init__(self, db: Database, actor: Callable[[], str], parent: QWidget | None = None):
        super().__init__(db, actor, parent)
        self.table = make_table(("姓名",), editable=True)
        self.table.itemChanged.connect(lambda _i: setattr(self, "dirty", True))
        self.save_button = QPushButton("保存成绩(&S)")
        self.save_button.clicked.connect(self.save)
        self.rule = QLabel(TIE_RULE)
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #666")
        bar = QHBoxLayout()
        bar.addWidget(
            QLabel(f"各部分满分 {SCORE_MAX:g} 分；综合得分 = Σ 得分 × 权重，四舍五入到 0.01。")
        )
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.errors)
        layout.addWidget(self.table)
        layout.addWidget(self.rule)

    def load(self, detail: ContestDetail) -> None:
        super().load(detail)
        editable = detail.phase in (Phase.EXAM, Phase.SCORING)
        parts = detail.parts
        headers = [
            "姓名",
            "岗位",
            *(f"{p.name}（{percent(p.weight)}）" for p in parts),
            "综合得分",
            "名次",
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        rows = []
        shown = detail.phase.order >= Phase.EXAM.order
        order = {p.id: i for i, p in enumerate(detail.posts)}
        regs = sorted(
            (r for r in detail.registrations if shown and r.active),
            key=lambda r: (order.get(r.post_id, 0), r.place is None, r.place or 0, r.name),
        )
        for r in regs:
            cells: list[object] = [r.name, r.post]
            for p in parts:
                score = r.scores.get(p.id)
                item = _item(f"{score:g}" if score is not None else "", r.id, editable=editable)
                item.setData(PART_ROLE, p.id)
                cells.append(item)
            place = f"{r.place}{'（并列）' if r.tied else ''}" if r.place else ""
            cells += [f"{r.total:.2f}" if r.total is not None else "", place]
            rows.append((r.id, cells, False))
        _fill(self.table, rows)
        self.save_button.setEnabled(editable)
        self.errors.show_message("")
        self.dirty = False

    def save(self) -> bool:
        if self.detail is None:
            return True
        scores: dict[tuple[int, int], float | None] = {}
        problems = []
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is None or item.data(PART_ROLE) is None:
                    continue
                text = item.text().strip()
                value: float | None = None
                if text:
                    try:
                        value = float(text)
                    except ValueError:
                        name = self.table.item(row, 0)
                        header = self.table.horizontalHeaderItem(column)
                        problems.append(
                            f"第 {row + 1} 行「{name.text() if name else ''} "
                            f"{header.text() if header else ''}」应为数字：{text}"
                        )
                        continue
                scores[(int(item.data(ID_ROLE)), int(item.data(PART_ROLE)))] = value
        if problems:
            self.errors.show_message("未保存：\n" + "\n".join(problems))
            return False
        detail = self.detail
        return self._commit(lambda: save_scores(self.db, detail.id, scores))


class ResultsPage(ContestPage):
    """Ranking per post, the proposed appointee(s), publicity dates and the notice."""

    HEADERS = ("岗位", "名次", "姓名", "综合得分", "民主推荐得票率", "状态", "说明")

    def __init__(self, db: Database, actor: Callable[[], str], parent: QWidget | None = None):
        super().__init__(db, actor, parent)
        self.dates = QLabel()
        self.table = make_table(self.HEADERS)
        self.propose_button = QPushButton("设为拟任人选…")
        self.unpropose_button = QPushButton("取消拟任…")
        self.pdf_button = QPushButton("导出公示 PDF(&P)…")
        self.xlsx_button = QPushButton("导出公示 Excel(&X)…")
        self.form_button = QPushButton("打印任免审批表(&F)…")
        self.form_button.setToolTip("为所选的拟任人选生成干部任免审批表 PDF")
        self.form_button.clicked.connect(self.print_approval_form)
        self.propose_button.clicked.connect(lambda: self.change_proposed(True))
        self.unpropose_button.clicked.connect(lambda: self.change_proposed(False))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        bar = QHBoxLayout()
        for b in (self.propose_button, self.unpropose_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.form_button)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.xlsx_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.dates)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.last_export: Path | None = None

    def load(self, detail: ContestDetail) -> None:
        super().load(detail)
        start = (
            f"{detail.publicity_start:%Y-%m-%d}" if detail.publicity_start else "（进入公示时填写）"
        )
        end = f"{detail.publicity_end:%Y-%m-%d}" if detail.publicity_end else "（自动计算）"
        appoint = (
            f"{detail.appointment_on:%Y-%m-%d}" if detail.appointment_on else "（公示期满次日）"
        )
        self.dates.setText(f"公示期：{start} 至 {end}；任职日期：{appoint}")
        order = {p.id: i for i, p in enumerate(detail.posts)}
        regs = sorted(
            (
                r
                for r in detail.registrations
                if r.active and detail.phase.order >= Phase.SCORING.order
            ),
            key=lambda r: (order.get(r.post_id, 0), r.place is None, r.place or 0, r.name),
        )
        rows = []
        for r in regs:
            place = f"{r.place}{'（并列）' if r.tied else ''}" if r.place else ""
            total = f"{r.total:.2f}" if r.total is not None else ""
            rate = percent(r.rate) if r.rate is not None else ""
            rows.append(
                (r.id, [r.post, place, r.name, total, rate, r.status, r.proposal_note], False)
            )
        _fill(self.table, rows)
        for row, r in enumerate(regs):
            if r.proposed:
                for c in range(self.table.columnCount()):
                    item = self.table.item(row, c)
                    if item is not None:
                        item.setBackground(PROPOSED)
        in_proposal = detail.phase is Phase.PROPOSAL
        self.propose_button.setEnabled(in_proposal)
        self.unpropose_button.setEnabled(in_proposal)
        can_export = detail.phase.at_least(Phase.PROPOSAL)
        self.pdf_button.setEnabled(can_export)
        self.xlsx_button.setEnabled(can_export)
        self.form_button.setEnabled(can_export)

    def selected(self) -> RegistrationView | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None or self.detail is None:
            return None
        return next((r for r in self.detail.registrations if r.id == item.data(ID_ROLE)), None)

    def change_proposed(self, proposed: bool) -> None:
        reg = self.selected()
        if reg is None:
            return
        label = "设为拟任人选" if proposed else "取消拟任"
        reason, ok = QInputDialog.getText(self, label, f"「{reg.name}」{label}的理由（必填）：")
        if not ok:
            return
        try:
            set_proposed(self.db, reg.id, proposed, reason, actor=self.actor() or "（未署名）")
        except OrgDeskError as exc:
            self._error("未调整", exc)
            return
        self.changed.emit()

    def print_approval_form(self) -> None:
        """干部任免审批表 for the chosen appointee: every appointment out of a contest needs one."""
        reg = self.selected()
        if reg is None or not (reg.proposed or reg.appointed):
            QMessageBox.information(self, "任免审批表", "请先在列表中选择一位拟任人选。")
            return
        default = str(Path.home() / f"{reg.name}任免审批表.pdf")
        name, _ = QFileDialog.getSaveFileName(self, "打印任免审批表", default, "PDF 文件 (*.pdf)")
        if not name:
            return
        path = Path(name).with_suffix(".pdf")
        try:
            run_with_progress(
                self, "正在生成任免审批表…", lambda _p: print_form(self.db, reg.cadre_id, path)
            )
        except OrgDeskError as exc:
            self._error("未生成", exc)
            return
        self.last_export = path
        QMessageBox.information(self, "已生成", f"任免审批表已保存到：\n{path}")

    def export(self, kind: str) -> None:
        if self.detail is None:
            return
        suffix = {"pdf": "PDF 文件 (*.pdf)", "xlsx": "Excel 文件 (*.xlsx)"}[kind]
        default = str(Path.home() / f"{self.detail.title}公示.{kind}")
        name, _ = QFileDialog.getSaveFileName(self, "导出公示", default, suffix)
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != f".{kind}":
            path = path.with_suffix(f".{kind}")
        writer = export_notice_pdf if kind == "pdf" else export_notice_xlsx
        contest_id = self.detail.id
        try:
            run_with_progress(
                self, "正在导出公示…", lambda _progress: writer(self.db, contest_id, path)
            )
        except OrgDeskError as exc:
            self._error("未导出", exc)
            return
        self.last_export = path
        QMessageBox.information(self, "已导出", f"公示已导出到：\n{path}")
