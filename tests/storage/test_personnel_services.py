"""Intake, trials and outflow through the services, on a real SQLite file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.intake import ENTRY_DIMENSIONS, Decision, IntakeChannel, Weights
from orgdesk.domain.outflow import OutflowInput
from orgdesk.domain.people import CadreInput, CadreStatus, RankLevel
from orgdesk.domain.trial import TrialStatus
from orgdesk.services.candidate_import import import_candidates
from orgdesk.services.due import collect_due
from orgdesk.services.intake import (
    BatchInput,
    CandidateInput,
    PostInput,
    get_batch,
    save_batch,
    save_candidate,
    set_score,
)
from orgdesk.services.intake_decision import hire_candidate, reject_candidate, reset_decision
from orgdesk.services.outflow import list_outflows, record_outflow, undo_outflow
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.services.personnel_report import intake_for_year, outflow_for_year
from orgdesk.services.reference import change_setting, reference_data
from orgdesk.services.roster import RosterFilter, RosterQuery
from orgdesk.services.trial import (
    confirm_trial,
    extend_trial,
    get_trial,
    list_trials,
    not_confirm_trial,
    start_trial,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre
from tests.trust_support import cli_db

TODAY = date(2026, 6, 30)
GOOD = {k: "良好" for k, _ in ENTRY_DIMENSIONS}


def idn(birth: date, seq: int = 11) -> str:
    return make_id_number("410102", birth, seq)


def make_batch(
    db: Database, channel: IntakeChannel = IntakeChannel.PUBLIC_EXAM, headcount: int = 1
) -> int:
    ref = reference_data(db)
    return save_batch(
        db,
        BatchInput(
            year=2026,
            title="2026年公开招考",
            channel=channel,
            weights=Weights(0.4, 0.4, 0.2),
            posts=[
                PostInput(
                    "副科长" if channel is IntakeChannel.TRANSFER_LOWER else "科员",
                    ref.section_by_name("办公室").id,  # type: ignore[union-attr]
                    ref.rank_by_name(
                        "副科长" if channel is IntakeChannel.TRANSFER_LOWER else "一级科员"
                    ).id,  # type: ignore[union-attr]
                    headcount,
                )
            ],
        ),
    )


def candidate(
    name: str, birth: date, scores: tuple[float, float, float] = (80, 85, 90), **kw: object
) -> CandidateInput:
    return CandidateInput(
        name=name,
        id_number=idn(birth),
        education="大学本科",
        grades=dict(GOOD),
        scores=dict(zip(("written", "interview", "assessment"), scores, strict=True)),
        **kw,  # type: ignore[arg-type]
    )


# -- intake batches ---------------------------------------------------------------------


def test_batch_needs_title_weights_summing_to_one_and_posts(db: Database) -> None:
    with pytest.raises(ValidationFailed) as caught:
        save_batch(db, BatchInput(2026, " ", IntakeChannel.OPEN_POST, Weights(0.5, 0.5, 0.5), []))
    assert [p.field for p in caught.value.problems] == ["批次名称", "权重", "岗位"]


def test_totals_and_ranks_per_post(db: Database) -> None:
    batch_id = make_batch(db)
    a = save_candidate(db, batch_id, candidate("张三", date(1995, 1, 1), (80, 80, 80)))
    b = save_candidate(db, batch_id, candidate("李四", date(1996, 1, 1), (90, 90, 90)))
    c = save_candidate(db, batch_id, candidate("王五", date(1997, 1, 1), (80, 80, 80)))
    set_score(db, c, "assessment", None)
    detail = get_batch(db, batch_id)
    by_id = {r.id: r for r in detail.candidates}
    assert (by_id[b].total, by_id[b].rank) == (90.0, 1)
    assert (by_id[a].total, by_id[a].rank) == (80.0, 2)
    assert (by_id[c].total, by_id[c].rank) == (None, None)
    assert by_id[a].data.sex == "男" and by_id[a].data.birth_date == date(1995, 1, 1)


def test_candidate_checks(db: Database) -> None:
    batch_id = make_batch(db)
    bad = candidate("张三", date(1995, 1, 1), (80, 101, 90))
    bad.id_number = bad.id_number[:-1] + ("0" if bad.id_number[-1] != "0" else "1")
    bad.grades["political"] = "很好"
    with pytest.raises(ValidationFailed) as caught:
        save_candidate(db, batch_id, bad)
    assert [p.field for p in caught.value.problems] == ["身份证号", "政治素质", "面试"]
    save_candidate(db, batch_id, candidate("张三", date(1995, 1, 1)))
    with pytest.raises(ValidationFailed, match="本批次已有该考生"):
        save_candidate(db, batch_id, candidate("张三", date(1995, 1, 1)))


def test_internal_contest_takes_only_people_on_the_roster(db: Database) -> None:
    batch_id = make_batch(db, IntakeChannel.INTERNAL_CONTEST)
    with pytest.raises(ValidationFailed, match="只面向本部在册人员"):
        save_candidate(db, batch_id, candidate("张三", date(1995, 1, 1)))


# -- 录用 --------------------------------------------------------------------------------


def test_hire_creates_the_cadre_with_the_post_and_starts_the_trial(db: Database) -> None:
    batch_id = make_batch(db)
    cid = save_candidate(db, batch_id, candidate("张　三", date(1995, 1, 1)))
    hired = hire_candidate(db, cid, date(2026, 3, 1), 3, today=TODAY)
    assert hired.created
    cadre, _version = get_cadre(db, hired.cadre_id)
    assert (cadre.name, cadre.status, cadre.post_title) == ("张三", CadreStatus.TRIAL, "科员")
    assert cadre.joined_department == date(2026, 3, 1)
    assert reference_data(db).section(cadre.section_id).name == "办公室"  # type: ignore[union-attr]
    trial = get_trial(db, hired.trial_id)
    assert (trial.start_date, trial.months, trial.end_date) == (
        date(2026, 3, 1),
        3,
        date(2026, 6, 1),
    )
    assert get_batch(db, batch_id).candidates[0].decision is Decision.HIRED
    with pytest.raises(OrgDeskError, match="已录用"):
        hire_candidate(db, cid, date(2026, 3, 1), 3, today=TODAY)


def insider_candidate(db: Database) -> tuple[Any, int]:
    """李四, 科员 in 干部科 since 2015, as a candidate of an internal contest."""
    ref = reference_data(db)
    saved = save_cadre(
        db,
        CadreInput(
            name="李四",
            id_number=idn(date(1990, 1, 1)),
            joined_department=date(2015, 1, 1),
            section_id=ref.section_by_name("干部科").id,  # type: ignore[union-attr]
            rank_id=ref.rank_by_name("一级科员").id,  # type: ignore[union-attr]
            post_title="科员",
        ),
        today=TODAY,
    )
    batch_id = make_batch(db, IntakeChannel.INTERNAL_CONTEST)
    return saved, save_candidate(db, batch_id, candidate("李四", date(1990, 1, 1)))


def test_hire_moves_an_existing_cadre(db: Database) -> None:
    saved, cid = insider_candidate(db)
    hired = hire_candidate(db, cid, date(2026, 5, 1), 3, today=TODAY)
    assert hired.cadre_id == saved.id and not hired.created
    cadre, _version = get_cadre(db, saved.id)
    old, new = cadre.postings
    assert old.end_date == date(2026, 4, 30) and new.start_date == date(2026, 5, 1)
    assert reference_data(db).section(cadre.section_id).name == "办公室"  # type: ignore[union-attr]


def test_hire_refused_for_fail_grade_full_post_and_bad_trial_length(db: Database) -> None:
    batch_id = make_batch(db)
    failing = candidate("张三", date(1995, 1, 1))
    failing.grades["knowledge"] = "不合格"
    a = save_candidate(db, batch_id, failing)
    b = save_candidate(db, batch_id, candidate("李四", date(1996, 1, 1)))
    c = save_candidate(db, batch_id, candidate("王五", date(1997, 1, 1)))
    with pytest.raises(ValidationFailed, match="入口标准评定为不合格：知识结构"):
        hire_candidate(db, a, date(2026, 3, 1), 3, today=TODAY)
    with pytest.raises(ValidationFailed, match="试用期应为 3–6 个月"):
        hire_candidate(db, b, date(2026, 3, 1), 7, today=TODAY)
    hire_candidate(db, b, date(2026, 3, 1), 3, today=TODAY)
    with pytest.raises(ValidationFailed, match="名额已满"):
        hire_candidate(db, c, date(2026, 3, 1), 3, today=TODAY)
    reject_candidate(db, c, TODAY)
    reset_decision(db, c)
    assert {r.decision for r in get_batch(db, batch_id).candidates} == {
        Decision.PENDING,
        Decision.HIRED,
    }


def test_high_rank_low_post_requires_a_higher_original_rank(db: Database) -> None:
    batch_id = make_batch(db, IntakeChannel.TRANSFER_LOWER)
    same = save_candidate(
        db, batch_id, candidate("张三", date(1985, 1, 1), origin_level=RankLevel.DEPUTY_SECTION)
    )
    with pytest.raises(ValidationFailed, match="高职低配要求原职级高于拟任岗位"):
        hire_candidate(db, same, date(2026, 3, 1), 3, today=TODAY)
    higher = save_candidate(
        db, batch_id, candidate("李四", date(1986, 1, 1), origin_level=RankLevel.SECTION)
    )
    assert hire_candidate(db, higher, date(2026, 3, 1), 3, today=TODAY).created


# -- trials ------------------------------------------------------------------------------


def hired_trial(db: Database, start: date = date(2026, 1, 10), months: int = 3) -> int:
    batch_id = make_batch(db)
    cid = save_candidate(db, batch_id, candidate("张三", date(1995, 1, 1)))
    return hire_candidate(db, cid, start, months, today=TODAY).trial_id


def test_confirm_makes_the_cadre_active(db: Database) -> None:
    trial_id = hired_trial(db)
    with pytest.raises(ValidationFailed, match="请填写试用期考核评语"):
        confirm_trial(db, trial_id, date(2026, 4, 10), " ", today=TODAY)
    confirm_trial(db, trial_id, date(2026, 4, 10), "考核合格", today=TODAY)
    trial = get_trial(db, trial_id)
    assert (trial.status, trial.decided_on, trial.evaluation) == (
        TrialStatus.CONFIRMED,
        date(2026, 4, 10),
        "考核合格",
    )
    assert get_cadre(db, trial.cadre_id)[0].status is CadreStatus.ACTIVE
    with pytest.raises(OrgDeskError, match="不能再处理"):
        extend_trial(db, trial_id, date(2026, 5, 1))


def test_extend_within_six_months_and_refuse_past_it(db: Database) -> None:
    trial_id = hired_trial(db, date(2026, 1, 10), 3)
    extend_trial(db, trial_id, date(2026, 6, 10), "业务不熟练")
    with pytest.raises(ValidationFailed) as caught:
        extend_trial(db, trial_id, date(2026, 7, 11))
    assert caught.value.problems[0].message == (
        "不能延长到 2026-07-11：试用期自 2026-01-10 起最长 6 个月，最迟只能到 2026-07-10"
    )
    extend_trial(db, trial_id, date(2026, 7, 10))
    trial = get_trial(db, trial_id)
    assert (trial.status, trial.end_date, trial.planned_end) == (
        TrialStatus.EXTENDED,
        date(2026, 7, 10),
        date(2026, 4, 10),
    )
    assert "业务不熟练" in trial.extension_reason


def test_max_months_is_a_setting(db: Database) -> None:
    change_setting(db, "trial.max_months", 5)
    trial_id = hired_trial(db, date(2026, 1, 10), 3)
    with pytest.raises(ValidationFailed, match="最长 5 个月，最迟只能到 2026-06-10"):
        extend_trial(db, trial_id, date(2026, 7, 10))


def test_not_confirmed_needs_a_reason_and_closes_the_posting(db: Database) -> None:
    trial_id = hired_trial(db)
    with pytest.raises(ValidationFailed, match="必须填写理由"):
        not_confirm_trial(db, trial_id, date(2026, 4, 10), "", today=TODAY)
    not_confirm_trial(db, trial_id, date(2026, 4, 10), "考核不合格", today=TODAY)
    trial = get_trial(db, trial_id)
    cadre, _version = get_cadre(db, trial.cadre_id)
    assert cadre.status is CadreStatus.LEFT
    assert cadre.postings[-1].end_date == date(2026, 4, 10)
    assert "不予转正" in cadre.postings[-1].note
    assert RosterQuery(db).count(RosterFilter()) == 0  # off the active roster, record kept


def test_due_list_shows_trials_ending_within_the_window(db: Database) -> None:
    trial_id = hired_trial(db, date(2026, 4, 15), 3)  # ends 2026-07-15
    assert collect_due(db, date(2026, 6, 1)) == []
    [item] = collect_due(db, date(2026, 6, 30))
    assert (item.kind, item.record_kind, item.record_id, item.tab) == (
        "试用期到期",
        "trial",
        trial_id,
        "人员与试用",
    )
    assert "张三" in item.title and "2026-07-15" in item.title
    change_setting(db, "trial.warn_days", 10)
    assert collect_due(db, date(2026, 6, 30)) == []
    assert collect_due(db, date(2026, 7, 16))[0].urgency.label == "已超期"


def test_roster_row_carries_the_trial_end(db: Database) -> None:
    hired_trial(db, date(2026, 4, 15), 3)
    [row] = RosterQuery(db).page(RosterFilter())
    assert row.trial_end == date(2026, 7, 15) and row.status == "试用期"


def test_manual_trial_start_refuses_a_second_open_trial(db: Database) -> None:
    trial_id = hired_trial(db)
    cadre_id = get_trial(db, trial_id).cadre_id
    with pytest.raises(ValidationFailed, match="已在试用期内"):
        start_trial(db, cadre_id, date(2026, 5, 1), 3)
    assert len(list_trials(db)) == 1


# -- outflow -----------------------------------------------------------------------------


def active_cadre(db: Database) -> int:
    ref = reference_data(db)
    return save_cadre(
        db,
        CadreInput(
            name="王五",
            id_number=idn(date(1980, 5, 5)),
            joined_department=date(2010, 1, 1),
            section_id=ref.section_by_name("组织科").id,  # type: ignore[union-attr]
            rank_id=ref.rank_by_name("四级主任科员").id,  # type: ignore[union-attr]
            post_title="科员",
        ),
        today=TODAY,
    ).id


def test_outflow_leaves_the_roster_keeps_history_and_can_be_undone(db: Database) -> None:
    cadre_id = active_cadre(db)
    with pytest.raises(ValidationFailed) as caught:
        record_outflow(db, OutflowInput(cadre_id, None, "", "经济部门", "", None), today=TODAY)
    assert [p.field for p in caught.value.problems] == ["调出日期", "调往单位", "拟任职务", "职级"]
    outflow_id = record_outflow(
        db,
        OutflowInput(
            cadre_id, date(2026, 5, 1), "县发改委", "经济部门", "副主任", RankLevel.SECTION
        ),
        today=TODAY,
    )
    cadre, _version = get_cadre(db, cadre_id)
    home, there = cadre.postings
    assert cadre.status is CadreStatus.LEFT
    assert (home.end_date, there.unit, there.post_title, there.start_date) == (
        date(2026, 4, 30),
        "县发改委",
        "副主任",
        date(2026, 5, 1),
    )
    assert RosterQuery(db).count(RosterFilter()) == 0
    assert RosterQuery(db).count(RosterFilter(include_left=True)) == 1
    [row] = list_outflows(db, 2026)
    assert (row.from_section, row.from_rank, row.rank_label, row.promoted) == (
        "组织科",
        "四级主任科员",
        "正科级",
        True,
    )
    undo_outflow(db, outflow_id)
    cadre, _version = get_cadre(db, cadre_id)
    assert cadre.status is CadreStatus.ACTIVE and len(cadre.postings) == 1
    assert cadre.postings[0].end_date is None and list_outflows(db) == []


def test_year_reports_for_intake_and_outflow(db: Database) -> None:
    trial_id = hired_trial(db, date(2026, 1, 10))
    confirm_trial(db, trial_id, date(2026, 4, 10), "合格", today=TODAY)
    cadre_id = active_cadre(db)
    record_outflow(
        db,
        OutflowInput(
            cadre_id, date(2026, 5, 1), "县城投公司", "企业", "副总经理", RankLevel.SECTION
        ),
        today=TODAY,
    )
    intake = intake_for_year(db, 2026)
    assert [b.hired for b in intake.batches] == [1] and intake.hired_count == 1
    assert intake.by_channel["面向社会公开招考"] == 1 and intake.by_channel["公开职位"] == 0
    assert intake.hired[0].trial_status is TrialStatus.CONFIRMED
    assert intake.trials == {"已转正": 1, "不予转正": 0}
    outflow = outflow_for_year(db, 2026)
    assert outflow.count == 1 and outflow.by_kind["企业"] == 1 and outflow.promoted == 1
    assert outflow.by_level["正科级"] == 1
    assert outflow_for_year(db, 2025).count == 0 and intake_for_year(db, 2025).hired == []


# -- candidate list from Excel -----------------------------------------------------------


def test_candidate_list_import_is_all_or_nothing_and_upserts(db: Database, tmp_path: Path) -> None:
    batch_id = make_batch(db, headcount=2)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "公民身份号码", "报考职位", "学历", "政治素质", "笔试", "面试"])
    ws.append(["张　三", idn(date(1995, 1, 1)), "办公室·科员", "本科", "优", 81, "85.5"])
    ws.append(["李四", float(idn(date(1996, 1, 1))), "科员", "", "", 75, 80])
    ws.append(["王五", idn(date(1997, 1, 1)), "宣传员", "", "很好", 120, ""])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    with pytest.raises(ValidationFailed) as caught:
        import_candidates(db, batch_id, bad)
    lines = [str(p) for p in caught.value.problems]
    assert lines[0].startswith("第 3 行「公民身份号码」") and "存成了数字" in lines[0]
    assert lines[1:] == [
        "第 4 行「报考职位」（宣传员）不是本批次的岗位",
        "第 4 行「政治素质」（很好）应为 优秀/良好/合格/不合格 之一",
        "第 4 行「笔试」（120.0）「笔试」成绩应在 0–100 分之间，现为 120",
    ]
    assert get_batch(db, batch_id).candidates == []
    ws.delete_rows(3, 2)
    good = tmp_path / "good.xlsx"
    wb.save(good)
    assert import_candidates(db, batch_id, good).created == 1
    scores = Workbook()
    sheet = scores.active
    assert sheet is not None
    sheet.append(["身份证号", "考察"])
    sheet.append([idn(date(1995, 1, 1)), 90])
    scores.save(tmp_path / "scores.xlsx")
    assert import_candidates(db, batch_id, tmp_path / "scores.xlsx").updated == 1
    [row] = get_batch(db, batch_id).candidates
    assert (row.data.name, row.data.education, row.data.grades["political"]) == (
        "张三",
        "大学本科",
        "优秀",
    )
    assert row.data.scores == {"written": 81.0, "interview": 85.5, "assessment": 90.0}
    assert row.total == round(0.4 * 81 + 0.4 * 85.5 + 0.2 * 90, 2)


def test_demo_has_every_channel_every_trial_state_and_outflows(demo_db: Database) -> None:
    batches = intake_for_year(demo_db, 2025).batches + intake_for_year(demo_db, 2026).batches
    assert {b.channel for b in batches} == set(IntakeChannel)
    states = {t.status for t in list_trials(demo_db)}
    assert states == set(TrialStatus)
    assert len(list_outflows(demo_db)) >= 3
    with demo_db.unit_of_work() as uow:
        in_trial = set(uow.session.scalars(select(Cadre.id).where(Cadre.status == "试用期")))
    assert in_trial == {t.cadre_id for t in list_trials(demo_db, open_only=True)}


def test_due_cli_prints_the_trial_rows(demo_db: Database, capsys) -> None:
    from orgdesk.cli.main import main

    expected = collect_due(demo_db, TODAY)
    trials = [item for item in expected if item.kind == "试用期到期"]
    assert trials
    demo_db.close()
    assert main(["due", "--db", cli_db(demo_db), "--on", "2026-06-30"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"待办事项（截至 2026-06-30）：共 {len(expected)} 项"
    assert sum("\t试用期到期\t" in line for line in lines[1:]) == len(trials)


def test_not_confirmed_after_an_internal_move_goes_back_to_the_former_post(db: Database) -> None:
    saved, cid = insider_candidate(db)
    trial_id = hire_candidate(db, cid, date(2026, 1, 1), 3, today=TODAY).trial_id
    not_confirm_trial(db, trial_id, date(2026, 4, 1), "不胜任", today=TODAY)
    cadre, _version = get_cadre(db, saved.id)
    assert cadre.status is CadreStatus.ACTIVE
    first, trial_post, back = cadre.postings
    assert trial_post.end_date == date(2026, 4, 1) and back.start_date == date(2026, 4, 2)
    assert reference_data(db).section(back.section_id).name == "干部科"  # type: ignore[union-attr]
    assert "恢复原职务" in back.note and first.end_date == date(2025, 12, 31)
