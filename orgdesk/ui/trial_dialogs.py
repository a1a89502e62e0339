"""转正 / 延长 / 不予转正 / 新增试用期 dialogs.  A refusal shows in red and the dialog stays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.normalize import DateParseError
from orgdesk.domain.trial import TrialLimits, latest_end, trial_end
from orgdesk.services.trial import (
    TrialRow,
    confirm_trial,
    extend_trial,
    not_confirm_trial,
    start_trial,
)
from orgdesk.storage.database import Database
from orgdesk.ui.cadre_picker import CadrePickerDialog
from orgdesk.ui.form_dialog import SubmitDialog
from orgdesk.ui.widgets import DateField


class _TrialDialog(SubmitDialog):
    """A form with an OK button that runs `self.submit()` and shows what it refused."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(title, parent, ok_text="确定")
        self.resize(480, 320)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _date(self, field: DateField, label: str) -> date:
        value = field.value()
        if value is None:
            raise DateParseError(f"请填写{label}")
        return value


def _describe(row: TrialRow) -> str:
    return (
        f"<b>{row.name}</b>（{row.section or '未分配科室'} {row.post_title}）试用期 "
        f"{row.start_date:%Y-%m-%d} 起 {row.months} 个月，现截止 {row.end_date:%Y-%m-%d}（{row.status.value}）"
    )


class ConfirmDialog(_TrialDialog):
    """转正: the date and the evaluation text."""

    def __init__(self, db: Database, row: TrialRow, parent: QWidget | None = None) -> None:
        super().__init__("转正", parent)
        self.db, self.row = db, row
        self.heading.setText(_describe(row))
        self.on = DateField()
        self.on.set_value(min(row.end_date, date.today()))
        self.evaluation = QPlainTextEdit()
        self.evaluation.setPlaceholderText(
            "试用期考核评语（必填），如：政治坚定，业务熟练，考核合格，同意转正。"
        )
        self.form.addRow("转正日期 *", self.on)
        self.form.addRow("考核评语 *", self.evaluation)

    def submit(self) -> None:
        confirm_trial(
            self.db,
            self.row.id,
            self._date(self.on, "转正日期"),
            self.evaluation.toPlainText(),
            expected_version=self.row.version,
        )


class ExtendDialog(_TrialDialog):
    """延长: a new end date, never past the maximum counted from the start."""

    def __init__(
        self, db: Database, row: TrialRow, limits: TrialLimits, parent: QWidget | None = None
    ) -> None:
        super().__init__("延长试用期", parent)
        self.db, self.row = db, row
        last = latest_end(row.start_date, limits)
        self.heading.setText(
            _describe(row) + f"<br>按规定试用期最长 {limits.max_months} 个月，最迟可延长至 "
            f"<b>{last:%Y-%m-%d}</b>。"
        )
        self.new_end = DateField()
        self.new_end.set_value(last)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("延长原因（可选）")
        self.form.addRow("延长至 *", self.new_end)
        self.form.addRow("延长原因", self.reason)

    def submit(self) -> None:
        extend_trial(
            self.db,
            self.row.id,
            self._date(self.new_end, "延长后的截止日期"),
            self.reason.text(),
            expected_version=self.row.version,
        )


class NotConfirmDialog(_TrialDialog):
    """不予转正: the date and a required reason; the cadre leaves the active roster."""

    def __init__(self, db: Database, row: TrialRow, parent: QWidget | None = None) -> None:
        super().__init__("不予转正", parent)
        self.db, self.row = db, row
        self.heading.setText(
            _describe(row) + "<br>不予转正后：新录用人员转为「已调出」，现任职务于决定日期结束；"
            "本部原有人员恢复试用前的职务。历史记录全部保留。"
        )
        self.on = DateField()
        self.on.set_value(min(row.end_date, date.today()))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("不予转正的理由（必填）")
        self.form.addRow("决定日期 *", self.on)
        self.form.addRow("理由 *", self.reason)

    def submit(self) -> None:
        not_confirm_trial(
            self.db,
            self.row.id,
            self._date(self.on, "决定日期"),
            self.reason.toPlainText(),
            expected_version=self.row.version,
        )


class StartTrialDialog(_TrialDialog):
    """新增试用期 for someone already on the roster."""

    def __init__(
        self,
        db: Database,
        limits: TrialLimits,
        parent: QWidget | None = None,
        picker: Callable[[], tuple[int, str] | None] | None = None,
    ) -> None:
        super().__init__("新增试用期", parent)
        self.db = db
        self.cadre_id: int | None = None
        self.heading.setText("为名册中的人员登记试用期（经招录批次录用的人员会自动开始试用期）。")
        self.who = QLabel("（未选择）")
        self.pick_button = QPushButton("选择人员…")
        self.pick_button.clicked.connect(self.pick)
        self._picker = picker
        row = QHBoxLayout()
        row.addWidget(self.who, 1)
        row.addWidget(self.pick_button)
        holder = QWidget()
        holder.setLayout(row)
        self.start = DateField()
        self.start.set_value(date.today())
        self.months = QSpinBox()
        self.months.setRange(limits.min_months, limits.max_months)
        self.months.setValue(min(max(limits.default_months, limits.min_months), limits.max_months))
        self.months.setSuffix(" 个月")
        self.end_label = QLabel()
        self.form.addRow("人员 *", holder)
        self.form.addRow("开始日期 *", self.start)
        self.form.addRow("试用期 *", self.months)
        self.form.addRow("截止日期", self.end_label)
        self.start.textChanged.connect(self._show_end)
        self.months.valueChanged.connect(self._show_end)
        self._show_end()

    def pick(self) -> None:
        chosen = self._picker() if self._picker else CadrePickerDialog.choose(self.db, self)
        if chosen is not None:
            self.cadre_id, name = chosen
            self.who.setText(name)

    def _show_end(self, *_args: object) -> None:
        try:
            start = self.start.value()
        except DateParseError:
            start = None
        self.end_label.setText(
            f"{trial_end(start, self.months.value()):%Y-%m-%d}" if start else "—"
        )

    def submit(self) -> None:
        if self.cadre_id is None:
            raise OrgDeskError("请先选择人员")
        start_trial(self.db, self.cadre_id, self._date(self.start, "开始日期"), self.months.value())
