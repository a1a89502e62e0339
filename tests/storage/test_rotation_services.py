"""交流轮岗 services against a real SQLite file: secondments, plans, contact points, meetings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from orgdesk.domain.contact_points import (
    Attendance,
    ContactKind,
    ContactPointInput,
    MeetingInput,
    VisitActivity,
    VisitInput,
)
from orgdesk.domain.due import Urgency
from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.rotation import RotationState
from orgdesk.domain.rotation_plan import ConflictKind, PlanStatus
from orgdesk.domain.secondment import SecondmentInput, SecondmentKind, SecondmentStatus
from orgdesk.services import rotation_plan as plans
from orgdesk.services.contact_points import (
    contact_points_due,
    list_contact_points,
    save_contact_point,
    save_visit,
)
from orgdesk.services.due import collect_due
from orgdesk.services.people import get_cadre
from orgdesk.services.reference import load_settings
from orgdesk.services.rotation import gap_suggestions, rotation_due_list
from orgdesk.services.secondments import (
    delete_secondment,
    end_secondment,
    list_secondments,
    save_secondment,
    secondments_due,
)
from orgdesk.services.timeline import department_view, person_timeline
from orgdesk.services.work_meetings import meeting_grid, meetings_due, save_meeting
from orgdesk.storage.database import Database
from orgdesk.storage.models import Posting
from orgdesk.storage.models.rotation import Secondment
from orgdesk.storage.rotation_export import write_plan_pdf, write_plan_xlsx
from tests.storage.rotation_helpers import TODAY, add_person, add_posts, section_id
from tests.trust_support import cli_db

# -- secondments ----------------------------------------------------------------------------


def _secondment(cadre_id: int, **changes: object) -> SecondmentInput:
    data = SecondmentInput(
        cadre_id=cadre_id,
        kind=SecondmentKind.DOWN,
        host_unit="城关镇人民政府",
        host_post="党委副书记",
        planned_start=date(2025, 7, 1),
        planned_end=date(2026, 6, 30),
        actual_start=date(2025, 7, 1),
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def count(db: Database, model: type) -> int:
    with db.unit_of_work() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_out_of_range_secondment_needs_a_reason_and_nothing_is_stored(db: Database) -> None:
    who = add_person(db, 1, "张三", "办公室", "科员", date(2020, 1, 1))
    with pytest.raises(ValidationFailed) as caught:
        save_secondment(db, _secondment(who, planned_end=date(2027, 6, 30)), actor="李文书")
    assert "超过「下派」的 12–18 个月" in str(caught.value)
    assert "超出期限原因" in str(caught.value)
    assert count(db, Secondment) == 0
    saved = save_secondment(
        db,
        _secondment(who, planned_end=date(2027, 6, 30), out_of_range_reason="驻村帮扶"),
        actor="李文书",
    )
    assert saved.warnings and "超过" in saved.warnings[0].message
    (row,) = list_secondments(db, TODAY)
    assert row.range_note.endswith("原因：驻村帮扶")
    assert row.status is SecondmentStatus.ONGOING and row.length == "2年"


def test_ending_a_secondment_writes_the_posting_history(db: Database) -> None:
    who = add_person(db, 1, "张三", "办公室", "科员", date(2020, 1, 1))
    sid = save_secondment(db, _secondment(who), actor="李文书").id
    posting_id = end_secondment(db, sid, date(2026, 6, 30), actor="李文书", today=TODAY)
    cadre, _version = get_cadre(db, who)
    line = next(p for p in cadre.postings if p.id == posting_id)
    assert (line.unit, line.post_title) == ("城关镇人民政府", "党委副书记")
    assert (line.start_date, line.end_date, line.section_id) == (
        date(2025, 7, 1),
        date(2026, 6, 30),
        None,
    )
    home = [p for p in cadre.postings if p.section_id is not None]
    assert home[-1].end_date is None  # the home post is kept while away
    assert cadre.section_id == section_id(db, "办公室")
    with pytest.raises(OrgDeskError, match="已于 2026-06-30 结束"):
        end_secondment(db, sid, date(2026, 6, 30), actor="李文书", today=TODAY)
    with pytest.raises(OrgDeskError, match="不能删除"):
        delete_secondment(db, sid)
    # the history line is the one the timeline shows in the secondment lane, not as a post
    timeline = person_timeline(db, who, TODAY)
    assert [b.label for b in timeline.bars if b.lane.value == "任职经历"] == ["办公室 科员"]
    assert [b.label for b in timeline.bars if b.lane.value == "挂职锻炼"] == ["下派·城关镇人民政府"]


def test_ending_outside_the_range_needs_a_reason(db: Database) -> None:
    who = add_person(db, 1, "张三", "办公室", "科员", date(2020, 1, 1))
    sid = save_secondment(db, _secondment(who), actor="李文书").id
    with pytest.raises(ValidationFailed, match="实际期限 6个月，短于"):
        end_secondment(db, sid, date(2025, 12, 31), actor="李文书", today=TODAY)
    with db.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Posting)) == 1
    end_secondment(db, sid, date(2025, 12, 31), actor="李文书", reason="因病提前召回", today=TODAY)
    (row,) = list_secondments(db, TODAY)
    assert row.status is SecondmentStatus.ENDED and "因病提前召回" in row.range_note


def test_secondments_ending_soon_and_overdue_in_the_due_list(db: Database) -> None:
    a = add_person(db, 1, "张三", "办公室", "科员", date(2020, 1, 1))
    b = add_person(db, 2, "李四", "组织科", "科员", date(2020, 1, 1))
    c = add_person(db, 3, "王五", "干部科", "科员", date(2020, 1, 1))
    save_secondment(db, _secondment(a, planned_end=date(2026, 7, 20)), actor="x")
    save_secondment(
        db, _secondment(b, planned_start=date(2025, 6, 1), planned_end=date(2026, 5, 31)), actor="x"
    )
    save_secondment(
        db,
        _secondment(
            c, planned_start=date(2026, 7, 1), planned_end=date(2027, 6, 30), actual_start=None
        ),
        actor="x",
    )
    items = secondments_due(db, TODAY, load_settings(db))
    assert [(i.who, i.urgency) for i in items] == [
        ("李四", Urgency.OVERDUE),
        ("张三", Urgency.DUE_SOON),
    ]
    assert "2026-05-31 期满，请办理结束挂职" in items[0].title
    assert items[0].tab == "交流轮岗" and items[0].record_kind == "secondment"
    assert {i.kind for i in collect_due(db, TODAY)} >= {"挂职期满"}


# -- rotation due list and suggestions -------------------------------------------------------


def test_due_list_reads_history_with_filters(db: Database) -> None:
    add_person(
        db,
        1,
        "张三",
        "办公室",
        "科员",
        date(2023, 6, 30),
        earlier=(("组织科", date(2018, 1, 1), date(2023, 6, 29)),),
    )
    add_person(
        db,
        2,
        "李四",
        "组织科",
        "科员",
        date(2021, 1, 1),
        earlier=(("办公室", date(2015, 1, 1), date(2020, 12, 31)),),
    )
    add_person(db, 3, "王五", "综合科", "科员", date(2024, 1, 1))
    rows = rotation_due_list(db, TODAY)
    by_name = {r.name: r for r in rows}
    assert by_name["张三"].state is RotationState.DUE and by_name["张三"].in_post == "3年"
    assert by_name["李四"].state is RotationState.OVERDUE
    assert by_name["王五"].state is RotationState.DUE and by_name["王五"].rule == "首岗（综合科室）"
    assert rows[0].name == "李四"
    only = rotation_due_list(db, TODAY, section_id=section_id(db, "组织科"))
    assert [r.name for r in only] == ["李四"]
    overdue = rotation_due_list(db, TODAY, states=frozenset({RotationState.OVERDUE}))
    assert [r.name for r in overdue] == ["李四"]
    suggestions = gap_suggestions(db, TODAY)
    assert {s.name for s in suggestions if s.kind is SecondmentKind.DOWN} == {
        "张三",
        "李四",
        "王五",
    }


# -- the yearly plan ---------------------------------------------------------------------------


def _plan_with_conflict(db: Database) -> tuple[int, dict[str, int]]:
    add_posts(db)
    ids = {
        "周科": add_person(db, 1, "周科", "办公室", "科长", date(2020, 1, 1), rank="科长"),
        "张三": add_person(db, 2, "张三", "组织科", "科员", date(2021, 1, 1)),
        "李四": add_person(db, 3, "李四", "干部科", "科员", date(2021, 1, 1)),
    }
    plan_id = plans.create_plan(db, 2026, "", actor="李文书")
    plans.save_move(
        db,
        plan_id,
        plans.MoveInput(ids["张三"], section_id(db, "干部科"), "科员", date(2026, 9, 1)),
    )
    plans.save_move(
        db,
        plan_id,
        plans.MoveInput(ids["周科"], section_id(db, "组织科"), "科员", date(2026, 9, 1)),
    )
    return plan_id, ids


def test_plan_checks_then_approval_applies_every_move(db: Database) -> None:
    plan_id, ids = _plan_with_conflict(db)
    view = plans.get_plan(db, plan_id)
    assert view.summary.title == "2026年度组工干部交流轮岗计划"
    assert [c.kind for c in view.conflicts] == [ConflictKind.NO_CHIEF]
    assert view.moves[1].findings and "办公室调整后没有科长" in view.moves[1].findings[0]
    assert view.moves[0].from_section == "组织科"
    with pytest.raises(plans.PlanNeedsConfirmation):
        plans.approve_plan(db, plan_id, actor="部长")
    assert plans.get_plan(db, plan_id).summary.status is PlanStatus.DRAFT
    applied = plans.approve_plan(db, plan_id, actor="部长", accept_warnings=True)
    assert applied == 2
    cadre, _ = get_cadre(db, ids["张三"])
    assert cadre.section_id == section_id(db, "干部科")
    assert [(p.section_id, p.start_date, p.end_date) for p in cadre.postings][-2:] == [
        (section_id(db, "组织科"), date(2021, 1, 1), date(2026, 8, 31)),
        (section_id(db, "干部科"), date(2026, 9, 1), None),
    ]
    approved = plans.get_plan(db, plan_id)
    assert approved.summary.status is PlanStatus.APPROVED and approved.summary.approved_by == "部长"
    assert approved.moves[0].from_section == "组织科"  # frozen at approval
    with pytest.raises(OrgDeskError, match="已批准"):
        plans.save_move(
            db,
            plan_id,
            plans.MoveInput(ids["李四"], section_id(db, "办公室"), "科员", date(2026, 9, 1)),
        )


def test_blocking_conflict_refuses_approval(db: Database) -> None:
    plan_id, ids = _plan_with_conflict(db)
    plans.save_move(
        db,
        plan_id,
        plans.MoveInput(ids["李四"], section_id(db, "组织科"), "科长", date(2026, 9, 1)),
    )
    plans.save_move(
        db,
        plan_id,
        plans.MoveInput(ids["张三"], section_id(db, "组织科"), "科长", date(2026, 9, 1)),
    )
    view = plans.get_plan(db, plan_id)
    assert {c.kind for c in view.blocking} == {
        ConflictKind.DUPLICATE_PERSON,
        ConflictKind.POST_TWICE,
    }
    with pytest.raises(ValidationFailed, match="同一人重复安排"):
        plans.approve_plan(db, plan_id, actor="部长", accept_warnings=True)
    cadre, _ = get_cadre(db, ids["张三"])
    assert cadre.section_id == section_id(db, "组织科")


def test_approval_is_all_or_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    plan_id, ids = _plan_with_conflict(db)
    real = plans.apply_move
    calls = []

    def second_fails(s, move):  # type: ignore[no-untyped-def]
        calls.append(move.cadre_id)
        if len(calls) == 2:
            raise OrgDeskError("模拟第二条失败")
        return real(s, move)

    monkeypatch.setattr(plans, "apply_move", second_fails)
    with pytest.raises(OrgDeskError, match="模拟第二条失败"):
        plans.approve_plan(db, plan_id, actor="部长", accept_warnings=True)
    assert len(calls) == 2
    for cid in ids.values():
        cadre, _ = get_cadre(db, cid)
        assert all(p.start_date < date(2026, 9, 1) for p in cadre.postings)
    assert plans.get_plan(db, plan_id).summary.status is PlanStatus.DRAFT


def test_plan_export_reads_back(db: Database, tmp_path: Path) -> None:
    plan_id, _ = _plan_with_conflict(db)
    report = plans.plan_report(db, plan_id, today=TODAY)
    write_plan_xlsx(report, tmp_path / "plan.xlsx")
    write_plan_pdf(report, tmp_path / "plan.pdf")
    ws = load_workbook(tmp_path / "plan.xlsx")["交流计划"]
    assert ws["A1"].value == "2026年度组工干部交流轮岗计划"
    assert [c.value for c in ws[3]][:3] == ["序号", "姓名", "现科室"]
    assert [c.value for c in ws[4]][1:6] == ["张三", "组织科", "科员", "干部科", "科员"]
    assert "办公室调整后没有科长" in str(ws.cell(row=5, column=10).value)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "plan.pdf").pages)
    assert "2026年度组工干部交流轮岗计划" in text and "周科" in text
    fonts = PdfReader(tmp_path / "plan.pdf").pages[0]["/Resources"]["/Font"]
    cjk = [
        f.get_object() for f in fonts.values() if "WenQuanYi" in str(f.get_object()["/BaseFont"])
    ]
    assert cjk and "/FontFile2" in cjk[0]["/FontDescriptor"].get_object()  # embedded


# -- contact points and meetings ------------------------------------------------------------


def test_contact_point_not_visited_is_due(db: Database) -> None:
    pid = save_contact_point(
        db, ContactPointInput("王庄村", ContactKind.VILLAGE, None), today=date(2026, 1, 1)
    )
    settings = load_settings(db)
    assert [i.title for i in contact_points_due(db, date(2026, 4, 1), settings)] == []
    (item,) = contact_points_due(db, date(2026, 4, 2), settings)
    assert "部机关联系点「王庄村」建立以来尚未走访" in item.title and item.due == date(2026, 4, 1)
    save_visit(
        db,
        VisitInput(pid, date(2026, 4, 2), "张三、李四", VisitActivity.SURVEY),
        actor="x",
        today=TODAY,
    )
    assert contact_points_due(db, date(2026, 6, 30), settings) == []
    (row,) = list_contact_points(db, date(2026, 7, 2))
    assert row.visits == 1 and row.next_due == date(2026, 7, 1) and row.overdue
    with pytest.raises(ValidationFailed, match="走访人员"):
        save_visit(
            db, VisitInput(pid, date(2026, 4, 3), " ", VisitActivity.SURVEY), actor="x", today=TODAY
        )


def test_missed_monthly_report_is_due(db: Database) -> None:
    who = add_person(db, 1, "张三", "办公室", "科长", date(2020, 1, 1), rank="科长")
    office, org = section_id(db, "办公室"), section_id(db, "组织科")
    assert meetings_due(db, TODAY, load_settings(db)) == []  # nothing on record: not tracking
    for month in (3, 4, 5):
        reports = {office: "已完成"} | ({org: "按计划"} if month != 4 else {})
        save_meeting(
            db,
            MeetingInput(
                date(2026, month, 5),
                "部长",
                "纪要",
                reports=reports,
                attendance={who: Attendance.PRESENT},
            ),
            actor="x",
            today=TODAY,
        )
    items = meetings_due(db, TODAY, load_settings(db))
    titles = {i.who: i.title for i in items}
    assert titles["组织科"] == "组织科 2026年4月未在职能科室工作汇报会上汇报"
    assert "办公室" not in titles  # reported every month since tracking began
    assert "县委党员教育中心" not in titles  # not a functional section
    grid = meeting_grid(db, 2026, TODAY)
    assert grid.states[(org, 4)].value == "未汇报" and grid.states[(org, 5)].value == "已汇报"
    assert grid.states[(org, 6)].value == "本月" and grid.states[(org, 2)].value == "—"


def test_department_view(db: Database) -> None:
    add_person(
        db,
        1,
        "张三",
        "办公室",
        "科员",
        date(2023, 6, 30),
        earlier=(("组织科", date(2018, 1, 1), date(2023, 6, 29)),),
    )
    view = department_view(db, 2017, 2026, TODAY)
    (row,) = view.rows
    names = [view.sections[c].name if c else "" for c in row.cells]
    assert names == [
        "",
        "组织科",
        "组织科",
        "组织科",
        "组织科",
        "组织科",
        "办公室",
        "办公室",
        "办公室",
        "办公室",
    ]


def test_demo_has_every_kind_and_due_items(demo_db: Database) -> None:
    rows = list_secondments(demo_db, date(2026, 6, 30))
    assert {r.kind for r in rows} == set(SecondmentKind)
    assert {r.status for r in rows} == set(SecondmentStatus)
    assert plans.list_plans(demo_db)[0].moves >= 3
    kinds = {i.kind for i in collect_due(demo_db, date(2026, 6, 30))}
    assert {"挂职期满", "联系点走访", "工作汇报会"} <= kinds


def test_cli_lists_due_and_exports_the_plan(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from orgdesk.cli.main import main

    assert main(["rotation", "due", "--db", cli_db(demo_db), "--on", "2026-06-30"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("轮岗到期名单（截至 2026-06-30）") and "到期 " in out
    target = tmp_path / "计划.xlsx"
    assert main(["rotation", "export-plan", "--db", cli_db(demo_db), "--out", str(target)]) == 0
    assert target.exists() and load_workbook(target)["交流计划"]["A1"].value.endswith(
        "交流轮岗计划"
    )
    assert main(["rotation", "export-plan", "--db", cli_db(demo_db), "--out", "x.txt"]) == 1
    assert "应以 .xlsx 或 .pdf 结尾" in capsys.readouterr().err
