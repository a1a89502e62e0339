"""培训 (R-TRN-1..4): the vocabulary of the syllabus, plans, exams, notes and activities.

Plain values only.  The credit arithmetic lives in `credits.py`; this module
holds the option lists the forms offer, who a reading item is meant for, the
status of a study note, and how a typed exam score is read.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from orgdesk.domain.normalize import to_halfwidth


class SubjectGroup(StrEnum):
    """The article's groups of study content (R-TRN-1)."""

    POLITICAL = "政治理论"
    PROFESSIONAL = "业务知识"
    BROAD = "综合知识"
    OFFICE = "计算机与办公技能"


# The broad subjects the article lists, offered when a new syllabus is started.
BROAD_SUBJECTS = (
    "现代科技",
    "市场经济",
    "法律",
    "党史",
    "中国近代史",
    "人才学",
    "领导科学",
    "教育学",
    "管理学",
    "心理学",
    "文学",
)
DEFAULT_SUBJECTS: tuple[tuple[SubjectGroup, str], ...] = (
    (SubjectGroup.POLITICAL, "马克思主义基本理论与党的创新理论"),
    (SubjectGroup.POLITICAL, "党章党规与组织工作条例"),
    (SubjectGroup.PROFESSIONAL, "干部工作业务知识"),
    (SubjectGroup.PROFESSIONAL, "基层组织建设与党员教育管理"),
    *((SubjectGroup.BROAD, name) for name in BROAD_SUBJECTS),
    (SubjectGroup.OFFICE, "微机与现代化办公设备操作"),
)


class PlanTerm(StrEnum):
    """R-TRN-2: 近期 and 长远 plans."""

    NEAR = "近期计划"
    LONG = "长远规划"


class DutyMode(StrEnum):
    OFF_DUTY = "脱产"
    ON_DUTY = "在职"


class GroupMode(StrEnum):
    COLLECTIVE = "集体培训"
    SELF_STUDY = "个人自学"


class SettingMode(StrEnum):
    CLASSROOM = "课堂"
    PRACTICE = "社会实践"


class DeliveryMode(StrEnum):
    """The modern means the article names, plus ordinary face-to-face teaching."""

    FACE_TO_FACE = "面授"
    AUDIOVISUAL = "电化教学"
    REMOTE = "远程教育"
    ONLINE = "网络教学"


class ActivityKind(StrEnum):
    """R-TRN-4."""

    SPEECH = "演讲比赛"
    READING_NOTES = "读书笔记展示"
    KNOWLEDGE_TEST = "专业理论知识测试"
    ESSAY = "优秀论文评比"


class Placing(StrEnum):
    FIRST = "一等奖"
    SECOND = "二等奖"
    THIRD = "三等奖"
    PARTICIPANT = "参与"


PLACING_SETTING = {
    Placing.FIRST: "credits.placing.first",
    Placing.SECOND: "credits.placing.second",
    Placing.THIRD: "credits.placing.third",
    Placing.PARTICIPANT: "credits.placing.participant",
}


class NoteStatus(StrEnum):
    """学习心得 against its deadline, as of a day."""

    ON_TIME = "按时提交"
    LATE = "逾期提交"
    MISSING = "逾期未交"
    PENDING = "待提交"


def note_status(due: date, submitted_on: date | None, on: date) -> NoteStatus:
    """A note handed in on the deadline day is on time; not handed in after it, missing."""
    if submitted_on is not None:
        return NoteStatus.ON_TIME if submitted_on <= due else NoteStatus.LATE
    return NoteStatus.MISSING if on > due else NoteStatus.PENDING


# -- who a reading item is for ---------------------------------------------------------


@dataclass(frozen=True)
class Audience:
    """Everyone when both sets are empty; otherwise the chosen sections and ranks."""

    section_ids: frozenset[int] = frozenset()
    rank_ids: frozenset[int] = frozenset()

    @property
    def everyone(self) -> bool:
        return not self.section_ids and not self.rank_ids

    def includes(self, section_id: int | None, rank_id: int | None) -> bool:
        if self.everyone:
            return True
        return (section_id is not None and section_id in self.section_ids) or (
            rank_id is not None and rank_id in self.rank_ids
        )

    def describe(self, section_names: dict[int, str], rank_names: dict[int, str]) -> str:
        if self.everyone:
            return "全体"
        parts = [section_names.get(i, "?") for i in sorted(self.section_ids)]
        parts += [rank_names.get(i, "?") for i in sorted(self.rank_ids)]
        return "、".join(parts)


# -- exam scores as the clerk types them ----------------------------------------------

ABSENT_WORDS = ("缺考", "缺", "缺席", "未参加")
_NUMBER = re.compile(r"^\d+(\.\d{1,2})?$")


class ScoreError(ValueError):
    """The text is not a score; the message says why, in Chinese."""


@dataclass(frozen=True)
class ScoreEntry:
    score: float | None
    absent: bool = False

    def shown(self) -> str:
        if self.absent:
            return "缺考"
        return "" if self.score is None else f"{self.score:g}"


def parse_score(text: object, full_mark: float) -> ScoreEntry:
    """Read one typed or imported cell: a number 0–full mark, 「缺考」, or blank (not entered)."""
    if text is None:
        return ScoreEntry(None)
    if isinstance(text, bool):
        raise ScoreError(f"成绩应为 0–{full_mark:g} 之间的数字，或填“缺考”")
    if isinstance(text, int | float):
        value = float(text)
        raw = f"{value:g}"
    else:
        raw = to_halfwidth(str(text)).strip().replace("分", "")
        if not raw:
            return ScoreEntry(None)
        if raw in ABSENT_WORDS:
            return ScoreEntry(None, absent=True)
        if not _NUMBER.match(raw):
            raise ScoreError(f"成绩应为 0–{full_mark:g} 之间的数字（最多两位小数），或填“缺考”")
        value = float(raw)
    if not 0 <= value <= full_mark:
        raise ScoreError(f"成绩 {raw} 超出范围，应在 0–{full_mark:g} 之间")
    return ScoreEntry(round(value, 2))


def check_exam_marks(full_mark: float, pass_mark: float) -> str | None:
    if full_mark <= 0:
        return "满分应大于 0"
    if not 0 <= pass_mark <= full_mark:
        return f"及格线应在 0–{full_mark:g} 之间"
    return None


def enum_values(options: Collection[StrEnum]) -> list[str]:
    return [o.value for o in options]
