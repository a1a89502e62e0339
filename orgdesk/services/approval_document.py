"""Fill the 任免审批表 from a cadre's record, and read a filled form back into one.

Both directions go through the same text rules (`approval_form`), so a form
written by us and read back gives the same form again.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

from orgdesk.domain.approval_document import ApprovalDocument
from orgdesk.domain.approval_form import (
    LRMX_VERSION,
    ApprovalDetails,
    FamilyMember,
    ResumeEntry,
    dotted_month,
    evaluation_summary,
    home_prefix,
    join_unit_post,
    month_text,
    parse_month_field,
    parse_resume,
    resume_text,
    split_unit_post,
)
from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.people import (
    DEGREES,
    EDUCATIONS,
    ETHNICITIES,
    CadreInput,
    CadreStatus,
    PostingInput,
    current_posting,
)
from orgdesk.services.people import HOME_UNIT

# (element, ApprovalDetails attribute) for the fields copied as they are.
DIRECT_FIELDS: tuple[tuple[str, str], ...] = (
    ("JiGuan", "native_place"),
    ("ChuShengDi", "birthplace"),
    ("JianKangZhuangKuang", "health"),
    ("ZhuanYeJiShuZhiWu", "professional_title"),
    ("ShuXiZhuanYeYouHeZhuanChang", "expertise"),
    ("QuanRiZhiJiaoYu_XueLi", "fulltime_education"),
    ("QuanRiZhiJiaoYu_XueWei", "fulltime_degree"),
    ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "fulltime_education_school"),
    ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "fulltime_degree_school"),
    ("ZaiZhiJiaoYu_XueLi", "parttime_education"),
    ("ZaiZhiJiaoYu_XueWei", "parttime_degree"),
    ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "parttime_education_school"),
    ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "parttime_degree_school"),
    ("NiRenZhiWu", "proposed_post"),
    ("NiMianZhiWu", "proposed_removal"),
    ("JiangChengQingKuang", "rewards"),
    ("RenMianLiYou", "appointment_reason"),
    ("ChengBaoDanWei", "reporting_unit"),
    ("TianBiaoRen", "form_filler"),
)
_EDUCATION_KEYS = tuple(attr for element, attr in DIRECT_FIELDS if "JiaoYu" in element)


# -- record → form ---------------------------------------------------------------------------


def posting_text(p: PostingInput, section_names: dict[int, str]) -> str:
    """How one posting reads in 简历: 县委组织部干部科科长, 县财政局科员."""
    if p.unit == HOME_UNIT:
        prefix = home_prefix(section_names.get(p.section_id) if p.section_id else None)
        return join_unit_post(prefix, p.post_title)
    return join_unit_post(p.unit, p.post_title)


def _remarks(note: str) -> list[str]:
    """A note written as "（其间：…）" is printed under its line; other notes stay private."""
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    return lines if lines and lines[0].startswith(("（", "(")) else []


def resume_entries(
    postings: list[PostingInput], section_names: dict[int, str]
) -> list[ResumeEntry]:
    dated = sorted(
        (p for p in postings if p.start_date is not None),
        key=lambda p: (p.start_date or date.min, p.end_date or date.max),
    )
    return [
        ResumeEntry(p.start_date, p.end_date, posting_text(p, section_names), _remarks(p.note))
        for p in dated
        if p.start_date is not None
    ]


def default_current_post(postings: list[PostingInput], section_names: dict[int, str]) -> str:
    current = current_posting(postings)
    return posting_text(current, section_names) if current else ""


def _with_education_fallback(data: CadreInput, d: ApprovalDetails) -> dict[str, str]:
    """The eight education fields; when none is filled, the roster's 学历/学位 stand in."""
    values = {attr: getattr(d, attr) for attr in _EDUCATION_KEYS}
    if not any(values.values()):
        values["fulltime_education"] = data.education
        values["fulltime_degree"] = "" if data.degree == "无" else data.degree
    return values


