"""年度交流计划: draft the moves, see the checks, approve, export to Excel, print."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.rotation_plan import PlanStatus
from orgdesk.paths import data_dir
from orgdesk.services.reference import reference_data
from orgdesk.services.rotation import rotation_due_list
from orgdesk.services.rotation_data import cadre_choices
from orgdesk.services.rotation_plan import (
    MoveRow,
    PlanNeedsConfirmation,
    PlanView,
    approve_plan,
    create_plan,
    delete_plan,
    get_plan,
    list_plans,
    plan_report,
    remove_move,
)
from orgdesk.storage.database import Database
from orgdesk.storage.rotation_export import write_plan_pdf, write_plan_xlsx
from orgdesk.ui.rotation.common import (
    RED,
    YELLOW,
    Column,
    RowsModel,
    current_actor,
    make_view,
    select_where,
    selected_row,
)
from orgdesk.ui.rotation.move_dialog import MoveDialog
from orgdesk.ui.widgets import signed_in_name
from orgdesk.ui.worker import run_with_progress


def _move_colour(m: MoveRow) -> str | None:
    if m.blocking:
        return RED
    return YELLOW if m.findings else None


MOVE_COLUMNS: list[Column[Any]] = [
    Column("序号", lambda m: m.row, sort=lambda m: m.row, width=45),
    Column("姓名", lambda m: m.name, width=80),
    Column("现科室", lambda m: m.from_section, width=120),
    Column("现职务", lambda m: m.from_post, width=70),
    Column("拟任科室", lambda m: m.to_section, width=120),
    Column("拟任职务", lambda m: m.to_post, width=70),
    Column("职级", lambda m: m.to_rank, width=90),
    Column("生效日期", lambda m: m.effective, sort=lambda m: m.effective, width=90),
    Column("调整理由", lambda m: m.reason, width=200),
    Column("检查意见", lambda m: "；".join(m.findings), width=300),
]


class PlanPage(QWidget):
    changed = Signal()  # the posting history changed (a plan was approved)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.view_data: PlanView | None = None
        self.plan_box = QComboBox()
        self.plan_box.setMinimumWidth(300)
        self.new_button = QPushButton("新建计划")
        self.delete_plan_button = QPushButton("删除计划")
        self.status = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("交流计划："))
        top.addWidget(self.plan_box)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_plan_button)
        top.addWidget(self.status, 1)

        self.add_button = QPushButton("新增调整(&A)")
        self.edit_button = QPushButton("修改")
        self.remove_button = QPushButton("删除调整")
        self.approve_button = QPushButton("批准计划…")
        self.export_button = QPushButton("导出 Excel")
        self.print_button = QPushButton("打印（PDF）")
        bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            bar.addWidget(b)
        bar.addStretch(1)
        for b in (self.approve_button, self.export_button, self.print_button):
            bar.addWidget(b)

        self.model: RowsModel[Any] = RowsModel(
            MOVE_COLUMNS,
            self,
            row_background=_move_colour,
            row_tooltip=lambda m: "\n".join(m.findings) or None,
        )
        self.table = make_view(self.model)
        self.checks_title = QLabel()
        self.checks = QListWidget()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.checks_title)
        lower_layout.addWidget(self.checks)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        hint = QLabel(
            "红色：必须修改后才能批准；黄色：请审批时确认。批准后按生效日期写入任职经历。"
        )
        hint.setStyleSheet("color: #666")
        layout.addWidget(hint)

        self.plan_box.currentIndexChanged.connect(lambda _i: self.show_plan())
        self.new_button.clicked.connect(self.new_plan)
        self.delete_plan_button.clicked.connect(self.delete_current_plan)
        self.add_button.clicked.connect(lambda: self.add_move())
        self.edit_button.clicked.connect(self.edit_move)
        self.remove_button.clicked.connect(self.remove_selected)
        self.approve_button.clicked.connect(self.approve)
        self.export_button.clicked.connect(self.export_excel)
        self.print_button.clicked.connect(self.print_pdf)
        self.table.doubleClicked.connect(lambda _i: self.edit_move())
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.activated.connect(self.remove_selected)
        self.reload_plans()

    # -- which plan ------------------------------------------------------------
    def plan_id(self) -> int | None:
        value = self.plan_box.currentData()
        return value if isinstance(value, int) else None

    def reload_plans(self, select: int | None = None) -> None:
        keep = select if select is not None else self.plan_id()
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for p in list_plans(self.db):
            self.plan_box.addItem(f"{p.label}　{p.moves} 人", p.id)
        index = self.plan_box.findData(keep)
        if index < 0:  # the newest draft, else the newest plan
            drafts = [
                i for i in range(self.plan_box.count()) if "（草稿）" in self.plan_box.itemText(i)
            ]
            index = drafts[0] if drafts else 0
        self.plan_box.setCurrentIndex(index)
        self.plan_box.blockSignals(False)
        self.show_plan()

    def show_plan(self) -> None:
        plan_id = self.plan_id()
        self.view_data = get_plan(self.db, plan_id) if plan_id is not None else None
        v = self.view_data
        self.model.set_rows(v.moves if v else [])
        self.checks.clear()
        draft = v is not None and v.summary.status is PlanStatus.DRAFT
        for b in (self.add_button, self.edit_button, self.remove_button, self.approve_button):
            b.setEnabled(draft)
        self.delete_plan_button.setEnabled(draft)
        self.export_button.setEnabled(v is not None)
        self.print_button.setEnabled(v is not None)
        if v is None:
            self.status.setText("还没有交流计划，请点「新建计划」。")
            self.checks_title.setText("")
            return
        s = v.summary
        if s.status is PlanStatus.APPROVED:
            when = f"{s.approved_at:%Y-%m-%d %H:%M}" if s.approved_at else ""
            self.status.setText(f"已于 {when} 由 {s.approved_by} 批准，调整已写入任职经历")
            self.checks_title.setText("计划已批准。")
            return
        self.status.setText(f"草稿，拟稿人：{s.created_by}")
        if not v.conflicts:
            self.checks_title.setText("检查结果：未发现问题。")
        else:
            self.checks_title.setText(
                f"检查结果：{len(v.conflicts)} 项（其中必须修改 {len(v.blocking)} 项）"
            )
        for c in v.conflicts:
            item = QListWidgetItem(str(c))
            item.setBackground(QBrush(QColor(RED if c.blocking else YELLOW)))
            self.checks.addItem(item)

    # -- editing ---------------------------------------------------------------
    def new_plan(self) -> None:
        year, ok = QInputDialog.getInt(
            self, "新建交流计划", "计划年度：", date.today().year, 2000, 2100
        )
        if not ok:
            return
        plan_id = create_plan(self.db, year, "", actor=current_actor())
        self.reload_plans(select=plan_id)

    def delete_current_plan(self) -> None:
        plan_id = self.plan_id()
        if plan_id is None:
            return
        answer = QMessageBox.question(self, "删除计划", "确定删除这份草稿计划及其全部调整吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_plan(self.db, plan_id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未删除", str(exc))
        self.reload_plans()

    def _dialog(self, move: MoveRow | None = None, cadre_id: int | None = None) -> MoveDialog:
        plan_id = self.plan_id()
        assert plan_id is not None
        standing = {r.cadre_id: r for r in rotation_due_list(self.db, date.today())}
        return MoveDialog(
            self.db,
            plan_id,
            reference_data(self.db),
            cadre_choices(self.db),
            standing,
            self,
            move=move,
            cadre_id=cadre_id,
        )

    def add_move(self, cadre_id: int | None = None) -> None:
        if self.plan_id() is None:
            self.new_plan()
        v = self.view_data
        if self.plan_id() is None or v is None or v.summary.status is not PlanStatus.DRAFT:
            QMessageBox.information(self, "交流计划", "请先选择或新建一份草稿计划。")
            return
        dialog = self._dialog(cadre_id=cadre_id)
        if dialog.exec():
            self.show_plan()
            select_where(self.table, lambda m: m.id == dialog.saved_id)

    def edit_move(self) -> None:
        move = selected_row(self.table)
        if move is None or not self.edit_button.isEnabled():
            return
        if self._dialog(move=move).exec():
            self.show_plan()

    def remove_selected(self) -> None:
        move = selected_row(self.table)
        if move is None or not self.remove_button.isEnabled():
            return
        try:
            remove_move(self.db, move.id)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未删除", str(exc))
        self.show_plan()

    # -- approving -------------------------------------------------------------
    def approve(self) -> None:
        plan_id = self.plan_id()
        if plan_id is None:
            return
        self.show_plan()
        v = self.view_data
        assert v is not None
        if v.blocking:
            QMessageBox.warning(
                self,
                "不能批准",
                "以下问题必须先修改：\n\n" + "\n".join(str(c) for c in v.blocking),
            )
            return
        approver, ok = QInputDialog.getText(  # the signed-in 部长, or the head a clerk records
            self, "批准交流计划", "审批人（部长）姓名：", text=signed_in_name()
        )
        if not ok or not approver.strip():
            return
        accept = False
        if v.warnings:
            answer = QMessageBox.question(
                self,
                "确认批准",
                "计划还有以下提示，确认仍然批准吗？\n\n" + "\n".join(str(c) for c in v.warnings),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            accept = True
        try:
            applied = approve_plan(self.db, plan_id, actor=approver, accept_warnings=accept)
        except (ValidationFailed, PlanNeedsConfirmation) as exc:
            QMessageBox.warning(self, "未批准", str(exc))
            self.show_plan()
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未批准", f"{exc}\n\n计划中的调整均未写入。")
            self.show_plan()
            return
        self.reload_plans(select=plan_id)
        QMessageBox.information(
            self, "已批准", f"计划已批准，{applied} 人的任职经历已按生效日期更新。"
        )
        self.changed.emit()

    # -- files -----------------------------------------------------------------
    def _ask_path(self, suffix: str, filter_text: str) -> Path | None:
        v = self.view_data
        if v is None:
            return None
        suggested = str(data_dir() / f"{v.summary.title}.{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, "保存为", suggested, filter_text)
        return Path(path) if path else None

    def export_excel(self) -> None:
        self._write("xlsx", "Excel 工作簿 (*.xlsx)", write_plan_xlsx)

    def print_pdf(self) -> None:
        self._write("pdf", "PDF 文件 (*.pdf)", write_plan_pdf)

    def _write(self, suffix: str, filter_text: str, writer) -> None:  # type: ignore[no-untyped-def]
        plan_id = self.plan_id()
        path = self._ask_path(suffix, filter_text)
        if plan_id is None or path is None:
            return
        if path.suffix.lower() != f".{suffix}":
            path = path.with_suffix(f".{suffix}")

        def job(progress):  # type: ignore[no-untyped-def]
            progress(0, 2, "正在整理计划…")
            report = plan_report(self.db, plan_id)
            progress(1, 2, "正在写入文件…")
            writer(report, path)
            progress(2, 2, "完成")
            return path

        try:
            run_with_progress(self, "导出交流计划", job)
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未保存", str(exc))
            return
        QMessageBox.information(self, "已保存", f"已保存到：\n{path}")
