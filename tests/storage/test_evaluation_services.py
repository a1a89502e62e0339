"""年度考核 services on a real SQLite file: targets, votes, grades, honours, consequences."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from orgdesk.domain.errors import ValidationFailed
from orgdesk.domain.evaluation import Grade, VoteTally
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput
from orgdesk.services.evaluation import (
    FormText,
    appraisal_sheet,
    decide_all_as_proposed,
    decide_grade,
    form_text,
    grade_for,
    grade_history,
    record_votes,
    save_form_text,
    yearly_grades,
)
from orgdesk.services.evaluation_honours import (
    HonourInput,
    add_honour,
    consequences,
    delete_honour,
    list_honours,
)
from orgdesk.services.evaluation_targets import (
    TargetInput,
    delete_target,
    list_targets,
    save_target,
    weight_totals,
)
from orgdesk.services.people import save_cadre
from orgdesk.services.reference import change_setting, reference_data
from orgdesk.storage.models.evaluation import Appraisal, TargetItem

TODAY = date(2026, 6, 30)


def add_people(db, names: list[str]) -> list[int]:
    ref = reference_data(db)
    ids = []
    for n, name in enumerate(names):
        saved = save_cadre(
            db,
            CadreInput(
                name=name,
                id_number=make_id_number("410102", date(1980, 1, 1 + n), 11 + 2 * n),
                section_id=ref.sections[2].id,
                rank_id=ref.ranks[0].id,
                post_title="科员",
                joined_department=date(2010, 7, 1),
            ),
            today=TODAY,
        )
        ids.append(saved.id)
    return ids


def test_targets_decompose_section_to_person_and_score_the_person(db) -> None:
    (chief, clerk) = add_people(db, ["赵堃", "钱䶮"])
    section = reference_data(db).sections[2].id
    parent = save_target(db, TargetInput(2025, section, "基层党组织建设", 50, cadre_id=chief))
    save_target(db, TargetInput(2025, section, "党员发展", 60, clerk, parent, "按季度调度", 90))
    save_target(db, TargetInput(2025, section, "软弱涣散整顿", 40, clerk, parent, "", 80))
    rows = list_targets(db, 2025)
    assert [r.level for r in rows] == ["科室目标", "个人目标", "个人目标"]
    assert weight_totals(rows) == {clerk: 100.0}
    sheet = appraisal_sheet(db, 2025)
    row = sheet.row(clerk)
    assert row is not None and row.target_score == pytest.approx(86.0)
    assert sheet.row(chief).target_score is None  # the section item is not scored yet

    with pytest.raises(ValidationFailed) as bad:
        save_target(db, TargetInput(2025, section, "", 0, clerk, parent, "", 120))
    fields = {p.field for p in bad.value.problems}
    assert fields == {"目标内容", "权重", "年终得分"}
    with pytest.raises(ValidationFailed) as orphan:
        save_target(db, TargetInput(2025, section, "个人任务", 10, None, parent))
    assert "责任人" in str(orphan.value)

    delete_target(db, parent)  # takes the person items with it
    assert list_targets(db, 2025) == []


def test_votes_are_checked_and_nothing_is_stored_when_wrong(db) -> None:
    (cid,) = add_people(db, ["孙明"])
    with pytest.raises(ValidationFailed) as bad:
        record_votes(db, 2025, cid, VoteTally(10, 10, 0, 0, 15))
    assert "参评人数" in str(bad.value)
    with db.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Appraisal)) == 0
    record_votes(db, 2025, cid, VoteTally(10, 5, 0, 0, 15))
    row = appraisal_sheet(db, 2025).row(cid)
    assert row is not None and row.tally == VoteTally(10, 5, 0, 0, 15)
    assert row.vote_score == pytest.approx(93.33)
    assert row.proposed == "优秀"


def test_leader_decision_reason_quota_and_grades_for_other_areas(db) -> None:
    ids = add_people(db, ["周一", "吴二", "郑三", "王四", "冯五", "陈六", "褚七"])
    for cid in ids:
        record_votes(db, 2025, cid, VoteTally(9, 1, 0, 0, 10))  # everyone scores 优秀
    sheet = appraisal_sheet(db, 2025)
    assert sheet.quota == 1  # 7 × 15% → 1
    assert sum(1 for r in sheet.rows if r.proposed == "优秀") == 1
    top = next(r for r in sheet.rows if r.proposed == "优秀")
    other = next(r for r in sheet.rows if r.proposed == "称职")

    with pytest.raises(ValidationFailed) as no_reason:
        decide_grade(db, 2025, top.cadre_id, Grade.COMPETENT, decided_on=TODAY)
    assert "请填写理由" in str(no_reason.value)
    decide_grade(db, 2025, top.cadre_id, Grade.EXCELLENT, decided_by="部长", decided_on=TODAY)
    with pytest.raises(ValidationFailed) as over:
        decide_grade(db, 2025, other.cadre_id, Grade.EXCELLENT, reason="表现突出")
    assert "比例上限" in str(over.value)
    assert grade_for(db, other.cadre_id, 2025) is None

    assert decide_all_as_proposed(db, 2025, decided_by="部长", decided_on=TODAY) == 6
    assert grade_for(db, top.cadre_id, 2025) == "优秀"
    assert yearly_grades(db, top.cadre_id) == {2025: "优秀"}
    after = appraisal_sheet(db, 2025)
    assert after.excellent_decided == 1
    decide_grade(db, 2025, top.cadre_id, None)  # withdraw
    assert grade_for(db, top.cadre_id, 2025) is None


def test_consecutive_excellent_recommends_and_incompetent_goes_to_review(db) -> None:
    ids = add_people(db, [f"人员{c}" for c in "甲乙丙丁戊己庚辛壬癸"])
    star, weak = ids[0], ids[1]
    for year in (2023, 2024, 2025):
        decide_grade(db, year, star, Grade.EXCELLENT, decided_on=TODAY)
    decide_grade(db, 2025, weak, Grade.INCOMPETENT, decided_on=TODAY)
    sheet = appraisal_sheet(db, 2025)
    result = consequences(sheet)
    assert [r.cadre_id for r in result.promotion] == [star]
    assert result.promotion[0].consecutive_excellent == 3
    assert [r.cadre_id for r in result.transfer_review] == [weak]
    change_setting(db, "evaluation.excellent_years_for_promotion", 4)
    assert consequences(appraisal_sheet(db, 2025)).promotion == []
    years, rows = grade_history(db)
    assert years == [2023, 2024, 2025]
    assert dict((r[0], r[3]) for r in rows)[star] == {2023: "优秀", 2024: "优秀", 2025: "优秀"}


def test_honours_and_form_text(db) -> None:
    (cid,) = add_people(db, ["李䶮"])
    hid = add_honour(db, HonourInput(2025, cid, "优秀组工干部标兵", awarded_on=date(2026, 1, 20)))
    assert [h.title for h in list_honours(db, 2025)] == ["优秀组工干部标兵"]
    assert appraisal_sheet(db, 2025).row(cid).honours == ("优秀组工干部标兵",)
    with pytest.raises(ValidationFailed) as bad:
        add_honour(db, HonourInput(2025, None, " ", kind="别的"))
    assert {p.field for p in bad.value.problems} == {"姓名", "奖励名称", "类别"}
    delete_honour(db, hid)
    assert list_honours(db) == []
    save_form_text(db, 2025, cid, FormText("负责干部档案", "一年来……", "", "同意"))
    assert form_text(db, 2025, cid).self_summary == "一年来……"


def test_demo_has_a_full_year_of_evaluation(demo_db) -> None:
    year = 2025
    sheet = appraisal_sheet(demo_db, year)
    assert sheet.rows and all(r.final for r in sheet.rows)
    assert sheet.excellent_decided <= sheet.quota
    assert any(r.differs and r.final_reason for r in sheet.rows)
    result = consequences(sheet)
    assert result.promotion and result.transfer_review
    with demo_db.unit_of_work() as uow:
        scored = uow.session.scalar(
            select(func.count()).select_from(TargetItem).where(TargetItem.year == year)
        )
        open_items = uow.session.scalar(
            select(func.count())
            .select_from(TargetItem)
            .where(TargetItem.year == year + 1, TargetItem.score.is_(None))
        )
    assert scored and open_items
    assert list_honours(demo_db, year)
