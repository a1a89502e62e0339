"""工作台账: kinds of tracked items, their workflow and their time limits (R-TSK-1..7).

One ledger holds every kind of item.  Each kind has a default time limit in
Chinese working days (a setting); the workflow is the same for all:

    已登记 → 已交办 → 办理中 → 经办人已签 → 科室已签 → 已注销

An item that runs past its due date needs a written reason (超期说明) that a
department leader accepts before the handler may sign.  Every rule here is a
plain function over plain values, so the UI, the services and the tests share
one truth.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.settings import Settings
from orgdesk.domain.workdays import Deadline, WorkCalendar


class ItemKind(StrEnum):
    WORK = "工作事项"  # R-TSK-1
    DOCUMENT = "公文"  # R-TSK-3
    PETITION = "信访"  # 群众来信来访, R-TSK-3
    FIRST_INQUIRY = "首问登记"  # R-TSK-2
    SUPERVISION = "督察事项"  # R-TSK-5
    SUGGESTION = "意见建议"  # 纳谏, R-TSK-6

    @property
    def abbreviation(self) -> str:
        """The one character that opens an item's number, e.g. 访〔2026〕12号."""
        return _ABBREVIATIONS[self]


_ABBREVIATIONS = {
    ItemKind.WORK: "事",
    ItemKind.DOCUMENT: "文",
    ItemKind.PETITION: "访",
    ItemKind.FIRST_INQUIRY: "问",
    ItemKind.SUPERVISION: "督",
    ItemKind.SUGGESTION: "谏",
}


class DocumentUrgency(StrEnum):
    NORMAL = "普通"
    URGENT = "急件"  # 急件急办
    SPECIAL = "特件"  # 特件特办


class ItemStatus(StrEnum):
    REGISTERED = "已登记"
    ASSIGNED = "已交办"
    IN_PROGRESS = "办理中"
    HANDLER_SIGNED = "经办人已签"
    SECTION_SIGNED = "科室已签"
    CLOSED = "已注销"

    @property
    def order(self) -> int:
        return list(ItemStatus).index(self)

    @property
    def is_open(self) -> bool:
        """Not yet concluded: the clock is still running."""
        return self in OPEN_STATUSES


OPEN_STATUSES = (ItemStatus.REGISTERED, ItemStatus.ASSIGNED, ItemStatus.IN_PROGRESS)


class OverdueReview(StrEnum):
    NONE = ""
    PENDING = "待审核"
    ACCEPTED = "已认可"
    SENT_BACK = "已退回"


class Action(StrEnum):
    ASSIGN = "交办"
    START = "开始办理"
    SIGN_HANDLER = "经办人签字"
    SIGN_SECTION = "科室签字"
    CLOSE = "注销"
    WRITE_REASON = "填写超期说明"
    REVIEW = "审核超期说明"
    FOLLOW_UP = "整改与答复"
    EDIT = "修改"


class SignatureRole(StrEnum):
    HANDLER = "经办人"
    SECTION = "科室"


PETITION_FORMS = ("来信", "来访")
INQUIRY_MODES = ("来访", "来电")
SUPERVISION_DIRECTIONS = ("上对下", "内对内", "外对内")
SUPERVISION_SOURCES = ("信访", "网络信箱", "问卷调查", "社会巡访", "实地调研")
SUGGESTION_CHANNELS = ("部风座谈会", "调研活动", "部长信访接待日", "意见箱")
SUGGESTION_CATEGORIES = ("工作作风", "干部工作", "组织建设", "人才工作", "服务保障", "其他")
INVITEE_ROLES = ("特邀监督员", "特邀研究员", "特邀评论员")

# R-TSK-7: what a new item of each kind defaults to for 部务公开.
PUBLIC_BY_DEFAULT = {
    ItemKind.WORK: True,
    ItemKind.DOCUMENT: False,
    ItemKind.PETITION: False,
    ItemKind.FIRST_INQUIRY: False,
    ItemKind.SUPERVISION: True,
    ItemKind.SUGGESTION: True,
}


class WorkflowError(OrgDeskError):
    """The action is not allowed in the item's current state (nothing was changed)."""


# --- time limits (R-TSK-3) --------------------------------------------------


