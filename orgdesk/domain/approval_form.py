"""干部任免审批表: the fields of the national approval form and how they are written.

The form (and its .lrmx file) speaks in month-precision dates ("198503"),
简历 lines ("2007.07--2015.06  县财政局科员") and free text.  This module holds
the cadre fields the department did not keep before (籍贯, 出生地, 家庭成员 …),
the checks they must pass, and the pure conversions between our records and the
form's text.  No XML and no database here: storage writes the file, services
fill the form.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.normalize import DateParseError, parse_loose_date, to_halfwidth
from orgdesk.domain.text import LONG_TEXT, check_text

# How the department names itself on the form (简历, 现任职务).
DEPARTMENT_NAME = "县委组织部"
# The format version the national 任免审批表 software writes; other programs check it.
LRMX_VERSION = "3.2.1.16"
# Years of 年度考核 shown on the form (the form's convention: the last three).
EVALUATION_YEARS_SHOWN = 3
MAX_PHOTO_BYTES = 4 * 1024 * 1024
HEALTH_OPTIONS = ("健康", "良好", "一般", "较差")
RELATIONS = ("妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "岳父", "岳母", "公公", "婆婆")


@dataclass
class FamilyMember:
    """家庭主要成员及重要社会关系: one row of the form's family table."""

    relation: str = ""
    name: str = ""
    birth_month: date | None = None
    political_status: str = ""
    work_unit_post: str = ""


@dataclass
class ApprovalDetails:
    """任免审批表信息: what the form needs beyond the roster fields."""

    native_place: str = ""  # 籍贯
    birthplace: str = ""  # 出生地
    party_joined: date | None = None  # 入党时间
    health: str = ""  # 健康状况
    professional_title: str = ""  # 专业技术职务
    expertise: str = ""  # 熟悉专业有何专长
    fulltime_education: str = ""  # 全日制教育 学历
    fulltime_degree: str = ""  # 全日制教育 学位
    fulltime_education_school: str = ""  # 学历的毕业院校系及专业
    fulltime_degree_school: str = ""  # 学位的毕业院校系及专业
    parttime_education: str = ""  # 在职教育 …
    parttime_degree: str = ""
    parttime_education_school: str = ""
    parttime_degree_school: str = ""
    current_post_text: str = ""  # 现任职务 as written; empty = from the current posting
    proposed_post: str = ""  # 拟任职务
    proposed_removal: str = ""  # 拟免职务
    rewards: str = ""  # 奖惩情况
    evaluation_text: str = ""  # 年度考核结果 as written, used when no grades are kept
    appointment_reason: str = ""  # 任免理由
    reporting_unit: str = ""  # 呈报单位
    form_filler: str = ""  # 填表人
    family: list[FamilyMember] = field(default_factory=list)
    photo: bytes | None = None


TEXT_FIELDS: tuple[str, ...] = (
    "native_place",
    "birthplace",
    "health",
    "professional_title",
    "expertise",
    "fulltime_education",
    "fulltime_degree",
    "fulltime_education_school",
    "fulltime_degree_school",
    "parttime_education",
    "parttime_degree",
    "parttime_education_school",
    "parttime_degree_school",
    "current_post_text",
    "proposed_post",
    "proposed_removal",
    "rewards",
    "evaluation_text",
    "appointment_reason",
    "reporting_unit",
    "form_filler",
)

DETAIL_LABELS = {
    "native_place": "籍贯",
    "birthplace": "出生地",
    "party_joined": "入党时间",
    "health": "健康状况",
    "professional_title": "专业技术职务",
    "expertise": "熟悉专业有何专长",
    "fulltime_education": "全日制教育学历",
    "fulltime_degree": "全日制教育学位",
    "fulltime_education_school": "全日制学历毕业院校系及专业",
    "fulltime_degree_school": "全日制学位毕业院校系及专业",
    "parttime_education": "在职教育学历",
    "parttime_degree": "在职教育学位",
    "parttime_education_school": "在职学历毕业院校系及专业",
    "parttime_degree_school": "在职学位毕业院校系及专业",
    "current_post_text": "现任职务",
    "proposed_post": "拟任职务",
    "proposed_removal": "拟免职务",
    "rewards": "奖惩情况",
    "evaluation_text": "年度考核结果",
    "appointment_reason": "任免理由",
    "reporting_unit": "呈报单位",
    "form_filler": "填表人",
    "photo": "照片",
}

