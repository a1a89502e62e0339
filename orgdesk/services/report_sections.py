"""The annual report's sections, as a registry of builders (R-EVA-4).

Each builder takes a `ReportContext` and returns a plain `ReportSection`.  The
order of `SECTION_BUILDERS` is the order of the sheets after 汇总 and of the
chapters in the PDF.  An area whose tables are not merged yet has a builder
that says so (`not_yet`); when the area lands, replace its entry with the
real builder — the summary picks up its key figures by itself.

`TRAINING_LINES` fills 参加培训情况 on each person's form; the training area
registers a provider `(ctx, cadre_ids) -> {cadre_id: text}`.
"""

from __future__ import annotations

import importlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from orgdesk.domain.evaluation import GRADES, grade_counts
from orgdesk.domain.people import CadreStatus
from orgdesk.domain.report import Chart, KeyFigure, ReportSection, Table
from orgdesk.domain.settings import Settings
from orgdesk.services.evaluation import AppraisalSheet, build_sheet, departures
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Section
from orgdesk.storage.models.evaluation import Honour

HOME_UNIT = "本部"
UNDECIDED = "未定等次"


@dataclass
class ReportContext:
    session: Session
    year: int
    settings: Settings
    db: Database | None = None  # for areas whose services open their own unit of work

    @property
    def year_start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)

    @cached_property
    def sheet(self) -> AppraisalSheet:
        return build_sheet(self.session, self.year, self.settings)

    @cached_property
    def departures(self) -> dict[int, date | None]:
        return departures(self.session)

    def present_on(self, day: date) -> set[int]:
        """Cadres in the department on `day` (joined by then, not yet gone)."""
        rows: Any = self.session.execute(
            select(Cadre.id, Cadre.status).where(
                or_(Cadre.joined_department.is_(None), Cadre.joined_department <= day)
            )
        )
        out = set()
        for cid, status in rows:
            if status != CadreStatus.LEFT.value:
                out.add(cid)
            else:
                gone = self.departures.get(cid)
                if gone is not None and gone >= day:
                    out.add(cid)
        return out


SectionBuilder = Callable[[ReportContext], ReportSection]
TrainingLines = Callable[[ReportContext, list[int]], dict[int, str]]


# -- 年度考核 --------------------------------------------------------------------------------

EVALUATION_HEADERS = (
    "姓名",
    "身份证号",
    "科室",
    "职务",
    "职级",
    "目标得分",
    "优秀票",
    "称职票",
    "基本称职票",
    "不称职票",
    "参评人数",
    "民主评议得分",
    "综合得分",
    "建议等次",
    "确定等次",
    "确定理由",
    "连续优秀年数",
    "荣誉",
    "处理建议",
)


def remarks_for(row: Any, years_needed: int) -> str:
    if row.recommended:
        return f"连续 {row.consecutive_excellent} 年优秀，推荐提拔"
    if row.transfer_review:
        return "年度考核不称职，列入调离审查"
    return ""


