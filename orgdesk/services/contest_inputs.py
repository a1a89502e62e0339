"""The seam between 竞争上岗 and the areas whose results it reads (R-TRN-5, R-EVA-2).

Eligibility needs the previous year's study result (培训与学分) and evaluation
grade (年度考核).  Those areas are built separately; until they are wired in
here, both answer None when the other area holds no data for the year ("data absent"), and the eligibility reasons
say so in Chinese — "2025 年度学习学分数据缺失，无法判断" — counting as not met
unless the clerk records an override.  Wiring = replacing the two bodies below
with calls into those areas' services; nothing else in 竞争上岗 changes.
"""

from __future__ import annotations

from orgdesk.domain.eligibility import StudyResult
from orgdesk.services.credits import credit_account_for, has_training_data
from orgdesk.services.evaluation import grade_for
from orgdesk.storage.database import Database

__all__ = ["StudyResult", "evaluation_grade", "study_result"]


def study_result(db: Database, cadre_id: int, year: int) -> StudyResult | None:
    """The cadre's study result for `year` (credits vs requirement, failed exams), or None
    when the year holds no training data at all (培训与学分 not kept that year)."""
    with db.unit_of_work() as uow:
        if not has_training_data(uow.session, year):
            return None
    account = credit_account_for(db, cadre_id, year)
    failed = tuple(
        f"{e.title}（{e.on:%Y-%m-%d}，{'缺考' if e.absent else f'{e.score:g} 分'}）"
        for e in account.failed_exams
    )
    return StudyResult(
        year=year,
        met=account.met and not failed,
        credits_earned=account.earned,
        credits_required=account.required,
        failed_exams=failed,
    )


def evaluation_grade(db: Database, cadre_id: int, year: int) -> str | None:
    """The cadre's final 年度考核等次 for `year` (优秀/称职/基本称职/不称职), or None."""
    return grade_for(db, cadre_id, year)