def limit_key(kind: ItemKind, urgency: DocumentUrgency | str = "") -> str:
    """The settings key holding the time limit of a kind (and a document's urgency)."""
    if kind is ItemKind.DOCUMENT:
        return {
            DocumentUrgency.URGENT: "ledger.limit.document_urgent",
            DocumentUrgency.SPECIAL: "ledger.limit.document_special",
        }.get(DocumentUrgency(urgency or DocumentUrgency.NORMAL), "ledger.limit.document")
    return {
        ItemKind.WORK: "ledger.limit.work_item",
        ItemKind.PETITION: "ledger.limit.petition",
        ItemKind.FIRST_INQUIRY: "ledger.limit.first_inquiry",
        ItemKind.SUPERVISION: "ledger.limit.supervision",
        ItemKind.SUGGESTION: "ledger.limit.suggestion",
    }[kind]


def time_limit(kind: ItemKind, urgency: DocumentUrgency | str, settings: Settings) -> int:
    """Working days allowed for an item of this kind."""
    return settings.int(limit_key(kind, urgency))


def compute_due(
    received: date,
    kind: ItemKind,
    urgency: DocumentUrgency | str,
    settings: Settings,
    calendar: WorkCalendar,
) -> Deadline:
    """The due date: the limit in working days after the day received (not counted)."""
    return calendar.add_workdays(received, time_limit(kind, urgency, settings))


def is_overdue(due_on: date, concluded_on: date | None, on: date) -> bool:
    """Late when the due date passed before the item concluded (or before `on`, if open)."""
    return due_on < (concluded_on or on)


def due_this_week(due_on: date, concluded_on: date | None, on: date) -> bool:
    """Open and due in the Monday-to-Sunday week that contains `on`."""
    monday = date.fromordinal(on.toordinal() - on.weekday())
    sunday = date.fromordinal(monday.toordinal() + 6)
    return concluded_on is None and monday <= due_on <= sunday


def week_bounds(on: date) -> tuple[date, date]:
    monday = date.fromordinal(on.toordinal() - on.weekday())
    return monday, date.fromordinal(monday.toordinal() + 6)


def deadline_text(
    due_on: date, concluded_on: date | None, on: date, calendar: WorkCalendar | WorkdayCounter
) -> str:
    """「剩 3 个工作日」/「今日到期」/「超期 2 个工作日」/「按时办结」/「超期办结」."""
    if concluded_on is not None:
        return "超期办结" if concluded_on > due_on else "按时办结"
    if due_on == on:
        return "今日到期"
    if due_on > on:
        return f"剩 {calendar.workdays_between(on, due_on)} 个工作日"
    late = calendar.workdays_between(due_on, on)
    return f"超期 {late} 个工作日" if late else f"超期 {(on - due_on).days} 天"


# --- the workflow (R-TSK-1) -------------------------------------------------


@dataclass(frozen=True)
class ItemState:
    """What the workflow rules need to know about one item."""

    number: str
    kind: ItemKind
    status: ItemStatus
    due_on: date
    concluded_on: date | None = None
    overdue_review: OverdueReview = OverdueReview.NONE
    result: str = ""
    analysis: str = ""
    measure: str = ""
    fixed_now: bool = False
    rectify_by: date | None = None
    has_handler: bool = False


_NEXT_STATUS = {
    Action.START: ItemStatus.IN_PROGRESS,
    Action.SIGN_HANDLER: ItemStatus.HANDLER_SIGNED,
    Action.SIGN_SECTION: ItemStatus.SECTION_SIGNED,
    Action.CLOSE: ItemStatus.CLOSED,
}


def next_status(state: ItemState, action: Action) -> ItemStatus:
    """Status after `action` (unchanged for actions that do not move the item)."""
    if action is Action.ASSIGN:
        return ItemStatus.ASSIGNED if state.status is ItemStatus.REGISTERED else state.status
    return _NEXT_STATUS.get(action, state.status)


