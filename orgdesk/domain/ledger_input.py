"""What the clerk types for a ledger item, and the checks it must pass (R-TSK-1..7).

The registration dialog, the first-inquiry dialog and the demo all go through
`check_item`, so an item is stored only when it is complete for its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.ledger import (
    INQUIRY_MODES,
    INVITEE_ROLES,
    PETITION_FORMS,
    SUGGESTION_CATEGORIES,
    SUGGESTION_CHANNELS,
    SUPERVISION_DIRECTIONS,
    SUPERVISION_SOURCES,
    DocumentUrgency,
    ItemKind,
)

MAX_TITLE = 200
MAX_TEXT = 4000

ITEM_LABELS = {
    "kind": "类别",
    "title": "事由",
    "content": "具体内容",
    "source": "来源",
    "received_on": "登记日期",
    "doc_urgency": "缓急程度",
    "doc_number": "文号",
    "party": "来信来访人",
    "party_contact": "联系方式",
    "channel": "渠道",
    "supervision_direction": "督察类型",
    "supervision_source": "外部来源",
    "receiver_name": "首问人",
    "within_duty": "是否属本人职责",
    "section_id": "承办科室",
    "handler_name": "经办人",
    "due_on": "办理期限",
    "is_public": "部务公开",
}

# Which labels change per kind (the dialog relabels the same widget).
PARTY_LABELS = {
    ItemKind.PETITION: "来信来访人",
    ItemKind.FIRST_INQUIRY: "来访（来电）人",
    ItemKind.SUGGESTION: "建议人",
}
CHANNEL_OPTIONS: dict[ItemKind, tuple[str, ...]] = {
    ItemKind.PETITION: PETITION_FORMS,
    ItemKind.FIRST_INQUIRY: INQUIRY_MODES,
    ItemKind.SUGGESTION: SUGGESTION_CHANNELS,
}
CHANNEL_LABELS = {
    ItemKind.PETITION: "来信/来访",
    ItemKind.FIRST_INQUIRY: "来访/来电",
    ItemKind.SUGGESTION: "纳谏渠道",
}


@dataclass
class ItemInput:
    """One item as registered.  Kind-specific fields are blank for other kinds."""

    kind: ItemKind
    title: str
    received_on: date | None
    content: str = ""
    source: str = ""
    doc_urgency: str = ""
    doc_number: str = ""
    party: str = ""
    party_contact: str = ""
    channel: str = ""
    supervision_direction: str = ""
    supervision_source: str = ""
    receiver_id: int | None = None
    receiver_name: str = ""
    within_duty: bool | None = None
    section_id: int | None = None
    handler_id: int | None = None
    handler_name: str = ""
    is_public: bool = False
    due_on: date | None = None  # a deadline set from above; otherwise computed


def check_item(data: ItemInput, *, today: date) -> list[FieldProblem]:
    """Every problem with one item's input; tidies whitespace in place."""
    problems: list[FieldProblem] = []

    def bad(key: str, message: str, value: object = None) -> None:
        label = _label(data.kind, key)
        problems.append(FieldProblem(label, message, None, None if value is None else str(value)))

    for key in (
        "title",
        "content",
        "source",
        "doc_number",
        "party",
        "party_contact",
        "channel",
        "receiver_name",
        "handler_name",
    ):
        setattr(data, key, str(getattr(data, key) or "").strip())
    if not data.title:
        bad("title", "不能为空")
    elif len(data.title) > MAX_TITLE:
        bad("title", f"过长（最多 {MAX_TITLE} 个字）")
    if len(data.content) > MAX_TEXT:
        bad("content", f"过长（最多 {MAX_TEXT} 个字）")
    if data.received_on is None:
        bad("received_on", "不能为空")
    elif data.received_on > today:
        bad("received_on", "不能晚于今天", f"{data.received_on:%Y-%m-%d}")
    if data.due_on is not None and data.received_on is not None and data.due_on < data.received_on:
        bad("due_on", "早于登记日期", f"{data.due_on:%Y-%m-%d}")

    kind = data.kind
    if kind is ItemKind.DOCUMENT:
        values = [u.value for u in DocumentUrgency]
        if data.doc_urgency and data.doc_urgency not in values:
            bad("doc_urgency", "应为普通、急件或特件", data.doc_urgency)
        data.doc_urgency = data.doc_urgency or DocumentUrgency.NORMAL.value
    else:
        data.doc_urgency = ""
    options = CHANNEL_OPTIONS.get(kind)
    if options is not None:
        if not data.channel:
            bad("channel", f"请选择（{'、'.join(options)}）")
        elif data.channel not in options:
            bad("channel", f"应为{'、'.join(options)}之一", data.channel)
    if kind in (ItemKind.PETITION, ItemKind.FIRST_INQUIRY) and not data.party:
        bad("party", "不能为空")
    if kind is ItemKind.SUPERVISION:
        if data.supervision_direction not in SUPERVISION_DIRECTIONS:
            bad("supervision_direction", f"请选择（{'、'.join(SUPERVISION_DIRECTIONS)}）")
        if data.supervision_direction == "外对内":
            if data.supervision_source not in SUPERVISION_SOURCES:
                bad("supervision_source", f"外对内须注明来源（{'、'.join(SUPERVISION_SOURCES)}）")
        else:
            data.supervision_source = ""
    if kind is ItemKind.FIRST_INQUIRY:
        problems += _check_first_inquiry(data)
    elif (data.section_id is None) != (not data.handler_name):
        # 谁主管谁负责，责任到人: a section without a person (or the reverse) is no assignment.
        if data.section_id is None:
            bad("section_id", "填写了经办人，请同时选择承办科室")
        else:
            bad("handler_name", "选择了承办科室，请同时指定经办人（责任到人）")
    return problems


