"""Cadre names (R-PPL-1): one stored form, and pinyin keys for quick search.

Clerks pad two-character names for alignment ("张　三") and type the minority-name
separator in many ways; normalising lets "张三" find "张 三" and prevents two
records for one person. Pinyin keys let a clerk type "zs" to find 张三.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT as _PHRASES
from pypinyin.pinyin_dict import pinyin_dict as _READINGS

from orgdesk.domain.normalize import to_halfwidth

__all__ = ["name_initials", "name_pinyin", "name_syllables", "normalize_name"]

# Separators seen in 少数民族 names → the standard middle dot U+00B7.
_DOTS = str.maketrans({ch: "·" for ch in ".•‧∙⋅・･●。"})
_NOT_PRINTED = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_RUNS = re.compile(r"[a-z0-9]+|[^a-z0-9]+")

# Surname readings that differ from the character's everyday reading. Used only
# for the first character(s) of a Han name, where they are the surname.
_COMPOUND_SURNAMES = {
    "尉迟": ["yu", "chi"],
    "万俟": ["mo", "qi"],
    "长孙": ["zhang", "sun"],
    "澹台": ["tan", "tai"],
    "单于": ["chan", "yu"],
    "令狐": ["ling", "hu"],
}
_SURNAMES = {
    "单": "shan",
    "曾": "zeng",
    "仇": "qiu",
    "解": "xie",
    "查": "zha",
    "朴": "piao",
    "覃": "qin",
    "缪": "miao",
    "翟": "zhai",
    "区": "ou",
    "盖": "ge",
    "秘": "bi",
    "种": "chong",
    "繁": "po",
    "员": "yun",
    "句": "gou",
    "阚": "kan",
    "薄": "bo",
    "折": "she",
    "召": "shao",
    "藏": "zang",
    "隗": "wei",
    "祭": "zhai",
    "蕃": "pi",
    "郇": "xun",
}


def normalize_name(raw: str) -> str:
    """The stored form of a name: no padding or stray spaces, one kind of middle dot."""
    text = _NOT_PRINTED.sub("", to_halfwidth(raw))
    return text.translate(_DOTS)


def name_syllables(name: str) -> list[str]:
    """Toneless lowercase pinyin, one item per character (ASCII words kept whole).

    Characters pypinyin does not know (e.g. unencoded variants typed as private-use
    glyphs) are dropped rather than guessed; heteronyms take the most common
    reading except for the surname readings listed above.
    """
    name = normalize_name(name)
    out: list[str] = []
    if "·" not in name:  # transliterated minority names have no Han surname
        if name[:2] in _COMPOUND_SURNAMES:
            out, name = list(_COMPOUND_SURNAMES[name[:2]]), name[2:]
        elif name[:1] in _SURNAMES and len(name) > 1:
            out, name = [_SURNAMES[name[0]]], name[1:]
    for run in _RUNS.findall(name.lower()):
        if _ASCII_WORD.fullmatch(run):
            out.append(run)
        else:
            out.extend(_han_run(run))
    return out


def name_pinyin(name: str) -> str:
    """Full pinyin without tones or spaces: 张三 → "zhangsan"."""
    return "".join(name_syllables(name))


def name_initials(name: str) -> str:
    """First letters of the pinyin: 张三 → "zs", 单雄信 → "sxx"."""
    return "".join(s[0] for s in name_syllables(name))


@lru_cache(maxsize=16384)
def _char_readings(ch: str) -> tuple[str, ...]:
    readings = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return tuple(r for r in readings if _ASCII_WORD.fullmatch(r))


def _has_phrase(run: str) -> bool:
    """Whether pypinyin's segmentation could read part of `run` as a dictionary phrase."""
    n = len(run)
    return any(run[i:j] in _PHRASES for i in range(n - 1) for j in range(i + 2, n + 1))


def _han_run(run: str) -> list[str]:
    """`lazy_pinyin` of a run of characters, fast for bulk imports.

    pypinyin reads a run character by character unless part of it is a phrase
    of its dictionary; and a character with a single reading reads the same
    everywhere.  Such runs are looked up per character from a cache (checked
    against pypinyin in tests); any other run goes through pypinyin whole.
    """
    if not _has_phrase(run) or all("," not in _READINGS.get(ord(ch), ",") for ch in run):
        out: list[str] = []
        for ch in run:
            out.extend(_char_readings(ch))
        return out
    return list(_phrase_readings(run))


@lru_cache(maxsize=16384)
def _phrase_readings(run: str) -> tuple[str, ...]:
    readings = lazy_pinyin(run, style=Style.NORMAL, errors="ignore")
    return tuple(r for r in readings if _ASCII_WORD.fullmatch(r))
