"""Annual-report sections for 学习学分 and 竞争上岗 (R-EVA-4), from those areas' services.

Each says plainly when its area holds no data for the year instead of
inventing numbers.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from orgdesk.domain.report import Chart, KeyFigure, ReportSection, not_yet
from orgdesk.services.contest_views import contest_detail, list_contests
from orgdesk.services.credits import credits_for_year, has_training_data, section_summary
from orgdesk.services.report_sections import ReportContext

TRAINING_HEADERS = (
    "姓名",
    "科室",
    "职级",
    "应修学分",
    "已修学分",
    "差额",
    "不及格考试",
    "未交心得",
    "逾期心得",
    "是否达标",
)


def training_section(ctx: ReportContext) -> ReportSection:
    """学习学分: every cadre's account for the year, derived from the training records."""
    if ctx.db is None or not has_training_data(ctx.session, ctx.year):
        return not_yet("training", "学习学分", "学习培训")
    rows = credits_for_year(ctx.db, ctx.year)
    met = sum(1 for r in rows if r.shortfall == 0 and r.failed_exams == 0)
    table: list[tuple[Any, ...]] = [
        (
            r.name,
            r.section,
            r.rank,
            r.required,
            r.earned,
            r.shortfall,
            r.failed_exams,
            r.missing_notes,
            r.late_notes,
            "达标" if r.shortfall == 0 and r.failed_exams == 0 else "未达标",
        )
        for r in rows
    ]
    sections = section_summary(rows)
    average = round(sum(r.earned for r in rows) / len(rows), 2) if rows else 0
    return ReportSection(
        "training",
        "学习学分",
        True,
        headers=TRAINING_HEADERS,
        rows=tuple(table),
        figures=(
            KeyFigure("参加学分考核人数", len(rows), "人"),
            KeyFigure("学习达标人数", met, "人"),
            KeyFigure("未达标人数", len(rows) - met, "人"),
            KeyFigure("人均已修学分", average, "学分"),
            KeyFigure("考试不及格人次", sum(r.failed_exams for r in rows), "人次"),
        ),
        charts=(
            Chart(
                "各科室人均学分",
                "bar",
                tuple(x.section for x in sections),
                (tuple(float(x.average) for x in sections),),
            ),
        ),
    )


CONTEST_HEADERS = ("竞争上岗", "岗位", "发布日期", "当前阶段", "报名人数", "拟任人选", "已任职")


def contests_section(ctx: ReportContext) -> ReportSection:
    """竞争上岗: the contests announced in the year, how far they got and who was appointed."""
    if ctx.db is None:
        return not_yet("contests", "竞争上岗")
    contests = [c for c in list_contests(ctx.db) if c.announced_on.year == ctx.year]
    if not contests:
        return not_yet("contests", "竞争上岗")
    rows: list[tuple[Any, ...]] = []
    phases: Counter[str] = Counter()
    appointed_total = 0
    contestants_total = 0
    for summary in contests:
        detail = contest_detail(ctx.db, summary.id)
        proposed = [r.name for r in detail.registrations if r.proposed]
        appointed = [r.name for r in detail.registrations if r.appointed]
        appointed_total += len(appointed)
        contestants_total += summary.contestants
        phases[summary.phase.value] += 1
        rows.append(
            (
                summary.title,
                summary.posts,
                summary.announced_on,
                summary.phase.value,
                summary.contestants,
                "、".join(proposed),
                "、".join(appointed),
            )
        )
    return ReportSection(
        "contests",
        "竞争上岗",
        True,
        headers=CONTEST_HEADERS,
        rows=tuple(rows),
        figures=(
            KeyFigure("组织竞争上岗", len(contests), "次"),
            KeyFigure("报名人次", contestants_total, "人次"),
            KeyFigure("竞争上岗任职", appointed_total, "人"),
        ),
        rows_in_pdf=True,
    )


def training_lines(ctx: ReportContext, cadre_ids: list[int]) -> dict[int, str]:
    """参加培训情况 on each 年度考核登记表: the year's credit account in one sentence."""
    if ctx.db is None or not has_training_data(ctx.session, ctx.year):
        return {}
    wanted = set(cadre_ids)
    out: dict[int, str] = {}
    for r in credits_for_year(ctx.db, ctx.year):
        if r.cadre_id not in wanted:
            continue
        verdict = "达到年度学分要求" if r.shortfall == 0 else f"差 {r.shortfall:g} 学分"
        extra = [f"{r.failed_exams} 次考试不及格"] if r.failed_exams else []
        if r.missing_notes:
            extra.append(f"{r.missing_notes} 篇学习心得未交")
        tail = "；" + "，".join(extra) if extra else ""
        out[r.cadre_id] = (
            f"参加学习培训 {r.items} 项，已修 {r.earned:g} 学分（应修 {r.required:g}），{verdict}{tail}。"
        )
    return out
