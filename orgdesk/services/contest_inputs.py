"""The seam between 竞争上岗 and the areas whose results it reads (R-TRN-5, R-EVA-2).

Eligibility needs the previous year's study result (培训与学分) and evaluation
grade (年度考核).  Those areas are built separately; until they are wired in
here, a function answers None ("data absent"), and the eligibility reasons
say so in Chinese — "2025 年度学习学分数据缺失，无法判断" — counting as not met
unless the clerk records an override.  Wiring = replacing the two bodies below
with calls into those areas' services; nothing else in 竞争上岗 changes.
"""

from __future__ import annotations

from orgdesk.domain.eligibility import StudyResult
from orgdesk.services.evaluation import grade_for
from orgdesk.storage.database import Database

__all__ = ["StudyResult", "evaluation_grade", "study_result"]


def study_result(db: Database, cadre_id: int, year: int) -> StudyResult | None:
    """The cadre's study result for `year` (credits vs requirement, failed exams), or None.

    To be wired to the training area's `study_requirement_met(...)`.
    """
    del db, cadre_id, year
    return None


def evaluation_grade(db: Database, cadre_id: int, year: int) -> str | None:
    """The cadre's final 年度考核等次 for `year` (优秀/称职/基本称职/不称职), or None."""
    return grade_for(db, cadre_id, year)
