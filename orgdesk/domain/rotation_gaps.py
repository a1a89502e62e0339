"""缺什么补什么 (R-ROT-4): what a cadre's history lacks, and the secondment that fills it.

* no grassroots experience (never worked or was seconded in a 乡镇、街道、村、社区
  or enterprise) → 下派;
* a middle-level leader (科长/副科长) never in a higher organ (省、市 level, or 上挂)
  → 上挂 for macro-management and decision-making experience;
* long in one line of work (one section, summed over all stints, at least
  `rotation.same_line_years`) and never placed for study elsewhere → 到有关部门学习.

A suggestion already covered by a secondment of that kind that is planned or
under way is not repeated.  Units are classified by their names, so the
keywords below are the whole of the judgement and are kept here in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from orgdesk.domain.rotation import Stint, merged_department_stints
from orgdesk.domain.secondment import SecondmentKind
from orgdesk.domain.service_length import format_years_months, years_months_between
from orgdesk.domain.settings import Settings

# 城关镇人民政府, 柳林乡, 东关街道办事处, 王庄村, 幸福社区, 某某有限公司, 县化肥厂 ...
# but not 县住房和城乡建设局 or 县农业农村局.
GRASSROOTS_UNIT = re.compile(
    r"(乡|镇|苏木)(人民政府|政府|党委)?$|街道|社区|村(民委员会|委会|党支部|党总支)?$"
    r"|公司|企业|工厂|厂$|集团"
)
# 市委组织部, 省委办公厅, 某某市人民政府, 中央… — not 县市场监督管理局.
HIGHER_ORGAN_UNIT = re.compile(r"(省|自治区|市|州)(委|人民政府|政府|委员会)|中央|国务院|国家")
MIDDLE_LEVEL_POSTS = ("科长", "副科长", "主任", "副主任")


def is_grassroots(unit: str) -> bool:
    return bool(GRASSROOTS_UNIT.search(unit.strip()))


def is_higher_organ(unit: str) -> bool:
    return bool(HIGHER_ORGAN_UNIT.search(unit.strip()))


@dataclass(frozen=True)
class SecondmentSpan:
    """A secondment as the suggestions and the plan checks read it."""

    kind: SecondmentKind
    host_unit: str
    start: date
    end: date  # actual end when ended, else planned end
    ended: bool
    id: int = 0


@dataclass(frozen=True)
class PersonHistory:
    cadre_id: int
    name: str
    post_title: str
    stints: tuple[Stint, ...]
    secondments: tuple[SecondmentSpan, ...] = ()
    section_names: dict[int, str] | None = None


@dataclass(frozen=True)
class GapSuggestion:
    cadre_id: int
    name: str
    kind: SecondmentKind
    reason: str


def suggest(person: PersonHistory, on: date, settings: Settings) -> list[GapSuggestion]:
    """The suggestions for one cadre, each with its reason in Chinese."""
    out: list[GapSuggestion] = []
    past = [s for s in person.stints if s.start <= on]
    spans = [s for s in person.secondments if s.start <= on or not s.ended]

    def covered(kind: SecondmentKind) -> bool:
        return any(s.kind is kind and not s.ended for s in spans)

    def add(kind: SecondmentKind, reason: str) -> None:
        if not covered(kind):
            out.append(GapSuggestion(person.cadre_id, person.name, kind, reason))

    grassroots = [s.unit for s in past if is_grassroots(s.unit)] + [
        s.host_unit for s in spans if s.kind is SecondmentKind.DOWN and s.start <= on
    ]
    if not grassroots:
        add(
            SecondmentKind.DOWN,
            "任职经历中没有乡镇、街道、村（社区）或企业的工作经历，缺少基层工作经验，"
            "建议下派到企业、乡镇或街道办事处挂职锻炼",
        )

    if person.post_title in MIDDLE_LEVEL_POSTS:
        higher = [s.unit for s in past if is_higher_organ(s.unit)] + [
            s.host_unit for s in spans if s.kind is SecondmentKind.UP and s.start <= on
        ]
        if not higher:
            add(
                SecondmentKind.UP,
                f"现任{person.post_title}（中层干部），没有在上级机关工作或跟班的经历，"
                "缺少宏观管理和决策锻炼，建议上挂到上级机关跟班学习",
            )

    studied = any(s.kind is SecondmentKind.STUDY and s.start <= on for s in spans)
    if not studied:
        longest = _longest_line(past, on)
        if longest is not None:
            section_id, months = longest
            if months >= 12 * settings.int("rotation.same_line_years"):
                name = (person.section_names or {}).get(section_id, "同一科室")
                length = format_years_months(*divmod(months, 12))
                add(
                    SecondmentKind.STUDY,
                    f"在{name}累计工作 {length}，长期从事同一条线工作，知识面有待拓宽，"
                    "建议到行政、经济管理、司法等有关部门学习",
                )
    return out


def _longest_line(stints: Sequence[Stint], on: date) -> tuple[int, int] | None:
    """(section id, whole months) of the section the cadre spent longest in, up to `on`."""
    totals: dict[int, int] = {}
    for s in merged_department_stints(stints):
        if s.section_id is None or s.start > on:
            continue
        # a closed stint counts both its days; an open one runs up to `on`
        end = min(s.end + timedelta(days=1), on) if s.end is not None else on
        y, m = years_months_between(s.start, end)
        totals[s.section_id] = totals.get(s.section_id, 0) + 12 * y + m
    if not totals:
        return None
    return max(totals.items(), key=lambda kv: kv[1])
