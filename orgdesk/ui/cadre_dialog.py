"""The cadre detail form: every R-PPL-1 field, inline validation, posting history.

What the clerk types is kept as a draft on disk until it is saved or
deliberately discarded, so a crash or a power cut loses nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.access import PERSONNEL_AREA, Actor, Permission, current_actor
from orgdesk.domain.errors import FieldProblem, OrgDeskError, ValidationFailed
from orgdesk.domain.idcard import IdNumberError, mask_id_number, parse_id_number
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.people import (
    DEGREES,
    EDUCATIONS,
    ETHNICITIES,
    FIELD_LABELS,
    POLITICAL_STATUSES,
    SEXES,
    CadreInput,
    CadreStatus,
    PostingInput,
    post_and_rank_since,
)
from orgdesk.domain.service_length import service_lengths
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.services.reference import ReferenceData
from orgdesk.storage.database import Database
from orgdesk.ui.approval_page import ApprovalPage
from orgdesk.ui.drafts import DraftKeeper
from orgdesk.ui.posting_editor import PostingEditor
from orgdesk.ui.widgets import DateField, ErrorLabel, choice_combo, set_combo_data

LABEL_TO_KEY = {label: key for key, label in FIELD_LABELS.items()}
DATE_KEYS = ("birth_date", "first_employment", "joined_department")


class CadreDialog(QDialog):
    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        cadre_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.reference = reference
        self.cadre_id = cadre_id
        self.saved_id: int | None = None
        self._version: int | None = None
        self.drafts = DraftKeeper(
            self, "cadre", str(cadre_id) if cadre_id is not None else "new", self._draft_content
        )
        self.setWindowTitle("新增人员" if cadre_id is None else "人员详情")
        self.resize(900, 720)

        self.fields: dict[str, QWidget] = {
            "name": QLineEdit(),
            "id_number": QLineEdit(),
            "sex": choice_combo(SEXES),
            "birth_date": DateField(),
            "ethnicity": choice_combo(ETHNICITIES, allow_empty=False),
            "political_status": choice_combo(POLITICAL_STATUSES),
            "education": choice_combo(EDUCATIONS),
            "degree": choice_combo(DEGREES),
            "specialty": QLineEdit(),
            "first_employment": DateField(),
            "joined_department": DateField(),
            "section_id": QComboBox(),
            "post_title": QLineEdit(),
            "rank_id": QComboBox(),
            "status": choice_combo([s.value for s in CadreStatus], allow_empty=False),
            "phone": QLineEdit(),
            "note": QLineEdit(),
        }
        section_box = self.fields["section_id"]
        assert isinstance(section_box, QComboBox)
        section_box.addItem("", None)
        for sec in reference.sections:
            section_box.addItem(f"{sec.name}（{sec.kind.value}）", sec.id)
        rank_box = self.fields["rank_id"]
        assert isinstance(rank_box, QComboBox)
        rank_box.addItem("", None)
        for rank in reference.ranks:
            rank_box.addItem(f"{rank.name}（{rank.level.label}）", rank.id)
        id_edit = self.fields["id_number"]
        assert isinstance(id_edit, QLineEdit)
        id_edit.setMaxLength(24)
        id_edit.setPlaceholderText("18 位，末位可为 X")
        id_edit.editingFinished.connect(self._id_entered)

        self.errors: dict[str, ErrorLabel] = {key: ErrorLabel() for key in self.fields}
        self.summary = ErrorLabel()
        extra_labels = {"phone": "联系电话", "note": "备注"}
        grid = QGridLayout()
        keys = list(self.fields)
        half = (len(keys) + 1) // 2
        for column, chunk in enumerate((keys[:half], keys[half:])):
            form = QFormLayout()
            for key in chunk:
                holder = QWidget()
                inner = QVBoxLayout(holder)
                inner.setContentsMargins(0, 0, 0, 0)
                inner.setSpacing(1)
                inner.addWidget(self.fields[key])
                inner.addWidget(self.errors[key])
                label = FIELD_LABELS.get(key) or extra_labels[key]
                required = key in ("name", "id_number")
                form.addRow(QLabel(f"{label}{' *' if required else ''}"), holder)
            grid.addLayout(form, 0, column)

        self.postings = PostingEditor(reference)
        self.postings_error = ErrorLabel()
        history = QGroupBox("任职经历")
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.postings)
        history_layout.addWidget(self.postings_error)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        basic = QWidget()
        basic_layout = QVBoxLayout(basic)
        basic_layout.addLayout(grid)
        basic_layout.addWidget(history, 1)
        self.approval = ApprovalPage()
        self.tabs = QTabWidget()
        self.tabs.addTab(basic, "基本信息")
        self.tabs.addTab(self.approval, "任免审批表信息")

        self.lengths = QLabel()
        self.lengths.setStyleSheet("color: #34495e")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.lengths)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        if cadre_id is not None:
            data, self._version = get_cadre(db, cadre_id)
            self.load(data)
        else:
            set_combo_data(self.fields["ethnicity"], "汉族")  # type: ignore[arg-type]
            set_combo_data(self.fields["political_status"], "中共党员")  # type: ignore[arg-type]
        actor = current_actor()
        self.read_only = actor is None or not actor.may(Permission.EDIT, PERSONNEL_AREA)
        if self.read_only:
            self._make_read_only(actor)
        else:
            self._offer_draft()
        for widget in self.fields.values():
            signal = (
                widget.textEdited if isinstance(widget, QLineEdit) else widget.currentIndexChanged  # type: ignore[attr-defined]
            )
            signal.connect(self._mark_dirty)
        self.postings.changed.connect(self._mark_dirty)
        self.approval.changed.connect(self._mark_dirty)

    # -- loading and reading the form -----------------------------------------
    def load(self, data: CadreInput) -> None:
        for key, widget in self.fields.items():
            value = getattr(data, key)
            if isinstance(widget, DateField):
                widget.set_value(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(value or "")
            elif isinstance(widget, QComboBox):
                set_combo_data(widget, value.value if isinstance(value, CadreStatus) else value)
        self.postings.set_postings(data.postings)
        self.approval.load(data.details)
        self._show_lengths(data)

    def _show_lengths(self, data: CadreInput) -> None:
        """R-PPL-4: service lengths are computed from dates, never typed in."""
        post_since, rank_since = post_and_rank_since(data.postings)
        lengths = service_lengths(
            first_employment=data.first_employment,
            joined_department=data.joined_department,
            post_since=post_since,
            rank_since=rank_since,
            on=date.today(),
        )
        parts = [
            ("工龄", lengths.years_of_service),
            ("本部工作", lengths.years_in_department),
            ("任现职", lengths.years_in_post),
            ("任现职级", lengths.years_at_rank),
        ]
        shown = [f"{label} {years} 年" for label, years in parts if years is not None]
        self.lengths.setText(f"截至今天：{'，'.join(shown)}" if shown else "")

    def read(self) -> tuple[CadreInput, list[FieldProblem]]:
        problems: list[FieldProblem] = []
        values: dict[str, Any] = {}
        for key, widget in self.fields.items():
            if isinstance(widget, DateField):
                try:
                    values[key] = widget.value()
                except DateParseError as exc:
                    problems.append(FieldProblem(FIELD_LABELS[key], str(exc), None, widget.text()))
                    values[key] = None
            elif isinstance(widget, QLineEdit):
                values[key] = widget.text().strip()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentData()
        postings, posting_problems = self.postings.postings()
        problems += posting_problems
        details, detail_problems = self.approval.read()
        problems += detail_problems
        values["status"] = CadreStatus(values["status"])
        return CadreInput(postings=postings, details=details, **values), problems

    # -- validation feedback ---------------------------------------------------
    def _id_entered(self) -> None:
        edit = self.fields["id_number"]
        assert isinstance(edit, QLineEdit)
        if not edit.text().strip():
            self.errors["id_number"].show_message("")
            return
        try:
            info = parse_id_number(edit.text())
        except IdNumberError as exc:
            self.errors["id_number"].show_message(str(exc))
            return
        edit.setText(info.number)
        self.errors["id_number"].show_message("；".join(info.warnings), warning=True)
        birth = self.fields["birth_date"]
        assert isinstance(birth, DateField)
        if not birth.text().strip():
            birth.set_value(info.birth_date)
        sex = self.fields["sex"]
        assert isinstance(sex, QComboBox)
        if not sex.currentData():
            set_combo_data(sex, info.sex)

    def show_problems(self, problems: list[FieldProblem], warnings: list[FieldProblem]) -> None:
        for label in self.errors.values():
            label.show_message("")
        self.postings_error.show_message("")
        self.approval.clear_problems()
        posting_lines = []
        for p in [*problems, *warnings]:
            key = LABEL_TO_KEY.get(p.field)
            text = p.message + (f"：{p.value}" if p.value and key is None else "")
            if key is not None:
                self.errors[key].show_message(p.message, warning=p.warning)
            elif self.approval.show_problem(p):
                pass
            else:
                posting_lines.append(f"{p.field}：{text}")
        self.postings_error.show_message("\n".join(posting_lines))
        if problems:
            self.summary.show_message(f"有 {len(problems)} 处需要修改，未保存：")
            first_on_basic = any(LABEL_TO_KEY.get(p.field) or "任职" in p.field for p in problems)
            self.tabs.setCurrentIndex(0 if first_on_basic else 1)
        else:
            self.summary.show_message("")

    # -- saving, cancelling, drafts --------------------------------------------
    def save(self) -> None:
        data, problems = self.read()
        if problems:
            self.show_problems(problems, [])
            return
        try:
            saved = save_cadre(
                self.db, data, cadre_id=self.cadre_id, expected_version=self._version
            )
        except ValidationFailed as exc:
            self.show_problems(exc.problems, exc.warnings)
            return
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未保存", str(exc))
            return
        self.saved_id = saved.id
        self.drafts.forget()
        self.accept()

    def reject(self) -> None:
        if self.drafts.may_discard():
            super().reject()

    def _make_read_only(self, actor: Actor | None) -> None:
        """查看 only: for roles that may not change 人员与试用 (the service refuses anyway)."""
        self.setWindowTitle("人员详情（只读）")
        for edit in self.findChildren(QLineEdit):
            edit.setReadOnly(True)
        for text in self.findChildren(QPlainTextEdit) + self.findChildren(QTextEdit):
            text.setReadOnly(True)
        for control in self.findChildren(QComboBox) + self.findChildren(QAbstractButton):
            if control not in self.buttons.buttons():
                control.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("关闭")
        id_edit = self.fields["id_number"]
        assert isinstance(id_edit, QLineEdit)
        if actor is None or not actor.sees_id_numbers:
            id_edit.setText(mask_id_number(id_edit.text()) if id_edit.text() else "")
        self.summary.show_message("只读：当前用户不能修改人员信息。", warning=True)

    def _mark_dirty(self, *_args: object) -> None:
        if not getattr(self, "read_only", False):
            self.drafts.changed()

    def _draft_content(self) -> dict[str, Any]:
        data, _problems = self.read()
        texts = {
            key: w.text() if isinstance(w, QLineEdit) else w.currentData()  # type: ignore[attr-defined]
            for key, w in self.fields.items()
        }
        rows = [
            {
                "unit": p.unit,
                "post_title": p.post_title,
                "start": p.start_date.isoformat() if p.start_date else "",
                "end": p.end_date.isoformat() if p.end_date else "",
                "section_id": p.section_id,
                "rank_id": p.rank_id,
                "note": p.note,
                "id": p.id,
            }
            for p in data.postings
        ]
        return {"fields": texts, "postings": rows, "approval": self.approval.draft_state()}

    def _write_draft(self) -> None:
        self.drafts.write()

    def _offer_draft(self) -> None:
        draft = self.drafts.offer()
        if draft is None:
            return
        for key, value in (draft.get("fields") or {}).items():
            widget = self.fields.get(key)
            if isinstance(widget, QLineEdit):
                widget.setText(str(value or ""))
            elif isinstance(widget, QComboBox):
                set_combo_data(widget, value)
        postings = []
        for row in draft.get("postings") or []:
            postings.append(
                PostingInput(
                    unit=row.get("unit", ""),
                    post_title=row.get("post_title", ""),
                    start_date=date.fromisoformat(row["start"]) if row.get("start") else None,
                    end_date=date.fromisoformat(row["end"]) if row.get("end") else None,
                    section_id=row.get("section_id"),
                    rank_id=row.get("rank_id"),
                    note=row.get("note", ""),
                    id=row.get("id"),
                )
            )
        self.postings.set_postings(postings)
        self.approval.restore_draft(draft.get("approval"))
