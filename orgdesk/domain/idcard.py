"""居民身份证号 (GB 11643-1999, 18 digits): normalise, validate, derive birth date and sex.

R-PPL-1 derives a cadre's birth date and sex from the number, so a number is only
accepted when its check digit is right; an unknown area code is merely a warning
because abolished 县/区 codes stay on people's cards for life.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from operator import mul
from typing import Literal

__all__ = [
    "PROVINCE_CODES",
    "IdInfo",
    "IdNumberError",
    "check_digit",
    "make_id_number",
    "mask_id_number",
    "normalize_id_number",
    "parse_id_number",
]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_MAP = "10X98765432"

# Province-level prefixes in use (大陆 31 省级, 台湾 71, 香港 81, 澳门 82, 港澳台居民 83).
PROVINCE_CODES = frozenset(
    [f"{n}" for n in range(11, 16)]
    + [f"{n}" for n in range(21, 24)]
    + [f"{n}" for n in range(31, 38)]
    + [f"{n}" for n in range(41, 47)]
    + [f"{n}" for n in range(50, 55)]
    + [f"{n}" for n in range(61, 66)]
    + ["71", "81", "82", "83"]
)

# Full-width ASCII (FF01–FF5E) → ASCII. Kept local so idcard does not depend on
# normalize, which itself imports this module for parse_id_cell.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Characters that copy-paste from Word/web drags into cells, besides whitespace.
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


class IdNumberError(ValueError):
    """A 身份证号 that cannot be accepted; the message is for the clerk (Chinese)."""


@dataclass(frozen=True)
class IdInfo:
    """What a valid number tells us; warnings need a human look but do not block."""

    number: str
    birth_date: date
    sex: Literal["男", "女"]
    area_code: str
    area_known: bool
    warnings: tuple[str, ...] = ()


def normalize_id_number(raw: str) -> str:
    """Undo what clerks and IMEs do to a number: spaces, full-width digits, lower-case x."""
    return _INVISIBLE.sub("", raw.translate(_HALFWIDTH)).upper()


def check_digit(first17: str) -> str:
    """MOD 11-2 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"需要 17 位数字，收到「{first17}」")
    total = sum(map(mul, map(int, first17), _WEIGHTS))
    return _CHECK_MAP[total % 11]


def parse_id_number(raw: str, *, today: date | None = None) -> IdInfo:
    """Validate a number and derive birth date, sex and area; raise IdNumberError if unusable.

    `today` exists so tests (and reports dated in the past) can pin "the future".
    """
    number = normalize_id_number(raw)
    _check_length(number)
    if not (number[:17].isascii() and number[:17].isdigit()):
        for pos, ch in enumerate(number[:17], start=1):
            if not ("0" <= ch <= "9"):
                raise IdNumberError(f"身份证号第 {pos} 位「{ch}」不是数字")
    if not ("0" <= number[17] <= "9" or number[17] == "X"):
        raise IdNumberError(f"身份证号第 18 位「{number[17]}」只能是数字或 X")

    birth = _birth_date(number[6:14])
    today = today or date.today()
    if birth > today:
        raise IdNumberError(f"身份证号中的出生日期 {birth.isoformat()} 晚于今天")

    expected = check_digit(number[:17])
    if number[17] != expected:
        raise IdNumberError(f"身份证号校验位错误（应为 {expected}），请核对是否抄错")

    area_code = number[:6]
    area_known = area_code[:2] in PROVINCE_CODES
    warnings: tuple[str, ...] = ()
    if not area_known:
        warnings = (f"地区码 {area_code[:2]} 不在现行行政区划中（可能已撤销），请核对",)
    sex: Literal["男", "女"] = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(
        number=number,
        birth_date=birth,
        sex=sex,
        area_code=area_code,
        area_known=area_known,
        warnings=warnings,
    )


def make_id_number(area6: str, birth: date, seq3: int) -> str:
    """Build a valid number (demo data, tests); seq3 odd → 男, even → 女."""
    if len(area6) != 6 or not area6.isascii() or not area6.isdigit():
        raise ValueError(f"地区码应为 6 位数字，收到「{area6}」")
    if not 0 <= seq3 <= 999:
        raise ValueError(f"顺序码应在 0–999 之间，收到 {seq3}")
    first17 = f"{area6}{birth:%Y%m%d}{seq3:03d}"
    if len(first17) != 17:  # years before 1000 or after 9999 do not fit 8 digits
        raise ValueError(f"出生日期 {birth.isoformat()} 无法写入身份证号")
    return first17 + check_digit(first17)


def mask_id_number(number: str) -> str:
    """Hide the birth date and sequence on screens and prints: 110105********1234."""
    number = normalize_id_number(number)
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def _check_length(number: str) -> None:
    """Length errors first: they explain most bad input (old numbers, lost digits)."""
    n = len(number)
    if n == 18:
        return
    if n == 0:
        raise IdNumberError("身份证号为空")
    if n == 15:
        raise IdNumberError("身份证号只有 15 位，是 15 位旧号码，请换为 18 位新号码")
    raise IdNumberError(f"身份证号应为 18 位，现为 {n} 位")


def _birth_date(yyyymmdd: str) -> date:
    """The 8 birth digits as a date, or a message naming the impossible date."""
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        raise IdNumberError(f"身份证号中的出生日期 {yyyymmdd} 不存在") from None
