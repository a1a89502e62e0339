"""Forgiving reading of cell values as clerks type them in Excel (for the roster import).

Forgiving about form (full-width digits, 1985.3, 1985年3月), strict about meaning:
a value that may have lost information (an 身份证号 stored as a number, 1985.10
shown as 1985.1) is refused with a reason rather than guessed.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from orgdesk.domain.idcard import IdNumberError, normalize_id_number

__all__ = [
    "DateParseError",
    "normalize_header",
    "parse_id_cell",
    "parse_loose_date",
    "to_halfwidth",
]

_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20

# Excel's 1900 date system: serial 1 is 1900-01-01 and it believes 1900-02-29
# (serial 60) existed, so later serials count from 1899-12-30.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_EARLY_EPOCH = date(1899, 12, 31)
_EXCEL_MAX_SERIAL = (date(9999, 12, 31) - _EXCEL_EPOCH).days

_DASHES = str.maketrans({"—": "-", "–": "-", "－": "-", "‐": "-", "−": "-"})
_DATE_RE = re.compile(
    r"(?P<y>[0-9]{4})\s*[-./年]\s*(?P<m>[0-9]{1,2})\s*"
    r"(?:[-./月]\s*(?:(?P<d>[0-9]{1,2})\s*[日号]?)?)?"
    r"(?:[T\s]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
)
_COMPACT_RE = re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})?")


class DateParseError(ValueError):
    """A cell that is not a usable date; the message is for the clerk (Chinese)."""


def to_halfwidth(s: str) -> str:
    """Full-width ASCII (FF01–FF5E) → ASCII and the ideographic space → a space."""
    return s.translate(_HALFWIDTH)


def normalize_header(s: str) -> str:
    """Header text as a lookup key: "＊ 姓  名：" → "姓名"."""
    key = "".join(to_halfwidth(s).split())
    return key.lstrip("*").rstrip(":*")


def parse_loose_date(value: object) -> date:
    """A date from whatever the cell holds; month-only forms give the 1st of the month."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or value is None:
        raise DateParseError("日期为空" if value is None else f"无法识别的日期「{value}」")
    if isinstance(value, int | float):
        return _from_number(value)
    if isinstance(value, str):
        return _from_text(value)
    raise DateParseError(f"无法识别的日期「{value}」")


def parse_id_cell(value: object) -> str:
    """The 身份证号 text of a cell; None gives "" so the caller decides if it is required."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise IdNumberError(f"无法识别的身份证号「{value}」")
    if isinstance(value, float) or (isinstance(value, int) and len(str(abs(value))) >= 16):
        raise IdNumberError("身份证号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新录入")
    return normalize_id_number(str(value))


def _from_number(value: float) -> date:
    """Excel serial, or a yyyymmdd / yyyymm / yyyy.mm that Excel stored as a number."""
    if isinstance(value, float) and not math.isfinite(value):
        raise DateParseError(f"无法识别的日期「{value}」")
    if 1900 <= value < 2101:
        # Serials 1900–2100 are 1905 dates, which no cadre record holds; these are
        # years or year.month typed into a number cell.
        return _from_year_month_number(value)
    if value == int(value) and 19000101 <= value <= 99991231:
        return _from_text(str(int(value)))
    if value == int(value) and 190001 <= value <= 210012:
        return _from_text(str(int(value)))
    serial = math.floor(value)  # a fraction is the time of day
    if serial < 1 or serial > _EXCEL_MAX_SERIAL:
        raise DateParseError(f"无法识别的日期「{value}」")
    if serial == 60:
        raise DateParseError("日期 1900-02-29 不存在")
    epoch = _EXCEL_EARLY_EPOCH if serial < 60 else _EXCEL_EPOCH
    return epoch + timedelta(days=serial)


def _from_year_month_number(value: float) -> date:
    """1985.03 typed in a number cell; 1985.1 is refused (it may have been 1985.10)."""
    text = repr(float(value))
    year, _, fraction = text.partition(".")
    if fraction in ("", "0"):
        raise DateParseError(f"「{year}」只有年份，缺少月份")
    if fraction == "1":
        raise DateParseError(
            f"「{value}」无法确定是 1 月还是 10 月（Excel 会把 {year}.10 存成 {year}.1），"
            "请把该列设为文本后重新录入"
        )
    return _build(year, fraction, None, text)


def _from_text(raw: str) -> date:
    """The written forms: 1985.03, 1985-3-1, 1985年3月1日, 19850301, 198503 …"""
    text = to_halfwidth(raw).translate(_DASHES).strip()
    if not text:
        raise DateParseError("日期为空")
    if re.fullmatch(r"[0-9]{4}\s*年?", text):
        raise DateParseError(f"「{raw.strip()}」只有年份，缺少月份")
    match = _DATE_RE.fullmatch(text) or _COMPACT_RE.fullmatch(text)
    if match is None:
        raise DateParseError(f"无法识别的日期「{raw.strip()}」")
    return _build(match["y"], match["m"], match["d"], raw)


def _build(year: str, month: str, day: str | None, raw: str) -> date:
    """A date from its parts, naming the impossible part when there is one."""
    y, m = int(year), int(month)
    d = int(day) if day else 1
    if not 1 <= m <= 12:
        raise DateParseError(f"月份 {m} 不存在")
    if y < 1:
        raise DateParseError(f"无法识别的日期「{raw}」")
    try:
        return date(y, m, d)
    except ValueError:
        raise DateParseError(f"日期 {y:04d}-{m:02d}-{d:02d} 不存在") from None