def refusal(state: ItemState, action: Action, on: date) -> str | None:
    """Why `action` is not allowed now (Chinese), or None when it is."""
    s = state.status
    where = f"「{state.number}」当前为「{s.value}」"
    late = is_overdue(state.due_on, state.concluded_on, on)
    if action is Action.ASSIGN:
        return None if s.is_open else f"{where}，已办结，不能再交办"
    if action is Action.START:
        if s is ItemStatus.REGISTERED:
            return f"{where}，请先交办到科室和经办人"
        return None if s is ItemStatus.ASSIGNED else f"{where}，不能「开始办理」"
    if action is Action.SIGN_HANDLER:
        if s is ItemStatus.REGISTERED:
            return f"{where}，请先交办到科室和经办人"
        if s not in (ItemStatus.ASSIGNED, ItemStatus.IN_PROGRESS):
            return f"{where}，经办人已签字"
        if late and state.overdue_review is not OverdueReview.ACCEPTED:
            return (
                f"「{state.number}」已超期（期限 {state.due_on:%Y-%m-%d}），"
                "须先由经办人填写超期说明并经部领导审核认可，方可签字办结"
            )
        missing = missing_for_conclusion(state)
        if missing:
            return f"「{state.number}」尚未填写：{'、'.join(missing)}"
        return None
    if action is Action.SIGN_SECTION:
        if s is ItemStatus.HANDLER_SIGNED:
            return None
        return f"{where}，须经办人先签字" if s.is_open else f"{where}，不能「科室签字」"
    if action is Action.CLOSE:
        if s is ItemStatus.SECTION_SIGNED:
            return None
        return f"{where}，须经办人和科室签字后方可注销"
    if action is Action.WRITE_REASON:
        if not s.is_open:
            return f"{where}，已办结，无需填写超期说明"
        if not late:
            return f"「{state.number}」期限为 {state.due_on:%Y-%m-%d}，尚未超期"
        if state.overdue_review is OverdueReview.PENDING:
            return f"「{state.number}」的超期说明正在等待部领导审核"
        if state.overdue_review is OverdueReview.ACCEPTED:
            return f"「{state.number}」的超期说明已审核认可"
        return None
    if action is Action.REVIEW:
        if state.overdue_review is OverdueReview.PENDING:
            return None
        return f"「{state.number}」没有待审核的超期说明"
    if action in (Action.FOLLOW_UP, Action.EDIT):
        if action is Action.FOLLOW_UP and state.kind is not ItemKind.SUGGESTION:
            return f"「{state.number}」不是意见建议"
        return None if s.is_open else f"{where}，已办结，不能修改"
    return f"未知的操作：{action}"  # pragma: no cover


def refusals(state: ItemState, on: date) -> dict[Action, str | None]:
    """Each action with why it is not allowed now (None when it is), for buttons and tooltips.

    The sign dialog asks for the result or answer itself, so a missing one does
    not grey out 经办人签字; everything else must be in place.
    """
    signable = replace(state, result=state.result or "（签字时填写）")
    return {a: refusal(signable if a is Action.SIGN_HANDLER else state, a, on) for a in Action}


def allowed_actions(state: ItemState, on: date) -> list[Action]:
    return [a for a, why in refusals(state, on).items() if why is None]


def check_action(state: ItemState, action: Action, on: date) -> None:
    reason = refusal(state, action, on)
    if reason is not None:
        raise WorkflowError(reason)


def missing_for_conclusion(state: ItemState) -> list[str]:
    """Fields a kind must have before the handler signs (答复 for 信访, 整改 for 纳谏)."""
    missing: list[str] = []
    if state.kind is ItemKind.PETITION and not state.result.strip():
        missing.append("答复意见（群众来信来访须答复后办结）")
    if state.kind is ItemKind.SUGGESTION:
        if not state.analysis.strip():
            missing.append("分析意见")
        if not state.measure.strip():
            missing.append("整改措施")
        if not state.fixed_now and state.rectify_by is None:
            missing.append("立行立改或整改期限")
        if not state.result.strip():
            missing.append("答复情况")
    return missing


class WorkdayCounter:
    """Working days between dates in O(1) after one pass per year (for table cells).

    The ledger shows 「剩 3 个工作日」 for every visible row; counting day by day
    through the calendar for each cell would make a long overdue list slow.
    Same semantics as `WorkCalendar.workdays_between`: days in (a, b].
    """

    EPOCH = 1990

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._prefix: dict[int, list[int]] = {}

    def _year(self, year: int) -> list[int]:
        prefix = self._prefix.get(year)
        if prefix is None:
            day = date(year, 1, 1)
            prefix = [0]
            while day.year == year:
                prefix.append(prefix[-1] + (1 if self.calendar.is_workday(day) else 0))
                day = date.fromordinal(day.toordinal() + 1)
            self._prefix[year] = prefix
        return prefix

    def _rank(self, d: date) -> int:
        """Working days from the epoch up to and including d (negative before it)."""
        total = 0
        if d.year >= self.EPOCH:
            for year in range(self.EPOCH, d.year):
                total += self._year(year)[-1]
        else:
            for year in range(d.year, self.EPOCH):
                total -= self._year(year)[-1]
        return total + self._year(d.year)[d.timetuple().tm_yday]

    def workdays_between(self, a: date, b: date) -> int:
        return self._rank(b) - self._rank(a)
