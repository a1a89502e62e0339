"""设置: every number from the rules, with its default and the rule it comes from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.settings import SETTINGS
from orgdesk.services.reference import change_setting, load_settings
from orgdesk.storage.database import Database


class SettingsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("设置")
        self.resize(620, 560)
        current = load_settings(db)
        self.editors: dict[str, QDoubleSpinBox] = {}
        tabs = QTabWidget()
        groups: dict[str, QFormLayout] = {}
        for spec in SETTINGS:
            form = groups.get(spec.group)
            if form is None:
                page = QWidget()
                form = QFormLayout(page)
                scroll = QScrollArea()
                scroll.setWidgetResizable(True)
                scroll.setWidget(page)
                tabs.addTab(scroll, spec.group)
                groups[spec.group] = form
            box = QDoubleSpinBox()
            box.setDecimals(0 if spec.is_integer else 2)
            box.setRange(spec.minimum, spec.maximum)
            box.setSingleStep(1 if spec.is_integer else 0.05)
            box.setSuffix(f" {spec.unit}" if spec.unit != "比例" else "")
            box.setValue(current[spec.key])
            box.setToolTip(f"默认 {spec.default:g}（{spec.rule}）")
            self.editors[spec.key] = box
            form.addRow(QLabel(spec.label), box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText("恢复默认值")
        restore.clicked.connect(self.restore_defaults)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("以下数值取自有关规定的默认值，可按本部实际调整。"))
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def restore_defaults(self) -> None:
        for spec in SETTINGS:
            self.editors[spec.key].setValue(spec.default)

    def save(self) -> None:
        current = load_settings(self.db)
        try:
            for key, box in self.editors.items():
                if abs(box.value() - current[key]) > 1e-9:
                    change_setting(self.db, key, box.value())
        except OrgDeskError as exc:
            QMessageBox.warning(self, "未保存", str(exc))
            return
        self.accept()