_SHORT_LIMIT = 200
_LONG_FIELDS = {"rewards", "evaluation_text", "appointment_reason"}


def check_details(d: ApprovalDetails, *, birth: date | None, today: date) -> list[FieldProblem]:
    """Problems with the 任免审批表 fields; trims text in place."""
    problems: list[FieldProblem] = []
    for key in TEXT_FIELDS:
        value = getattr(d, key).strip()
        setattr(d, key, value)
        long = key in _LONG_FIELDS
        problems.extend(
            check_text(
                DETAIL_LABELS[key], value, limit=LONG_TEXT if long else _SHORT_LIMIT, multiline=long
            )
        )
    if d.party_joined is not None:
        shown = f"{d.party_joined:%Y.%m}"
        if d.party_joined > today:
            problems.append(FieldProblem("入党时间", "不能晚于今天", None, shown))
        elif birth is not None and d.party_joined < date(birth.year + 18, birth.month, 1):
            problems.append(FieldProblem("入党时间", "早于 18 周岁", None, shown, warning=True))
    for number, m in enumerate(d.family, start=1):
        where = f"家庭成员第 {number} 行"
        for attr in ("relation", "name", "political_status", "work_unit_post"):
            setattr(m, attr, getattr(m, attr).strip())
        for attr, label, limit in (
            ("relation", "称谓", 20),
            ("name", "姓名", 40),
            ("political_status", "政治面貌", 40),
            ("work_unit_post", "工作单位及职务", _SHORT_LIMIT),
        ):
            problems.extend(
                FieldProblem(where, f"「{label}」{x.message}")
                for x in check_text(label, getattr(m, attr), limit=limit)
            )
        if not m.relation:
            problems.append(FieldProblem(where, "「称谓」不能为空"))
        if not m.name:
            problems.append(FieldProblem(where, "「姓名」不能为空"))
        if m.birth_month is not None and m.birth_month > today:
            problems.append(FieldProblem(where, "「出生日期」不能晚于今天"))
    if d.photo is not None:
        if len(d.photo) > MAX_PHOTO_BYTES:
            size = len(d.photo) / 1024 / 1024
            problems.append(
                FieldProblem(
                    "照片",
                    f"文件过大（{size:.1f} MB，最多 {MAX_PHOTO_BYTES // 1024 // 1024} MB）",
                )
            )
        elif image_kind(d.photo) is None:
            problems.append(FieldProblem("照片", "不是 JPG、PNG 或 BMP 图片"))
    return problems


def image_kind(data: bytes) -> str | None:
    """'jpeg' / 'png' / 'bmp' / 'gif' from the first bytes, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"BM"):
        return "bmp"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    return None


# -- months as the form writes them ----------------------------------------------------


def month_text(d: date | None) -> str:
    """198503 — the form's way of writing a month."""
    return f"{d:%Y%m}" if d else ""


def dotted_month(d: date | None) -> str:
    """1985.03 — how the printed form shows a month."""
    return f"{d:%Y.%m}" if d else ""


def parse_month(text: str) -> date | None:
    """The 1st of the month written as 198503, 1985.03, 1985-03, 1985年3月 or 19850301.

    Empty gives None; anything else that is not a month raises `DateParseError`.
    """
    cleaned = to_halfwidth(text).strip()
    if not cleaned:
        return None
    return parse_loose_date(cleaned).replace(day=1)


def month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def age_on(birth: date | None, when: date) -> int | None:
    if birth is None:
        return None
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


def evaluation_summary(grades: dict[int, str]) -> str:
    """年度考核结果 from the yearly grades: "2023年度考核优秀；2024年度考核称职。"."""
    years = sorted(grades)[-EVALUATION_YEARS_SHOWN:]
    parts = [f"{y}年度考核{grades[y]}" for y in years if grades[y]]
    return "；".join(parts) + "。" if parts else ""


# -- 简历 --------------------------------------------------------------------------------


