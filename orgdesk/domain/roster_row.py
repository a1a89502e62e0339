"""One row of a roster spreadsheet, read the way clerks fill it in (名册导入).

Forgiving about form: full-width digits and letters, stray and padding spaces
(张　三 → 张三), lowercase x, dates as 1985.03 / 1985-3-1 / 1985年3月 / 19850301
/ real Excel dates, common short forms (本科 → 大学本科, 党员 → 中共党员).
Strict about meaning: an ID that Excel stored as a number, an impossible date,
an unknown 科室 or 职级 is a problem naming the row, the column and the value —
never a guess.  Blank cells are "not given" (the import keeps what is stored).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from orgdesk.domain.errors import FieldProblem
from orgdesk.domain.idcard import IdNumberError
from orgdesk.domain.names import normalize_name
from orgdesk.domain.normalize import DateParseError, parse_id_cell, parse_loose_date, to_halfwidth
from orgdesk.domain.people import ETHNICITIES

# (field, 模板表头, 同义表头).  The template and the export write exactly these headers.
ROSTER_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("name", "姓名", ("名字",)),
    ("id_number", "身份证号", ("公民身份号码", "身份证号码", "身份证", "证件号码", "身份证件号码")),
    ("sex", "性别", ()),
    ("birth_date", "出生日期", ("出生年月", "出生时间", "生日", "出生年月日")),
    ("ethnicity", "民族", ()),
    ("political_status", "政治面貌", ("政治身份",)),
    ("education", "学历", ("最高学历", "文化程度")),
    ("degree", "学位", ("最高学位",)),
    ("specialty", "专业背景", ("专业", "所学专业")),
    ("first_employment", "参加工作时间", ("工作时间", "参加工作日期", "参工时间")),
    (
        "joined_department",
        "进入本部时间",
        ("进入本部门时间", "入部时间", "调入本部时间", "到部时间"),
    ),
    ("section", "科室", ("所在科室", "处室", "科室名称")),
    ("post_title", "职务", ("现任职务", "现职务")),
    ("rank", "职级", ("现职级", "职务层次", "职级层次")),
    ("post_since", "任现职时间", ("任现职务时间", "现职时间", "任职时间")),
    ("phone", "联系电话", ("电话", "手机", "手机号码", "联系方式")),
    ("note", "备注", ()),
)
HEADERS = {f: h for f, h, _ in ROSTER_FIELDS}
REQUIRED_COLUMNS = ("name", "id_number")
REQUIRED_FOR_NEW = ("name", "id_number", "section", "rank")
DATE_FIELDS = ("birth_date", "first_employment", "joined_department", "post_since")
CHOICE_FIELDS = ("sex", "ethnicity", "political_status", "education", "degree")
TEXT_FIELDS = ("specialty", "post_title", "phone", "note")

VALUE_ALIASES: dict[str, dict[str, str]] = {
    "sex": {"男性": "男", "女性": "女"},
    "political_status": {
        "党员": "中共党员",
        "共产党员": "中共党员",
        "中国共产党党员": "中共党员",
        "预备党员": "中共预备党员",
        "中共预备": "中共预备党员",
        "团员": "共青团员",
        "共青团": "共青团员",
        "无党派": "无党派人士",
    },
    "education": {
        "本科": "大学本科",
        "大学本科学历": "大学本科",
        "大专": "大学专科",
        "专科": "大学专科",
        "硕士研究生": "研究生",
        "博士研究生": "研究生",
        "研究生学历": "研究生",
    },
    "degree": {"学士学位": "学士", "硕士学位": "硕士", "博士学位": "博士"},
    "ethnicity": {e[:-1]: e for e in ETHNICITIES},
}


@dataclass(slots=True)
class RosterRowValues:
    """The normalised cells of one row; a field absent from `values` was blank."""

    row: int
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[FieldProblem] = field(default_factory=list)

    def get(self, key: str) -> Any:
        return self.values.get(key)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def compact(text: str) -> str:
    """A term as a lookup key: half-width, no spaces at all ("中共 党员" → "中共党员")."""
    return "".join(to_halfwidth(text).split())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 13900000000 typed into a number cell
    if isinstance(value, datetime | date):
        return f"{value:%Y-%m-%d}"
    return str(value)


_NAME, _ID, _DATE, _TERM = range(4)
_KINDS = {"name": _NAME, "id_number": _ID, **dict.fromkeys(DATE_FIELDS, _DATE)}
_BLANK = object()  # a cell of spaces only


class RosterRowReader:
    """Reads rows of one file: the 科室/职级 names known, and the file's own column names.

    Terms repeat on every row (科室, 职级, 学历 …), so each distinct cell text is
    normalised once per import.
    """

    def __init__(
        self,
        headers: Mapping[str, str],
        sections: Mapping[str, int],
        ranks: Mapping[str, int],
    ) -> None:
        self.headers = headers
        self.lookups = {"section": sections, "rank": ranks}
        self._terms: dict[str, dict[Any, tuple[Any, str | None]]] = {}

    def read(self, row: int, raw: Mapping[str, Any]) -> RosterRowValues:
        """Normalise every given cell of one row; problems name the file's column."""
        out = RosterRowValues(row)
        values = out.values
        terms = self._terms
        for key, value in raw.items():
            if value is None or value == "":
                continue
            kind = _KINDS.get(key, _TERM)
            if kind == _TERM:  # 科室, 职级, 学历 …: each distinct cell text normalised once
                seen = terms.get(key)
                if seen is None:
                    seen = terms[key] = {}
                found = seen.get(value)
                if found is None:
                    found = seen[value] = self._term(key, value)
                term, problem = found
                if problem is None:
                    if term is not _BLANK:
                        values[key] = term
                else:
                    self._bad(out, key, problem, value)
            elif kind == _DATE and type(value) is date:
                values[key] = value
            elif isinstance(value, str) and not value.strip():
                continue
            elif kind == _NAME:
                values[key] = normalize_name(_text(value))
            elif kind == _ID:
                try:
                    values[key] = parse_id_cell(value)
                except IdNumberError as exc:
                    self._bad(out, key, str(exc), value)
            else:
                try:
                    values[key] = parse_loose_date(value)
                except DateParseError as exc:
                    self._bad(out, key, str(exc), value)
        return out

    def _term(self, key: str, value: Any) -> tuple[Any, str | None]:
        """A repeated cell text → (stored value, None) or (None, reason)."""
        if isinstance(value, str) and not value.strip():
            return _BLANK, None
        if key in CHOICE_FIELDS:
            term = compact(_text(value))
            return VALUE_ALIASES[key].get(term, term), None
        if key in self.lookups:
            lookup = self.lookups[key]
            term = compact(_text(value))
            if term in lookup:
                return lookup[term], None
            kind = "科室" if key == "section" else "职级"
            return None, f"不是已有的{kind}（现有：{'、'.join(lookup) or '无'}）"
        if key == "post_title":
            return "".join(_text(value).split()), None  # 科　员 → 科员; （正科级） kept as typed
        if key == "phone":
            return to_halfwidth(_text(value)).strip(), None
        return _text(value).strip(), None

    def _bad(self, out: RosterRowValues, key: str, message: str, value: Any) -> None:
        shown = _text(value).strip() if value is not None else None
        out.problems.append(
            FieldProblem(self.headers.get(key, HEADERS[key]), message, out.row, shown)
        )


def parse_roster_row(
    row: int,
    raw: Mapping[str, Any],
    headers: Mapping[str, str],
    sections: Mapping[str, int],
    ranks: Mapping[str, int],
) -> RosterRowValues:
    """One row on its own (tests, the candidate list); imports reuse a `RosterRowReader`."""
    return RosterRowReader(headers, sections, ranks).read(row, raw)


def missing_for_new(values: RosterRowValues, headers: Mapping[str, str]) -> list[FieldProblem]:
    """新增人员 must give 姓名, 身份证号, 科室 and 职级 (an update may leave cells blank)."""
    if all(key in values.values for key in REQUIRED_FOR_NEW):
        return []
    failed = {p.field for p in values.problems}
    problems = []
    for key in REQUIRED_FOR_NEW:
        label = headers.get(key, HEADERS[key])
        if key not in values.values and label not in failed:
            problems.append(FieldProblem(label, "为必填项，不能为空", values.row))
    return problems
