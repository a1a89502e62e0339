"""Annual-report sections for 学习学分 and 竞争上岗 (R-EVA-4), from those areas' services.

Each says plainly when its area holds no data for the year instead of
inventing numbers.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from orgdesk.domain.report import Chart, KeyFigure, ReportSection, not_yet
from orgdesk.domain.rotation_plan import PlanStatus
from orgdesk.services.contest_views import contest_detail, list_contests
from orgdesk.services.credits import credits_for_year, has_training_data, section_summary
from orgdesk.services.ledger_reports import ledger_on_time_rates
from orgdesk.services.report_sections import ReportContext
from orgdesk.services.rotation_plan import get_plan, list_plans
from orgdesk.services.secondments import list_secondments

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


ROTATION_HEADERS = ("类别", "姓名", "科室", "去向/岗位", "起始", "终止", "状态", "说明")


def rotation_section(ctx: ReportContext) -> ReportSection:
    """交流轮岗: secondments active in the year and the approved rotation plans' moves."""
    if ctx.db is None:
        return not_yet("rotation", "交流轮岗")
    first, last = ctx.year_start, ctx.year_end
    secondments = [
        s
        for s in list_secondments(ctx.db, last)
        if (s.actual_start or s.planned_start) <= last and (s.actual_end or s.planned_end) >= first
    ]
    plans = [p for p in list_plans(ctx.db) if p.year == ctx.year]
    approved = [p for p in plans if p.status is PlanStatus.APPROVED]
    if not secondments and not plans:
        return not_yet("rotation", "交流轮岗")
    rows: list[tuple[Any, ...]] = [
        (
            f"挂职·{s.kind.value}",
            s.name,
            s.section,
            f"{s.host_unit} {s.host_post}".strip(),
            s.actual_start or s.planned_start,
            s.actual_end or s.planned_end,
            s.status.value,
            s.range_note,
        )
        for s in secondments
    ]
    for plan in approved:
        for move in get_plan(ctx.db, plan.id).moves:
            rows.append(
                (
                    "轮岗交流",
                    move.name,
                    f"{move.from_section} {move.from_post}".strip(),
                    f"{move.to_section} {move.to_post}".strip(),
                    move.effective,
                    None,
                    "已实施",
                    plan.title,
                )
            )
    kinds = Counter(s.kind.value for s in secondments)
    return ReportSection(
        "rotation",
        "交流轮岗",
        True,
        headers=ROTATION_HEADERS,
        rows=tuple(rows),
        figures=(
            KeyFigure("本年挂职锻炼", len(secondments), "人次"),
            *(KeyFigure(f"其中{k}", n, "人次") for k, n in sorted(kinds.items())),
            KeyFigure("交流计划", len(plans), "份"),
            KeyFigure("轮岗交流实施", sum(1 for r in rows if r[0] == "轮岗交流"), "人次"),
        ),
        rows_in_pdf=True,
    )


LEDGER_HEADERS = ("科室", "事项类别", "应办结", "按时办结", "超期", "未到期", "按时办结率")


def ledger_section(ctx: ReportContext) -> ReportSection:
    """工作台账: on-time rate per section and kind for items due in the year."""
    if ctx.db is None:
        return not_yet("ledger", "工作台账")
    rates = ledger_on_time_rates(ctx.db, ctx.year, on=min(ctx.year_end, date.today()))
    if rates.overall.due == 0:
        return not_yet("ledger", "工作台账")

    def shown(rate: float | None) -> str:
        return "—" if rate is None else f"{rate:.1%}"

    rows = tuple(
        (r.section, r.kind, r.due, r.on_time, r.late, r.pending, shown(r.rate))
        for r in (*rates.rows, *rates.by_section, rates.overall)
    )
    overall = rates.overall
    return ReportSection(
        "ledger",
        "工作台账",
        True,
        headers=LEDGER_HEADERS,
        rows=rows,
        figures=(
            KeyFigure("应办结事项", overall.due, "件"),
            KeyFigure("按时办结", overall.on_time, "件"),
            KeyFigure("超期", overall.late, "件"),
            KeyFigure("按时办结率", shown(overall.rate)),
        ),
        charts=(
            Chart(
                "各科室按时办结率（%）",
                "bar",
                tuple(r.section for r in rates.by_section),
                (tuple(round((r.rate or 0) * 100, 1) for r in rates.by_section),),
            ),
        ),
        rows_in_pdf=True,
    )
