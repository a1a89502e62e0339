"""年度交流计划: proposed moves and the checks run before a plan is approved (R-ROT-2).

Blocking problems stop approval; warnings are shown and the approver confirms
them.  Each message names the row of the plan (第 N 条) and the person.

Blocking:  同一人重复安排, 岗位重复安排 (a one-seat post given twice, or given while
           its holder stays), 生效日期不晚于现任职起始, 人员已调出.
Warnings:  科室无科长 (a section that had a chief has none after the plan),
           未满最短任职年限, 挂职期间调整, 超出职数 (a multi-seat post already full),
           岗位未变化.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from orgdesk.domain.rotation_gaps import SecondmentSpan
from orgdesk.domain.service_length import full_years_between

CHIEF_TITLE = "科长"


class PlanStatus(StrEnum):
    DRAFT = "草稿"
    APPROVED = "已批准"


class ConflictKind(StrEnum):
    DUPLICATE_PERSON = "同一人重复安排"
    POST_TWICE = "岗位重复安排"
    NOT_AFTER_CURRENT = "生效日期有误"
    LEFT = "人员已调出"
    NO_CHIEF = "科室无科长"
    TOO_EARLY = "未满最短任职年限"
    ON_SECONDMENT = "挂职期间调整"
    OVER_HEADCOUNT = "超出职数"
    NO_CHANGE = "岗位未变化"

    @property
    def blocking(self) -> bool:
        return self in BLOCKING


BLOCKING = frozenset(
    {
        ConflictKind.DUPLICATE_PERSON,
        ConflictKind.POST_TWICE,
        ConflictKind.NOT_AFTER_CURRENT,
        ConflictKind.LEFT,
    }
)


@dataclass(frozen=True)
class PlannedMove:
    """One proposed move with what the checks need to know about the person."""

    row: int  # 1-based position in the plan, as shown to the clerk
    cadre_id: int
    name: str
    to_section_id: int | None
    to_post: str
    effective: date
    from_section_id: int | None = None
    from_post: str = ""
    post_since: date | None = None  # start of the post held (merged stint)
    line_start: date | None = None  # start of the open history line (a move must be later)
    min_years: int = 0
    has_left: bool = False


@dataclass(frozen=True)
class Seat:
    section_id: int
    title: str
    headcount: int
    is_chief: bool


@dataclass(frozen=True)
class Holder:
    cadre_id: int
    section_id: int | None
    post_title: str


@dataclass(frozen=True)
class PlanConflict:
    kind: ConflictKind
    message: str
    rows: tuple[int, ...]

    @property
    def blocking(self) -> bool:
        return self.kind.blocking

    def __str__(self) -> str:
        return f"【{self.kind.value}】{self.message}"


def chief_titles(section_id: int | None, seats: Sequence[Seat]) -> set[str]:
    return {CHIEF_TITLE} | {s.title for s in seats if s.section_id == section_id and s.is_chief}


def check_plan(
    moves: Sequence[PlannedMove],
    holders: Sequence[Holder],
    seats: Sequence[Seat],
    secondments: Mapping[int, Sequence[SecondmentSpan]],
    section_names: dict[int, str],
) -> list[PlanConflict]:
    """Every conflict of the plan, blocking ones first."""
    out: list[PlanConflict] = []

    def where(m: PlannedMove) -> str:
        return f"第 {m.row} 条（{m.name}）"

    def post_name(section_id: int | None, title: str) -> str:
        return f"{section_names.get(section_id or 0, '外单位')}·{title}"

    by_person: dict[int, list[PlannedMove]] = defaultdict(list)
    for m in moves:
        by_person[m.cadre_id].append(m)
    for person_moves in by_person.values():
        if len(person_moves) > 1:
            rows = tuple(m.row for m in person_moves)
            listed = "、".join(f"第 {r} 条" for r in rows)
            out.append(
                PlanConflict(
                    ConflictKind.DUPLICATE_PERSON,
                    f"{person_moves[0].name} 在计划中出现 {len(rows)} 次（{listed}）",
                    rows,
                )
            )

    for m in moves:
        if m.has_left:
            out.append(
                PlanConflict(ConflictKind.LEFT, f"{where(m)}已调出本部，不能再安排", (m.row,))
            )
        if m.line_start is not None and m.effective <= m.line_start:
            out.append(
                PlanConflict(
                    ConflictKind.NOT_AFTER_CURRENT,
                    f"{where(m)}生效日期 {m.effective:%Y-%m-%d} 不晚于现任职起始 "
                    f"{m.line_start:%Y-%m-%d}",
                    (m.row,),
                )
            )
        elif m.post_since is not None:
            years = full_years_between(m.post_since, m.effective)
            if years < m.min_years:
                out.append(
                    PlanConflict(
                        ConflictKind.TOO_EARLY,
                        f"{where(m)}{m.post_since:%Y-%m-%d} 起任现岗位，到生效日仅 {years} 年，"
                        f"未满 {m.min_years} 年",
                        (m.row,),
                    )
                )
        if m.from_section_id == m.to_section_id and m.from_post == m.to_post:
            out.append(
                PlanConflict(
                    ConflictKind.NO_CHANGE,
                    f"{where(m)}拟任岗位与现岗位相同（{post_name(m.to_section_id, m.to_post)}）",
                    (m.row,),
                )
            )
        for span in secondments.get(m.cadre_id, ()):
            if span.start <= m.effective <= span.end:
                out.append(
                    PlanConflict(
                        ConflictKind.ON_SECONDMENT,
                        f"{where(m)}生效日 {m.effective:%Y-%m-%d} 正在{span.host_unit}"
                        f"{span.kind.value}挂职（{span.start:%Y-%m-%d} 至 {span.end:%Y-%m-%d}）",
                        (m.row,),
                    )
                )

    moving = {m.cadre_id for m in moves}
    after = [h for h in holders if h.cadre_id not in moving]
    after += [Holder(m.cadre_id, m.to_section_id, m.to_post) for m in moves if not m.has_left]
    out += _seat_conflicts(moves, holders, seats, moving, post_name)
    out += _chief_conflicts(moves, holders, after, seats, section_names)
    return sorted(out, key=lambda c: (not c.blocking, c.rows, c.kind.value))


def _seat_conflicts(
    moves: Sequence[PlannedMove],
    holders: Sequence[Holder],
    seats: Sequence[Seat],
    moving: set[int],
    post_name: Callable[[int | None, str], str],
) -> list[PlanConflict]:
    out: list[PlanConflict] = []
    incoming: dict[tuple[int | None, str], list[PlannedMove]] = defaultdict(list)
    for m in moves:
        if (m.from_section_id, m.from_post) != (m.to_section_id, m.to_post):
            incoming[(m.to_section_id, m.to_post)].append(m)
    seat_of = {(s.section_id, s.title): s for s in seats}
    for (section_id, title), arriving in incoming.items():
        if section_id is None:
            continue
        seat = seat_of.get((section_id, title))
        if seat is not None:
            capacity = seat.headcount
        elif title in chief_titles(section_id, seats):
            capacity = 1
        else:
            continue  # a post with no recorded 职数: nothing to count against
        staying = [
            h
            for h in holders
            if h.section_id == section_id and h.post_title == title and h.cadre_id not in moving
        ]
        if len(staying) + len(arriving) <= capacity:
            continue
        rows = tuple(m.row for m in arriving)
        names = "、".join(m.name for m in arriving)
        place = post_name(section_id, title)
        free = max(capacity - len(staying), 0)
        if capacity == 1 or len(arriving) > capacity:
            extra = f"，现任 {len(staying)} 人未调出" if staying else ""
            out.append(
                PlanConflict(
                    ConflictKind.POST_TWICE,
                    f"「{place}」职数 {capacity} 人，计划安排了 {names}{extra}",
                    rows,
                )
            )
        elif len(arriving) > free:
            out.append(
                PlanConflict(
                    ConflictKind.OVER_HEADCOUNT,
                    f"「{place}」职数 {capacity} 人，现有 {len(staying)} 人，"
                    f"再安排 {names} 将超出职数",
                    rows,
                )
            )
    return out


def _chief_conflicts(
    moves: Sequence[PlannedMove],
    before: Sequence[Holder],
    after: Sequence[Holder],
    seats: Sequence[Seat],
    section_names: dict[int, str],
) -> list[PlanConflict]:
    out: list[PlanConflict] = []
    touched = {m.from_section_id for m in moves if m.from_section_id is not None}
    for section_id in sorted(touched):
        titles = chief_titles(section_id, seats)
        had = [h for h in before if h.section_id == section_id and h.post_title in titles]
        has = [h for h in after if h.section_id == section_id and h.post_title in titles]
        if had and not has:
            rows = tuple(
                m.row for m in moves if m.from_section_id == section_id and m.from_post in titles
            )
            out.append(
                PlanConflict(
                    ConflictKind.NO_CHIEF,
                    f"{section_names.get(section_id, '该科室')}调整后没有科长（主要负责人）",
                    rows,
                )
            )
    return out


@dataclass(frozen=True)
class PlanLine:
    """One move as the Excel sheet and the printed plan show it."""

    row: int
    name: str
    from_section: str
    from_post: str
    to_section: str
    to_post: str
    to_rank: str
    effective: date
    reason: str
    remarks: str = ""  # the checks' findings for this row


@dataclass(frozen=True)
class PlanReport:
    """年度交流计划 as data; `storage.rotation_export` renders it to xlsx and pdf."""

    title: str
    year: int
    status: PlanStatus
    created_by: str
    approved_by: str
    approved_on: date | None
    lines: tuple[PlanLine, ...]
    conflicts: tuple[str, ...]
    printed_on: date
