"""Chinese names of tables and fields, as the 操作日志 shows them.

A model may carry its own `__audit_label__` (the table) and `__audit_fields__`
({column: label}); otherwise this registry is used, and a column nobody named
is shown by its column name.  A later area adds one line here, or the two
attributes on its model.
"""

from __future__ import annotations

from orgdesk.domain.approval_form import DETAIL_LABELS
from orgdesk.domain.people import FIELD_LABELS
from orgdesk.domain.settings import SETTINGS_BY_KEY

_COMMON = {
    "cadre_id": "人员",
    "section_id": "科室",
    "rank_id": "职级",
    "year": "年度",
    "note": "备注",
    "title": "名称",
    "name": "姓名",
    "sort_order": "排序",
}

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "cadres": (
        "人员信息",
        {**FIELD_LABELS, **DETAIL_LABELS, "phone": "联系电话", "note": "备注"},
    ),
    "postings": (
        "任职经历",
        {
            "unit": "单位",
            "post_title": "职务",
            "start_date": "起始时间",
            "end_date": "终止时间",
        },
    ),
    "cadre_family_members": (
        "家庭成员",
        {
            "relation": "称谓",
            "birth_month": "出生年月",
            "political_status": "政治面貌",
            "work_unit_post": "工作单位及职务",
        },
    ),
    "cadre_photos": ("照片", {"image": "照片"}),
    "settings": ("设置", {"value": "值"}),
    "sections": ("科室", {"name": "科室名称", "kind": "类别", "active": "启用"}),
    "ranks": ("职级", {"name": "职级名称", "level": "层级", "is_leadership": "领导职务"}),
    "posts": (
        "岗位",
        {
            "title": "岗位名称",
            "level": "层级",
            "is_leadership": "领导职务",
            "headcount": "职数",
            "is_chief": "科室负责人",
        },
    ),
    "evaluation_appraisals": (
        "年度考核",
        {
            "votes_excellent": "优秀票",
            "votes_competent": "称职票",
            "votes_basic": "基本称职票",
            "votes_incompetent": "不称职票",
            "voters": "参评人数",
            "proposed_grade": "建议等次",
            "final_grade": "确定等次",
            "final_reason": "确定等次理由",
            "decided_by": "确定人",
            "decided_on": "确定日期",
            "duties": "主要职责",
            "self_summary": "个人总结",
            "training_note": "学习培训情况",
            "leader_comment": "主管领导评语",
        },
    ),
    "evaluation_honours": (
        "奖励",
        {"title": "奖励名称", "kind": "类别", "awarded_on": "授予日期"},
    ),
    "evaluation_target_items": (
        "目标责任",
        {
            "parent_id": "上级目标",
            "cadre_id": "责任人",
            "title": "目标",
            "measures": "措施",
            "weight": "分值权重",
            "score": "得分",
        },
    ),
}


def table_label(table: str, model: type | None = None) -> str:
    model = model or model_of(table)
    own = getattr(model, "__audit_label__", None) if model is not None else None
    return own or TABLES.get(table, (table, {}))[0]


def model_of(table: str) -> type | None:
    """The mapped class of a table name (for labels a model carries itself)."""
    from orgdesk.storage.models.base import Base

    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            return mapper.class_
    return None


def field_label(table: str, column: str, model: type | None = None) -> str:
    own = getattr(model, "__audit_fields__", None) if model is not None else None
    if own and column in own:
        return str(own[column])
    return TABLES.get(table, ("", {}))[1].get(column) or _COMMON.get(column) or column


def setting_label(key: str) -> str:
    spec = SETTINGS_BY_KEY.get(key)
    return spec.label if spec else key
