"""A contest from 发布 to 任职 on a real database, and every way it can be stopped."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from orgdesk.domain.contest import Meeting, Phase
from orgdesk.domain.eligibility import PostLevel, Rule, StudyResult
from orgdesk.domain.errors import ValidationFailed
from orgdesk.services import contest_inputs
from orgdesk.services.contest_entries import (
    add_override,
    register,
    save_recommendation,
    save_scores,
    set_proposed,
    withdraw,
)
from orgdesk.services.contest_phases import PhaseBlocked, advance, go_back
from orgdesk.services.contest_views import contest_detail, list_contests
from orgdesk.services.contests import PhaseError
from orgdesk.services.eligibility import cadre_eligibility, planning_view
from orgdesk.services.people import get_cadre
from orgdesk.services.roster import RosterFilter, RosterQuery
from orgdesk.storage.database import Database
from tests.contest_scenario import (
    ACTOR,
    ANNOUNCED,
    DEADLINE,
    accept_missing_year_data,
    deputy_contest,
    make_people,
    run_until_publicity,
)


def test_whole_contest_from_announcement_to_appointment(db: Database) -> None:
    ids = make_people(db)
    contest_id = run_until_publicity(db, ids)
    detail = contest_detail(db, contest_id)
    assert detail.phase is Phase.PUBLICITY
    by_name = {r.name: r for r in detail.registrations}
    # 资格审查: 李新 lacks the years and the 过渡考核, every unmet reason is kept
    li = by_name["李新"]
    assert li.dropped_phase is Phase.QUALIFICATION
    assert "工作年限" in li.drop_reason and "过渡考核" in li.drop_reason
    assert "无过渡考核记录，无法判断" in li.drop_reason
    # 民主推荐: 12/38 = 31.58% < 50%
    sun = by_name["孙丽"]
    assert sun.dropped_phase is Phase.RECOMMENDATION
    assert sun.drop_reason == (
        "民主推荐得票 12 票，得票率 31.58%（12/38 有效票），低于 50%，不进入下一环节"
    )
    # overrides are shown as such in the snapshot
    zhao = by_name["赵䶮"]
    assert zhao.verdict == "符合（含例外认定）"
    assert "例外认定理由：2025 年度学分经核对纸质档案达标，王干事" in zhao.eligibility_text
    # 88×0.4 + 85.5×0.4 + 90×0.2 = 87.4 ; 82×0.4 + 86×0.4 + 88×0.2 = 84.8
    assert zhao.total == Decimal("87.40") and zhao.place == 1 and zhao.proposed
    assert by_name["钱堃"].total == Decimal("84.80") and not by_name["钱堃"].proposed
    assert detail.publicity_start == date(2026, 4, 13)
    assert detail.publicity_end == date(2026, 4, 17)  # 5 working days

    with pytest.raises(PhaseBlocked, match="公示期至 2026-04-17 届满"):
        advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 17))
    change = advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 20))
    assert change.to_phase is Phase.APPOINTMENT
    assert "2026-04-18 起：赵䶮 任干部科副科长" in change.notes[0]

    cadre, _ = get_cadre(db, ids["赵䶮"])
    assert cadre.post_title == "副科长"
    history = sorted(cadre.postings, key=lambda p: p.start_date or date.min)
    assert history[-1].start_date == date(2026, 4, 18) and history[-1].end_date is None
    assert history[-2].end_date == date(2026, 4, 17)
    assert "竞争上岗：2026 年度机关中层副职竞争上岗" in history[-1].note
    rows = RosterQuery(db).page(RosterFilter(text="赵䶮"))
    assert [(r.section, r.post_title, r.rank) for r in rows] == [("干部科", "副科长", "副科长")]

    final = contest_detail(db, contest_id)
    assert {r.name: r.status for r in final.registrations}["赵䶮"] == "已任职"
    assert [e.to_phase for e in final.log] == [p.value for p in Phase]
    assert all(e.actor == ACTOR and e.direction == "推进" for e in final.log)
    with pytest.raises(PhaseError, match="没有下一阶段"):
        advance(db, contest_id, actor=ACTOR)
    with pytest.raises(PhaseError, match="已办理任职，不能退回"):
        go_back(db, contest_id, actor=ACTOR, reason="试试")
    # the appointee is now a 副科长: 正科 planning counts from the effective date
    eligibility = cadre_eligibility(db, ids["赵䶮"], PostLevel.CHIEF, date(2028, 4, 18))
    deputy = eligibility.reason(Rule.DEPUTY_YEARS)
    assert deputy is not None and deputy.met


def test_registration_must_outnumber_posts(db: Database) -> None:
    ids = make_people(db)
    contest_id = deputy_contest(db)
    advance(db, contest_id, actor=ACTOR, today=ANNOUNCED)
    post_id = contest_detail(db, contest_id).posts[0].id
    register(db, contest_id, ids["赵䶮"], post_id, DEADLINE)
    with pytest.raises(PhaseBlocked) as blocked:
        advance(db, contest_id, actor=ACTOR, today=DEADLINE)
    assert "竞争人数须多于职位数，还需至少 1 名" in str(blocked.value)
    assert contest_detail(db, contest_id).phase is Phase.REGISTRATION  # nothing moved
    assert contest_detail(db, contest_id).outnumber_problems
    register(db, contest_id, ids["钱堃"], post_id, DEADLINE)
    assert advance(db, contest_id, actor=ACTOR, today=DEADLINE).to_phase is Phase.QUALIFICATION


def test_drop_out_at_qualification_blocks_and_changes_nothing(db: Database) -> None:
    ids = make_people(db)
    contest_id = deputy_contest(db)
    advance(db, contest_id, actor=ACTOR, today=ANNOUNCED)
    post_id = contest_detail(db, contest_id).posts[0].id
    a = register(db, contest_id, ids["赵䶮"], post_id, DEADLINE)
    register(db, contest_id, ids["李新"], post_id, DEADLINE)
    advance(db, contest_id, actor=ACTOR, today=DEADLINE)
    accept_missing_year_data(db, a)
    with pytest.raises(PhaseBlocked) as blocked:
        advance(db, contest_id, actor=ACTOR, today=DEADLINE)
    text = str(blocked.value)
    assert "资格审查后，「干部科副科长」岗位 1 个职位，现有竞争者 1 名" in text
    assert "未通过 1 人：李新" in text
    detail = contest_detail(db, contest_id)
    assert detail.phase is Phase.QUALIFICATION
    assert all(r.dropped_phase is None for r in detail.registrations)


def test_missing_year_data_is_not_met_until_overridden(db: Database) -> None:
    ids = make_people(db)
    contest_id = deputy_contest(db)
    advance(db, contest_id, actor=ACTOR, today=ANNOUNCED)
    post_id = contest_detail(db, contest_id).posts[0].id
    reg = register(db, contest_id, ids["赵䶮"], post_id, DEADLINE)
    live = contest_detail(db, contest_id).registrations[0]
    assert live.eligibility is not None and not live.eligibility.eligible
    assert "2025 年度学习学分数据缺失，无法判断" in live.eligibility_text
    assert "2025 年度考核等次数据缺失，无法判断" in live.eligibility_text
    with pytest.raises(ValidationFailed, match="例外认定理由"):
        add_override(db, reg, Rule.STUDY, "  ", actor=ACTOR)
    accept_missing_year_data(db, reg)
    live = contest_detail(db, contest_id).registrations[0]
    assert live.eligibility is not None and live.eligibility.eligible
    assert live.verdict == "符合（含例外认定）"
    assert [o.rule for o in live.overrides] == [Rule.STUDY, Rule.GRADE]


def test_seam_data_is_used_when_present(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = make_people(db)
    monkeypatch.setattr(
        contest_inputs, "study_result", lambda _db, _cid, year: StudyResult(year, True, 42, 40)
    )
    monkeypatch.setattr(contest_inputs, "evaluation_grade", lambda _db, _cid, _year: "基本称职")
    e = cadre_eligibility(db, ids["赵䶮"], PostLevel.DEPUTY, DEADLINE)
    study, grade = e.reason(Rule.STUDY), e.reason(Rule.GRADE)
    assert study is not None and study.met and study.text == "2025 年度学习达标（学分 42/40）"
    assert grade is not None and not grade.met and "基本称职" in grade.text


def test_going_back_is_recorded_and_restores_drop_outs(db: Database) -> None:
    ids = make_people(db)
    contest_id = deputy_contest(db)
    advance(db, contest_id, actor=ACTOR, today=ANNOUNCED)
    post_id = contest_detail(db, contest_id).posts[0].id
    regs = [
        register(db, contest_id, ids[n], post_id, DEADLINE)
        for n in ("赵䶮", "钱堃", "孙丽", "李新")
    ]
    advance(db, contest_id, actor=ACTOR, today=DEADLINE)
    for r in regs:
        accept_missing_year_data(db, r)
    advance(db, contest_id, actor=ACTOR, today=DEADLINE)
    assert len(contest_detail(db, contest_id).active()) == 3
    with pytest.raises(ValidationFailed, match="退回原因"):
        go_back(db, contest_id, actor="李部长", reason="")
    change = go_back(db, contest_id, actor="李部长", reason="李新补交过渡考核材料，重新审查")
    assert change.to_phase is Phase.QUALIFICATION
    detail = contest_detail(db, contest_id)
    assert len(detail.active()) == 4
    last = detail.log[-1]
    assert (last.direction, last.actor, last.from_phase, last.to_phase) == (
        "退回",
        "李部长",
        "民主推荐",
        "资格审查",
    )
    assert "李新补交过渡考核材料" in last.reason and "恢复 1 名" in last.reason


def test_actions_belong_to_their_phase(db: Database) -> None:
    ids = make_people(db)
    contest_id = deputy_contest(db)
    post_id = contest_detail(db, contest_id).posts[0].id
    with pytest.raises(PhaseError, match="「报名」只能在报名阶段进行；当前处于发布阶段"):
        register(db, contest_id, ids["赵䶮"], post_id)
    with pytest.raises(PhaseError):
        save_recommendation(db, contest_id, Meeting(date(2026, 3, 1), 1, 1, 1), {})
    with pytest.raises(PhaseError):
        save_scores(db, contest_id, {})


def test_bad_entries_change_nothing(db: Database) -> None:
    ids = make_people(db)
    contest_id = deputy_contest(db)
    advance(db, contest_id, actor=ACTOR, today=ANNOUNCED)
    post_id = contest_detail(db, contest_id).posts[0].id
    regs = [register(db, contest_id, ids[n], post_id, DEADLINE) for n in ("赵䶮", "钱堃", "孙丽")]
    with pytest.raises(ValidationFailed, match="每人限报一个岗位"):
        register(db, contest_id, ids["赵䶮"], post_id, DEADLINE)
    with pytest.raises(
        ValidationFailed, match="应在发布日期 2026-03-01 至报名截止日期 2026-03-10 之间"
    ):
        register(db, contest_id, ids["李新"], post_id, date(2026, 3, 11))
    advance(db, contest_id, actor=ACTOR, today=DEADLINE)
    for r in regs:
        accept_missing_year_data(db, r)
    advance(db, contest_id, actor=ACTOR, today=DEADLINE)
    with pytest.raises(ValidationFailed) as bad:
        save_recommendation(
            db, contest_id, Meeting(date(2026, 3, 20), 40, 40, 38), {regs[0]: 39, regs[1]: 20}
        )
    assert "「赵䶮 得票数」（39）应在 0–38（有效票数）之间" in str(bad.value)
    assert all(r.votes is None for r in contest_detail(db, contest_id).registrations)
    with pytest.raises(PhaseBlocked, match="尚未录入民主推荐会情况"):
        advance(db, contest_id, actor=ACTOR)
    withdraw(db, regs[2], "个人原因", actor=ACTOR)
    assert contest_detail(db, contest_id).registrations[2].status == "本人放弃"


def test_a_tie_at_the_cut_off_is_settled_by_a_recorded_choice(db: Database) -> None:
    ids = make_people(db)
    contest_id = run_until_publicity(db, ids)
    go_back(db, contest_id, actor=ACTOR, reason="复核成绩")
    go_back(db, contest_id, actor=ACTOR, reason="复核成绩")
    detail = contest_detail(db, contest_id)
    assert detail.phase is Phase.SCORING
    zhao, qian = (r.id for r in detail.active())
    same = {(reg, p.id): 85.0 for reg in (zhao, qian) for p in detail.parts}
    save_scores(db, contest_id, same)
    # equal scores; the recommendation rate (30 vs 25 votes) still separates them
    change = advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 12))
    assert "拟任人选：赵䶮" in change.notes[0]
    set_proposed(db, zhao, False, "经部务会研究", actor="李部长")
    with pytest.raises(PhaseBlocked, match="应确定拟任人选 1 名，现为 0 名"):
        advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 13))
    set_proposed(db, qian, True, "经部务会研究", actor="李部长")
    assert advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 13)).to_phase is Phase.PUBLICITY
    notes = {r.name: r.proposal_note for r in contest_detail(db, contest_id).registrations}
    assert notes["钱堃"].startswith("经部务会研究（李部长")


def test_list_and_planning(db: Database) -> None:
    ids = make_people(db)
    deputy_contest(db)
    [summary] = list_contests(db)
    assert summary.phase is Phase.PUBLISHED and summary.posts == "干部科副科长×1"
    view = planning_view(db, PostLevel.DEPUTY, date(2026, 3, 10))
    assert view.eligible == []  # study and grade data are absent for everyone
    upcoming = {r.name: r for r in view.upcoming}
    # 李新: first job 2023-07-01 → 3 years in the department on 2027-09-01 is too late,
    # 5 years of service on 2028-07-01 too; not within the year
    assert "李新" not in upcoming
    later = planning_view(db, PostLevel.DEPUTY, date(2027, 3, 1))
    li = {r.name: r for r in later.upcoming}["李新"]
    assert li.reached_on == date(2027, 9, 1)
    assert any("过渡考核" in text for text in li.other_unmet)
    chief = planning_view(db, PostLevel.CHIEF, date(2026, 3, 10))
    assert ids and chief.total == 6


def test_due_list_says_when_the_clerk_must_act(db: Database) -> None:
    from orgdesk.services.due import collect_due

    contest_id = run_until_publicity(db, make_people(db))
    during = [i for i in collect_due(db, date(2026, 4, 15)) if i.tab == "竞争上岗"]
    assert [i.kind for i in during] == ["竞争上岗公示"]
    [after] = [i for i in collect_due(db, date(2026, 4, 20)) if i.tab == "竞争上岗"]
    assert after.title.endswith("公示已于 2026-04-17 期满，待办理任职")
    assert (after.record_kind, after.record_id) == ("contest", contest_id)
    advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 20))
    assert not [i for i in collect_due(db, date(2026, 4, 20)) if i.tab == "竞争上岗"]
