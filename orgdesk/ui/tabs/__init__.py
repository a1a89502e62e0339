"""The six tabs, in order.  A later area replaces its placeholder here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from orgdesk.storage.database import Database
from orgdesk.ui.tabs.ledger import LedgerTab
from orgdesk.ui.tabs.personnel import PersonnelTab
from orgdesk.ui.tabs.placeholder import placeholder

TabFactory = Callable[[Database, QWidget], QWidget]

TABS: list[tuple[str, TabFactory]] = [
    ("人员与试用", PersonnelTab),
    (
        "培训与学分",
        placeholder("培训与学分", "培训大纲、必读书目、培训计划、考试、学习心得与年度学分"),
    ),
    ("交流轮岗", placeholder("交流轮岗", "轮岗到期、挂职锻炼、缺什么补什么、年度交流计划与联系点")),
    ("工作台账", LedgerTab),
    ("竞争上岗", placeholder("竞争上岗", "资格审查、民主推荐、组织审定、评分排名与公示")),
    ("年度考核", placeholder("年度考核", "目标管理、民主评议、考核等次与年度报告")),
]
