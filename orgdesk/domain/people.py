"""Cadres, sections, ranks and posting history (R-PPL-1..4).

Plain values and the checks a clerk's input must pass before anything is
stored.  The form and the Excel import both call `check_cadre`, so the same
truth holds whichever way a record arrives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

from orgdesk.domain.approval_form import ApprovalDetails, check_details
from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.idcard import IdNumberError, parse_id_number
from orgdesk.domain.names import normalize_name
from orgdesk.domain.text import LONG_TEXT, check_text


class SectionKind(StrEnum):
    """R-PPL-2: whether a section is general or business matters for R-ROT-3."""

    GENERAL = "综合科室"
    BUSINESS = "业务科室"
    INSTITUTION = "下属事业单位"


class RankLevel(IntEnum):
    """R-PPL-3: the ladder, lowest to highest."""

    CLERK = 1
    DEPUTY_SECTION = 2
    SECTION = 3
    DEPUTY_DIVISION = 4

    @property
    def label(self) -> str:
        return RANK_LEVEL_LABELS[self]


RANK_LEVEL_LABELS = {
    RankLevel.CLERK: "科员级",
    RankLevel.DEPUTY_SECTION: "副科级",
    RankLevel.SECTION: "正科级",
    RankLevel.DEPUTY_DIVISION: "副处级",
}


class CadreStatus(StrEnum):
    ACTIVE = "在职"
    TRIAL = "试用期"
    LEFT = "已调出"


SEXES = ("男", "女")
POLITICAL_STATUSES = ("中共党员", "中共预备党员", "共青团员", "民主党派", "无党派人士", "群众")
EDUCATIONS = ("研究生", "大学本科", "大学专科", "中专", "高中及以下")
DEGREES = ("博士", "硕士", "学士", "无")
ETHNICITIES = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 "
    "哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 "
    "柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 "
    "塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
).split()


@dataclass(frozen=True)
class RankInfo:
    id: int
    name: str
    level: RankLevel
    is_leadership: bool


@dataclass(frozen=True)
class SectionInfo:
    id: int
    name: str
    kind: SectionKind


@dataclass
class PostingInput:
    """One line of 任职经历 as the clerk typed it."""

    unit: str
    post_title: str
    start_date: date | None
    end_date: date | None = None
    section_id: int | None = None
    rank_id: int | None = None
    note: str = ""
    id: int | None = None


@dataclass
class CadreInput:
    """What the detail form (or an import row) submits for one cadre."""

    name: str
    id_number: str
    sex: str = ""
    birth_date: date | None = None
    ethnicity: str = "汉族"
    political_status: str = "中共党员"
    education: str = ""
    degree: str = ""
    specialty: str = ""
    first_employment: date | None = None
    joined_department: date | None = None
    section_id: int | None = None
    post_title: str = ""
    rank_id: int | None = None
    status: CadreStatus = CadreStatus.ACTIVE
    phone: str = ""
    note: str = ""
    postings: list[PostingInput] = field(default_factory=list)
    # 任免审批表信息; None leaves what is stored untouched.
    details: ApprovalDetails | None = None


FIELD_LABELS = {
    "name": "姓名",
    "id_number": "身份证号",
    "sex": "性别",
    "birth_date": "出生日期",
    "ethnicity": "民族",
    "political_status": "政治面貌",
    "education": "学历",
    "degree": "学位",
    "specialty": "专业背景",
    "first_employment": "参加工作时间",
    "joined_department": "进入本部时间",
    "section_id": "科室",
    "post_title": "职务",
    "rank_id": "职级",
    "status": "状态",
}

MAX_NAME_LENGTH = 30


def check_cadre(data: CadreInput, *, today: date) -> list[FieldProblem]:
    """All problems with one cadre's input; warnings are marked as such.

    Normalises the name and ID number in place (the clerk sees the stored form).
    """
    problems: list[FieldProblem] = []

    def bad(field_name: str, message: str, value: object = None, warning: bool = False) -> None:
        shown = None if value is None else str(value)
        problems.append(FieldProblem(FIELD_LABELS[field_name], message, None, shown, warning))

    data.name = normalize_name(data.name)
    if not data.name:
        bad("name", "不能为空")
    elif len(data.name) > MAX_NAME_LENGTH:
        bad("name", f"过长（最多 {MAX_NAME_LENGTH} 个字）")
    elif any(ch.isdigit() or ch in "<>{}[]=\\/|@#$%^&*" for ch in data.name):
        bad("name", "含有数字或符号", data.name)

    try:
        info = parse_id_number(data.id_number)
    except IdNumberError as exc:
        bad("id_number", str(exc), data.id_number)
        info = None
    if info is not None:
        data.id_number = info.number
        for warning in info.warnings:
            bad("id_number", warning, info.number, warning=True)
        if data.birth_date is None:
            data.birth_date = info.birth_date
        elif data.birth_date != info.birth_date:
            bad(
                "birth_date",
                f"与身份证号不符（身份证号中为 {info.birth_date:%Y-%m-%d}）",
                f"{data.birth_date:%Y-%m-%d}",
            )
        if not data.sex:
            data.sex = info.sex
        elif data.sex != info.sex:
            bad("sex", f"与身份证号不符（身份证号第 17 位表示「{info.sex}」）", data.sex)

    if data.sex and data.sex not in SEXES:
        bad("sex", "应为「男」或「女」", data.sex)
    if data.political_status and data.political_status not in POLITICAL_STATUSES:
        bad("political_status", "不是可选的政治面貌", data.political_status)
    if data.education and data.education not in EDUCATIONS:
        bad("education", "不是可选的学历", data.education)
    if data.degree and data.degree not in DEGREES:
        bad("degree", "不是可选的学位", data.degree)
    if data.ethnicity and data.ethnicity not in ETHNICITIES:
        bad("ethnicity", "不是 56 个民族之一", data.ethnicity)

    birth = data.birth_date
    for key in ("first_employment", "joined_department"):
        when: date | None = getattr(data, key)
        if when is None:
            continue
        if when > today:
            bad(key, "不能晚于今天", f"{when:%Y-%m-%d}")
        elif birth is not None and when < _sixteenth_birthday(birth):
            bad(key, "早于 16 周岁", f"{when:%Y-%m-%d}")
    if (
        data.first_employment is not None
        and data.joined_department is not None
        and data.joined_department < data.first_employment
    ):
        bad("joined_department", "早于参加工作时间", f"{data.joined_department:%Y-%m-%d}")

    problems.extend(_check_free_text(data))
    problems.extend(check_postings(data.postings))
    if data.details is not None:
        problems.extend(check_details(data.details, birth=data.birth_date, today=today))
    return problems


# (field, limit, multiline) for the free-text fields of the form.
_FREE_TEXT = (
    ("name", MAX_NAME_LENGTH, False),
    ("specialty", 100, False),
    ("post_title", 60, False),
    ("phone", 30, False),
    ("note", LONG_TEXT, True),
)
_LABELS = {**FIELD_LABELS, "phone": "联系电话", "note": "备注"}


def _check_free_text(data: CadreInput) -> list[FieldProblem]:
    """Length limits and refused characters (control characters etc.) in every text field."""
    problems: list[FieldProblem] = []
    for key, limit, multiline in _FREE_TEXT:
        found = check_text(_LABELS[key], getattr(data, key) or "", limit=limit, multiline=multiline)
        if key == "name":  # its length is already checked above
            found = [p for p in found if "过长" not in p.message]
        problems.extend(found)
    for number, p in enumerate(data.postings, start=1):
        where = f"任职经历第 {number} 条"
        for label, value, limit, multiline in (
            ("单位", p.unit, 100, False),
            ("职务", p.post_title, 60, False),
            ("备注", p.note, 500, True),
        ):
            problems.extend(
                FieldProblem(where, f"「{label}」{x.message}")
                for x in check_text(label, value or "", limit=limit, multiline=multiline)
            )
    return problems


def _sixteenth_birthday(birth: date) -> date:
    try:
        return birth.replace(year=birth.year + 16)
    except ValueError:  # 29 February
        return date(birth.year + 16, 3, 1)


def check_postings(postings: list[PostingInput]) -> list[FieldProblem]:
    """任职经历: each line complete, dates ordered, at most one open line in the department."""
    problems: list[FieldProblem] = []
    open_lines = 0
    for number, p in enumerate(postings, start=1):
        where = f"任职经历第 {number} 条"
        if not p.unit.strip():
            problems.append(FieldProblem(where, "「单位」不能为空"))
        if not p.post_title.strip():
            problems.append(FieldProblem(where, "「职务」不能为空"))
        if p.start_date is None:
            problems.append(FieldProblem(where, "「起始时间」不能为空"))
        elif p.end_date is not None and p.end_date < p.start_date:
            problems.append(FieldProblem(where, "「终止时间」早于「起始时间」"))
        if p.end_date is None and p.section_id is not None:
            open_lines += 1
    if open_lines > 1:
        problems.append(
            FieldProblem("任职经历", "本部同时有多条未结束的任职，请填写前一条的终止时间")
        )
    return problems


def current_posting(postings: list[PostingInput]) -> PostingInput | None:
    """The open posting in the department that defines the current section/post/rank."""
    open_ones = [p for p in postings if p.end_date is None and p.start_date is not None]
    if not open_ones:
        return None
    return max(open_ones, key=lambda p: p.start_date or date.min)


def post_and_rank_since(postings: list[PostingInput]) -> tuple[date | None, date | None]:
    """When the current post began, and since when the cadre has held the current rank.

    The rank counts back across consecutive postings with the same rank (a move
    between sections at the same rank does not reset years at rank).
    """
    current = current_posting(postings)
    if current is None or current.start_date is None:
        return None, None
    ordered = sorted(
        (p for p in postings if p.start_date is not None), key=lambda p: p.start_date or date.min
    )
    rank_since = current.start_date
    for p in reversed(ordered):
        if p is current or p.start_date is None or p.start_date >= current.start_date:
            continue
        if p.rank_id is None or p.rank_id != current.rank_id:
            break
        rank_since = p.start_date
    return current.start_date, rank_since
