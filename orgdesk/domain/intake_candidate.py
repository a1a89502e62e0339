"""考生 (R-INT-2): what the candidate form and the Excel candidate list submit, and its checks.

The ID number is checked like a cadre's (GB 11643); birth date and sex come
from it when not given and must agree with it when given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.idcard import IdNumberError, parse_id_number
from orgdesk.domain.intake import ENTRY_DIMENSIONS, GRADES, SCORE_PARTS, check_score
from orgdesk.domain.names import normalize_name
from orgdesk.domain.people import DEGREES, EDUCATIONS, POLITICAL_STATUSES, RankLevel

DIMENSION_LABELS = dict(ENTRY_DIMENSIONS)
SCORE_LABELS = dict(SCORE_PARTS)


@dataclass
class CandidateInput:
    name: str
    id_number: str
    post_id: int | None = None
    sex: str = ""
    birth_date: date | None = None
    political_status: str = ""
    education: str = ""
    degree: str = ""
    specialty: str = ""
    first_employment: date | None = None
    origin_unit: str = ""
    origin_post: str = ""
    origin_level: RankLevel | None = None
    phone: str = ""
    grades: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)
    note: str = ""


def check_candidate(
    data: CandidateInput, full_score: float, row: int | None = None
) -> list[FieldProblem]:
    """Problems with one candidate's input (the form and the Excel list share it)."""
    problems: list[FieldProblem] = []

    def bad(label: str, message: str, value: object = None) -> None:
        problems.append(FieldProblem(label, message, row, None if value is None else str(value)))

    data.name = normalize_name(data.name)
    if not data.name:
        bad("姓名", "不能为空")
    try:
        info = parse_id_number(data.id_number)
    except IdNumberError as exc:
        bad("身份证号", str(exc), data.id_number)
    else:
        data.id_number = info.number
        if data.birth_date is None:
            data.birth_date = info.birth_date
        elif data.birth_date != info.birth_date:
            bad(
                "出生日期",
                f"与身份证号不符（身份证号中为 {info.birth_date:%Y-%m-%d}）",
                data.birth_date,
            )
        if not data.sex:
            data.sex = info.sex
        elif data.sex != info.sex:
            bad("性别", f"与身份证号不符（身份证号第 17 位表示「{info.sex}」）", data.sex)
    for value, options, label in (
        (data.political_status, POLITICAL_STATUSES, "政治面貌"),
        (data.education, EDUCATIONS, "学历"),
        (data.degree, DEGREES, "学位"),
    ):
        if value and value not in options:
            bad(label, f"不是可选的{label}", value)
    for key, grade in data.grades.items():
        if grade and grade not in GRADES:
            bad(DIMENSION_LABELS[key], f"应为 {'/'.join(GRADES)} 之一", grade)
    for key, score in data.scores.items():
        reason = check_score(SCORE_LABELS[key], score, full_score)
        if reason:
            bad(SCORE_LABELS[key], reason, score)
    return problems
