"""时间轴: a cadre's posts, secondments and ranks as bars on a time axis, and the
department's who-was-where by year.  Plain data; the window draws it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from orgdesk.domain.rotation import Stint, merged_department_stints
from orgdesk.domain.rotation_gaps import SecondmentSpan


class Lane(StrEnum):
    POSTS = "任职经历"
    SECONDMENTS = "挂职锻炼"
    RANKS = "职级"


OUTSIDE = "外单位"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Bar:
    lane: Lane
    label: str
    start: date
    end: date  # last day shown (today for what is still open)
    open_ended: bool
    tone: str  # colour key: a section kind, a secondment kind, "职级" or OUTSIDE
    planned: bool = False  # a secondment not yet begun


@dataclass(frozen=True)
class PersonTimeline:
    name: str
    subtitle: str
    on: date
    bars: tuple[Bar, ...]

    @property
    def first(self) -> date:
        return min((b.start for b in self.bars), default=self.on)

    @property
    def last(self) -> date:
        return max([self.on, *(b.end for b in self.bars)])

    @property
    def joined(self) -> date | None:
        """Start of the first post in the department (outside posts come before it)."""
        inside = [b.start for b in self.bars if b.lane is Lane.POSTS and b.tone != OUTSIDE]
        return min(inside, default=None)

    def lane(self, lane: Lane) -> list[Bar]:
        return [b for b in self.bars if b.lane is lane]


def build_person_timeline(
    name: str,
    subtitle: str,
    stints: Sequence[Stint],
    secondments: Sequence[SecondmentSpan],
    section_names: dict[int, str],
    rank_names: dict[int, str],
    on: date,
) -> PersonTimeline:
    bars: list[Bar] = []
    outside = [s for s in stints if not s.in_department]
    posts = sorted([*outside, *merged_department_stints(stints)], key=lambda s: s.start)
    for s in posts:
        if s.in_department:
            label = f"{section_names.get(s.section_id or 0, '')} {s.post_title}".strip()
            tone = s.section_kind.value if s.section_kind else OUTSIDE
        else:
            label, tone = f"{s.unit} {s.post_title}".strip(), OUTSIDE
        bars.append(Bar(Lane.POSTS, label, s.start, s.end or on, s.end is None, tone))
    for span in sorted(secondments, key=lambda x: x.start):
        bars.append(
            Bar(
                Lane.SECONDMENTS,
                f"{span.kind.value}·{span.host_unit}",
                span.start,
                span.end,
                not span.ended,
                span.kind.value,
                planned=span.start > on,
            )
        )
    ranked = sorted((s for s in stints if s.rank_id is not None), key=lambda s: s.start)
    current: Bar | None = None
    for s in ranked:
        end = s.end or on
        label = rank_names.get(s.rank_id or 0, "")
        if current is not None and current.label == label and current.end + DAY >= s.start:
            current = Bar(
                Lane.RANKS, label, current.start, max(current.end, end), s.end is None, "职级"
            )
            continue
        if current is not None:
            bars.append(current)
        current = Bar(Lane.RANKS, label, s.start, end, s.end is None, "职级")
    if current is not None:
        bars.append(current)
    return PersonTimeline(name, subtitle, on, tuple(bars))


@dataclass(frozen=True)
class WhereRow:
    cadre_id: int
    name: str
    cells: tuple[int | None, ...]  # section id held at each year's reference day


def reference_day(year: int, on: date) -> date:
    """Where people were "in" a year: on 31 December, or on `on` for the current year."""
    return min(date(year, 12, 31), on)


def who_was_where(
    people: Sequence[tuple[int, str, Sequence[Stint]]], years: Sequence[int], on: date
) -> list[WhereRow]:
    rows = []
    for cadre_id, name, stints in people:
        inside = [s for s in stints if s.in_department]
        cells = []
        for year in years:
            day = reference_day(year, on)
            held = [s for s in inside if s.covers(day)]
            cells.append(max(held, key=lambda s: s.start).section_id if held else None)
        rows.append(WhereRow(cadre_id, name, tuple(cells)))
    return rows