def build_document(
    data: CadreInput, section_names: dict[int, str], grades: dict[int, str], today: date
) -> ApprovalDocument:
    d = data.details or ApprovalDetails()
    fields = {
        "XingMing": data.name,
        "XingBie": data.sex,
        "ChuShengNianYue": month_text(data.birth_date),
        "MinZu": data.ethnicity,
        "RuDangShiJian": month_text(d.party_joined),
        "CanJiaGongZuoShiJian": month_text(data.first_employment),
        "XianRenZhiWu": d.current_post_text or default_current_post(data.postings, section_names),
        "JianLi": resume_text(resume_entries(data.postings, section_names)),
        "NianDuKaoHeJieGuo": evaluation_summary(grades) or d.evaluation_text,
        "JiSuanNianLingShiJian": f"{today:%Y%m%d}",
        "TianBiaoShiJian": f"{today:%Y%m%d}",
        "ShenFenZheng": data.id_number,
        "Version": LRMX_VERSION,
    }
    education = _with_education_fallback(data, d)
    for element, attr in DIRECT_FIELDS:
        fields[element] = education[attr] if attr in education else getattr(d, attr)
    family = [
        {
            "ChengWei": m.relation,
            "XingMing": m.name,
            "ChuShengRiQi": month_text(m.birth_month),
            "ZhengZhiMianMao": m.political_status,
            "GongZuoDanWeiJiZhiWu": m.work_unit_post,
        }
        for m in d.family
    ]
    return ApprovalDocument(fields, family, d.photo)


# -- form → record ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadBack:
    """What a form becomes: the record to save and the problems found on the way."""

    data: CadreInput
    problems: list[FieldProblem]
    postings_kept: int
    postings_added: int
    postings_removed: int


def _ethnicity(text: str) -> str:
    if text and text not in ETHNICITIES and text + "族" in ETHNICITIES:
        return text + "族"
    return text


def _roster_education(*texts: str) -> str:
    """The roster's 学历 from the form's: the highest one named."""
    joined = " ".join(texts)
    for keyword, value in (
        ("研究生", "研究生"),
        ("博士", "研究生"),
        ("硕士", "研究生"),
        ("本科", "大学本科"),
        ("大学", "大学本科"),
        ("专科", "大学专科"),
        ("大专", "大学专科"),
        ("中专", "中专"),
    ):
        if keyword in joined:
            return value if value in EDUCATIONS else ""
    return ""


def _roster_degree(*texts: str) -> str:
    joined = " ".join(texts)
    return next((d for d in ("博士", "硕士", "学士") if d in joined and d in DEGREES), "")


def _entry_to_posting(
    e: ResumeEntry, sections_by_prefix: list[tuple[str, int | None]]
) -> PostingInput:
    for prefix, section_id in sections_by_prefix:
        rest = e.text[len(prefix) :]
        if e.text.startswith(prefix) and rest:
            return PostingInput(HOME_UNIT, rest, e.start, e.end, section_id, None, _note(e))
    unit, post = split_unit_post(e.text)
    return PostingInput(unit, post, e.start, e.end, None, None, _note(e))


def _note(e: ResumeEntry) -> str:
    return "\n".join(e.remarks)


def _merge_postings(
    entries: list[ResumeEntry], existing: list[PostingInput], section_names: dict[int, str]
) -> tuple[list[PostingInput], int, int]:
    """Keep every existing posting that reads the same as a file line; make the rest anew."""
    prefixes: list[tuple[str, int | None]] = sorted(
        ((home_prefix(name), sid) for sid, name in section_names.items()),
        key=lambda x: -len(x[0]),
    )
    prefixes.append((home_prefix(None), None))
    unused = list(existing)
    result: list[PostingInput] = []
    kept = 0
    for e in entries:
        line = resume_text([e])
        same = next(
            (p for p in unused if resume_text(resume_entries([p], section_names)) == line), None
        )
        if same is not None:
            unused.remove(same)
            result.append(same)
            kept += 1
        else:
            result.append(_entry_to_posting(e, prefixes))
    return result, kept, len(unused)


