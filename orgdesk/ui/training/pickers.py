"""选择人员: one by one, a section, a rank, everyone, or those enrolled in a session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from orgdesk.services.reference import ReferenceData
from orgdesk.services.training_common import CadrePick, PickKind, serving_cadres
from orgdesk.storage.database import Database
from orgdesk.ui.widgets import ErrorLabel


class CadrePickDialog(QDialog):
    def __init__(
        self,
        db: Database,
        reference: ReferenceData,
        title: str,
        parent: QWidget | None = None,
        *,
        sessions: list[tuple[int, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 560)
        self.pick: CadrePick | None = None
        self.finished.connect(self.deleteLater)
        self.radios: dict[PickKind, QRadioButton] = {}
        group = QButtonGroup(self)
        grid = QGridLayout()
        kinds = [PickKind.CADRES, PickKind.SECTION, PickKind.RANK, PickKind.EVERYONE]
        if sessions:
            kinds.append(PickKind.SESSION)
        for row, kind in enumerate(kinds):
            radio = QRadioButton(kind.value)
            group.addButton(radio)
            self.radios[kind] = radio
            grid.addWidget(radio, row, 0)
        self.section = QComboBox()
        for sec in reference.sections:
            self.section.addItem(sec.name, sec.id)
        self.rank = QComboBox()
        for rank in reference.ranks:
            self.rank.addItem(rank.name, rank.id)
        self.session = QComboBox()
        for sid, name in sessions or []:
            self.session.addItem(name, sid)
        grid.addWidget(self.section, 1, 1)
        grid.addWidget(self.rank, 2, 1)
        grid.addWidget(QLabel("所有在职及试用期人员"), 3, 1)
        if sessions:
            grid.addWidget(self.session, 4, 1)

        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名筛选，勾选要加入的人员")
        self.search.setClearButtonEnabled(True)
        self.people = QListWidget()
        for cadre in serving_cadres(db):
            item = QListWidgetItem(f"{cadre.name}　{cadre.section}　{cadre.rank}")
            item.setData(Qt.ItemDataRole.UserRole, cadre.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.search.textChanged.connect(self._filter)
        self.search.textChanged.connect(lambda _t: self.radios[PickKind.CADRES].setChecked(True))
        self.people.itemChanged.connect(lambda _i: self.radios[PickKind.CADRES].setChecked(True))
        self.section.activated.connect(lambda _i: self.radios[PickKind.SECTION].setChecked(True))
        self.rank.activated.connect(lambda _i: self.radios[PickKind.RANK].setChecked(True))
        self.session.activated.connect(lambda _i: self.radios[PickKind.SESSION].setChecked(True))
        self.radios[PickKind.SECTION].setChecked(True)

        self.error = ErrorLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.search)
        layout.addWidget(self.people)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        needle = text.strip()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(bool(needle) and needle not in item.text())

    def checked_ids(self) -> list[int]:
        return [
            int(self.people.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.people.count())
            if self.people.item(i).checkState() == Qt.CheckState.Checked
        ]

    def choose(self, kind: PickKind) -> None:
        self.radios[kind].setChecked(True)

    def _accept(self) -> None:
        kind = next(k for k, r in self.radios.items() if r.isChecked())
        if kind is PickKind.CADRES:
            ids = self.checked_ids()
            if not ids:
                self.error.show_message("请至少勾选一人")
                return
            self.pick = CadrePick.cadres(ids)
        elif kind is PickKind.SECTION:
            self.pick = CadrePick.section(int(self.section.currentData()))
        elif kind is PickKind.RANK:
            self.pick = CadrePick.rank(int(self.rank.currentData()))
        elif kind is PickKind.SESSION:
            self.pick = CadrePick.session(int(self.session.currentData()))
        else:
            self.pick = CadrePick.everyone()
        self.accept()
