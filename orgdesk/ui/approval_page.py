"""「任免审批表信息」: the second page of the cadre detail form.

The fields the 干部任免审批表 needs beyond the roster: 籍贯, 出生地, 入党时间,
education in the form's two rows, 奖惩, 家庭成员, the photo, and the
appointment's own lines (拟任/拟免/任免理由).  The dialog owns saving and
drafts; this page reads, loads, shows its problems and hands over a draft.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.approval_form import (
    DETAIL_LABELS,
    HEALTH_OPTIONS,
    MAX_PHOTO_BYTES,
    TEXT_FIELDS,
    ApprovalDetails,
    FamilyMember,
    dotted_month,
    image_kind,
    parse_month,
)
from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.people import POLITICAL_STATUSES
from orgdesk.ui.widgets import ErrorLabel

FAMILY_COLUMNS = ("称谓", "姓名", "出生年月", "政治面貌", "工作单位及职务")
LONG_TEXT = ("rewards", "evaluation_text", "appointment_reason")
LABEL_TO_DETAIL = {label: key for key, label in DETAIL_LABELS.items()}
PHOTO_SIZE = (120, 150)


class ApprovalPage(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts: dict[str, QLineEdit | QPlainTextEdit] = {}
        for key in TEXT_FIELDS:
            if key == "health":
                continue  # an editable combo, below
            if key in LONG_TEXT:
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(58)
                edit.textChanged.connect(self.changed.emit)
                self.texts[key] = edit
            else:
                line = QLineEdit()
                line.textEdited.connect(lambda _t: self.changed.emit())
                self.texts[key] = line
        self.health = QComboBox()
        self.health.setEditable(True)
        self.health.addItems(["", *HEALTH_OPTIONS])
        self.health.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.party_joined = QLineEdit()
        self.party_joined.setPlaceholderText("如 2003.06")
        self.party_joined.textEdited.connect(lambda _t: self.changed.emit())
        self.party_joined.editingFinished.connect(self._tidy_party)
        current = self.texts["current_post_text"]
        assert isinstance(current, QLineEdit)
        current.setPlaceholderText("留空则按当前任职自动填写（如 县委组织部干部科科长）")
        evaluation = self.texts["evaluation_text"]
        assert isinstance(evaluation, QPlainTextEdit)
        evaluation.setPlaceholderText(
            "如：2023年度考核优秀；2024年度考核称职。（有年度考核记录时按记录生成）"
        )
        self.errors: dict[str, ErrorLabel] = {k: ErrorLabel() for k in (*DETAIL_LABELS, "family")}

        self.photo: bytes | None = None
        self._photo_changed = False
        self.photo_label = QLabel("无照片")
        self.photo_label.setFixedSize(*PHOTO_SIZE)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setStyleSheet("border: 1px solid #999; color: #888")
        self.choose_photo = QPushButton("选择照片…")
        self.clear_photo = QPushButton("清除照片")
        self.choose_photo.clicked.connect(self._choose_photo)
        self.clear_photo.clicked.connect(lambda: self._set_photo(None, changed=True))

        self.family = QTableWidget(0, len(FAMILY_COLUMNS))
        self.family.setHorizontalHeaderLabels(FAMILY_COLUMNS)
        self.family.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.family.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((70, 80, 90, 100)):
            self.family.setColumnWidth(column, width)
        self.family.verticalHeader().setVisible(False)
        self.family.setMinimumHeight(150)
        self.family.itemChanged.connect(lambda _i: self.changed.emit())
        add_member = QPushButton("新增成员")
        remove_member = QPushButton("删除所选成员")
        add_member.clicked.connect(lambda: self._add_member(FamilyMember()))
        remove_member.clicked.connect(self._remove_members)

        self._build(add_member, remove_member)

    # -- layout ----------------------------------------------------------------------------
    def _field(self, key: str, widget: QWidget | None = None) -> QWidget:
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(1)
        inner.addWidget(widget or self.texts[key])
        inner.addWidget(self.errors[key])
        return holder

    def _build(self, add_member: QPushButton, remove_member: QPushButton) -> None:
        basics = QGridLayout()
        left, right = QFormLayout(), QFormLayout()
        left.addRow("籍贯", self._field("native_place"))
        left.addRow("出生地", self._field("birthplace"))
        left.addRow("入党时间", self._field("party_joined", self.party_joined))
        right.addRow("健康状况", self._field("health", self.health))
        right.addRow("专业技术职务", self._field("professional_title"))
        right.addRow("熟悉专业有何专长", self._field("expertise"))
        basics.addLayout(left, 0, 0)
        basics.addLayout(right, 0, 1)
        photo_box = QVBoxLayout()
        photo_box.addWidget(self.photo_label)
        photo_box.addWidget(self.choose_photo)
        photo_box.addWidget(self.clear_photo)
        photo_box.addWidget(self.errors["photo"])
        photo_box.addStretch(1)
        basics.addLayout(photo_box, 0, 2, 2, 1)

        education = QGroupBox("学历学位")
        grid = QGridLayout(education)
        for column, head in enumerate(
            ("学历", "学位", "学历的毕业院校系及专业", "学位的毕业院校系及专业")
        ):
            grid.addWidget(QLabel(head), 0, column + 1)
        for row, (head, prefix) in enumerate(
            (("全日制教育", "fulltime"), ("在职教育", "parttime")), 1
        ):
            grid.addWidget(QLabel(head), row, 0)
            for column, suffix in enumerate(
                ("education", "degree", "education_school", "degree_school")
            ):
                grid.addWidget(self._field(f"{prefix}_{suffix}"), row, column + 1)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(4, 2)
        basics.addWidget(education, 1, 0, 1, 2)

        posts = QGroupBox("任免")
        form = QFormLayout(posts)
        for key in ("current_post_text", "proposed_post", "proposed_removal", "appointment_reason"):
            form.addRow(DETAIL_LABELS[key], self._field(key))
        record = QGroupBox("奖惩与考核")
        form2 = QFormLayout(record)
        form2.addRow("奖惩情况", self._field("rewards"))
        form2.addRow("年度考核结果", self._field("evaluation_text"))

        family = QGroupBox("家庭主要成员及重要社会关系")
        family_layout = QVBoxLayout(family)
        family_layout.addWidget(self.family)
        buttons = QHBoxLayout()
        buttons.addWidget(add_member)
        buttons.addWidget(remove_member)
        buttons.addStretch(1)
        family_layout.addLayout(buttons)
        family_layout.addWidget(self.errors["family"])

        filing = QGridLayout()
        filing.addWidget(QLabel("呈报单位"), 0, 0)
        filing.addWidget(self._field("reporting_unit"), 0, 1)
        filing.addWidget(QLabel("填表人"), 0, 2)
        filing.addWidget(self._field("form_filler"), 0, 3)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(basics)
        layout.addWidget(posts)
        layout.addWidget(record)
        layout.addWidget(family)
        layout.addLayout(filing)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- loading and reading ---------------------------------------------------------------
    def load(self, details: ApprovalDetails | None) -> None:
        d = details or ApprovalDetails()
        for key in TEXT_FIELDS:
            self._set_text(key, getattr(d, key))
        self.party_joined.setText(dotted_month(d.party_joined))
        self.family.setRowCount(0)
        for member in d.family:
            self._add_member(member)
        self._set_photo(d.photo, changed=False)

    def _set_text(self, key: str, value: str) -> None:
        if key == "health":
            self.health.setCurrentText(value)
            return
        widget = self.texts[key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    def _text(self, key: str) -> str:
        if key == "health":
            return self.health.currentText().strip()
        widget = self.texts[key]
        text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        return text.strip()

    def read(self) -> tuple[ApprovalDetails, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        d = ApprovalDetails()
        for key in TEXT_FIELDS:
            setattr(d, key, self._text(key))
        try:
            d.party_joined = parse_month(self.party_joined.text())
        except DateParseError as exc:
            problems.append(FieldProblem("入党时间", str(exc), None, self.party_joined.text()))
        for row in range(self.family.rowCount()):
            cells = [self._cell(row, c) for c in range(len(FAMILY_COLUMNS))]
            if not any(cells):
                continue  # an empty row the clerk added and did not use
            try:
                birth = parse_month(cells[2])
            except DateParseError as exc:
                problems.append(FieldProblem(f"家庭成员第 {row + 1} 行", f"「出生年月」{exc}"))
                birth = None
            d.family.append(FamilyMember(cells[0], cells[1], birth, cells[3], cells[4]))
        d.photo = self.photo
        return d, problems

    def _cell(self, row: int, column: int) -> str:
        widget = self.family.cellWidget(row, column)
        if isinstance(widget, QComboBox):
            return widget.currentText().strip()
        item = self.family.item(row, column)
        return item.text().strip() if item else ""

    # -- family rows -----------------------------------------------------------------------
    def _add_member(self, m: FamilyMember) -> None:
        row = self.family.rowCount()
        self.family.blockSignals(True)
        self.family.insertRow(row)
        for column, value in (
            (0, m.relation),
            (1, m.name),
            (2, dotted_month(m.birth_month)),
            (4, m.work_unit_post),
        ):
            self.family.setItem(row, column, QTableWidgetItem(value))
        self.family.blockSignals(False)
        status = QComboBox()
        status.setEditable(True)
        status.addItems(["", *POLITICAL_STATUSES])
        status.setCurrentText(m.political_status)
        status.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.family.setCellWidget(row, 3, status)
        self.changed.emit()

    def _remove_members(self) -> None:
        rows = sorted({i.row() for i in self.family.selectedIndexes()}, reverse=True)
        for row in rows:
            self.family.removeRow(row)
        if rows:
            self.changed.emit()

    # -- photo -----------------------------------------------------------------------------
    def _choose_photo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "选择照片", "", "图片 (*.jpg *.jpeg *.png *.bmp);;所有文件 (*)"
        )
        if not name:
            return
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            self.errors["photo"].show_message(f"无法读取：{exc.strerror or exc}")
            return
        if len(data) > MAX_PHOTO_BYTES:
            self.errors["photo"].show_message(
                f"文件过大（最多 {MAX_PHOTO_BYTES // 1024 // 1024} MB）"
            )
            return
        if image_kind(data) is None:
            self.errors["photo"].show_message("不是 JPG、PNG 或 BMP 图片")
            return
        self.errors["photo"].show_message("")
        self._set_photo(data, changed=True)

    def _set_photo(self, data: bytes | None, *, changed: bool) -> None:
        self.photo = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.photo_label.setPixmap(
                pixmap.scaled(
                    *PHOTO_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo_label.clear()
            self.photo_label.setText("无照片" if not data else "（无法显示）")
        self.clear_photo.setEnabled(data is not None)
        if changed:
            self._photo_changed = True
            self.changed.emit()

    def _tidy_party(self) -> None:
        try:
            value = parse_month(self.party_joined.text())
        except DateParseError:
            return
        self.party_joined.setText(dotted_month(value))

    # -- problems and drafts ---------------------------------------------------------------
    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.show_message("")

    def show_problem(self, p: FieldProblem) -> bool:
        """Show `p` under its field when it belongs to this page; False when it does not."""
        key = LABEL_TO_DETAIL.get(p.field)
        if key is None and p.field.startswith("家庭成员"):
            key = "family"
            current = self.errors["family"].text()
            message = f"{p.field}：{p.message}"
            self.errors[key].show_message(
                f"{current}\n{message}" if current else message, warning=p.warning
            )
            return True
        if key is None:
            return False
        self.errors[key].show_message(p.message, warning=p.warning)
        return True

    def draft_state(self) -> dict[str, Any]:
        rows = [
            [self._cell(r, c) for c in range(len(FAMILY_COLUMNS))]
            for r in range(self.family.rowCount())
        ]
        photo = None
        if self._photo_changed:
            photo = base64.b64encode(self.photo).decode("ascii") if self.photo else ""
        return {
            "texts": {key: self._text(key) for key in TEXT_FIELDS},
            "party_joined": self.party_joined.text(),
            "family": rows,
            "photo": photo,
        }

    def restore_draft(self, draft: dict[str, Any] | None) -> None:
        if not draft:
            return
        for key, value in (draft.get("texts") or {}).items():
            if key in self.texts or key == "health":
                self._set_text(key, str(value or ""))
        self.party_joined.setText(str(draft.get("party_joined") or ""))
        self.family.setRowCount(0)
        for cells in draft.get("family") or []:
            cells = [str(c or "") for c in [*cells, "", "", "", "", ""][:5]]
            self._add_member(FamilyMember(cells[0], cells[1], None, cells[3], cells[4]))
            self.family.setItem(self.family.rowCount() - 1, 2, QTableWidgetItem(cells[2]))
        photo = draft.get("photo")
        if photo is not None:
            self._set_photo(base64.b64decode(photo) if photo else None, changed=True)