def read_document(
    doc: ApprovalDocument,
    base: CadreInput | None,
    section_names: dict[int, str],
    grades: dict[int, str],
) -> ReadBack:
    """The record `doc` describes, starting from `base` (the stored record) when there is one.

    An element left empty in the file never erases what is stored; dates compare by
    month, so a stored day is kept when the file names the same month.
    """
    problems: list[FieldProblem] = []
    is_new = base is None
    data = copy.deepcopy(base) if base is not None else CadreInput(name="", id_number="")
    details = data.details or ApprovalDetails()
    data.details = details
    data.name = doc.get("XingMing")
    data.id_number = doc.get("ShenFenZheng")
    if doc.get("XingBie"):
        data.sex = doc.get("XingBie")
    if doc.get("MinZu"):
        data.ethnicity = _ethnicity(doc.get("MinZu"))

    birth, problem = parse_month_field("出生年月", doc.get("ChuShengNianYue"))
    if problem:
        problems.append(problem)
    if is_new:
        data.birth_date = None  # from the 身份证号; compared by month below

    def month_of(label: str, element: str, stored: date | None) -> date | None:
        value, trouble = parse_month_field(label, doc.get(element))
        if trouble:
            problems.append(trouble)
            return stored
        if value is None or (stored is not None and dotted_month(stored) == dotted_month(value)):
            return stored
        return value

    data.first_employment = month_of("参加工作时间", "CanJiaGongZuoShiJian", data.first_employment)
    details.party_joined = month_of("入党时间", "RuDangShiJian", details.party_joined)

    for element, attr in DIRECT_FIELDS:
        if doc.get(element):
            setattr(details, attr, doc.get(element))
    evaluation = doc.get("NianDuKaoHeJieGuo")
    if evaluation and evaluation != evaluation_summary(grades):
        details.evaluation_text = evaluation

    if doc.family:
        details.family = []
        for number, item in enumerate(doc.family, start=1):
            when, trouble = parse_month_field(
                f"家庭成员第 {number} 行「出生日期」", item.get("ChuShengRiQi", "")
            )
            if trouble:
                problems.append(trouble)
            details.family.append(
                FamilyMember(
                    item.get("ChengWei", ""),
                    item.get("XingMing", ""),
                    when,
                    item.get("ZhengZhiMianMao", ""),
                    item.get("GongZuoDanWeiJiZhiWu", ""),
                )
            )
    if doc.photo is not None:
        details.photo = doc.photo

    kept = added = removed = 0
    try:
        entries = parse_resume(doc.get("JianLi"))
    except ValueError as exc:
        problems.append(FieldProblem("简历", str(exc)))
        entries = []
    if entries:
        data.postings, kept, removed = _merge_postings(entries, data.postings, section_names)
        added = len(data.postings) - kept
    current = current_posting(data.postings)
    if current is not None and current.unit == HOME_UNIT and current.section_id is not None:
        data.section_id, data.post_title, data.rank_id = (
            current.section_id,
            current.post_title,
            current.rank_id,
        )
    elif entries:
        data.section_id, data.post_title, data.rank_id = None, "", None
    shown_post = doc.get("XianRenZhiWu")
    if shown_post:
        default = default_current_post(data.postings, section_names)
        details.current_post_text = "" if shown_post == default else shown_post

    if is_new:
        data.political_status = "中共党员" if details.party_joined is not None else ""
        texts = [getattr(details, attr) for attr in _EDUCATION_KEYS]
        data.education = _roster_education(*texts)
        data.degree = _roster_degree(*texts)
        home = [p.start_date for p in data.postings if p.unit == HOME_UNIT and p.start_date]
        data.joined_department = min(home) if home else None
        data.status = CadreStatus.ACTIVE
    if birth is not None:
        _check_birth_month(data, birth, problems)
    return ReadBack(data, problems, kept, added, removed)


def _check_birth_month(data: CadreInput, birth: date, problems: list[FieldProblem]) -> None:
    from orgdesk.domain.idcard import IdNumberError, parse_id_number

    try:
        info = parse_id_number(data.id_number)
    except IdNumberError:
        return  # check_cadre names the 身份证号 problem
    if dotted_month(info.birth_date) != dotted_month(birth):
        problems.append(
            FieldProblem(
                "出生年月",
                f"与身份证号不符（身份证号中为 {info.birth_date:%Y.%m}）",
                None,
                dotted_month(birth),
            )
        )
