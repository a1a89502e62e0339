"""竞争上岗 reads the real 培训与学分 and 年度考核 results (R-TRN-5, R-PRO-2)."""

from __future__ import annotations

from orgdesk.services import contest_inputs
from orgdesk.services.credits import credit_account_for
from orgdesk.services.evaluation import grade_for
from orgdesk.services.lrmx import cadre_ids
from orgdesk.storage.database import Database


def test_study_result_comes_from_the_credit_account(demo_db: Database) -> None:
    year = 2025  # the demo holds last year's and this year's training (DEMO_TODAY 2026-06-30)
    cadre_id = cadre_ids(demo_db)[0]
    result = contest_inputs.study_result(demo_db, cadre_id, year)
    account = credit_account_for(demo_db, cadre_id, year)
    assert result is not None
    assert result.credits_earned == account.earned
    assert result.credits_required == account.required
    assert result.met == (account.met and not account.failed_exams)


def test_a_year_without_training_data_is_reported_absent(demo_db: Database) -> None:
    assert contest_inputs.study_result(demo_db, cadre_ids(demo_db)[0], 2001) is None


def test_grade_comes_from_the_final_appraisal(demo_db: Database) -> None:
    cadre_id = cadre_ids(demo_db)[0]
    assert contest_inputs.evaluation_grade(demo_db, cadre_id, 2025) == grade_for(
        demo_db, cadre_id, 2025
    )
    assert contest_inputs.evaluation_grade(demo_db, cadre_id, 2001) is None