def _check_first_inquiry(data: ItemInput) -> list[FieldProblem]:
    """R-TSK-2: the first receiver is named; outside their duty it is routed to a person."""
    problems: list[FieldProblem] = []
    kind = data.kind
    if not data.receiver_name:
        problems.append(FieldProblem(_label(kind, "receiver_name"), "不能为空（谁首先接待）"))
    if data.within_duty is None:
        problems.append(FieldProblem(_label(kind, "within_duty"), "请选择「是」或「否」"))
    elif data.within_duty:
        data.handler_id = data.receiver_id
        data.handler_name = data.receiver_name
        if data.section_id is None:
            problems.append(
                FieldProblem(_label(kind, "section_id"), "首问人所在科室未知，请选择承办科室")
            )
    else:
        if data.section_id is None:
            problems.append(FieldProblem("转办科室", "不属本人职责的，须转交承办科室"))
        if not data.handler_name:
            problems.append(FieldProblem("转办对象", "须写明承办科室负责人或经办人"))
    return problems


def _label(kind: ItemKind, key: str) -> str:
    if key == "party":
        return PARTY_LABELS.get(kind, ITEM_LABELS[key])
    if key == "channel":
        return CHANNEL_LABELS.get(kind, ITEM_LABELS[key])
    return ITEM_LABELS[key]


@dataclass
class SuggestionFollowUp:
    """纳谏 (R-TSK-6): sorted, analysed, a measure, fixed now or by a deadline, answered."""

    category: str
    analysis: str
    measure: str
    fixed_now: bool
    rectify_by: date | None
    answer: str


def check_follow_up(data: SuggestionFollowUp, *, received_on: date) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for key in ("category", "analysis", "measure", "answer"):
        setattr(data, key, str(getattr(data, key) or "").strip())
    if data.category and data.category not in SUGGESTION_CATEGORIES:
        problems.append(FieldProblem("分类", f"应为{'、'.join(SUGGESTION_CATEGORIES)}之一"))
    for key, label in (("analysis", "分析意见"), ("measure", "整改措施"), ("answer", "答复情况")):
        if len(getattr(data, key)) > MAX_TEXT:
            problems.append(FieldProblem(label, f"过长（最多 {MAX_TEXT} 个字）"))
    if data.fixed_now:
        data.rectify_by = None
    elif data.rectify_by is not None and data.rectify_by < received_on:
        problems.append(
            FieldProblem("整改期限", "早于登记日期", None, f"{data.rectify_by:%Y-%m-%d}")
        )
    return problems


@dataclass
class InviteeInput:
    """特邀监督员/研究员/评论员 (R-TSK-7)."""

    role: str
    name: str
    unit: str = ""
    title: str = ""
    phone: str = ""
    appointed_on: date | None = None
    term_end: date | None = None
    note: str = ""
    active: bool = True


def check_invitee(data: InviteeInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for key in ("role", "name", "unit", "title", "phone", "note"):
        setattr(data, key, str(getattr(data, key) or "").strip())
    if data.role not in INVITEE_ROLES:
        problems.append(
            FieldProblem("类别", f"应为{'、'.join(INVITEE_ROLES)}之一", None, data.role)
        )
    if not data.name:
        problems.append(FieldProblem("姓名", "不能为空"))
    elif len(data.name) > 30:
        problems.append(FieldProblem("姓名", "过长（最多 30 个字）"))
    if data.appointed_on and data.term_end and data.term_end < data.appointed_on:
        problems.append(FieldProblem("任期届满", "早于聘任日期", None, f"{data.term_end:%Y-%m-%d}"))
    return problems