def evaluation_section(ctx: ReportContext) -> ReportSection:
    sheet = ctx.sheet
    needed = ctx.settings.int("evaluation.excellent_years_for_promotion")
    rows = tuple(
        (
            r.name,
            r.id_number,
            r.section,
            r.post_title,
            r.rank,
            r.target_score,
            r.tally.excellent,
            r.tally.competent,
            r.tally.basic,
            r.tally.incompetent,
            r.tally.voters,
            r.vote_score,
            r.combined,
            r.proposed or "",
            r.final or UNDECIDED,
            r.final_reason,
            r.consecutive_excellent,
            "、".join(r.honours),
            remarks_for(r, needed),
        )
        for r in sheet.rows
    )
    if not sheet.rows:
        return ReportSection(
            "evaluation", "年度考核", False, note=f"{ctx.year} 年度尚无参加考核人员。"
        )
    counts = grade_counts(r.final for r in sheet.rows)
    undecided = sum(1 for r in sheet.rows if r.final is None)
    evaluated = len(sheet.rows)
    excellent_share = 100.0 * counts["优秀"] / evaluated
    promotion = [r for r in sheet.rows if r.recommended]
    transfer = [r for r in sheet.rows if r.transfer_review]
    honours: Any = ctx.session.execute(
        select(
            Cadre.name,
            func.coalesce(Section.name, ""),
            Honour.title,
            Honour.kind,
            Honour.awarded_on,
        )
        .join(Cadre, Cadre.id == Honour.cadre_id)
        .outerjoin(Section, Section.id == Cadre.section_id)
        .where(Honour.year == ctx.year)
        .order_by(Section.sort_order, Cadre.name_pinyin)
    )
    honour_rows = tuple(tuple(h) for h in honours)
    figures = (
        KeyFigure("参加考核人数", evaluated, "人"),
        *(KeyFigure(g.value, counts[g.value], "人") for g in GRADES),
        KeyFigure(UNDECIDED, undecided, "人"),
        KeyFigure("优秀比例", round(excellent_share, 1), "%"),
        KeyFigure("优秀名额上限", sheet.quota, "人"),
        KeyFigure("推荐提拔", len(promotion), "人"),
        KeyFigure("调离审查", len(transfer), "人"),
        KeyFigure("获得表彰奖励", len(honour_rows), "人次"),
    )
    by_section = _grades_by_section(sheet)
    labels = tuple(by_section)
    charts = (
        Chart(
            "考核等次分布",
            "pie",
            tuple(g.value for g in GRADES) + ((UNDECIDED,) if undecided else ()),
            (
                tuple(float(counts[g.value]) for g in GRADES)
                + ((float(undecided),) if undecided else ()),
            ),
        ),
        Chart(
            "各科室考核等次",
            "stacked",
            labels,
            tuple(
                tuple(float(by_section[s][g]) for s in labels)
                for g in (*[g.value for g in GRADES], UNDECIDED)
            ),
            (*[g.value for g in GRADES], UNDECIDED),
        ),
    )
    tables = (
        Table(
            "各科室考核等次分布",
            ("科室", "参加考核", *[g.value for g in GRADES], UNDECIDED),
            tuple(
                (s, sum(c.values()), *[c[g.value] for g in GRADES], c[UNDECIDED])
                for s, c in by_section.items()
            ),
        ),
        Table(
            f"推荐提拔名单（连续 {needed} 年及以上优秀）",
            ("姓名", "科室", "职务", "连续优秀年数"),
            tuple((r.name, r.section, r.post_title, r.consecutive_excellent) for r in promotion),
        ),
        Table(
            "调离审查名单（年度考核不称职）",
            ("姓名", "科室", "职务", "确定等次"),
            tuple((r.name, r.section, r.post_title, r.final) for r in transfer),
        ),
        Table("表彰奖励名单", ("姓名", "科室", "奖励名称", "类别", "授予日期"), honour_rows),
    )
    return ReportSection(
        "evaluation",
        "年度考核",
        True,
        note="",
        headers=EVALUATION_HEADERS,
        rows=rows,
        figures=figures,
        charts=charts,
        tables=tables,
        text_columns=("身份证号",),
    )


def _grades_by_section(sheet: AppraisalSheet) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for r in sheet.rows:
        out[r.section or "未分配科室"][r.final or UNDECIDED] += 1
    return dict(out)


# -- 人员进出 --------------------------------------------------------------------------------

MOVEMENT_HEADERS = (
    "类别",
    "姓名",
    "身份证号",
    "性别",
    "出生日期",
    "科室",
    "职务",
    "日期",
    "来源或去向",
)


