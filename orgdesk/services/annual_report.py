"""The annual report (R-EVA-4): build the data, then write Excel and PDF from it.

`build_annual_report(db, year)` returns plain dataclasses (domain.report);
`write_annual_report` renders them with the storage writers.  The CLI and the
年度考核 tab both call these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import OrgDeskError
from orgdesk.domain.report import AnnualReport, PersonForm, ReportSection
from orgdesk.services.audit import log_export
from orgdesk.services.reference import load_settings
from orgdesk.services.report_sections import (
    HOME_UNIT,
    SECTION_BUILDERS,
    TRAINING_LINES,
    ReportContext,
    remarks_for,
    summary_section,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Rank
from orgdesk.storage.models.evaluation import Appraisal

DEPARTMENT = "县委组织部"
NO_TRAINING = "本年度尚无学习学分数据"

Progress = Callable[[int, int, str], bool]


class ReportCancelled(OrgDeskError):
    """The clerk cancelled; no file was written."""

    def __init__(self) -> None:
        super().__init__("已取消生成年度报告")


def _go(progress: Progress | None, done: int, total: int, text: str) -> None:
    if progress is not None and not progress(done, total, text):
        raise ReportCancelled()


def build_annual_report(
    db: Database,
    year: int,
    *,
    today: date | None = None,
    cadre_ids: list[int] | None = None,
    progress: Progress | None = None,
) -> AnnualReport:
    """Everything the report shows for `year`; `cadre_ids` limits the per-person forms."""
    settings = load_settings(db)
    total = len(SECTION_BUILDERS) + 2
    with db.unit_of_work() as uow:
        ctx = ReportContext(uow.session, year, settings, db)
        parts: list[ReportSection] = []
        for step, (_key, builder) in enumerate(SECTION_BUILDERS):
            _go(progress, step, total, "正在汇总数据……")
            parts.append(builder(ctx))
        summary = summary_section(ctx, parts)
        _go(progress, total - 1, total, "正在整理个人考核登记表……")
        forms = person_forms(ctx, cadre_ids)
    return AnnualReport(
        year=year,
        department=DEPARTMENT,
        generated_on=today or date.today(),
        sections=(summary, *parts),
        forms=tuple(forms),
    )


def person_forms(ctx: ReportContext, cadre_ids: list[int] | None = None) -> list[PersonForm]:
    """年度考核登记表 for everyone assessed in the year (or only `cadre_ids`)."""
    s = ctx.session
    rows = [r for r in ctx.sheet.rows if cadre_ids is None or r.cadre_id in set(cadre_ids)]
    ids = [r.cadre_id for r in rows]
    people: Any = s.execute(
        select(
            Cadre.id, Cadre.sex, Cadre.birth_date, Cadre.political_status, Cadre.education
        ).where(Cadre.id.in_(ids))
    )
    info = {cid: rest for cid, *rest in people}
    rank_names: dict[int, str] = {rid: name for rid, name in s.execute(select(Rank.id, Rank.name))}
    in_post: dict[int, tuple[date, int | None]] = {}
    year_end = ctx.year_end
    postings: Any = s.execute(
        select(Posting.cadre_id, Posting.start_date, Posting.end_date, Posting.rank_id)
        .where(Posting.cadre_id.in_(ids), Posting.unit == HOME_UNIT)
        .order_by(Posting.start_date)
    )
    for cid, start, _end, rank_id in postings:
        if start <= year_end:  # the last one started by year end is the post held then
            in_post[cid] = (start, rank_id)
    texts = {
        a.cadre_id: a
        for a in s.scalars(
            select(Appraisal).where(Appraisal.year == ctx.year, Appraisal.cadre_id.in_(ids))
        )
    }
    training: dict[int, str] = {}
    for provider in TRAINING_LINES:
        training.update(provider(ctx, ids))
    needed = ctx.settings.int("evaluation.excellent_years_for_promotion")
    forms = []
    for r in rows:
        sex, birth, political, education = info.get(r.cadre_id, ("", None, "", ""))
        a = texts.get(r.cadre_id)
        since, rank_id = in_post.get(r.cadre_id, (None, None))
        rank = rank_names.get(rank_id, r.rank) if rank_id else r.rank
        post = f"{DEPARTMENT}{r.section}{r.post_title}"
        if rank and rank != r.post_title:
            post += f"（{rank}）"
        train = training.get(r.cadre_id) or (a.training_note if a else "") or NO_TRAINING
        forms.append(
            PersonForm(
                cadre_id=r.cadre_id,
                name=r.name,
                sex=sex,
                birth=birth,
                political_status=political,
                education=education,
                in_post_since=since,
                unit_and_post=post,
                duties=a.duties if a else "",
                self_summary=a.self_summary if a else "",
                training=train,
                target_score=r.target_score,
                votes=(r.tally.excellent, r.tally.competent, r.tally.basic, r.tally.incompetent),
                voters=r.tally.voters,
                vote_score=r.vote_score,
                combined=r.combined,
                proposed=r.proposed,
                final=r.final,
                final_reason=r.final_reason,
                leader_comment=a.leader_comment if a else "",
                history=tuple(sorted(r.history.items())),
                honours=r.honours,
                remarks=remarks_for(r, needed),
            )
        )
    return forms


@dataclass(frozen=True)
class WrittenReport:
    xlsx: Path | None
    pdf: Path | None
    people: int
    missing_glyphs: str


@requires(Permission.EXPORT, area="年度考核", action="生成年度报告")
def write_annual_report(
    db: Database,
    year: int,
    *,
    xlsx: Path | None = None,
    pdf: Path | None = None,
    cadre_ids: list[int] | None = None,
    forms_only: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> WrittenReport:
    """Build once, write the Excel workbook and/or the PDF; returns what was written."""
    from orgdesk.storage.report_pdf import write_report_pdf
    from orgdesk.storage.report_xlsx import write_report_xlsx

    report = build_annual_report(db, year, today=today, cadre_ids=cadre_ids, progress=progress)
    missing = ""
    if xlsx is not None:
        _go(progress, 0, 1, "正在写入 Excel……")
        write_report_xlsx(report, xlsx)
    if pdf is not None:

        def pdf_progress(done: int, total: int) -> bool:
            return progress is None or progress(done, total, "正在生成 PDF……")

        result = write_report_pdf(report, pdf, forms_only=forms_only, progress=pdf_progress)
        if result is None:
            raise ReportCancelled()
        missing = result
    for path in (xlsx, pdf):
        if path is not None:
            log_export(db, f"{year} 年度报告", path, count=len(report.forms))
    return WrittenReport(xlsx, pdf, len(report.forms), missing)
