"""Ledger queries, calendar overrides in the DB, on-time rates, due list, Excel, demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from orgdesk.domain.errors import ValidationFailed
from orgdesk.domain.ledger import ItemKind
from orgdesk.domain.ledger_input import InviteeInput, ItemInput
from orgdesk.domain.workdays import CalendarOverride
from orgdesk.services import ledger as svc
from orgdesk.services.due import DUE_PROVIDERS, collect_due
from orgdesk.services.ledger_calendar import (
    add_override,
    delete_override,
    list_overrides,
    load_calendar,
    uncovered_due_years,
)
from orgdesk.services.ledger_detail import item_detail
from orgdesk.services.ledger_invitees import delete_invitee, list_invitees, save_invitee
from orgdesk.services.ledger_query import OPEN, REVIEW_PENDING, LedgerFilter, LedgerQuery
from orgdesk.services.ledger_reports import (
    export_ledger,
    export_public,
    ledger_due,
    ledger_on_time_rates,
)
from orgdesk.services.reference import load_settings, reference_data

CLERK = "王文书"
NOTICE = "国办发明电〔2026〕X号"


def work(title: str, received: date, **kw) -> ItemInput:
    return ItemInput(kind=ItemKind.WORK, title=title, received_on=received, **kw)


@pytest.fixture
def ledger(db):
    """Five items in two sections, as of 2025-11-10: on time, late, overdue, open, unassigned."""
    ref = reference_data(db)
    cadre, org = ref.section_by_name("干部科"), ref.section_by_name("组织科")
    assert cadre and org
    ids = {}

    def reg(key, data, on):
        ids[key] = svc.register_item(db, data, actor=CLERK, on=on).id

    reg(
        "on_time",
        work("按时", date(2025, 9, 1), section_id=cadre.id, handler_name="甲"),
        date(2025, 9, 1),
    )
    svc.sign_by_handler(db, ids["on_time"], actor="甲", on=date(2025, 9, 10))
    reg(
        "late",
        work("超期办结", date(2025, 9, 1), section_id=cadre.id, handler_name="甲"),
        date(2025, 9, 1),
    )
    svc.write_overdue_reason(db, ids["late"], reason="原因", actor="甲", on=date(2025, 9, 17))
    svc.review_overdue_reason(db, ids["late"], accept=True, actor="部领导", on=date(2025, 9, 18))
    svc.sign_by_handler(db, ids["late"], actor="甲", on=date(2025, 9, 19))
    reg(
        "overdue",
        ItemInput(
            kind=ItemKind.PETITION,
            title="超期未办",
            received_on=date(2025, 9, 28),
            channel="来访",
            party="群众甲",
            party_contact="13800000000",
            section_id=org.id,
            handler_name="乙",
        ),
        date(2025, 9, 28),
    )
    svc.write_overdue_reason(db, ids["overdue"], reason="在核实", actor="乙", on=date(2025, 11, 5))
    reg(
        "open",
        work("未到期", date(2025, 11, 3), section_id=org.id, handler_name="乙", is_public=True),
        date(2025, 11, 3),
    )
    reg("unassigned", work("待交办", date(2025, 11, 10)), date(2025, 11, 10))
    return ids


ON = date(2025, 11, 10)  # a Monday


def test_query_filters_counts_and_sort(db, ledger) -> None:
    q = LedgerQuery(db)
    counts = q.counts(LedgerFilter(), ON)
    assert (counts.total, counts.open, counts.overdue, counts.review_pending) == (5, 3, 1, 1)
    # due this week: "open" (11-03 + 10 workdays = 11-17) no; "unassigned" due 11-24 no.
    assert counts.due_this_week == 0
    assert q.counts(LedgerFilter(due_this_week=True), date(2025, 11, 17)).total == 1

    def titles(f: LedgerFilter, **kw) -> list[str]:
        return [r.title for r in q.page(f, ON, **kw)]

    assert titles(LedgerFilter(overdue=True)) == ["超期办结", "超期未办"]
    assert titles(LedgerFilter(status=OPEN), sort_key="due_on") == ["超期未办", "未到期", "待交办"]
    assert titles(LedgerFilter(status=REVIEW_PENDING)) == ["超期未办"]
    assert titles(LedgerFilter(status="已登记")) == ["待交办"]
    assert titles(LedgerFilter(kind="信访")) == ["超期未办"]
    assert titles(LedgerFilter(text="群众甲")) == ["超期未办"]
    assert titles(LedgerFilter(text="100%")) == []
    org = reference_data(db).section_by_name("组织科")
    assert org is not None
    assert titles(LedgerFilter(section_id=org.id), sort_key="title", descending=True) == [
        "超期未办",
        "未到期",
    ]
    # 时限 puts what still runs first, by due date, then what is concluded.
    assert titles(LedgerFilter(), sort_key="deadline") == [
        "超期未办",
        "未到期",
        "待交办",
        "按时",
        "超期办结",
    ]
    page = q.page(LedgerFilter(), ON, sort_key="status", offset=1, limit=2)
    assert len(page) == 2
    row = q.page(LedgerFilter(kind="信访"), ON)[0]
    assert (row.section, row.handler_name, row.overdue_review) == ("组织科", "乙", "待审核")


def test_on_time_rates_per_section_and_kind(db, ledger) -> None:
    rates = ledger_on_time_rates(db, 2025, on=ON)
    rows = {(r.section, r.kind): (r.due, r.on_time, r.late, r.pending) for r in rates.rows}
    assert rows == {
        ("组织科", "工作事项"): (1, 0, 0, 1),
        ("组织科", "信访"): (1, 0, 1, 0),
        ("干部科", "工作事项"): (2, 1, 1, 0),
        ("未交办", "工作事项"): (1, 0, 0, 1),
    }
    assert [r.section for r in rates.by_section] == ["组织科", "干部科", "未交办"]
    overall = rates.overall
    assert (overall.due, overall.on_time, overall.late, overall.pending) == (5, 1, 2, 2)
    assert overall.rate == pytest.approx(1 / 3)
    by_kind = {r.kind: r.rate for r in rates.by_kind}
    assert by_kind == {"工作事项": 0.5, "信访": 0.0}
    assert ledger_on_time_rates(db, 2024, on=ON).overall.rate is None


def test_due_providers(db, ledger) -> None:
    assert ledger_due in DUE_PROVIDERS
    items = ledger_due(db, ON, load_settings(db))
    kinds = sorted((i.kind, i.record_id) for i in items)
    assert kinds == [("超期说明待审核", ledger["overdue"])]
    # One week on: 「未到期」 (due 11-17) is due within 3 working days on 11-13.
    soon = ledger_due(db, date(2025, 11, 13), load_settings(db))
    assert ("台账临期", ledger["open"]) in [(i.kind, i.record_id) for i in soon]
    svc.review_overdue_reason(
        db, ledger["overdue"], accept=False, comment="补充", actor="部领导", on=ON
    )
    overdue = [i for i in collect_due(db, ON) if i.record_kind == "ledger_item"]
    assert [(i.kind, i.tab, i.who) for i in overdue] == [("台账超期", "工作台账", "乙")]
    assert "超期 " in overdue[0].title and "个工作日" in overdue[0].title


def test_calendar_override_moves_open_deadlines_and_logs_it(db, ledger) -> None:
    before = item_detail(db, ledger["open"], ON)
    assert before.due_on == date(2025, 11, 17)
    change = add_override(
        db,
        CalendarOverride(date(2025, 11, 12), date(2025, 11, 12), "休息", "临时调整", NOTICE),
        actor=CLERK,
        on=ON,
    )
    assert change.moved_items == 2  # 「未到期」 and 「待交办」; concluded ones stay
    after = item_detail(db, ledger["open"], ON)
    assert after.due_on == date(2025, 11, 18)
    assert after.events[-1].action == "期限调整"
    assert "由 2025-11-17 调整为 2025-11-18" in after.events[-1].note
    assert item_detail(db, ledger["on_time"], ON).due_on == date(2025, 9, 15)
    assert [o.override.name for o in list_overrides(db, 2025)] == ["临时调整"]
    assert list_overrides(db, 2026) == []
    with pytest.raises(ValidationFailed, match="已经录入过"):
        add_override(
            db,
            CalendarOverride(date(2025, 11, 12), date(2025, 11, 12), "休息", "临时调整", NOTICE),
            actor=CLERK,
        )
    with pytest.raises(ValidationFailed, match="星期三"):
        add_override(
            db,
            CalendarOverride(date(2025, 11, 12), date(2025, 11, 12), "调休上班", "错", NOTICE),
            actor=CLERK,
        )
    delete_override(db, change.override_id, actor=CLERK, on=ON)
    assert item_detail(db, ledger["open"], ON).due_on == date(2025, 11, 17)


def test_uncovered_year_deadline_is_flagged_until_the_notice_is_entered(db) -> None:
    item = svc.register_item(
        db, work("跨年事项", date(2026, 12, 15)), actor=CLERK, on=date(2026, 12, 15)
    )
    assert not item.due_estimated and item.due_on == date(2026, 12, 29)  # still in 2026
    petition = svc.register_item(
        db,
        ItemInput(
            kind=ItemKind.PETITION,
            title="跨年信访",
            received_on=date(2026, 12, 15),
            channel="来信",
            party="某",
        ),
        actor=CLERK,
        on=date(2026, 12, 15),
    )
    assert petition.due_estimated and petition.due_on == date(2027, 1, 12)
    assert uncovered_due_years(db) == [2027]
    assert not load_calendar(db).is_covered(2027)
    add_override(
        db,
        CalendarOverride(date(2027, 1, 1), date(2027, 1, 3), "休息", "元旦", NOTICE),
        actor=CLERK,
        on=date(2026, 12, 20),
    )
    d = item_detail(db, petition.id, date(2026, 12, 20))
    assert d.due_on == date(2027, 1, 13) and not d.due_estimated
    assert uncovered_due_years(db) == []


def test_export_filtered_ledger_reads_back(db, ledger, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    seen: list[int] = []
    n = export_ledger(
        db, path, LedgerFilter(status=OPEN), on=ON, progress=lambda d, t, _x: seen.append(t) or True
    )
    assert n == 3
    ws = load_workbook(path).active
    assert ws is not None
    header = [c.value for c in ws[1]]
    assert header[:3] == ["编号", "类别", "事由"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[2] for r in rows] == ["超期未办", "未到期", "待交办"]
    first = dict(zip(header, rows[0], strict=True))
    assert first["来信来访人"] == "群众甲" and first["超期说明"] == "待审核"
    assert first["时限"] == "超期 6 个工作日" and first["期限说明"] == "20 个工作日"
    assert ws.freeze_panes == "A2"
    done = export_ledger(db, tmp_path / "all.xlsx", LedgerFilter(), on=ON)
    assert done == 5
    ws = load_workbook(tmp_path / "all.xlsx").active
    assert ws is not None
    signed = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[2] == "按时")
    assert signed[17] == "甲 2025-09-10"


def test_export_public_part_omits_personal_data(db, ledger, tmp_path: Path) -> None:
    save_invitee(db, InviteeInput("特邀监督员", "赵监督", "县一中", "教师", "13900000000"))
    path = tmp_path / "公开.xlsx"
    assert export_public(db, path, 2025, on=ON) == 1  # only 「未到期」 was marked public
    wb = load_workbook(path)
    assert wb.sheetnames == ["部务公开事项", "特邀人员", "按时办结率"]
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    assert "超期未办" not in text  # a petition is not public
    assert "群众甲" not in text and "13800000000" not in text and "13900000000" not in text
    assert "赵监督" in text and "33.3%" in text


def test_invitees_roster(db) -> None:
    a = save_invitee(db, InviteeInput("特邀研究员", "钱研究", "党校"))
    save_invitee(db, InviteeInput("特邀监督员", "孙监督"))
    assert [i.name for i in list_invitees(db)] == ["孙监督", "钱研究"]
    data = list_invitees(db, "特邀研究员")[0].as_input()
    data.unit = "县委党校"
    save_invitee(db, data, a)
    assert list_invitees(db, "特邀研究员")[0].unit == "县委党校"
    with pytest.raises(ValidationFailed, match="姓名"):
        save_invitee(db, InviteeInput("特邀评论员", " "))
    delete_invitee(db, a)
    assert [i.name for i in list_invitees(db)] == ["孙监督"]


def test_demo_has_a_year_of_every_kind(demo_db) -> None:
    q = LedgerQuery(demo_db)
    on = date(2026, 6, 30)
    for kind in ItemKind:
        assert q.counts(LedgerFilter(kind=kind.value), on).total >= 10, kind
    counts = q.counts(LedgerFilter(), on)
    assert counts.overdue > 0 and counts.review_pending > 0
    assert q.counts(LedgerFilter(status="已注销"), on).total > counts.total // 2
    routed = [
        r for r in q.page(LedgerFilter(kind="首问登记"), on, limit=500) if r.status != "已登记"
    ]
    details = [item_detail(demo_db, r.id, on) for r in routed]
    assert any(d.within_duty is False and d.routed_to for d in details)
    assert any(d.within_duty for d in details)
    late = [r for r in q.page(LedgerFilter(overdue=True), on, limit=500)]
    assert any(item_detail(demo_db, r.id, on).reasons for r in late)
    assert list_invitees(demo_db)
    rates = ledger_on_time_rates(demo_db, 2026, on=on)
    assert rates.overall.rate is not None and 0.5 < rates.overall.rate < 1


def test_text_search_ignores_latin_case_on_both_backends(db) -> None:  # type: ignore[no-untyped-def]
    """「oa」 finds 「OA系统」 on the department server as in the standalone file."""
    svc.register_item(db, work("OA系统升级", date(2025, 11, 3)), actor=CLERK, on=date(2025, 11, 3))
    svc.register_item(db, work("档案_整理", date(2025, 11, 3)), actor=CLERK, on=date(2025, 11, 3))
    q = LedgerQuery(db)

    def titles(text: str) -> list[str]:
        return [r.title for r in q.page(LedgerFilter(text=text), ON)]

    assert titles("oa系统") == titles("OA系统") == ["OA系统升级"]
    assert titles("_") == ["档案_整理"]  # taken literally, not as a wildcard