def movement_section(ctx: ReportContext) -> ReportSection:
    """Intake (进入本部时间 in the year) and outflow (已调出, last posting here ended in the year)."""
    s = ctx.session
    start, end = ctx.year_start, ctx.year_end
    people: Any = s.execute(
        select(
            Cadre.id,
            Cadre.name,
            Cadre.id_number,
            Cadre.sex,
            Cadre.birth_date,
            func.coalesce(Section.name, ""),
            Cadre.post_title,
            Cadre.joined_department,
            Cadre.status,
        ).outerjoin(Section, Section.id == Cadre.section_id)
    )
    people = people.all()
    postings: dict[int, list[Any]] = defaultdict(list)
    for p in s.scalars(select(Posting).order_by(Posting.start_date)):
        postings[p.cadre_id].append(p)
    gone = ctx.departures
    intake, outflow = [], []
    undated = 0
    for cid, name, id_number, sex, birth, section, post, joined, status in people:
        if joined is not None and start <= joined <= end:
            before = [p for p in postings[cid] if p.unit != HOME_UNIT and p.start_date < joined]
            came_from = before[-1].unit if before else ""
            intake.append(("进入", name, id_number, sex, birth, section, post, joined, came_from))
        if status == CadreStatus.LEFT.value:
            left_on = gone.get(cid)
            if left_on is None:
                undated += 1
            elif start <= left_on <= end:
                after = [p for p in postings[cid] if p.unit != HOME_UNIT and p.start_date > left_on]
                went_to = f"{after[0].unit} {after[0].post_title}".strip() if after else ""
                last = [p for p in postings[cid] if p.unit == HOME_UNIT]
                last_post = last[-1].post_title if last else post
                outflow.append(
                    ("调出", name, id_number, sex, birth, section, last_post, left_on, went_to)
                )
    intake.sort(key=lambda r: (r[7], r[1]))
    outflow.sort(key=lambda r: (r[7], r[1]))
    at_start = len(ctx.present_on(start))
    at_end = len(ctx.present_on(end))
    note = f"另有 {undated} 名已调出人员未记录调出日期，未计入本年度调出人数。" if undated else ""
    months = tuple(f"{m}月" for m in range(1, 13))
    figures = (
        KeyFigure("年初在册人数", at_start, "人"),
        KeyFigure("本年进入人数", len(intake), "人"),
        KeyFigure("本年调出人数", len(outflow), "人"),
        KeyFigure("年末在册人数", at_end, "人"),
    )
    chart = Chart(
        "各月人员进出",
        "bar",
        months,
        (
            tuple(float(sum(1 for r in intake if r[7].month == m)) for m in range(1, 13)),
            tuple(float(sum(1 for r in outflow if r[7].month == m)) for m in range(1, 13)),
        ),
        ("进入", "调出"),
    )
    return ReportSection(
        "movement",
        "人员进出",
        True,
        note=note,
        headers=MOVEMENT_HEADERS,
        rows=tuple(intake + outflow),
        figures=figures,
        charts=(chart,),
        text_columns=("身份证号",),
        rows_in_pdf=True,
    )


# -- 汇总 ------------------------------------------------------------------------------------

SUMMARY_HEADERS = ("板块", "项目", "数值", "单位", "说明")


def summary_section(ctx: ReportContext, parts: list[ReportSection]) -> ReportSection:
    """汇总: headcount by section, then every other section's key figures (or why none)."""
    present = ctx.present_on(ctx.year_end)
    sections: Any = ctx.session.execute(
        select(Cadre.id, func.coalesce(Section.name, "未分配科室"))
        .outerjoin(Section, Section.id == Cadre.section_id)
        .order_by(Section.sort_order)
    )
    per_section: Counter[str] = Counter()
    order: list[str] = []
    for cid, name in sections:
        if name not in order:
            order.append(name)
        if cid in present:
            per_section[name] += 1
    rows: list[tuple[Any, ...]] = [("基本情况", "年末在册人数", len(present), "人", "")]
    rows += [("基本情况", f"其中：{n}", per_section[n], "人", "") for n in order if per_section[n]]
    for part in parts:
        if not part.available:
            rows.append((part.title, "—", None, "", part.note))
            continue
        rows += [(part.title, f.label, f.value, f.unit, "") for f in part.figures]
        if part.note:
            rows.append((part.title, "说明", None, "", part.note))
    labels = tuple(n for n in order if per_section[n])
    chart = Chart(
        "各科室年末在册人数", "bar", labels, (tuple(float(per_section[n]) for n in labels),)
    )
    return ReportSection(
        "summary",
        "汇总",
        True,
        headers=SUMMARY_HEADERS,
        rows=tuple(rows),
        figures=(
            KeyFigure("年末在册人数", len(present), "人"),
            KeyFigure("科室数", len(labels), "个"),
        ),
        charts=(chart,),
    )


def _lazy(module: str, name: str) -> SectionBuilder:
    """A builder from an area module that itself imports this one (no import cycle)."""

    def build(ctx: ReportContext) -> ReportSection:
        builder: SectionBuilder = getattr(importlib.import_module(module), name)
        return builder(ctx)

    return build


SECTION_BUILDERS: list[tuple[str, SectionBuilder]] = [
    ("evaluation", evaluation_section),
    ("training", _lazy("orgdesk.services.report_areas", "training_section")),
    ("rotation", _lazy("orgdesk.services.report_areas", "rotation_section")),
    ("movement", movement_section),
    ("ledger", _lazy("orgdesk.services.report_areas", "ledger_section")),
    ("contests", _lazy("orgdesk.services.report_areas", "contests_section")),
]


def _training_lines(ctx: ReportContext, cadre_ids: list[int]) -> dict[int, str]:
    from orgdesk.services.report_areas import training_lines

    return training_lines(ctx, cadre_ids)


TRAINING_LINES: list[TrainingLines] = [_training_lines]
