"""高出 (R-INT-4): a cadre placed out of the department, and the rank given there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.people import RANK_LEVEL_LABELS, RankLevel


class DestinationKind(StrEnum):
    ECONOMIC = "经济部门"
    ENTERPRISE = "企业"
    KEY_DEPARTMENT = "重要部门"
    HIGHER_ORGAN = "上级机关"
    OTHER = "其他"


RANK_LEVEL_BY_LABEL = {label: level for level, label in RANK_LEVEL_LABELS.items()}


@dataclass
class OutflowInput:
    cadre_id: int
    left_on: date | None
    destination_unit: str
    destination_kind: str
    post_title: str
    rank_level: RankLevel | None
    note: str = ""


def check_outflow(data: OutflowInput, *, today: date) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    data.destination_unit = data.destination_unit.strip()
    data.post_title = data.post_title.strip()
    if data.left_on is None:
        problems.append(FieldProblem("调出日期", "不能为空"))
    elif data.left_on > today:
        problems.append(
            FieldProblem("调出日期", "不能晚于今天（请在调出生效后登记）", None, f"{data.left_on}")
        )
    if not data.destination_unit:
        problems.append(FieldProblem("调往单位", "不能为空"))
    if data.destination_kind not in {k.value for k in DestinationKind}:
        problems.append(FieldProblem("单位类别", "请选择单位类别", None, data.destination_kind))
    if not data.post_title:
        problems.append(FieldProblem("拟任职务", "不能为空"))
    if data.rank_level is None:
        problems.append(FieldProblem("职级", "请选择调出后的职级"))
    return problems