@dataclass
class ResumeEntry:
    """One dated line of 简历, with any remark lines that follow it ("（其间：…）")."""

    start: date
    end: date | None
    text: str
    remarks: list[str] = field(default_factory=list)


_OPEN_END = " " * 7  # where the end month would be, as the national software leaves it

_RESUME_LINE = re.compile(
    r"^\s*(?P<y1>\d{4})\s*[.．年/-]?\s*(?P<m1>\d{1,2})\s*月?\s*"
    r"(?:--|-|—+|–|－+|~|～|〜|至)\s*"
    r"(?:(?P<y2>\d{4})\s*[.．年/-]?\s*(?P<m2>\d{1,2})\s*月?|至今)?\s*(?P<text>.*?)\s*$"
)


def resume_text(entries: list[ResumeEntry]) -> str:
    """The 简历 block: one "YYYY.MM--YYYY.MM  text" line per entry, remarks below it."""
    lines: list[str] = []
    for e in entries:
        end = dotted_month(e.end) if e.end else _OPEN_END
        lines.append(f"{dotted_month(e.start)}--{end}  {e.text}")
        lines.extend(e.remarks)
    return "\n".join(lines)


def parse_resume(text: str) -> list[ResumeEntry]:
    """Read a 简历 block back; raises `ValueError` (Chinese) naming the line it cannot read."""
    entries: list[ResumeEntry] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _RESUME_LINE.match(to_halfwidth(line))
        if match is None or not 1 <= int(match["m1"]) <= 12:
            if not entries:
                raise ValueError(f"「简历」第 {number} 行不是以「年.月--年.月」开头：{line[:30]}")
            entries[-1].remarks.append(line)
            continue
        start = date(int(match["y1"]), int(match["m1"]), 1)
        end = None
        if match["y2"]:
            month = int(match["m2"])
            if not 1 <= month <= 12:
                raise ValueError(f"「简历」第 {number} 行的终止月份 {month} 不存在")
            end = month_end(date(int(match["y2"]), month, 1))
        if end is not None and end < start:
            raise ValueError(f"「简历」第 {number} 行的终止时间早于起始时间")
        # Half-width conversion keeps positions, so the text keeps the clerk's own characters.
        entries.append(ResumeEntry(start, end, line[match.start("text") : match.end("text")]))
    return entries


def join_unit_post(unit: str, post: str) -> str:
    """县财政局 + 科员 → 县财政局科员 (a unit that already ends with its post is kept)."""
    return unit if not post or unit.endswith(post) else unit + post


# Post titles a 简历 line usually ends with, longest first when matched.
_POST_SUFFIXES = sorted(
    (
        "四级主任科员 三级主任科员 二级主任科员 一级主任科员 四级调研员 三级调研员 二级调研员 "
        "一级调研员 一级科员 二级科员 主任科员 副主任科员 调研员 副调研员 科员 办事员 副科长 科长 "
        "副部长 部长 副主任 主任 副局长 局长 副书记 书记 副镇长 镇长 副乡长 乡长 副县长 县长 "
        "副主席 主席 组织委员 宣传委员 纪检委员 委员 干事 副校长 校长 教师 副所长 所长 副站长 站长 "
        "副队长 队长 副院长 院长 会计 职员 专员 秘书 副经理 经理 学生 学习 工作 务农 待业 参军 战士"
    ).split(),
    key=len,
    reverse=True,
)


def split_unit_post(text: str) -> tuple[str, str]:
    """A 简历 text as (unit, post): 县财政局科员 → (县财政局, 科员).

    When no known post ends the text, the whole text is both (see `join_unit_post`),
    so writing it back gives the same line.
    """
    for suffix in _POST_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)], suffix
    return text, text


def home_prefix(section_name: str | None) -> str:
    """How a posting in the department begins on the form: 县委组织部干部科."""
    if not section_name:
        return DEPARTMENT_NAME
    if section_name.startswith(("县委", "中共", DEPARTMENT_NAME)):
        return section_name
    return DEPARTMENT_NAME + section_name


def parse_month_field(label: str, text: str) -> tuple[date | None, FieldProblem | None]:
    try:
        return parse_month(text), None
    except DateParseError as exc:
        return None, FieldProblem(label, f"无法识别为年月：{exc}", None, text)
