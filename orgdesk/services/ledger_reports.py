"""What the ledger tells others: on-time rates, the due list, and Excel exports.

`ledger_on_time_rates(db, year)` is plain data for the annual report;
`ledger_due` feeds the 待办 panel; the exports write the filtered ledger and
the public part (部务公开, R-TSK-7) through `storage/xlsx_export.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import String, case, cast, func, select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.due import DueItem, Urgency
from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.ledger import ItemKind, OverdueReview, WorkdayCounter, deadline_text
from orgdesk.domain.settings import Settings
from orgdesk.services.ledger_calendar import load_calendar
from orgdesk.services.ledger_invitees import list_invitees
from orgdesk.services.ledger_query import LedgerFilter, overdue_condition, where
from orgdesk.storage.database import Database
from orgdesk.storage.models import Section
from orgdesk.storage.models.ledger import LedgerItem, LedgerSignature
from orgdesk.storage.xlsx_export import save_workbook, write_table

TAB = "工作台账"
RECORD_KIND = "ledger_item"
NO_SECTION = "未交办"
ALL = "合计"

# --- on-time rate (the annual report reads this) ---------------------------


@dataclass(frozen=True)
class OnTimeRate:
    """Items due in the year for one section and kind.

    on_time: concluded (handler signed) on or before the due date;
    late: concluded after it, or still open past it as of `as_of`;
    pending: open and not yet due — not counted in the rate.
    """

    section: str
    kind: str
    due: int
    on_time: int
    late: int
    pending: int

    @property
    def rate(self) -> float | None:
        decided = self.on_time + self.late
        return self.on_time / decided if decided else None


@dataclass(frozen=True)
class OnTimeRates:
    year: int
    as_of: date
    rows: tuple[OnTimeRate, ...]  # per section and kind
    by_section: tuple[OnTimeRate, ...]  # kind == 合计
    by_kind: tuple[OnTimeRate, ...]  # section == 合计
    overall: OnTimeRate


def ledger_on_time_rates(db: Database, year: int, *, on: date | None = None) -> OnTimeRates:
    """办结率 per section and kind for items due in `year`, as of `on` (default today)."""
    on = on or date.today()
    concluded = LedgerItem.concluded_on
    stmt = (
        select(
            func.coalesce(Section.name, NO_SECTION),
            func.coalesce(Section.sort_order, 9999),
            LedgerItem.kind,
            func.count(),
            func.sum(case((concluded.is_not(None) & (concluded <= LedgerItem.due_on), 1), else_=0)),
            func.sum(case((overdue_condition(on), 1), else_=0)),
            func.sum(case((concluded.is_(None) & (LedgerItem.due_on >= on), 1), else_=0)),
        )
        .outerjoin(Section, Section.id == LedgerItem.section_id)
        .where(LedgerItem.due_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(LedgerItem.section_id, Section.name, Section.sort_order, LedgerItem.kind)
    )
    kind_order = {k.value: i for i, k in enumerate(ItemKind)}
    with db.engine.connect() as conn:
        raw = sorted(conn.execute(stmt), key=lambda r: (r[1], r[0], kind_order.get(r[2], 99)))
    rows = tuple(OnTimeRate(r[0], r[2], r[3], r[4], r[5], r[6]) for r in raw)

    def total(label_section: str, label_kind: str, part: list[OnTimeRate]) -> OnTimeRate:
        return OnTimeRate(
            label_section,
            label_kind,
            sum(p.due for p in part),
            sum(p.on_time for p in part),
            sum(p.late for p in part),
            sum(p.pending for p in part),
        )

    sections = list(dict.fromkeys(r.section for r in rows))
    by_section = tuple(total(sec, ALL, [r for r in rows if r.section == sec]) for sec in sections)
    kinds = sorted({r.kind for r in rows}, key=lambda k: kind_order.get(k, 99))
    by_kind = tuple(total(ALL, k, [r for r in rows if r.kind == k]) for k in kinds)
    return OnTimeRates(year, on, rows, by_section, by_kind, total(ALL, ALL, list(rows)))


# --- the due list -----------------------------------------------------------


def ledger_due(db: Database, on: date, settings: Settings) -> list[DueItem]:
    """Open items past due or due within `ledger.warn_workdays`, and reasons awaiting review."""
    calendar = load_calendar(db)
    counter = WorkdayCounter(calendar)
    soon = calendar.add_workdays(on, settings.int("ledger.warn_workdays")).due
    is_open = LedgerItem.concluded_on.is_(None)
    stmt = (
        select(
            LedgerItem.id,
            LedgerItem.number,
            LedgerItem.title,
            LedgerItem.handler_name,
            LedgerItem.due_on,
            LedgerItem.overdue_review,
            LedgerItem.concluded_on,
        )
        .where(
            (is_open & (LedgerItem.due_on <= soon))
            | (LedgerItem.overdue_review == OverdueReview.PENDING.value)
        )
        .order_by(LedgerItem.due_on)
    )
    items: list[DueItem] = []
    with db.engine.connect() as conn:
        for item_id, number, title, handler, due_on, review, concluded in conn.execute(stmt):
            text = deadline_text(due_on, concluded, on, counter)
            if review == OverdueReview.PENDING.value:  # the leader's turn
                kind = "超期说明待审核"
                urgency = Urgency.OVERDUE if concluded is None and due_on < on else Urgency.NOTICE
            elif due_on < on:
                kind, urgency = "台账超期", Urgency.OVERDUE
            else:
                kind, urgency = "台账临期", Urgency.DUE_SOON
            items.append(
                DueItem(
                    kind=kind,
                    title=f"{number} {title}（{text}）",
                    due=due_on,
                    urgency=urgency,
                    tab=TAB,
                    record_kind=RECORD_KIND,
                    record_id=item_id,
                    who=handler,
                )
            )
    return items


# --- Excel ------------------------------------------------------------------

Progress = Callable[[int, int, str], bool]

LEDGER_EXPORT_HEADERS = (
    "编号",
    "类别",
    "事由",
    "具体内容",
    "来源",
    "来信来访人",
    "渠道",
    "登记日期",
    "办理期限",
    "期限说明",
    "承办科室",
    "经办人",
    "状态",
    "时限",
    "办结日期",
    "注销日期",
    "办理结果/答复",
    "经办人签字",
    "科室签字",
    "超期说明",
    "部务公开",
)

PUBLIC_HEADERS = (
    "编号",
    "类别",
    "事由",
    "承办科室",
    "登记日期",
    "办理期限",
    "状态",
    "办结日期",
    "是否按时",
    "整改措施",
    "办理结果",
)


def _signature(role: str):  # type: ignore[no-untyped-def]
    return (
        select(LedgerSignature.signer + " " + cast(LedgerSignature.signed_on, String))
        .where(LedgerSignature.item_id == LedgerItem.id, LedgerSignature.role == role)
        .order_by(LedgerSignature.id.desc())
        .limit(1)
        .scalar_subquery()
    )


@requires(Permission.EXPORT, area="工作台账", action="导出工作台账")
def export_ledger(
    db: Database,
    path: Path,
    f: LedgerFilter,
    *,
    on: date | None = None,
    progress: Progress | None = None,
) -> int:
    """The filtered ledger, every column, to one sheet; returns the number of rows."""
    on = on or date.today()
    counter = WorkdayCounter(load_calendar(db))
    stmt = (
        select(
            LedgerItem,
            func.coalesce(Section.name, "").label("section"),
            _signature("经办人").label("sig_handler"),
            _signature("科室").label("sig_section"),
        )
        .outerjoin(Section, Section.id == LedgerItem.section_id)
        .where(*where(f, on))
        .order_by(LedgerItem.due_on, LedgerItem.id)
        .execution_options(yield_per=1000)
    )
    count = select(func.count()).select_from(LedgerItem).where(*where(f, on))
    rows = []
    with db.unit_of_work() as uow:
        total = int(uow.session.execute(count).scalar_one())
        for n, (item, section, sig_h, sig_s) in enumerate(uow.session.execute(stmt), start=1):
            if progress is not None and n % 500 == 0 and not progress(n, total, "正在导出台账…"):
                raise OrgDeskError("已取消导出，未生成文件")
            if item.due_manual:
                basis = "指定期限"
            else:
                basis = f"{item.limit_days} 个工作日" + ("（预估）" if item.due_estimated else "")
            rows.append(
                (
                    item.number,
                    item.kind,
                    item.title,
                    item.content,
                    item.source,
                    item.party,
                    item.channel,
                    item.received_on,
                    item.due_on,
                    basis,
                    section,
                    item.handler_name,
                    item.status,
                    deadline_text(item.due_on, item.concluded_on, on, counter),
                    item.concluded_on,
                    item.closed_on,
                    item.result,
                    sig_h or "",
                    sig_s or "",
                    item.overdue_review,
                    item.is_public,
                )
            )
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "工作台账"
    write_table(ws, LEDGER_EXPORT_HEADERS, rows, text_columns=("编号",))
    save_workbook(wb, path)
    if progress is not None:
        progress(total, total, "导出完成")
    return len(rows)


def export_public(db: Database, path: Path, year: int, *, on: date | None = None) -> int:
    """部务公开: public items received in `year`, the invited-people rosters and 办结率.

    Nothing personal: no petitioner, contact or phone number leaves the office.
    """
    on = on or date.today()
    f = LedgerFilter(public_only=True, year=year)
    stmt = (
        select(
            LedgerItem.number,
            LedgerItem.kind,
            LedgerItem.title,
            func.coalesce(Section.name, ""),
            LedgerItem.received_on,
            LedgerItem.due_on,
            LedgerItem.status,
            LedgerItem.concluded_on,
            LedgerItem.measure,
            LedgerItem.result,
        )
        .outerjoin(Section, Section.id == LedgerItem.section_id)
        .where(*where(f, on))
        .order_by(LedgerItem.received_on, LedgerItem.id)
    )
    with db.engine.connect() as conn:
        rows = []
        for (
            number,
            kind,
            title,
            section,
            received,
            due,
            status,
            concluded,
            measure,
            result,
        ) in conn.execute(stmt):
            if concluded is None:
                timely = "办理中" if due >= on else "已超期"
            else:
                timely = "按时" if concluded <= due else "超期"
            rows.append(
                (
                    number,
                    kind,
                    title,
                    section,
                    received,
                    due,
                    status,
                    concluded,
                    timely,
                    measure,
                    result,
                )
            )
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "部务公开事项"
    write_table(ws, PUBLIC_HEADERS, rows, text_columns=("编号",))
    roster = wb.create_sheet("特邀人员")
    write_table(
        roster,
        ("类别", "姓名", "工作单位", "职务", "聘任日期", "任期届满"),
        [
            (i.role, i.name, i.unit, i.title, i.appointed_on, i.term_end)
            for i in list_invitees(db)
            if i.active
        ],
    )
    rates = ledger_on_time_rates(db, year, on=on)
    sheet = wb.create_sheet("按时办结率")
    write_table(
        sheet,
        ("承办科室", "类别", "到期事项", "按时办结", "超期", "未到期", "按时办结率"),
        [
            (r.section, r.kind, r.due, r.on_time, r.late, r.pending, _percent(r.rate))
            for r in (*rates.by_section, *rates.by_kind, rates.overall)
        ],
    )
    save_workbook(wb, path)
    return len(rows)


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"
