"""The six tabs, in order.  A later area replaces its placeholder here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from orgdesk.storage.database import Database
from orgdesk.ui.tabs.contest import ContestTab
from orgdesk.ui.tabs.evaluation import EvaluationTab
from orgdesk.ui.tabs.ledger import LedgerTab
from orgdesk.ui.tabs.personnel_area import PersonnelArea
from orgdesk.ui.tabs.rotation import RotationTab
from orgdesk.ui.tabs.training import TrainingTab

TabFactory = Callable[[Database, QWidget], QWidget]

TABS: list[tuple[str, TabFactory]] = [
    ("人员与试用", PersonnelArea),
    ("培训与学分", TrainingTab),
    ("交流轮岗", RotationTab),
    ("工作台账", LedgerTab),
    ("竞争上岗", ContestTab),
    ("年度考核", EvaluationTab),
]
